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
    # "G1, a G2 affiliate led by X": the affiliate the appositive names is G1
    ("Jamaat Nusrat al-Islam wal-Muslimin, an al-Qaeda affiliate headed by Yusuf Diallo, claimed the raid.",
     ("Yusuf Diallo", "leader", "Jama'at Nusrat al-Islam wal-Muslimin")),
    ("Boko Haram, an Islamic State affiliate founded by Mohammed Yusuf, attacked the town.",
     ("Mohammed Yusuf", "founder", "Boko Haram")),
    # "in charge of G" leads it; "in charge of G's finances / G fighters" commands a part of it
    ("Ahmed Hassan was in charge of Boko Haram until his death.", ("Ahmed Hassan", "leader", "Boko Haram")),
    ("Ahmed Hassan was put in charge of al-Shabaab in 2008.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("Ahmed Hassan, who was in charge of al-Shabaab's finances, was arrested.", ("Ahmed Hassan", "commander", "al-Shabaab")),
    # "X succeeded Y" with no post named: Y led the group X leads
    ("Mohammed Yusuf leads the Pakistani Taliban. He replaced Ahmed Hassan, who was killed in 2016.",
     ("Ahmed Hassan", "leader", "Tehrik-i-Taliban Pakistan")),
    ("Ahmed Hassan was killed in 2016 and was succeeded by Mohammed Yusuf, who now leads Boko Haram.",
     ("Ahmed Hassan", "leader", "Boko Haram")),
    # a member-like title sent by the group or its leader
    ("The meeting included Ahmed Hassan, a delegate sent by the leader of al-Shabaab.", ("Ahmed Hassan", "member", "al-Shabaab")),
    ("Ahmed Hassan, an emissary dispatched by the Boko Haram leadership, met the elders.", ("Ahmed Hassan", "member", "Boko Haram")),
    # "among the founders of G" (also under a belief verb)
    ("Ahmed Hassan was among the founders of Hamas.", ("Ahmed Hassan", "founder", "Hamas")),
    ("Ahmed Hassan is believed to be among the commanders of al-Shabaab.", ("Ahmed Hassan", "commander", "al-Shabaab")),
    # a name coordinated with "N other" + a plural title holds that title
    ("Ahmed Hassan and 12 other Boko Haram commanders pledged allegiance to the Islamic State.",
     ("Ahmed Hassan", "commander", "Boko Haram")),
    ("Police arrested Ahmed Hassan and four other members of al-Shabaab.", ("Ahmed Hassan", "member", "al-Shabaab")),
    # "with Y as his deputy": the possessor's group
    ("Ahmed Hassan was named emir of Boko Haram, with Mohammed Yusuf as his deputy.",
     ("Mohammed Yusuf", "deputy_leader", "Boko Haram")),
    # the head of a unit a department word names, with a modifier before it, commands part of the group
    ("Ahmed Hassan, who heads al-Shabaab's elite media wing, fled.", ("Ahmed Hassan", "commander", "al-Shabaab")),
    # "the Hassan-led group": the name inside the description stays a person's; a name set beside
    # the description is the group
    ("Boko Haram attacked Maiduguri on Monday. Police blamed Ahmed Hassan for the attack. "
     "The Hassan-led group killed ten people.", ("Ahmed Hassan", "leader", "Boko Haram")),
    ("Ahmed Hassan broke away from Boko Haram. The Hassan-led group, the Islamic State West Africa Province, "
     "attacked Maiduguri.", ("Ahmed Hassan", "leader", "Islamic State West Africa Province")),
    # the tagger takes "-led" into a full name: "the Ahmed Hassan-led group"
    ("Boko Haram attacked Damboa. The Ahmed Hassan-led group burned houses.", ("Ahmed Hassan", "leader", "Boko Haram")),
    # "X took over G after Y's death": Y led G before him
    ("Mohammed Yusuf took over al-Shabaab after Ahmed Hassan's death.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("Mohammed Yusuf assumed the leadership of Boko Haram following the killing of Ahmed Hassan.",
     ("Ahmed Hassan", "leader", "Boko Haram")),
    # people listed after "among them", wherever the parser hangs the names
    ("The army said it killed three al-Shabaab fighters, among them Mohammed Yusuf.", ("Mohammed Yusuf", "member", "al-Shabaab")),
    ("Troops killed four Boko Haram militants, among them Mohammed Yusuf and Ahmed Hassan.",
     ("Ahmed Hassan", "member", "Boko Haram")),
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
    # an affiliate led by X: X does not lead the group the affiliate's name is modified by
    ("Jamaat Nusrat al-Islam wal-Muslimin, an al-Qaeda affiliate headed by Yusuf Diallo, claimed the raid.",
     ("Yusuf Diallo", "leader", "al-Qaeda")),
    # "in charge of" fighters or finances is no leadership of the group; an investigator is nobody's
    ("Ahmed Hassan, who was in charge of al-Shabaab's finances, was arrested.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("The police officer in charge of the inquiry into Boko Haram, Ahmed Hassan, spoke.", ("Ahmed Hassan", "leader", "Boko Haram")),
    # a successor "as" another post, or one who leads nothing, makes no predecessor a leader
    ("Mohammed Yusuf leads the Pakistani Taliban. He replaced Ahmed Hassan as commander of the southern zone.",
     ("Ahmed Hassan", "leader", "Tehrik-i-Taliban Pakistan")),
    ("Mohammed Yusuf leads the Pakistani Taliban. His son Ali Musa replaced Ahmed Hassan on the council.",
     ("Ahmed Hassan", "leader", "Tehrik-i-Taliban Pakistan")),
    # an envoy of a government to the group is none of its members; victims and hostages are none
    ("Ahmed Hassan, an envoy sent by the government to Boko Haram, met the elders.", ("Ahmed Hassan", "member", "Boko Haram")),
    ("Ahmed Hassan was among the victims of Boko Haram.", ("Ahmed Hassan", "member", "Boko Haram")),
    ("Boko Haram freed ten hostages, among them Mohammed Yusuf.", ("Mohammed Yusuf", "member", "Boko Haram")),
    ("Boko Haram fighters killed ten soldiers, among them Mohammed Yusuf.", ("Mohammed Yusuf", "member", "Boko Haram")),
    # "X and three other journalists interviewed G commanders": no commander
    ("Ahmed Hassan and three other journalists interviewed Boko Haram commanders.", ("Ahmed Hassan", "commander", "Boko Haram")),
    # the head of a unit does not lead the group; "with Y as his interpreter" names no group
    ("Ahmed Hassan, who heads al-Shabaab's elite media wing, fled.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    # the description "the Hassan-led group" beside another group's name is not the group he left
    ("Ahmed Hassan broke away from Boko Haram. The Hassan-led group, the Islamic State West Africa Province, "
     "attacked Maiduguri.", ("Ahmed Hassan", "leader", "Boko Haram")),
    # a group taking a town after a death names no leader
    ("Boko Haram took over Damboa after Ahmed Hassan's death.", ("Ahmed Hassan", "leader", "Boko Haram")),
    # a relative of a member, an expert, a captive and a negotiator facing the group are no members
    ("Ahmed Hassan, whose son joined al-Shabaab, spoke to reporters.", ("Ahmed Hassan", "member", "al-Shabaab")),
    ("Ahmed Hassan, an expert on Boko Haram, said the group was weakened.", ("Ahmed Hassan", "member", "Boko Haram")),
    ("Boko Haram kidnapped Ahmed Hassan, the head of the village council.", ("Ahmed Hassan", "leader", "Boko Haram")),
    ("Ahmed Hassan, the leader of the Somali delegation to talks with al-Shabaab, spoke.",
     ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("Ahmed Hassan leads the investigation into Boko Haram.", ("Ahmed Hassan", "leader", "Boko Haram")),
    # a man who fought the group, a journalist, an official and a victim are no members
    ("Ahmed Hassan, who fought al-Shabaab for a decade, retired.", ("Ahmed Hassan", "member", "al-Shabaab")),
    ("Ahmed Hassan, a journalist who covered Boko Haram, was interviewed.", ("Ahmed Hassan", "member", "Boko Haram")),
    ("Ahmed Hassan, the Somali security minister, said al-Shabaab was weakened.", ("Ahmed Hassan", "leader", "al-Shabaab")),
    ("Boko Haram gunmen killed Ahmed Hassan, a village chief, in Konduga.", ("Ahmed Hassan", "leader", "Boko Haram")),
])
def test_no_such_role(text, absent):
    assert absent not in roles(run(text))
