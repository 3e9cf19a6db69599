"""Issue 8, round 7: group recognition. Sentences of our own invention (no corpus text): list
items with a bracketed gloss or an Arabic one-word name, editors' acronyms that need context,
and transliteration variants of listed names."""
from __future__ import annotations

import datetime as dt

import pytest

from militantmap.article import Article
from militantmap.extract import extract
from militantmap.nlp.gazetteer import get_gazetteer

PUB = dt.date(2024, 6, 10)


def groups(text: str) -> dict[str, str | None]:
    r = extract(Article(text=text, published=PUB))
    return {e["name"]: e.get("kb_id") for e in r["entities"] if e["type"] == "armed_group"}


# Lists: an unlisted item among listed groups (extract/entities.py, _list_members).
LISTS = [
    # a bracketed gloss after an item no longer ends the list
    ("Three factions fused into one coalition: Ansar Dine, Jabhatul Islamiya (Islamic Front), "
     "and the Kelbora Brotherhood.", {"Ansar Dine", "Jabhatul Islamiya", "Kelbora Brotherhood"}),
    # an Arabic one-word name with its article, the other items all listed groups
    ("The alliance was formed by the Haqqani Network, al-Wadiqa, and Lashkar-e-Taiba.",
     {"Haqqani Network", "al-Wadiqa", "Lashkar-e-Taiba"}),
    ("Boko Haram, al-Tarfiya and Ansaru agreed to share weapons.",
     {"Boko Haram", "al-Tarfiya", "Ansaru"}),
]


@pytest.mark.parametrize("text,want", LISTS)
def test_list_items(text: str, want: set[str]) -> None:
    got = groups(text)
    assert want <= set(got), f"missing {want - set(got)} in {got}"


LIST_NEGATIVES = [
    # a man's name (article + one word) among groups and a country is no group: not all the
    # other items are groups
    ("Envoys from Hamas, al-Karimi and Qatar met the Hezbollah delegation.", {"al-Karimi"}),
    # a list of only one listed group is no list of groups
    ("Talks in Doha brought together al-Nadiri, al-Sabri and the Taliban.", {"al-Nadiri", "al-Sabri"}),
]


@pytest.mark.parametrize("text,never", LIST_NEGATIVES)
def test_list_negatives(text: str, never: set[str]) -> None:
    got = groups(text)
    assert not (never & set(got)), f"spurious {never & set(got)} in {got}"


# Editors' acronyms that need context (curated contextual_aliases): a group with a cue or
# another group in the sentence, nothing without.
ACRONYMS = [
    ("Police said NAR gunmen had shot the judge outside his home.", "armed-revolutionary-nuclei"),
    ("Several FCA members later joined the Prima Linea.", "armed-communist-formations"),
    ("AST militants were blamed for the attack on the embassy.", "ansar-al-sharia-in-tunisia"),
    ("Leaders of the MIA and the GIA met in the mountains in 1993.", "armed-islamic-movement"),
    ("The OJAL claimed the killing of two imams.", "organization-of-young-free-algerians"),
]


@pytest.mark.parametrize("text,kb", ACRONYMS)
def test_contextual_acronyms(text: str, kb: str) -> None:
    assert kb in set(groups(text).values())


ACRONYM_NEGATIVES = [
    "The NAR figures for the quarter were published on Monday.",
    "FCA reported higher car sales in Europe.",
    "Flights to MIA were delayed by the storm.",
    "AST is used for the timestamps in the schedule.",
]


@pytest.mark.parametrize("text", ACRONYM_NEGATIVES)
def test_contextual_acronyms_need_context(text: str) -> None:
    assert groups(text) == {}


def test_mia_is_the_armed_islamic_movement_not_fis() -> None:
    gaz = get_gazetteer()
    assert "MIA" in gaz.get("armed-islamic-movement").aliases
    assert "MIA" not in gaz.get("islamic-salvation-front").aliases


