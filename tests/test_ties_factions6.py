"""Part-to-whole ties of round 6: a faction, branch or member of a group, and the names of
factions and branches. One row per construction, on sentences invented for these tests (other
names, words and word orders than any corpus text). Each case lists the ties that must be found
and the ties that must not."""
from __future__ import annotations

import pytest
from extract_helpers import check_ties, groups, has_tie, rels, run

TTP, HUA = "Tehrik-i-Taliban Pakistan", "Hizb-ul-Ahrar"
JNIM = "Jama'at Nusrat al-Islam wal-Muslimin"

CASES = [
    # "the X faction of the powerful Y": lower-case modifiers before the parent
    ("faction of an adjective parent", "The Hizbul Ahrar faction of the resurgent Tehrik-i-Taliban Pakistan "
     "bombed a police post.", [(HUA, "faction_of", TTP)], []),
    ("no faction without the noun", "A senior commander of the banned Lashkar-e-Jhangvi was shot dead.",
     [], [("Lashkar-e-Jhangvi", "faction_of", "Lashkar-e-Jhangvi")]),
    # "the rival Y faction X", "Y affiliate X": the parent names the part before it
    ("parent faction name", "Police blamed the rival Tehrik-i-Taliban Pakistan faction Hizbul Ahrar "
     "for the blast.", [(HUA, "faction_of", TTP)], [(TTP, "faction_of", HUA)]),
    ("parent affiliate name", "The al-Qaeda affiliate al-Shabaab stormed a hotel in the capital.",
     [("al-Shabaab", "affiliated_with", "al-Qaeda")], [("al-Shabaab", "faction_of", "al-Qaeda")]),
    # ... and "rival" there does not make the parent the rival of the speaker's group
    ("rival faction is no rivalry of the parent", "Lashkar-e-Jhangvi accused the rival Tehrik-i-Taliban "
     "Pakistan faction Hizbul Ahrar of the killing.",
     [(HUA, "faction_of", TTP)], [("Lashkar-e-Jhangvi", "rivals", TTP), (TTP, "rivals", "Lashkar-e-Jhangvi")]),
    # "X, a Y faction,"
    ("appositive parent faction", "Hizbul Ahrar, a Tehrik-i-Taliban Pakistan splinter faction, said it "
     "planted the bomb.", [(HUA, "faction_of", TTP)], []),
    ("appositive parent affiliate in brackets", "Residents fled when al-Shabaab (an al-Qaeda affiliate) "
     "entered the town.", [("al-Shabaab", "affiliated_with", "al-Qaeda")], [("al-Shabaab", "faction_of", "al-Qaeda")]),
    ("pro-parent is no faction", "Al-Shabaab, a pro-al-Qaeda faction, seized the port.",
     [], [("al-Shabaab", "faction_of", "al-Qaeda")]),
    ("parent-linked is no faction", "Al-Shabaab, an al-Qaeda-linked faction, seized the port.",
     [], [("al-Shabaab", "faction_of", "al-Qaeda")]),
    ("backed is no faction", "The Hamas-backed Palestinian Islamic Jihad fired mortars at the crossing.",
     [], [("Palestinian Islamic Jihad", "faction_of", "Hamas")]),
    # "X, one of the (more radical) elements in the Y coalition": a member (allegiance_to)
    ("one of the elements in a coalition", "Katiba Macina, one of the hardline elements in the "
     "Jama'at Nusrat al-Islam wal-Muslimin coalition, ambushed soldiers.",
     [("Katiba Macina", "allegiance_to", JNIM)], []),
    ("is one of the groups in an alliance", "Ansar Dine is one of the five groups in the Jama'at Nusrat "
     "al-Islam wal-Muslimin alliance.", [("Ansar Dine", "allegiance_to", JNIM)], []),
    ("one of the factions of", "Hizbul Ahrar, one of the most violent factions of Tehrik-i-Taliban "
     "Pakistan, claimed the raid.", [(HUA, "faction_of", TTP)], []),
    ("one of the groups fighting", "Ansar Dine, one of the groups fighting Jama'at Nusrat al-Islam "
     "wal-Muslimin, lost the town.", [], [("Ansar Dine", "allegiance_to", JNIM)]),
    ("one of the groups active in a territory", "Hizbul Ahrar, one of the many groups active in "
     "Tehrik-i-Taliban Pakistan territory, struck again.",
     [], [(HUA, "allegiance_to", TTP), (HUA, "faction_of", TTP)]),
    # "X, which was (earlier) part of / operating under the banner of Y, split off"
    ("split off after a relative clause", "Hizbul Ahrar, which had long operated under the umbrella of "
     "Tehrik-i-Taliban Pakistan, broke away last year.",
     [(HUA, "faction_of", TTP)], [(HUA, "allegiance_to", TTP)]),
    ("broke away after once part of", "Ansaru, once part of Boko Haram, broke away in 2012 and later "
     "kidnapped engineers.", [("Ansaru", "faction_of", "Boko Haram")], []),
    ("split off after fighting alongside", "Ansaru, which fought alongside Boko Haram, split off in 2012.",
     [], [("Ansaru", "faction_of", "Boko Haram")]),
    # a coalition that includes groups: its members, not the group that joined it
    ("joined a coalition that includes", "Ansar Dine joined the Jama'at Nusrat al-Islam wal-Muslimin "
     "coalition, which includes groups such as al-Mourabitoun and Katiba Macina.",
     [("Ansar Dine", "allegiance_to", JNIM), ("al-Mourabitoun", "allegiance_to", JNIM),
      ("Katiba Macina", "allegiance_to", JNIM)],
     [("al-Mourabitoun", "allegiance_to", "Ansar Dine"), ("Ansar Dine", "allegiance_to", "al-Mourabitoun")]),
    # "X, a member group of Y"
    ("member group of", "Ansar Dine, a founding member group of Jama'at Nusrat al-Islam wal-Muslimin, "
     "claimed the ambush.", [("Ansar Dine", "allegiance_to", JNIM)], []),
    # "X is widely considered a front organisation for Y"
    ("considered a front", "Jamaat-ud-Dawa has long been regarded as a front group of Lashkar-e-Taiba "
     "by Indian officials.", [("Jamaat-ud-Dawa", "faction_of", "Lashkar-e-Taiba")], []),
    # "Y's East African arm"
    ("possessive arm", "Al-Shabaab, al-Qaeda's East African arm, attacked the base.",
     [("al-Shabaab", "faction_of", "al-Qaeda")], []),
    # a parent name that only modifies the whole: "part of the al-Qaeda-linked JNIM"
    ("linked name is not the whole", "Katiba Macina is part of the al-Qaeda-linked Jama'at Nusrat "
     "al-Islam wal-Muslimin.", [], [("Katiba Macina", "faction_of", "al-Qaeda")]),
    ("backed name is not the coalition", "Katiba Macina joined the al-Qaeda-backed Jama'at Nusrat "
     "al-Islam wal-Muslimin in 2017.", [], [("Katiba Macina", "allegiance_to", "al-Qaeda")]),
    ("joined an unnamed body that includes", "Katiba Macina joined the Sahel Shield operations group, "
     "which includes Ansar Dine and al-Mourabitoun.",
     [], [("Ansar Dine", "allegiance_to", "Katiba Macina"), ("Katiba Macina", "allegiance_to", "Ansar Dine"),
          ("al-Mourabitoun", "allegiance_to", "Katiba Macina")]),
    # fronts and wings (regressions)
    ("front for", "Jamaat-ud-Dawa, widely seen as a front for Lashkar-e-Taiba, ran the camp.",
     [("Jamaat-ud-Dawa", "faction_of", "Lashkar-e-Taiba")], []),
    ("wing of with a named part", "The al-Qassam Brigades wing of Hamas fired rockets overnight.",
     [("Izz ad-Din al-Qassam Brigades", "faction_of", "Hamas")], []),
]


