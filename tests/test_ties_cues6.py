"""Tie cues of round 6: agreements and truces, joint action, material and ideological support,
membership of a coalition. One row per construction, on sentences invented for these tests (other
names, words and word orders than any corpus text). Each case lists the ties that must be found
and the ties that must not.

A truce or ceasefire between two groups says they were fighting each other: `rivals`, never an
alliance; an agreement, accord, pact or deal signed between two groups is `cooperates_with`.
When two groups sign a truce or an agreement *with* a third party ("X and Y agreed a ceasefire
with the army"), the two are tied to nothing between them."""
from __future__ import annotations

import pytest
from extract_helpers import names, run

SYMMETRIC = {"cooperates_with", "affiliated_with", "rivals"}


def _found(text: str) -> set[tuple[str, str, str, str]]:
    ex = run(text)
    n = names(ex)
    return {(n[r["subject"]], r["type"], n[r["object"]], r["polarity"]) for r in ex["relations"]}


def _has(found: set, a: str, type_: str, b: str, polarity: str = "positive") -> bool:
    return (a, type_, b, polarity) in found or (type_ in SYMMETRIC and (b, type_, a, polarity) in found)


def _any(found: set, a: str, type_: str, b: str) -> bool:
    return any(_has(found, a, type_, b, p) for p in ("positive", "negated"))


MNLA = "National Movement for the Liberation of Azawad"
PIJ = "Palestinian Islamic Jihad"
JNIM = "Jama'at Nusrat al-Islam wal-Muslimin"