# Transliteration (data/transliteration.json and the plural ending in nlp/gazetteer._loose).
SPELLINGS = [
    ("El Gama'a El Islamiya", "gamaa-al-islamiyya"),
    ("Ahrar ash-Sham", "ahrar-al-sham"),
    ("Failaq al-Rahman", "faylaq-al-rahman"),
    ("Al-Murabitoon", "al-mourabitoun"),
    ("Liwa Fatemiyun", "fatemiyoun-division"),
    ("Tanzim Hurras ad-Din", "hurras-al-din"),
]


@pytest.mark.parametrize("name,kb", SPELLINGS)
def test_transliteration(name: str, kb: str) -> None:
    ms = get_gazetteer().find_mentions(f"Fighters of {name} shelled the village on Sunday.")
    assert [m.entry_id for m in ms] == [kb]


def test_english_words_are_no_article() -> None:
    # "as", "at", "an" are English words, never the Arabic article: "known as Shabaab" does
    # not make "as Shabaab" a spelling of "al-Shabaab" (the name alone still matches)
    ms = get_gazetteer().find_mentions("The militia known as Shabaab attacked the port.")
    assert [m.surface for m in ms] == ["Shabaab"]


# A group named in full, then again without its head noun (extract/entities.py,
# _shortened_names), names the same group, not a namesake the lists give the short name.
SHORTENED = [
    ("Members of the Islamic Jihad Union crossed into Kunduz. Later the Islamic Jihad said "
     "its fighters had taken the bridge.", "islamic-jihad-union", "palestinian-islamic-jihad"),
]


@pytest.mark.parametrize("text,want,never", SHORTENED)
def test_shortened_names(text: str, want: str, never: str) -> None:
    got = set(groups(text).values())
    assert want in got and never not in got, got


SHORTENED_KEPT = [
    # the namesake named first keeps the short name
    ("Palestinian Islamic Jihad fired rockets at Sderot. The Islamic Jihad said the barrage "
     "answered the raids.", "palestinian-islamic-jihad"),
    # a parent named after its province stays the parent
    ("The Islamic State West Africa Province overran a base near Monguno; the Islamic State "
     "claimed the raid.", "islamic-state"),
]


@pytest.mark.parametrize("text,kb", SHORTENED_KEPT)
def test_shortened_names_kept(text: str, kb: str) -> None:
    assert kb in set(groups(text).values())


def test_dawn_is_a_name_word_only_capitalised() -> None:
    assert "libya-dawn" in set(groups("Fighters of Libyan Dawn shelled the airport road.").values())
    assert groups("Troops carried out a Libyan dawn raid on a smugglers' camp.") == {}


# A group named in full and then by its head alone ("the Front", "the Brigade"): the later
# sentence's conflict cue makes the name a group, and "the Front" is that group again.
HEAD_REFERENCES = [
    ("The Morvan Hills Front was founded in 1991. Last week the Front bombed a police post in "
     "Tessel, killing two officers.", "Morvan Hills Front"),
    ("The Silver Pine Brigade was formed in March. On Monday the Brigade said its fighters had "
     "ambushed a convoy.", "Silver Pine Brigade"),
]


@pytest.mark.parametrize("text,name", HEAD_REFERENCES)
def test_head_references(text: str, name: str) -> None:
    r = extract(Article(text=text, published=PUB))
    ents = {e["id"]: e for e in r["entities"] if e["type"] == "armed_group"}
    assert [e["name"] for e in ents.values()] == [name]
    perps = {p for ev in r["events"] for p in ev.get("perpetrators", [])}
    assert perps and perps <= set(ents), r["events"]


HEAD_REFERENCE_NEGATIVES = [
    # no conflict cue anywhere: a front that holds a congress is no armed group
    "The Morvan Hills Front was founded in 1991. Last year the Front held a congress.",
    # "the Army" is no head reference ("the Army" is a state's as often)
    "The Tessel Valley Army was founded in 1991. The Army attacked a village.",
]


@pytest.mark.parametrize("text", HEAD_REFERENCE_NEGATIVES)
def test_head_reference_negatives(text: str) -> None:
    assert "Morvan Hills Front" not in groups(text) and "Tessel Valley Army" not in groups(text)


