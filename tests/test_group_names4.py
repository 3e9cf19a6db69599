"""Issue 8, group recognition: one table per class of missed group names (sentences of our own
invention, in the styles of incident summaries and short relationship notes; none copied from
a corpus). Each row: text, the group names (display names) that must be recognised, and those
that must not appear."""
from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from militantmap.article import Article
from militantmap.extract import extract
from militantmap.nlp.gazetteer import get_gazetteer

PUB = dt.date(2024, 6, 10)


def group_names(text: str) -> set[str]:
    r = extract(Article(text=text, published=PUB))
    return {e["name"] for e in r["entities"] if e["type"] == "armed_group"}


def _check(text: str, want: set[str], never: set[str]) -> None:
    got = group_names(text)
    assert want <= got, f"missing {want - got} in {got}"
    assert not (never & got), f"spurious {never & got} in {got}"


# A capitalised description opening the sentence is not part of the name (data
# group_discovery.json "lead_words").
LEAD_WORDS = [
    ("Suspected Crimson Ridge militants torched a bus depot near the border.",
     {"Crimson Ridge"}, {"Suspected Crimson Ridge"}),
    ("Alleged Kaloro Hills Liberation Army fighters ambushed a convoy, killing four soldiers.",
     {"Kaloro Hills Liberation Army"}, {"Alleged Kaloro Hills Liberation Army"}),
    ("Unidentified Sons of Tamarind guerrillas kidnapped an engineer on Tuesday.",
     {"Sons of Tamarind"}, {"Unidentified Sons of Tamarind"}),
]


@pytest.mark.parametrize("text,want,never", LEAD_WORDS)
def test_lead_words_are_not_part_of_the_name(text, want, never):
    _check(text, want, never)


def test_no_listed_name_starts_with_a_lead_word():
    data = json.loads(resources.files("militantmap").joinpath("data", "group_discovery.json")
                      .read_text("utf-8"))
    lead = {w.lower() for w in data["lead_words"]}
    for entry in get_gazetteer():
        for name in (entry.name, *entry.aliases):
            assert name.split()[0].lower() not in lead, (entry.id, name)


# A bracket after a name holds its acronym: the name ends before it, and a name of generic
# words with its own acronym is a proper name.
BRACKETS = [
    ("Gunmen shot a judge in the capital. The Armed Forces of Popular Resistance (FARP) "
     "claimed responsibility for the killing.",
     {"Armed Forces of Popular Resistance"}, {"Armed Forces of Popular Resistance (FARP"}),
    ("A car bomb exploded outside the barracks; the Brigades of the Southern Dawn (BSD) "
     "said they planted it and killed three soldiers.",
     {"Brigades of the Southern Dawn"}, set()),
]


@pytest.mark.parametrize("text,want,never", BRACKETS)
def test_bracketed_acronym_ends_the_name(text, want, never):
    _check(text, want, never)


def test_generic_words_without_an_acronym_stay_unnamed():
    # the same generic name without its acronym is a description, not a group
    assert "Armed Forces of Popular Resistance" not in group_names(
        "Gunmen shot a judge. The Armed Forces of Popular Resistance attacked the town.")


# A listed name that ends in a capitalised "Group" keeps it where a rule reads a group's
# position ("Members of the People's War Group"); "the X group" stays a description.
KNOWN_GROUP_WORD = [
    ("Members of the People's War Group blew up a railway track, killing a guard.",
     {"People’s War Group"}, set()),
    ("Cadres of the People's War Group set fire to a forest office and abducted two guards.",
     {"People’s War Group"}, set()),
]


@pytest.mark.parametrize("text,want,never", KNOWN_GROUP_WORD)
def test_listed_name_ending_in_group(text, want, never):
    _check(text, want, never)


# Heads that end armed groups' names (data group_discovery.json "heads"): cells, factions,
# death squads, commandos.
HEADS = [
    ("Members of the Silver Hand Death Squad killed two students in the suburbs.",
     {"Silver Hand Death Squad"}),
    ("Police blamed the bombing on the Red Orchard Faction, which killed a banker last year.",
     {"Red Orchard Faction"}),
    ("The Kessel Revolutionary Commando claimed the arson attack on the depot.",
     {"Kessel Revolutionary Commando"}),
]


@pytest.mark.parametrize("text,want", HEADS)
def test_group_heads(text, want):
    _check(text, want, set())


NOT_GROUPS = [
    "The Trump faction attacked the proposal in a late-night vote.",
    "Several Democrats attacked the budget on Tuesday.",
    "Suspected Russian hackers attacked the network of a hospital.",
]


@pytest.mark.parametrize("text", NOT_GROUPS)
def test_no_group_in_ordinary_news(text):
    assert group_names(text) == set()


# Incident-summary positions that credit a group the lists lack, with its acronym in brackets
# (the bracket is what makes a name of ordinary words a proper name) or in a passive claim.
CLAIMANT_POSITIONS = [
    ("A bomb wrecked a power pylon outside the city. Harvest of Embers (HOE) claimed "
     "responsibility for the blast.", {"Harvest of Embers"}),
    ("A grenade blast hit a bus depot. Officials attributed the bombing to Lanter Ridge "
     "Rising (LRR).", {"Lanter Ridge Rising"}),
    ("Militants from Sword of the Meseta (SOM) ambushed a patrol, killing four soldiers.",
     {"Sword of the Meseta"}),
    ("The bombing of the customs post was later claimed by the Okavi Revolutionary Group.",
     {"Okavi Revolutionary Group"}),
    ("The bomb blast at the tax office was claimed by the Revolutionary Cells.",
     {"Revolutionary Cells"}),
    ("A car bomb exploded near the ministry; the blast was claimed by Dawn of the "
     "Ninth of May (DNM).", {"Dawn of the Ninth of May"}),
]


