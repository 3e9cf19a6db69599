"""Tie constructions of round 4 (issue 8): one row per construction, on sentences invented for
these tests (other names, words and word orders than any corpus text). Each case lists the ties
that must be found and the ties that must not."""
from __future__ import annotations

import pytest
from extract_helpers import check_ties, has_tie, rels, run

CASES = [
    # a main verb left without a subject by the parser: the name before it is the subject
    ("orphan subject", "In a video shared on Telegram, the Bangsamoro Islamic Freedom Fighters (BIFF) "
     "declared their allegiance to the Islamic State.",
     [("Bangsamoro Islamic Freedom Fighters", "allegiance_to", "Islamic State")], []),
    # "including Y" hung on the verb lists members of the object before it
    ("including after object", "Ansaru fought against the Islamic State, including the Islamic State West Africa Province, "
     "for control of the forest.",
     [("Ansaru", "rivals", "Islamic State West Africa Province")], []),
    # "X fought along side Y against Z": rivals X and Z even when the parser hangs "against Z" under "side"
    ("along side ... against", "Ansaru fought along side Boko Haram against the Islamic State near Lake Chad.",
     [("Ansaru", "cooperates_with", "Boko Haram"), ("Ansaru", "rivals", "Islamic State")],
     [("Ansaru", "rivals", "Boko Haram")]),
    ("alongside a list ... against", "Ansaru fought alongside local militias, bandits and Boko Haram against "
     "the Islamic State West Africa Province.",
     [("Ansaru", "cooperates_with", "Boko Haram"), ("Ansaru", "rivals", "Islamic State West Africa Province")],
     [("Ansaru", "rivals", "Boko Haram")]),
    # "allegiance to IS" with the acronym parsed as the verb "is" (a leader stands for his group)
    ("to IS read as a verb", "Ibrahim Kato became leader of the Allied Democratic Forces in 2015. "
     "Kato reportedly first pledged allegiance to IS in 2016.",
     [("Allied Democratic Forces", "allegiance_to", "Islamic State")], []),
    ("to IS beside another preposition", "Ibrahim Kato became leader of the Allied Democratic Forces in 2015. "
     "Kato swore an oath of loyalty to IS in 2016.",
     [("Allied Democratic Forces", "allegiance_to", "Islamic State")], []),
    # "forced A, B and C out of" with "out of" hung on the last item of the list
    ("forced a list out of", "Al-Shabaab forced Hizbul Islam, the Ras Kamboni Brigade and several clan militias "
     "out of the port.",
     [("al-Shabaab", "rivals", "Hizbul Islam")], []),
    # a group formed and named in one phrase: "to form a new group called / known as Y"
    ("left to form ... called", "In 2014 a dissident wing quit al-Shabaab to form a new outfit called Hizbul Islam.",
     [("Hizbul Islam", "faction_of", "al-Shabaab")], [("al-Shabaab", "faction_of", "Hizbul Islam")]),
    ("left to form ... known as", "In 2016 a faction led by a young commander left Boko Haram to form a new group "
     "known as Ansaru.",
     [("Ansaru", "faction_of", "Boko Haram")], []),
    ("joined forces to form ... known as", "Ansar Dine, Boko Haram and Ansaru joined forces in 2017 to form "
     "an umbrella organisation known as Jama'at Nusrat al-Islam wal-Muslimin.",
     [("Ansar Dine", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("Ansaru", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")], []),
    ("merged into ... called", "In 2017 Ansar Dine and al-Mourabitoun merged into a new coalition called "
     "Jama'at Nusrat al-Islam wal-Muslimin.",
     [("Ansar Dine", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("al-Mourabitoun", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")], []),
    # a declared backing: "pledged / declared / voiced support for Y"
    ("pledged support to", "Al-Shabaab pledged its support to the Islamic State in Somalia on Friday.",
     [("al-Shabaab", "supports", "Islamic State Somalia Province")],
     [("Islamic State Somalia Province", "supports", "al-Shabaab")]),
    ("declared support (leader)", "Ibrahim Kato became leader of the Allied Democratic Forces in 2015. "
     "Two years later Kato declared support for the Islamic State.",
     [("Allied Democratic Forces", "supports", "Islamic State")], []),
    ("declared support for talks", "Hamas declared support for the ceasefire talks in Cairo.", [], []),
    # a list item coordinated with the last word of a long name rather than with its head
    ("conjunct inside a long name", "In 2013 the Those Who Sign in Blood Brigade and Ansar Dine merged together "
     "into a new organisation called al-Mourabitoun.",
     [("Ansar Dine", "allegiance_to", "al-Mourabitoun")], []),
    # a long name the gazetteer lacks in full, defined by its bracketed acronym
    ("bracketed long name", "Ansar Dine cooperated closely with the Movement for the Freedom of the Azawad People (MNLA) in 2012.",
     [("Ansar Dine", "cooperates_with", "National Movement for the Liberation of Azawad")], []),
    ("name inside a longer name", "The Movement for an Islamic State (MEI) cooperated with Ansar Dine against Boko Haram.",
     [], [("Islamic State", "cooperates_with", "Ansar Dine"), ("Ansar Dine", "cooperates_with", "Islamic State")]),
]


@pytest.mark.parametrize("name,text,expected,absent", CASES, ids=[c[0] for c in CASES])
def test_construction(name: str, text: str, expected: list, absent: list) -> None:
    check_ties(name, rels(run(text)), expected, absent)


# A sanctions narrative: its subject is the group of the "was listed on" sentence, even when a
# group it is associated with is named more often; the closing list's heading may lack a colon.
NARRATIVE = """Katibat al-Rimal was listed on 3 May 2015 as being associated with Ansar Dine.
It has links with Ansar Dine and Boko Haram. It carried out raids with Ansar Dine.
Ansar Dine and Katibat al-Rimal fighters were seen near Gao; Ansar Dine later denied it.

Related listed individuals and entities
Ansar Dine (QDe.135), listed on 20 March 2013
Al-Mourabitoun (QDe.141), listed on 2 June 2014
"""


def test_narrative_subject_is_the_listed_group() -> None:
    found = rels(run(NARRATIVE))
    assert has_tie(found, "Katibat al-Rimal", "affiliated_with", "al-Mourabitoun"), found
    assert not has_tie(found, "Ansar Dine", "affiliated_with", "al-Mourabitoun"), found