CASES = [
    # truces: rivals, never cooperation
    ("truce with", "In 2017 Hizbul Islam agreed a truce with al-Shabaab after months of clashes.",
     [("Hizbul Islam", "rivals", "al-Shabaab")], [("Hizbul Islam", "cooperates_with", "al-Shabaab")]),
    ("truce between", "The truce between Ansaru and Boko Haram broke down in June.",
     [("Ansaru", "rivals", "Boko Haram")], [("Ansaru", "cooperates_with", "Boko Haram")]),
    ("signed a truce (coordinated signatories)", "Hizbul Islam and al-Shabaab signed a truce in the spring of 2010.",
     [("Hizbul Islam", "rivals", "al-Shabaab")], [("Hizbul Islam", "cooperates_with", "al-Shabaab")]),
    ("ceasefire agreement with", "Hizbul Islam signed a ceasefire agreement with al-Shabaab in Kismayo.",
     [("Hizbul Islam", "rivals", "al-Shabaab")], [("Hizbul Islam", "cooperates_with", "al-Shabaab")]),
    ("ceasefire agreement between", "A ceasefire agreement between Ansaru and Boko Haram collapsed last week.",
     [("Ansaru", "rivals", "Boko Haram")], [("Ansaru", "cooperates_with", "Boko Haram")]),
    ("broke its truce with", "Boko Haram broke its truce with Ansaru in May.",
     [("Boko Haram", "rivals", "Ansaru")], [("Boko Haram", "faction_of", "Ansaru")]),
    ("truce with a third party", "Hamas and Islamic Jihad inked a truce with Israel.",
     [], [("Hamas", "rivals", PIJ), ("Hamas", "cooperates_with", PIJ)]),
    ("ceasefire agreed with a third party", "Hamas and Islamic Jihad agreed to a ceasefire with Israel on Sunday.",
     [], [("Hamas", "rivals", PIJ), ("Hamas", "cooperates_with", PIJ)]),
    # agreements between groups: cooperation
    ("signed an accord (coordinated signatories)", "Ansar Dine and the MNLA signed an accord to administer Timbuktu together.",
     [("Ansar Dine", "cooperates_with", MNLA)], [("Ansar Dine", "rivals", MNLA)]),
    ("struck a deal with", "Ansar Dine struck a deal with al-Mourabitoun over the fuel routes.",
     [("Ansar Dine", "cooperates_with", "al-Mourabitoun")], []),
    ("pact with in a relative clause", "Ansar Dine, which signed a pact with the MNLA in May, later turned on it.",
     [("Ansar Dine", "cooperates_with", MNLA)], []),
    ("memorandum", "Ansar Dine and the MNLA had signed a memorandum of understanding.",
     [("Ansar Dine", "cooperates_with", MNLA)], []),
    ("agreement with a third party", "Ansar Dine and the MNLA signed an agreement with the government in Algiers.",
     [], [("Ansar Dine", "cooperates_with", MNLA)]),
    # joint action
    ("jointly ran", "Hamas and Islamic Jihad jointly ran the crossing for two years.",
     [("Hamas", "cooperates_with", PIJ)], []),
    ("jointly claimed", "Hamas and Islamic Jihad jointly claimed the rocket attack on Ashkelon.",
     [("Hamas", "cooperates_with", PIJ)], []),
    ("both attacked: no tie", "Hamas and Islamic Jihad both fired rockets at Israel.",
     [], [("Hamas", "cooperates_with", PIJ), ("Hamas", "rivals", PIJ)]),
    ("links of several kinds", "Hizbul Islam and al-Shabaab have operational, financial and logistical links.",
     [("Hizbul Islam", "affiliated_with", "al-Shabaab")], []),
    # "their" standing for two groups named before it
    ("extent of their relationship", "Ansaru and Boko Haram operate in the same forests. Analysts have long "
     "debated the extent of their relationship.",
     [("Ansaru", "affiliated_with", "Boko Haram")], []),
    ("their alliance", "Ansaru and Boko Haram announced their alliance in 2012.",
     [("Ansaru", "cooperates_with", "Boko Haram")], [("Ansaru", "rivals", "Boko Haram")]),
    ("their rivalry", "Ansaru and Boko Haram put aside their rivalry for a month.",
     [("Ansaru", "rivals", "Boko Haram")], [("Ansaru", "cooperates_with", "Boko Haram")]),
    ("their ties to a third group", "Ansaru and Boko Haram renewed their ties to al-Qaeda.",
     [], [("Ansaru", "affiliated_with", "Boko Haram")]),
    ("their alliance with a third group", "Ansaru and Boko Haram strengthened their alliance with al-Qaeda.",
     [], [("Ansaru", "cooperates_with", "Boko Haram")]),
    ("their war against a third party", "Ansaru and Boko Haram stepped up their war against the army.",
     [], [("Ansaru", "rivals", "Boko Haram")]),
    # support
    ("sold weapons to", "Hezbollah sold anti-tank missiles to Hamas.",
     [("Hezbollah", "supports", "Hamas")], [("Hamas", "supports", "Hezbollah")]),
    ("bought from", "Hezbollah bought rockets from Hamas.",
     [("Hamas", "supports", "Hezbollah")], [("Hezbollah", "supports", "Hamas"), ("Hezbollah", "rivals", "Hamas")]),
    ("helped members escape", "Ansaru helped three members of Boko Haram escape from a prison in Kano.",
     [("Ansaru", "supports", "Boko Haram")], [("Boko Haram", "supports", "Ansaru")]),
    ("helped a third party against", "Ansaru helped the army defeat Boko Haram.",
     [], [("Ansaru", "supports", "Boko Haram")]),
    ("shelter to leaders", "The Taliban offered shelter to al-Qaeda's commanders.",
     [("Afghan Taliban", "supports", "al-Qaeda")], [("al-Qaeda", "supports", "Afghan Taliban")]),
    ("safe haven relied on", "Al-Qaeda relies on the Taliban for safe haven.",
     [("Afghan Taliban", "supports", "al-Qaeda")], []),
    ("received funding and training", "Ansaru received funding and training from al-Qaeda.",
     [("al-Qaeda", "supports", "Ansaru")], [("Ansaru", "supports", "al-Qaeda")]),
    ("dependent on ... for", "Boko Haram remains heavily dependent on Ansaru for money.",
     [("Ansaru", "supports", "Boko Haram")], [("Boko Haram", "supports", "Ansaru")]),
    # inspiration is an affinity, not material support; "take ... from" is no seizure here
    ("takes inspiration from", "Ansaru takes its inspiration from al-Qaeda.",
     [("Ansaru", "affiliated_with", "al-Qaeda")], [("Ansaru", "rivals", "al-Qaeda"), ("al-Qaeda", "supports", "Ansaru")]),
    ("takes orders from", "Ansaru takes orders from al-Qaeda.",
     [("Ansaru", "allegiance_to", "al-Qaeda")], [("Ansaru", "rivals", "al-Qaeda")]),
    # rivalry
    ("at war with", "Al-Shabaab is at war with the Islamic State in Somalia.",
     [("al-Shabaab", "rivals", "Islamic State Somalia Province")], []),
    ("engages in combat with", "Ansaru rarely engages in combat with Boko Haram.",
     [("Ansaru", "rivals", "Boko Haram")], []),
    # membership of a coalition
    ("one of the components of", "Ansar Dine is one of the main components of JNIM.",
     [("Ansar Dine", "allegiance_to", JNIM)], []),
    ("one of the components of (apposition)", "Ansar Dine, one of the components of JNIM, claimed the attack.",
     [("Ansar Dine", "allegiance_to", JNIM)], []),
    ("one of the elements in the X coalition", "Ansaru is one of the elements in the JNIM coalition.",
     [("Ansaru", "allegiance_to", JNIM)], []),
    ("among the components of", "Ansaru is among the components of the JNIM alliance.",
     [("Ansaru", "allegiance_to", JNIM)], []),
    ("falls within the X umbrella", "Ansaru falls within the Boko Haram umbrella.",
     [("Ansaru", "allegiance_to", "Boko Haram")], []),
    ("provided Y with a haven", "The Taliban provided al-Qaeda with a safe haven.",
     [("Afghan Taliban", "supports", "al-Qaeda")], [("al-Qaeda", "supports", "Afghan Taliban")]),
    ("provided a third party with", "Ansaru provided the army with information on Boko Haram.",
     [], [("Ansaru", "supports", "Boko Haram")]),
    ("power struggle with", "Ansaru is locked in a power struggle with Boko Haram.",
     [("Ansaru", "rivals", "Boko Haram")], []),
    ("falls under the umbrella", "Ansaru falls under the umbrella of al-Qaeda.",
     [("Ansaru", "allegiance_to", "al-Qaeda")], []),
]