@pytest.mark.parametrize("text,want", CLAIMANT_POSITIONS)
def test_claimant_positions(text, want):
    _check(text, want, set())


NOT_CLAIMANTS = [
    # a state body or a company in the same positions stays out
    "A bomb exploded near the port; officials blamed the attack on the Interior Ministry (MOI).",
    "The cyber attack on the bank was claimed by Microsoft (MSFT) researchers as a test.",
    "A bomb scare closed the airport. The World Health Organization (WHO) claimed the "
    "evacuation went smoothly.",
]


@pytest.mark.parametrize("text", NOT_CLAIMANTS)
def test_not_claimants(text):
    assert group_names(text) == set()


# Coordination: an unlisted name in a list of three or more names, two of them listed groups,
# is a group too; places, people and things in such a list are not.
LISTS = [
    ("The pact joined the Taliban, Hezb-e-Nur and al-Qaeda in one command.",
     {"Hezb-e-Nur"}, set()),
    ("Fighters of Boko Haram, Ansaru and Yan Tauri (YT) raided the town.", {"Yan Tauri"}, set()),
    ("Cooperation between the TTP, Harakat Dawat and the Haqqani network alarmed officials.",
     {"Harakat Dawat"}, set()),
    ("The TTP, Mullah Karim Dadullah and al-Qaeda were named in the indictment.", set(),
     {"Mullah Karim Dadullah", "Karim Dadullah"}),
    ("Hamas, Hezbollah, Qatar and Iran condemned the strike.", set(), {"Qatar", "Iran"}),
    ("The siege of the Grand Orpheum Hall, al-Shabaab and Hizbul Islam were all discussed at "
     "the talks.", set(), {"Grand Orpheum Hall"}),
]


@pytest.mark.parametrize("text,want,never", LISTS)
def test_list_members(text, want, never):
    _check(text, want, never)


def test_list_of_titles_is_no_list_of_groups():
    # items that only hold a group's name ("ISIS Emir of Helmand") are people's titles
    got = group_names("Among those who pledged allegiance were Mullah Dost, ISIS Emir of Kunar, "
                      "Qari Zarif, ISIS Emir of Logar, Hanzala, and others.")
    assert "Hanzala" not in got and "Qari Zarif" not in got


# Generic display names that the matcher leaves out ("Islamic Front", "New Order") are the
# group's where a group of the same region is named firmly in the sentence; the region picks
# between namesakes; a gloss in brackets, a longer name, or no group beside it names none.
GENERIC_BY_REGION = [
    ("The Islamic Front shelled positions held by Jabhat al-Nusra near Idlib.",
     {"Islamic Front"}, set()),
    ("Ahrar al-Sham, then a member of the Islamic Front, denied the report.",
     {"Islamic Front"}, set()),
    ("Police said New Order and the Red Brigades shared safe houses in Milan.",
     {"New Order"}, set()),
    ("The National Front won seats in the French election while the Taliban fought on.",
     set(), {"National Front"}),
    ("The Islamic Front held a rally in the capital on Friday.", set(), {"Islamic Front"}),
    ("Kata'ib Hezbollah (Islamic Front) fired rockets at the base, Hamas said.", set(),
     {"Islamic Front"}),
    ("The Northern Islamic Front and the Free Syrian Army fought ISIS.", set(),
     {"Islamic Front"}),
]


@pytest.mark.parametrize("text,want,never", GENERIC_BY_REGION)
def test_generic_names_by_region(text, want, never):
    _check(text, want, never)


# English translations of names UCDP writes in the group's own language (scripts/
# build_gazetteer.py, Record.translations): matched only with a conflict cue or a group in the
# sentence, as contextual aliases.
TRANSLATIONS = [
    ("Gunmen of the Soldiers of the Prophet's Companions attacked a shrine near Baquba.",
     "jamaat-jund-al-sahaba"),
    ("The Alliance of Patriotic Federalists-Gutabara ambushed a convoy in South Kivu.",
     "afp-gutabara"),
    ("Fighters of the Knights of Justice Brigade shelled a checkpoint held by Jabhat al-Nusra.",
     "liwa-fursan-al-haqq"),
]


def _kb_ids(text: str) -> set:
    r = extract(Article(text=text, published=PUB))
    return {e["kb_id"] for e in r["entities"] if e["type"] == "armed_group"}


@pytest.mark.parametrize("text,kb_id", TRANSLATIONS)
def test_translated_names_in_context(text, kb_id):
    assert kb_id in _kb_ids(text)


def test_translated_name_without_context_is_no_mention():
    assert "jamaat-jund-al-sahaba" not in _kb_ids(
        "A new history of the Soldiers of the Prophet's Companions was printed in Cairo.")


def test_translations_are_context_bound():
    gaz = get_gazetteer()
    entry = gaz.get("jamaat-jund-al-sahaba")
    assert entry is not None
    assert "Soldiers of the Prophet's Companions" in entry.contextual_aliases
