"""Issue 8: roles read off the dependency parse with the construction table
(data/patterns/roles.jsonl). One case per construction, on sentences written for these tests
(invented people; the groups are real names the gazetteer knows)."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from extract_helpers import names, run
from militantmap.extract.roles import _parse_path, _rules


def roles(ex: dict) -> set[tuple[str, str, str]]:
    n = names(ex)
    return {(n[r["person"]], r["role"], n[r["group"]]) for r in ex["roles"]}


CASES = [
    # appos-title-of
    ("Karim Vasquez, the head of the Islamic State, was arrested on Monday.",
     ("Karim Vasquez", "leader", "Islamic State")),
    # appos-group-title
    ("Omar Tulu, a Boko Haram commander, was killed in a raid.", ("Omar Tulu", "commander", "Boko Haram")),
    # group-title-name
    ("Al-Shabaab chief Karim Vasquez said the ambush was revenge.", ("Karim Vasquez", "leader", "al-Shabaab")),
    # title-of-group-name
    ("Police said the leader of Boko Haram, Dawit Mensah, had fled north.", ("Dawit Mensah", "leader", "Boko Haram")),
    # led-by (acl) with a name the tagger may miss
    ("Boko Haram, led by Karim Vasquez, attacked the town.", ("Karim Vasquez", "leader", "Boko Haram")),
    # led-by (relative clause, passive)
    ("Fighting broke out near al-Mourabitoun, which is headed by Ahmed Bello.", ("Ahmed Bello", "leader", "al-Mourabitoun")),
    # founded (relative clause)
    ("Omar Tulu, who founded the Abu Sayyaf Group in 1999, fled abroad.", ("Omar Tulu", "founder", "Abu Sayyaf Group")),
    # founded-by, participle before the group, coordinated founders
    ("Founded in 1993 by Ivo Marten and Karl Benn, Jemaah Islamiyah grew fast.", ("Karl Benn", "founder", "Jemaah Islamiyah")),
    # founded and led by: coordinated verbs share their agent
    ("Boko Haram was founded and led by Shamil Oduya.", ("Shamil Oduya", "leader", "Boko Haram")),
    # named-title (oprd)
    ("Omar Tulu was appointed leader of al-Shabaab in 2010.", ("Omar Tulu", "leader", "al-Shabaab")),
    # as-title-subject: the successor, not the predecessor
    ("Omar Tulu succeeded Karim Vasquez as leader of al-Shabaab.", ("Omar Tulu", "leader", "al-Shabaab")),
    # as-title-object
    ("Prosecutors identified Lena Holt as a member of Boko Haram.", ("Lena Holt", "member", "Boko Haram")),
    # copula-title, UN narrative style
    ("Omar Tulu (QDi.123) is a senior leader of Boko Haram (QDe.456).", ("Omar Tulu", "leader", "Boko Haram")),
    # copula-title with a possessive pronoun for the group
    ("Boko Haram emerged in Nigeria in the 2000s. In due course Omar Tulu (QDi.006) became its leader.",
     ("Omar Tulu", "leader", "Boko Haram")),
    # listed-associated, UN narrative style
    ("Omar Tulu was listed on 6 October 2001 pursuant to paragraph 8(c) of resolution 1333 (2000) as being "
     "associated with Al-Qaida (QDe.004).", ("Omar Tulu", "member", "al-Qaeda")),
    # under-leadership
    ("Boko Haram expanded under the leadership of Jonas Feld.", ("Jonas Feld", "leader", "Boko Haram")),
    # title-include
    ("Hamas's leaders include Arif Qadri (QDi.271) and Lena Holt.", ("Lena Holt", "leader", "Hamas")),
    # assumed-role
    ("In 2016 Karl Benn assumed the role of Boko Haram emir.", ("Karl Benn", "leader", "Boko Haram")),
    # a department chief commands, he does not lead the group
    ("Zaki Lakhvi, Hamas's chief of operations, was arrested.", ("Zaki Lakhvi", "commander", "Hamas")),
    # pronoun subject: "He founded ..."
    ("Omar Tulu is a Nigerian cleric. He founded Boko Haram in 2002.", ("Omar Tulu", "founder", "Boko Haram")),
    # joined, by surname alone
    ("Omar Tulu is a Nigerian cleric. Years later Tulu joined al-Qaida.", ("Omar Tulu", "member", "al-Qaeda")),
    # became-bare-title: the title's group is the subject group of the previous sentence
    ("The Allied Democratic Forces were pushed out of the hills. Musa Kabanda became leader in 2015.",
     ("Musa Kabanda", "leader", "Allied Democratic Forces")),
    # one of the founders
    ("Karl Benn, one of the founders of Boko Haram, was killed.", ("Karl Benn", "founder", "Boko Haram")),
    # under the leadership of, in a participial clause
    ("Hamas was formed in Gaza, bringing together rival gangs under the leadership of Karl Benn.",
     ("Karl Benn", "leader", "Hamas")),
    # possessor-title: "his deputy" is a deputy in the group his possessor leads
    ("Karl Benn heads Boko Haram. His deputy, Ahmed Bello, was arrested in June.",
     ("Ahmed Bello", "deputy_leader", "Boko Haram")),
    ("Musa Kabanda leads the Allied Democratic Forces. He took over in 2015 after the arrest of his "
     "predecessor, Jamil Okello.", ("Jamil Okello", "leader", "Allied Democratic Forces")),
    # copula under a reporting verb
    ("Karl Benn, believed to be the leader of Hamas, was killed.", ("Karl Benn", "leader", "Hamas")),
    # took-leadership
    ("Karl Benn took over the leadership of Hamas in 2019.", ("Karl Benn", "leader", "Hamas")),
    ("Karl Benn replaced Ahmed Bello at the helm of Hamas.", ("Karl Benn", "leader", "Hamas")),
    # fought-for
    ("Karl Benn, who fought for Hamas in the 1990s, fled.", ("Karl Benn", "member", "Hamas")),
    # x-led with a surname named before
    ("Ahmed Bello is a cleric. Police said the Bello-led Boko Haram attacked the town.",
     ("Ahmed Bello", "leader", "Boko Haram")),
    # deputy
    ("Karl Benn, the deputy leader of al-Shabaab, resigned.", ("Karl Benn", "deputy_leader", "al-Shabaab")),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_a_role_construction(text, expected):
    assert expected in roles(run(text))


def test_a_list_of_names_with_one_title_after_them_is_a_role_each():
    r = roles(run("Omar Tulu, Sami Radu and Hakan Erol, members of Boko Haram, were detained."))
    assert {p for p, role, g in r if role == "member" and g == "Boko Haram"} == {"Omar Tulu", "Sami Radu", "Hakan Erol"}


def test_a_list_the_parser_reads_as_an_apposition_is_still_a_list():
    # the parser hangs "Ali Hassan and Omar Said" on "Yusuf Kariuki" as its apposition
    r = roles(run("Yusuf Kariuki, Ali Hassan and Omar Said, members of al-Shabaab, were arrested."))
    assert {p for p, role, g in r if role == "member" and g == "al-Shabaab"} == {
        "Yusuf Kariuki", "Ali Hassan", "Omar Said"}, r
    r = roles(run("Yusuf Kariuki, a teacher, and Ali Hassan, a member of al-Shabaab, were arrested."))
    assert {p for p, _, _ in r} == {"Ali Hassan"}, r


def test_two_names_without_a_conjunction_are_no_list():
    r = roles(run("In an audio message posted on Twitter, Abubakar Shekau, leader of Boko Haram, called for attacks."))
    assert ("Abubakar Shekau", "leader", "Boko Haram") in r
    assert not any(p == "Twitter" for p, _, _ in r), r


def test_its_is_not_read_across_an_unknown_named_subject():
    r = roles(run("The JX split from the TTP over a feud between its founding leader, Omar Khalid, and the TTP."))
    assert not any(g == "Tehrik-i-Taliban Pakistan" and role == "founder" for _, role, g in r), r


def test_a_title_inside_a_list_describes_one_name_only():
    r = roles(run("Money went to Karl Benn, Movsar Baraev (leader of Hamas) and Ivo Marten."))
    assert ("Movsar Baraev", "leader", "Hamas") in r
    assert not any(p in ("Karl Benn", "Ivo Marten") for p, _, _ in r), r


@pytest.mark.parametrize("text", [
    # a victim's title names no role in the attackers' group
    "Militants of al-Shabaab killed Omar Tulu, a police commander, in Mogadishu.",
    "Boko Haram fighters shot dead Karl Benn, an army commander, near the market.",
    # the predecessor is not the one who succeeded
    "Sami Radu replaced Omar Tulu as head of the city council.",
    # a state body's spokesman
    "The Pakistani government denied the report. Its spokesman Omar Tulu spoke about Hamas.",
    # a negated role
    "Omar Tulu is not a member of Boko Haram, his lawyer said.",
    # a possessor who leads nothing known: no group for his deputy
    "Police questioned Karl Benn. His deputy, Ahmed Bello, was arrested in June near Hamas offices.",
    # fighting a group is no membership
    "Israeli troops who fought Hamas killed Karl Benn.",
    # a role someone was to take is not stated as held
    "Officials said Karl Benn was to become the chief of Hamas in the north.",
    # a title that is no role word
    "Boko Haram lost ground in 2014. Karl Benn became president in 2015.",
    # places are no people
    "North Waziristan, the heartland of the TTP, was shelled.",
])
def test_no_role(text):
    assert roles(run(text)) == set()


def test_every_row_has_an_example_and_valid_paths():
    text = resources.files("militantmap").joinpath("data", "patterns", "roles.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert rows
    for row in rows:
        assert row.get("example"), row
        for path in [p for p in row.get("person", []) + row.get("group", []) if not p.startswith("@")]:
            assert _parse_path(path)
    assert _rules().patterns and _rules().titles["spokesman"] == "spokesperson"