@pytest.mark.parametrize("name,text,expected,absent", CASES, ids=[c[0] for c in CASES])
def test_construction(name: str, text: str, expected: list, absent: list) -> None:
    check_ties(name, rels(run(text)), expected, absent)


# A branch's self-given name, quoted after the branch, is a group of its own and the parent's
SELF_NAMED = [
    ("Al-Qaeda's branch in Yemen, the self-styled \"Sons of Abyan Brigade\", attacked a checkpoint.",
     "Sons of Abyan Brigade", "al-Qaeda"),
    ("Boko Haram's wing in the north, the so-called 'Lake Shore Battalion,' raided a village.",
     "Lake Shore Battalion", "Boko Haram"),
]


@pytest.mark.parametrize("text,child,parent", SELF_NAMED)
def test_self_named_branch(text: str, child: str, parent: str) -> None:
    ex = run(text)
    assert child in groups(ex)
    assert (child, "faction_of", parent) in rels(ex)


def test_self_declared_title_is_no_group() -> None:
    ex = run("Boko Haram's leader, the self-declared \"Commander of the Faithful\", spoke in a video.")
    assert "Commander of the Faithful" not in groups(ex)


def test_rival_of_an_unnamed_faction_still_reads() -> None:
    # only a named faction after "Y faction" takes the rivalry off Y
    found = rels(run("Lashkar-e-Jhangvi clashed with a Tehrik-i-Taliban Pakistan faction near the border."))
    assert has_tie(found, "Lashkar-e-Jhangvi", "rivals", TTP)


def test_description_with_a_name_of_its_own() -> None:
    # "the Sahel Shield operations group" names a body of its own: not Katiba Macina
    ex = run("Katiba Macina raided a market. Later Katiba Macina joined the Sahel Shield operations group, "
             "which includes Ansar Dine.")
    assert not any(t == "allegiance_to" and b == "Katiba Macina" for _, t, b in rels(ex))


def test_creed_words_still_describe() -> None:
    # "the Sunni militant group" describes the group named before it
    ex = run("Lashkar-e-Jhangvi bombed a bus in Quetta. The Sunni militant group later said it "
             "had pledged allegiance to the Islamic State.")
    assert ("Lashkar-e-Jhangvi", "allegiance_to", "Islamic State") in rels(ex)