@pytest.mark.parametrize("name,text,expected,absent", CASES, ids=[c[0] for c in CASES])
def test_construction(name: str, text: str, expected: list, absent: list) -> None:
    found = _found(text)
    for a, t, b in expected:
        assert _has(found, a, t, b), f"{name}: missing {(a, t, b)} in {found}"
    for a, t, b in absent:
        assert not _any(found, a, t, b), f"{name}: unexpected {(a, t, b)} in {found}"


def test_ended_alliances_are_negated_cooperation() -> None:
    # the end of an alliance is the alliance, negated (docs: "X ended its alliance with Y")
    found = _found("Ansar Dine, AQIM and MUJAO ended their collective alliances with the MNLA.")
    for g in ("Ansar Dine", "al-Qaeda in the Islamic Maghreb", "Movement for Unity and Jihad in West Africa"):
        assert _has(found, g, "cooperates_with", MNLA, "negated"), found
        assert not _has(found, g, "cooperates_with", MNLA, "positive"), found


def test_hedge_of_the_verb_reaches_the_tie() -> None:
    ex = run("Tensions between Ansaru and Boko Haram may have grown since the spring.")
    r = [r for r in ex["relations"] if r["type"] == "rivals"]
    assert r and r[0]["modality"] == "speculated", ex["relations"]
    ex = run("An alliance between Ansaru and Boko Haram could collapse within weeks.")
    r = [r for r in ex["relations"] if r["type"] == "cooperates_with"]
    assert r and r[0]["modality"] == "asserted", ex["relations"]
    ex = run("Tensions between Ansaru and Boko Haram have grown since the spring.")
    r = [r for r in ex["relations"] if r["type"] == "rivals"]
    assert r and r[0]["modality"] == "asserted", ex["relations"]


def test_no_longer_dependent_is_negated() -> None:
    found = _found("Boko Haram is no longer dependent on Ansaru.")
    assert _has(found, "Ansaru", "supports", "Boko Haram", "negated"), found
    assert not _has(found, "Ansaru", "supports", "Boko Haram", "positive"), found
