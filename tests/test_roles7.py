"""Issue 8, roles round 7: constructions of the role table and the people layer, each on
sentences written for this test (invented people; real group names the gazetteer knows), with
other words and word orders than any article of the corpus."""
from __future__ import annotations

import pytest
from extract_helpers import check_role_absent, check_roles_found

CASES = [
    # "G named X as its new leader": the parser may make the name an oprd of the verb
    ("Al-Shabaab named Yasin Abdi as its new leader.", [("Yasin Abdi", "leader", "al-Shabaab")]),
    # "G has / chose a new T, X": the title is the object of the group's verb
    ("Boko Haram has a new commander, Ibrahim Tanko Dauda.", [("Ibrahim Tanko Dauda", "commander", "Boko Haram")]),
    ("Boko Haram chose a new leader, Abdullahi Farah, after the death of its founder.",
     [("Abdullahi Farah", "leader", "Boko Haram")]),
    # a department or a council of the group, run or headed by X
    ("Abdullahi Farah ran the finances of al-Shabaab for a decade.", [("Abdullahi Farah", "commander", "al-Shabaab")]),
    ("Abdullahi Farah runs Boko Haram's operations in Borno.", [("Abdullahi Farah", "commander", "Boko Haram")]),
    ("Abdullahi Farah heads the political bureau of Hamas.", [("Abdullahi Farah", "leader", "Hamas")]),
    # a claim or an admission of one's own title
    ("Ali Dahir claimed to be a commander of Boko Haram.", [("Ali Dahir", "commander", "Boko Haram")]),
    ("Abdullahi Farah pleaded guilty to being a member of al-Shabaab.", [("Abdullahi Farah", "member", "al-Shabaab")]),
    # "their" on a title: the group that is the subject before it
    ("Boko Haram raided Gwoza. Their leader, Salim Okoro, appeared in a video.", [("Salim Okoro", "leader", "Boko Haram")]),
    # a wing's or a unit's chief commands a part of the group
    ("Hamas's armed wing chief Mohammed Deif survived.", [("Mohammed Deif", "commander", "Hamas")]),
    ("Abdullahi Farah, the head of al-Shabaab's intelligence unit, was killed.",
     [("Abdullahi Farah", "commander", "al-Shabaab")]),
    ("Abdullahi Farah was appointed head of al-Shabaab's media wing in 2016.", [("Abdullahi Farah", "commander", "al-Shabaab")]),
    # promoted / raised to a title
    ("Abdullahi Farah was promoted to commander of al-Shabaab forces in Gedo.", [("Abdullahi Farah", "commander", "al-Shabaab")]),
    ("Abdullahi Farah was promoted to deputy leader of Boko Haram.", [("Abdullahi Farah", "deputy_leader", "Boko Haram")]),
    # a plural title before a list of names: every name holds it
    ("Boko Haram commanders Abdullahi Farah and Musa Bello fled.",
     [("Abdullahi Farah", "commander", "Boko Haram"), ("Musa Bello", "commander", "Boko Haram")]),
    ("The Boko Haram leaders, Abdullahi Farah and Musa Bello, fled.",
     [("Abdullahi Farah", "leader", "Boko Haram"), ("Musa Bello", "leader", "Boko Haram")]),
    # a listed name with a title of its own keeps it; "his deputy Y" after the leader
    ("Boko Haram leader Abdullahi Farah and his lieutenant Musa Bello fled.",
     [("Abdullahi Farah", "leader", "Boko Haram"), ("Musa Bello", "commander", "Boko Haram")]),
    ("Abdullahi Farah, the Boko Haram leader, and his deputy Musa Bello were killed.",
     [("Musa Bello", "deputy_leader", "Boko Haram")]),
    # a title before the name, the group after it
    ("Emir Abdullahi Farah of Boko Haram gave the order.", [("Abdullahi Farah", "leader", "Boko Haram")]),
    # a person's name as the possessive of the group's, or "whose G" after a person
    ("Iyad Ag Ghali's JNIM claimed the attack.", [("Iyad Ag Ghali", "leader", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("Fighters of Abubakar Shekau's Boko Haram raided the town.", [("Abubakar Shekau", "leader", "Boko Haram")]),
    ("Gang leader Ruben Ortega, whose 400 Mawozo gang controls the hills, was sanctioned.",
     [("Ruben Ortega", "leader", "400 Mawozo")]),
    # sub-commanders
    ("Ruben Ortega, an Abu Sayyaf sub-commander, was killed in Sulu.", [("Ruben Ortega", "commander", "Abu Sayyaf Group")]),
    # a full name with no title, tied to a group by "of" or a possessive: a member
    ("Ruben Ortega of Abu Sayyaf was killed in Sulu.", [("Ruben Ortega", "member", "Abu Sayyaf Group")]),
    ("Hamas's Ruben Ortega was killed in Gaza.", [("Ruben Ortega", "member", "Hamas")]),
    # a title in the lead held by the speaker the next sentence names; the group on a kind word
    ('The leader of the Taliban insurgency on Sunday praised the withdrawal of troops. '
     '"We consider the withdrawal a good step," said Mawlawi Hibatullah Akhundzada.',
     [("Mawlawi Hibatullah Akhundzada", "leader", "Afghan Taliban")]),
    # a hyphenated title read whole ("commander-in-chief" leads); "his successor, X, was elected T"
    ("Twan Mrat Naing, commander-in-chief of the Arakan Army, said the fighting would continue.",
     [("Twan Mrat Naing", "leader", "Arakan Army")]),
    ("Nasrallah's successor, Naim Qassem, was elected secretary-general of Hezbollah.",
     [("Naim Qassem", "leader", "Hezbollah")]),
    # leaving a post names it
    ("Abdullahi Farah stepped down as head of ISWAP in 2019.",
     [("Abdullahi Farah", "leader", "Islamic State West Africa Province")]),
    ("Abdullahi Farah resigned as spokesman of ISWAP.",
     [("Abdullahi Farah", "spokesperson", "Islamic State West Africa Province")]),
    # a unit of the group's, possessed: its head commands
    ("Abdullahi Farah heads Hamas's media department.", [("Abdullahi Farah", "commander", "Hamas")]),
    # a kind word with the group's name on it, possessed by a person
    ("Police say Ruben Ortega's 400 Mawozo gang kidnapped the missionaries.", [("Ruben Ortega", "leader", "400 Mawozo")]),
    # a bracketed aside between the name and its appositive title
    ("By 2005, Omar Farid Khan (deceased), a Boko Haram commander, coordinated attacks.",
     [("Omar Farid Khan", "commander", "Boko Haram")]),
    ("Omar Farid Khan (pictured), the Boko Haram chief, was killed.", [("Omar Farid Khan", "leader", "Boko Haram")]),
    # the head of the group's intelligence service or apparatus commands a part of it
    ("Abdullahi Farah, head of al-Shabaab's feared Amniyat intelligence service, was killed.",
     [("Abdullahi Farah", "commander", "al-Shabaab")]),
    ("Abdullahi Farah heads al-Shabaab's intelligence apparatus.", [("Abdullahi Farah", "commander", "al-Shabaab")]),
]

ABSENT = [
    # "their" owned by another subject
    ("Soldiers attacked al-Shabaab near Baidoa. Their commander, Ali Dahir, said 20 militants died.",
     ("Ali Dahir", "commander", "al-Shabaab")),
    # the possessive of a word the group's name modifies
    ("Joe Biden's Hamas policy drew criticism.", ("Joe Biden", "leader", "Hamas")),
    # a state's president is no group's
    ("Somali President Hassan Mohamud said al-Shabaab was losing.", ("Hassan Mohamud", "leader", "al-Shabaab")),
    # a listed name with a title of its own does not share the first one
    ("Boko Haram leader Abdullahi Farah and army chief Musa Bello met.", ("Musa Bello", "leader", "Boko Haram")),
    ("Boko Haram leader Abdullahi Farah and his lieutenant Musa Bello fled.", ("Musa Bello", "leader", "Boko Haram")),
    # a victim of the group
    ("Boko Haram killed a police commander, Ali Dahir.", ("Ali Dahir", "commander", "Boko Haram")),
    # what X founded or runs is the group's office or operations, not the group
    ("Abdullahi Farah established ISWAP's media office in 2015.",
     ("Abdullahi Farah", "founder", "Islamic State West Africa Province")),
    ("Abdullahi Farah runs Boko Haram's operations in Borno.", ("Abdullahi Farah", "leader", "Boko Haram")),
    ("Abdullahi Farah heads Hamas's media department.", ("Abdullahi Farah", "leader", "Hamas")),
    # a faction a person possesses is a part of the group, not the group he leads
    ("Abubakar Shekau's Boko Haram faction raided the town.", ("Abubakar Shekau", "leader", "Boko Haram")),
    # ... and does not lead the group
    ("Abdullahi Farah, head of al-Shabaab's feared Amniyat intelligence service, was killed.",
     ("Abdullahi Farah", "leader", "al-Shabaab")),
    # "of" a news agency, not a group
    ("Ruben Ortega of Reuters reported that Hamas fired rockets.", ("Ruben Ortega", "member", "Hamas")),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_role_found(text: str, expected: list[tuple[str, str, str]]) -> None:
    check_roles_found(text, expected)


@pytest.mark.parametrize("text,absent", ABSENT, ids=[c[0][:50] for c in ABSENT])
def test_role_absent(text: str, absent: tuple[str, str, str]) -> None:
    check_role_absent(text, absent)