# Historical groups of incident summaries that no source list had, curated with a citation,
# and the names UCDP joins to another ("MLN/Tupamaros", "Interahamwe, ex-FAR").
HISTORICAL = [
    ("Members of Action Directe shot an arms executive outside his home.", "action-directe"),
    ("Gunmen of the Manuel Rodriguez Patriotic Front (FPMR) bombed a bank.", "manuel-rodriguez-patriotic-front"),
    ("Tupamaros guerrillas seized a radio station.", "mln-tupamaros"),
    ("Interahamwe militiamen burned a market.", "interahamwe-ex-far"),
    ("ASALA claimed the bombing of an airline office.", "armenian-secret-army-for-the-liberation-of-armenia"),
    ("The Chukakuha fired homemade rockets at a base.", "chukaku-ha"),
    ("Suspected members of Terra Lliure planted a bomb at a courthouse.", "terra-lliure"),
    # a head noun in the plural where the list has the singular
    ("Members of the Red Hand Commandos shot a taxi driver.", "red-hand-commando"),
    ("Cadres of the All Tripura Tigers Force abducted two traders.", "all-tripura-tiger-force"),
]


@pytest.mark.parametrize("text,kb", HISTORICAL)
def test_historical_groups(text: str, kb: str) -> None:
    assert kb in set(groups(text).values())


def test_ordinary_words_are_no_historical_group() -> None:
    # "Triple-A", "weathermen" and "omega-7" were left out of the aliases on purpose
    assert groups("The weathermen said a Triple-A game was rained out; omega-7 oils sold well.") == {}


# "Members of the Front for the Liberation of X": a head noun first, then "for/of" and a name
# that says what it fights for (data/group_discovery.json, members_of_head_first).
HEAD_FIRST = [
    ("Gunmen from the Front for the Liberation of Tarvo Valley torched two trucks.",
     "Front for the Liberation of Tarvo Valley"),
    ("Rebels of the Movement for the Salvation of Orvath seized the airport.",
     "Movement for the Salvation of Orvath"),
]


@pytest.mark.parametrize("text,name", HEAD_FIRST)
def test_head_first_names(text: str, name: str) -> None:
    assert name in groups(text)


def test_head_first_needs_an_insurgent_word() -> None:
    # a party's name ("Movement for Democratic Change") says nothing of arms
    assert groups("Members of the Movement for Democratic Change were attacked by police.") == {}


def test_faction_phrase_is_an_alias() -> None:
    # the whole phrase naming a faction is one of its surface forms in this text
    r = extract(Article(text="Khan led the Hakimi faction of the TTP until 2015.", published=PUB))
    faction = [e for e in r["entities"] if e["type"] == "armed_group" and e.get("kb_id") is None]
    assert faction and "Hakimi faction of the TTP" in faction[0]["aliases"], r["entities"]


GLOSSES = [
    # a name glossed in brackets: the gloss is a surface form of the group in this text
    ("Gunmen from Comando Tarqui Libre (Free Tarqui Command) bombed a power pylon.",
     "Comando Tarqui Libre", "Free Tarqui Command"),
    ("Fighters of Jaish al-Adl (Army of Justice) ambushed border guards.",
     "Jaish al-Adl", "Army of Justice"),
]


@pytest.mark.parametrize("text,name,gloss", GLOSSES)
def test_bracket_gloss_is_an_alias(text: str, name: str, gloss: str) -> None:
    r = extract(Article(text=text, published=PUB))
    ent = [e for e in r["entities"] if e["type"] == "armed_group" and e["name"] == name]
    assert ent and gloss in ent[0]["aliases"], r["entities"]


def test_bracketed_place_is_no_gloss() -> None:
    r = extract(Article(text="Fighters of the Harbor Liberation Front (North Kessel Province) "
                             "attacked a post in Tarvo.", published=PUB))
    aliases = {a for e in r["entities"] if e["type"] == "armed_group" for a in e["aliases"]}
    assert "Harbor Liberation Front" in aliases and "North Kessel Province" not in aliases, aliases


def test_credit_line_is_no_gloss() -> None:
    r = extract(Article(text="Fighters of the Harbor Liberation Front (Associated Press) attacked a "
                             "post in Tarvo.", published=PUB))
    aliases = {a for e in r["entities"] if e["type"] == "armed_group" for a in e["aliases"]}
    assert "Associated Press" not in aliases, aliases
