"""How a tie's arguments are resolved to groups (round 6): member nouns, counted parts of a
group, complements the parser hung on the wrong conjunct, coordinated prepositional phrases,
and a group's members as the victims of another group. Sentences invented for these tests (other
names, words and word orders than any corpus text). Each case lists the ties that must be found
and the ties that must not."""
from __future__ import annotations

import pytest
from extract_helpers import has_tie, rels, run

CASES = [
    # a member noun conjoined after a group, its "from/of" phrase hung on the first conjunct
    ("member noun conjunct, from", "Fierce fighting erupted between the Houthi rebels and militants from "
     "the Islamic State-linked Ansar al-Sharia in Yemen.",
     [("Houthis", "rivals", "Ansar al-Sharia (Yemen)")], []),
    ("member noun conjunct, from (2)", "Clashes between the Taliban militants and gunmen from the Islamic "
     "State Khorasan Province left ten dead.",
     [("Afghan Taliban", "rivals", "Islamic State Khorasan Province")], []),
    # ... and its "loyal to" phrase: the first conjunct is not the loyal one
    ("member noun conjunct, loyal to", "Clashes between the Houthis and jihadists loyal to al-Qaeda in the "
     "Arabian Peninsula killed ten people.",
     [("Houthis", "rivals", "al-Qaeda in the Arabian Peninsula")],
     [("Houthis", "allegiance_to", "al-Qaeda in the Arabian Peninsula")]),
    ("loyal conjunct, no tie between the attackers", "The Taliban and fighters loyal to the Haqqani network "
     "attacked a base in Khost.",
     [], [("Afghan Taliban", "allegiance_to", "Haqqani Network")]),
    # "the X affiliated Y" with the participle read as a verb: the members are Y's
    ("from the X affiliated Y", "Heavy clashes between the Houthi rebels and militants from the Islamic State "
     "affiliated Ansar al-Sharia were reported in Bayda.",
     [("Houthis", "rivals", "Ansar al-Sharia")], [("Houthis", "rivals", "Islamic State")]),
    # members loyal to two groups are no tie between them
    ("loyal to X and Y", "Militants loyal to Hamas and Islamic Jihad fired rockets at the border.", [],
     [("Hamas", "allegiance_to", "Palestinian Islamic Jihad")]),
    ("killed dozens of fighters from", "The Taliban killed dozens of fighters from the Islamic State Khorasan "
     "Province.",
     [("Afghan Taliban", "rivals", "Islamic State Khorasan Province")], []),
    # two member nouns, each with its group: the parser nests the second under the first's group
    ("members of X and fighters of Y", "Clashes erupted between members of Ansar Dine and fighters of the MNLA.",
     [("Ansar Dine", "rivals", "National Movement for the Liberation of Azawad")], []),
    ("members of X and fighters from Y", "Al-Shabaab attacked members of Hizbul Islam and fighters from the Ras "
     "Kamboni Brigade.",
     [("al-Shabaab", "rivals", "Hizbul Islam"), ("al-Shabaab", "rivals", "Ras Kamboni Brigade")], []),
    ("members of X and fighters of Y attacked", "Fighters of the Taliban and members of the Haqqani network "
     "attacked a base.", [], [("Afghan Taliban", "rivals", "Haqqani Network")]),
    # a group's members as the victims of another group's violence: rivals
    ("executed counted commanders", "Hayat Tahrir al-Sham executed four Hurras al-Din commanders in Idlib.",
     [("Hay'at Tahrir al-Sham", "rivals", "Hurras al-Din")], []),
    ("executed, other names", "Boko Haram executed three Ansaru commanders.",
     [("Boko Haram", "rivals", "Ansaru")], []),
    ("kidnapped, passive", "Three Jund al-Aqsa fighters were kidnapped by Ahrar al-Sham near Saraqib.",
     [("Ahrar al-Sham", "rivals", "Jund al-Aqsa")], []),
    ("executed, passive", "Two Ansaru emirs were executed by Boko Haram in 2013.",
     [("Boko Haram", "rivals", "Ansaru")], []),
    ("captured dozens of", "The Taliban captured dozens of Islamic State Khorasan Province militants in Nangarhar.",
     [("Afghan Taliban", "rivals", "Islamic State Khorasan Province")], []),
    ("beheaded a fighter", "The Islamic State beheaded a captured Jabhat al-Nusra fighter.",
     [("Islamic State", "rivals", "al-Nusra Front")], []),
    ("abducted a commander of", "Al-Shabaab gunmen abducted a senior commander of Hizbul Islam.",
     [("al-Shabaab", "rivals", "Hizbul Islam")], []),
    ("a leader and several members of", "Al-Shabaab assassinated a leader and several members of Hizbul Islam.",
     [("al-Shabaab", "rivals", "Hizbul Islam")], []),
    ("killed several commanders", "ISWAP killed several Boko Haram commanders in the Sambisa forest.",
     [("Islamic State West Africa Province", "rivals", "Boko Haram")], []),
    # a conjunction of prepositional phrases: both objects
    ("against A and then against B", "Al-Shabaab fought against Hizbul Islam and then against the Ras Kamboni "
     "Brigade.",
     [("al-Shabaab", "rivals", "Hizbul Islam"), ("al-Shabaab", "rivals", "Ras Kamboni Brigade")], []),
    ("object and later against B", "Ansar Dine fought the MNLA in 2012 and later against the Islamic State in "
     "the Greater Sahara.",
     [("Ansar Dine", "rivals", "National Movement for the Liberation of Azawad"),
      ("Ansar Dine", "rivals", "Islamic State Sahel Province")], []),
    ("with A and then with B", "Hezbollah cooperated with the Houthis and then with Hamas.",
     [("Hezbollah", "cooperates_with", "Houthis"), ("Hezbollah", "cooperates_with", "Hamas")], []),
    # a possessive pronoun in the opening sentence: the group named before it in the sentence
    ("its members split off, parser left no subject", "The IUMK fragmented in 1999 when a large number of "
     "its members split off to form the Kurdistan Islamic Group.",
     [("Kurdistan Islamic Group", "faction_of", "Islamic Unity Movement of Kurdistan")], []),
    ("its members broke away", "Jemaah Islamiyah fractured in 2008 when a large number of its members broke "
     "away to form Jamaah Ansharut Tauhid.",
     [("Jemaah Anshorut Tauhid", "faction_of", "Jemaah Islamiyah")], []),
    ("its in an opening sentence: not any group before it", "A militant splinter group that broke from Boko "
     "Haram last year and declared allegiance to al-Qaeda announced on Friday it was rejoining Boko Haram.",
     [], [("al-Qaeda", "allegiance_to", "Boko Haram")]),
    # precision: no second group, the state's forces, members meeting, a relative, one's own men
    ("army killed militants", "The army killed five Ansaru militants.", [],
     [("Ansaru", "rivals", "Ansaru")]),
    ("security forces arrested", "Security forces arrested two Hizbul Islam commanders in Mogadishu.", [], []),
    ("members met members", "Members of Ansar Dine met members of al-Mourabitoun in Gao.", [],
     [("Ansar Dine", "rivals", "al-Mourabitoun")]),
    ("killed a commander's brother", "Al-Shabaab killed the brother of a Hizbul Islam commander.", [],
     [("al-Shabaab", "rivals", "Hizbul Islam")]),
    ("executed its own fighters", "Al-Shabaab executed two of its own fighters accused of spying for Hizbul Islam.",
     [], [("al-Shabaab", "rivals", "Hizbul Islam")]),
    ("coordinated attackers", "Ahrar al-Sham fighters and militants from Jund al-Aqsa attacked a regime checkpoint.",
     [], [("Ahrar al-Sham", "rivals", "Jund al-Aqsa")]),
    ("counted members meet", "Some of Hizbul Islam's fighters met al-Shabaab commanders in Baidoa.", [],
     [("Hizbul Islam", "rivals", "al-Shabaab")]),
]


@pytest.mark.parametrize("name,text,expected,absent", CASES, ids=[c[0] for c in CASES])
def test_argument(name: str, text: str, expected: list, absent: list) -> None:
    found = rels(run(text))
    for a, t, b in expected:
        assert has_tie(found, a, t, b), f"{name}: missing {(a, t, b)} in {found}"
    for a, t, b in absent:
        assert not has_tie(found, a, t, b), f"{name}: unexpected {(a, t, b)} in {found}"
    if name in NO_TIE:
        assert not found, f"{name}: no tie expected, got {found}"


# sentences that state no tie between groups at all
NO_TIE = {"army killed militants", "security forces arrested", "members met members",
          "killed a commander's brother", "executed its own fighters", "counted members meet",
          "loyal to X and Y"}
