"""Issue 8, roles round 6: constructions of the role table and the people layer, each on
sentences written for this test (invented people; real group names the gazetteer knows), with
other words and word orders than any article of the corpus."""
from __future__ import annotations

import pytest
from extract_helpers import names, run


def roles(ex: dict) -> set[tuple[str, str, str]]:
    n = names(ex)
    return {(n[r["person"]], r["role"], n[r["group"]]) for r in ex["roles"]}


CASES = [
    # "G, whose leader X ...": the antecedent of the relative clause owns the title
    ("The 400 Mawozo gang, whose leader Ahmed Hassan was extradited, still controls the road.",
     ("Ahmed Hassan", "leader", "400 Mawozo")),
    ("Police fought the Jalisco New Generation Cartel, whose founder, Ahmed Hassan, is at large.",
     ("Ahmed Hassan", "founder", "Jalisco New Generation Cartel")),
    # a bracketed participle after the group the parser hangs on the main verb
    ("The attack was claimed by Lashkar-e-Jhangvi (headed by Pakistan-based Mohammed Yusuf).",
     ("Mohammed Yusuf", "leader", "Lashkar-e-Jhangvi")),
    ("Gunmen of al-Shabaab (led by Ahmed Hassan) stormed the hotel.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    # "his" with no subject person before it: the one person its sentence named before it
    ("Al-Shabaab is led by Mohammed Yusuf; his deputy Ahmed Hassan was killed.",
     ("Ahmed Hassan", "deputy_leader", "al-Shabaab")),
    # the possessor's title as the subject of "be"
    ("Boko Haram is headed by Mohammed Yusuf, and his deputy is Ahmed Hassan.",
     ("Ahmed Hassan", "deputy_leader", "Boko Haram")),
    # a predecessor led the same group (former roles count)
    ("Mohammed Yusuf leads al-Shabaab. Yusuf's predecessor Ahmed Hassan was killed in 2014.",
     ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("Mohammed Yusuf replaced Ahmed Hassan as leader of al-Shabaab.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    # former and late holders of a title
    ("Ahmed Hassan, a former leader of al-Shabaab, was released.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("The late al-Shabaab chief Ahmed Hassan was buried in Kismayo.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    # the head of a branch leads the branch, a group of its own
    ("Mohammed Yusuf headed the Swat branch of Tehrik-i-Taliban Pakistan until 2012.",
     ("Mohammed Yusuf", "leader", "Tehrik-i-Taliban Pakistan Swat")),
    # people listed after "among them"
    ("Several Boko Haram commanders were killed, among them Mohammed Yusuf and Ahmed Hassan.",
     ("Ahmed Hassan", "commander", "Boko Haram")),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_a_role_construction(text, expected):
    assert expected in roles(run(text))


@pytest.mark.parametrize("text,absent", [
    # the antecedent of "whose" is no group: a village's, an army's leader
    ("Boko Haram fought the army, whose commander Ahmed Hassan was wounded.", ("Ahmed Hassan", "commander", "Boko Haram")),
    # a bracketed participle after soldiers names no group's leader
    ("Soldiers (led by Colonel Ahmed Hassan) attacked Boko Haram.", ("Ahmed Hassan", "leader", "Boko Haram")),
    # a head of a branch leads the branch, not the whole group
    ("Mohammed Yusuf headed the Swat branch of Tehrik-i-Taliban Pakistan until 2012.",
     ("Mohammed Yusuf", "leader", "Tehrik-i-Taliban Pakistan")),
    # a possessive after a subject person is that subject's
    ("Ahmed Hassan met Mohammed Yusuf of al-Shabaab and his deputy in Kismayo.", ("Ahmed Hassan", "deputy_leader", "al-Shabaab")),
    # a man who fought the group, a journalist, an official and a victim are no members
    ("Ahmed Hassan, who fought al-Shabaab for a decade, retired.", ("Ahmed Hassan", "member", "al-Shabaab")),
    ("Ahmed Hassan, a journalist who covered Boko Haram, was interviewed.", ("Ahmed Hassan", "member", "Boko Haram")),
    ("Ahmed Hassan, the Somali security minister, said al-Shabaab was weakened.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("Boko Haram gunmen killed Ahmed Hassan, a village chief, in Konduga.", ("Ahmed Hassan", "leader", "Boko Haram")),
])
def test_no_such_role(text, absent):
    assert absent not in roles(run(text))
