"""Entities of one article: armed groups (linked to the gazetteer or discovered), people, places
and other organisations.

Group mentions come from, in order of authority:
1. names the text itself defines: "Lashkar-e-Jhangvi (LeJ)" makes LeJ an alias here, and
   "the Al-Alami faction of the LeJ" makes a faction of its own;
   "Islamic State's Sahel affiliate" picks out the parent's branch based there;
2. the gazetteer (every spelling it knows, case- and hyphen-insensitive; a few names mean
   another group in one country: "al-Shabaab" in an article about Mozambique);
3. groups discovered from context ("a militant group called X", "the X outfit", "a cell calling
   itself X", "the X gang", "X rebels") or from named organisations whose name is built like an
   armed group's ("... Brigades", "Jaish-..."). States, parties, media and civil bodies are
   kept out by their words ("police", "party", "rights", ...).
People, places and other organisations come from spaCy's NER, never overlapping a group.
"""
from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from militantmap.extract.context import (
    ARMED_GROUP,
    LOCATION,
    ORGANIZATION,
    PERSON,
    Context,
    Entity,
    Mention,
    doc_ents,
    span_text,
)
from militantmap.extract.geo import get_geocoder
from militantmap.nlp.gazetteer import Gazetteer, conflict_cue_re, normalize

# A capitalised name of up to eight words, allowing the particles of transliterated names.
_WORD = r"(?:(?:[Aa]l|[Ee]l|[Aa][snrdtz]|[Uu]l)[-‐‑][A-Z][\w’'‐‑-]*|[A-Z][\w’'‐‑-]*)"
_PARTICLE = r"(?:of|al|el|ul|wal|e|i|and|for|in|bin|ibn|de|del|la|los|las|du|des|fi)"
# "Lions of the Caliphate in the Maghreb": a preposition may take an article after it.
_LINK = rf"(?:(?:of|for|in|fi|de|du|des)\s+(?:the|al|el|la|le|los|las)\s+|{_PARTICLE}\s+)"
NAME = rf"{_WORD}(?:\s+{_LINK}?{_WORD}){{0,7}}"

_FACTION_KIND = (
    r"faction|wing|splinter group|splinter faction|breakaway faction|breakaway group|branch|"
    r"offshoot|chapter|affiliate|franchise|[Pp]rovince"
)
_FACTION_BEFORE = re.compile(
    rf"(?:^|(?<=\W))(?:[Tt]he\s+|[Aa]n?\s+)?(?P<x>{NAME})\s+(?P<kind>{_FACTION_KIND})\s+of\s+"
    # "of the powerful / banned LeJ": lower-case modifiers before the parent
    rf"(?:the\s+)?(?:(?!the\b|a\b|an\b)[a-z][a-z-]*\s+){{0,2}}$"
)
_FACTION_AFTER = re.compile(rf"^[’']s\s+(?P<x>{NAME})\s+(?P<kind>{_FACTION_KIND})\b")

_SELF_NAMED = re.compile(
    rf"(?:\s+|[’']s?\s+(?:[\w-]+\s+){{0,2}}?)(?:{_FACTION_KIND})(?:\s+(?:in|for)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?"
    rf"\s*,\s*(?:the\s+|a\s+)?(?:self-(?:declared|styled|proclaimed)|so-called)\s+[\"“‘']"
    rf"(?P<x>{NAME}),?[\"”’']")
_ACRONYM = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)\s*\)")
# "the MNA (Movimiento Nacional Armado)": an all-capitals acronym, then the name in brackets.
_ACRONYM_FIRST = re.compile(rf"(?<![\w-])(?P<acr>[A-Z]{{2,6}})\s*\(\s*(?:the\s+)?(?P<name>{NAME})\s*\)")
_SENT_END = re.compile(r"(?<!\b[A-Z])[.!?][\"'’”)\]]*\s+|\n")

_GROUP_NOUN = (
    r"(?:group|outfit|organi[sz]ation|faction|movement|militia|network|front|coalition|alliance|"
    r"cell|gang|cartel)"
)
# Nouns that name an armed group only with a militant word near them: "a movement called X" is
# as likely a party or a charity as a militia.
_GENERIC_NOUN = re.compile(r"group|organi[sz]ation|faction|movement|network|front|coalition|alliance")
_MILITANT_ADJ = (
    r"(?:militant|jihadist|jihadi|terrorist|terror|insurgent|extremist|separatist|rebel|armed|"
    r"Islamist|sectarian|banned|outlawed|proscribed|paramilitary|guerrilla|criminal|vigilante)"
)
# An acronym in brackets after a name ("(FP-25)", "(CNPZ)", "(DHKP/C)"): two capitals or more.
_BRACKETED_ACRONYM = r"\((?=[^)]*[A-Z][^)]*[A-Z])[A-Z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*\)"
# The phrases that introduce a group the gazetteer lacks are data: data/group_discovery.json
# (one row per construction, with an example), applied in _discovered_names.
# "proper" rows: the noun after the name says "armed group" but the name is only a name if it
# is a proper noun ("the Village de Dieu gang", "Twirwaneho rebels"; not "the Haitian gang",
# "Sudanese rebels", "Armed rebels"). A gang is named with its noun ("the Grand Ravine gang":
# the place alone is a neighbourhood); rebels are named without it.
# "Machar's rebels", "Kony rebels" are a man's followers, not a group's name: possessives never
# count, and rebels named after a person are left alone.
_POSSESSIVE_END = re.compile(r"[’']s?$")


@lru_cache(maxsize=1)
def _discovery_data() -> dict:
    path = resources.files("militantmap").joinpath("data", "group_discovery.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _lead_words() -> frozenset[str]:
    """Words that open a description before a name and never start a group's name."""
    return frozenset(w.lower() for w in _discovery_data()["lead_words"])


def _generic_only(name: str) -> bool:
    """A name made only of generic words ("Salvation Army", "National Front") names no group."""
    generic = set(_discovery_data()["generic_words"])
    return all(w in generic for w in normalize(name).split())


@lru_cache(maxsize=1)
def _discovery_table() -> list[tuple[re.Pattern[str], str, bool, bool, int]]:
    """The phrase table of data/group_discovery.json, compiled once: (pattern, kind,
    keep_noun, cue_before, min_words), in the table's order."""
    data = _discovery_data()
    heads = "(?:" + "|".join(re.escape(h) for h in sorted(data["heads"], key=len, reverse=True)) + ")"
    sub = {"{NAME}": NAME, "{HEAD}": heads, "{GROUP_NOUN}": _GROUP_NOUN,
           "{MILITANT_ADJ}": _MILITANT_ADJ, "{ACR}": _BRACKETED_ACRONYM}
    table = []
    for row in data["patterns"]:
        pattern = row["pattern"]
        for key, value in sub.items():
            pattern = pattern.replace(key, value)
        table.append((re.compile(pattern), row["kind"], bool(row.get("keep_noun")),
                      bool(row.get("cue_before")), int(row.get("min_words", 1))))
    return table


# Words before the noun that make "a group called X" a civil body, not an armed one.
_CIVIL_MODS = re.compile(
    r"\b(?:rights|human|aid|charity|charitable|humanitarian|political|opposition|advocacy|media|"
    r"news|civil|civic|student|students|activist|environmental|peace|monitoring|watchdog|relief|"
    r"medical|business|trade|labou?r|lobby|think|research|religious|church|party|parliamentary|"
    r"police|army|government|state|ruling|campaign|protest|pressure)\b",
    re.I,
)
_MILITANT_MOD = re.compile(rf"\b{_MILITANT_ADJ}\b|\bgunmen\b|\bjihad", re.I)
# Words that make a discovered name a state body, a party, media or a civil organisation.
_NEVER_GROUP_WORDS = {
    "police", "ministry", "department", "government", "parliament", "party", "parties", "media",
    "news", "agency", "ngo", "charity", "watch", "rights", "embassy", "university", "school",
    "hospital", "company", "bank", "court", "commission", "tribunal", "senate", "congress",
    "cabinet", "presidency", "municipality", "gendarmerie", "navy", "coastguard", "foundation",
    "fund", "institute", "center", "centre", "bureau", "office", "press", "times", "post", "radio",
    "tv", "television", "college", "program", "programme", "project", "report",
    "research", "service", "services", "nations", "kingdom", "association", "society", "club",
    # a state's organs: "the Biden Administration", "the Assad regime", "the Revolutionary Guard"
    "administration", "regime", "junta", "guard", "guards", "corps",
}

_APPOSITIVE_ROLE = re.compile(
    r",\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:spokes(?:man|woman|person)|commander|leader|chief|"
    r"founder|deputy|member|official|emir|militant|fighter|cleric|preacher)\b", re.I)

# Head words that make an ORG entity look like an armed group's name.
_GROUP_HEADS = {
    "front", "army", "brigade", "brigades", "movement", "mujahideen", "mujahedeen", "mujahidin",
    "jamaat", "jamaat-ul", "jamaah", "jemaah", "lashkar", "tehreek", "tehrik", "ansar", "ansaru",
    "harakat", "katibat", "katiba", "jaish", "hizb", "hezb", "hizbul", "taliban", "jihad",
    "militia", "militias", "battalion", "battalions", "martyrs", "resistance", "kataib", "kata'ib",
    "liwa", "saraya", "jund", "tanzim", "sipah", "tigers", "guerrillas", "rebels", "insurgents",
    "legion", "cartel", "clan", "commandos", "fighters", "wilayat", "caliphate",
    # the same heads in the languages groups name themselves in (Spanish, Portuguese, French,
    # Italian, Arabic): "Frente Patriotico Morazanista", "Nuclei Armati Rivoluzionari".
    # Not "ejercito", "armée", "fuerzas": they name states' armies as often ("Ejército
    # Nacional"); nor "jamaat": Jamaat-e-Islami is a party.
    "brigada", "brigadas", "brigate", "comando", "comandos", "nuclei", "formazioni", "jabhat",
    "jabha", "jaysh", "faylaq", "kata'ib",
}
# "Frente", "Movimiento" head parties as often ("Frente Amplio", "Movimiento al Socialismo"):
# heads only with a word of arms or revolt in the name ("Frente Patriotico Morazanista").
_ROMANCE_SOFT_HEADS = {"frente", "movimiento", "movimento", "mouvement"}
_ROMANCE_ARMED_WORDS = {
    "armado", "armada", "armados", "armadas", "armee", "armée", "armati", "armate", "guerrillero",
    "guerrillera", "revolucionario", "revolucionaria", "revolucionarias", "revolucionarios",
    "liberacion", "liberación", "libération", "liberation", "rivoluzionari", "rivoluzionario",
    "patriotico", "patriótico", "insurgente", "popular", "nacional", "national",
}
# Words of state and civil bodies that an insurgent name may still hold when it also says
# what it fights for: "Ogaden National Liberation Front", "Democratic Forces for the Liberation
# of Rwanda", "Mujahideen Shura Council", "Popular Resistance Committees".
_SOFT_NOT_GROUP_WORDS = {"national", "forces", "council", "committee", "committees", "union"}
_INSURGENT_NAME_WORDS = {
    "liberation", "revolutionary", "resistance", "shura", "mujahideen", "mujahidin",
    "mujahedeen", "jihad", "jihadi", "insurgent", "rebel", "rebels", "guerrilla",
}
# ("mujahid" is not a head: it is a common personal name, "Zabihullah Mujahid".)
# Words that mark a state body, a party, media or an institution rather than an armed group.
_NOT_GROUP_WORDS = {
    "police", "ministry", "department", "government", "council", "nations", "union", "court",
    "parliament", "assembly", "university", "institute", "center", "centre", "agency", "bank",
    "committee", "commission", "office", "service", "services", "bureau", "news", "press",
    "times", "post", "radio", "tv", "television", "republic", "kingdom", "federation",
    "national", "forces", "command", "navy", "air", "guard", "guards", "corps", "coast",
    "ministry", "embassy", "school", "college", "hospital", "company", "foundation", "fund",
    "red", "crescent", "cross", "program", "programme", "project", "report", "research",
}
_MILITANT_CUE = re.compile(
    r"\b(?:militan\w*|insurgen\w*|rebel\w*|jihad\w*|terror\w*|extremis\w*|separatis\w*|"
    r"attack\w*|claimed|fighters?|armed|bomb\w*|ambush\w*|kill\w*|abduct\w*|kidnap\w*|"
    r"guerrill\w*|insurgency|gunmen|outlawed|banned)\b",
    re.I,
)
_STATE_ARMY = re.compile(
    r"\b(?:national|regular|government|state|federal|royal|people's|popular)\s+(?:army|forces)\b",
    re.I,
)
# A formation numbered by an ordinal is a regular army's ("the 93rd Brigade", "25th Infantry
# Brigade", "Second Mechanized Battalion"); armed groups take a year or a date ("1920 Revolution
# Brigades", "23 March Movement"). A spelled ordinal counts only before a unit word or an arm of
# service: "the Seventh Dawn Brigades" may be a group's name.
_NUMBERED_UNIT = re.compile(
    r"(?i)^(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+(?:[\w-]+\s+){0,2}?|"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s+"
    r"(?:(?:infantry|armou?red|mechani[sz]ed|motori[sz]ed|airborne|marine|mountain|assault|special|"
    r"artillery|rapid|reserve)\s+){0,2})"
    r"(?:brigade|division|battalion|regiment|corps|army|infantry|armou?red|mechani[sz]ed|airborne|"
    r"marines?|squadron|company|fleet|group|unit|detachment)s?\b"
)
# An apposition that says what a discovered name is, when it is no armed group.
_CIVIL_APPOSITION = re.compile(
    r"\s*(?:\([^)]{1,15}\))?\s*,\s+(?:(?:a|an|the)\s+|[A-Z][\w-]+[’']s\s+)(?:[\w-]+\s+){0,3}?"
    r"(?:party|parties|union|charity|newspaper|broadcaster|ministry|council|foundation|association|"
    r"company|firm|NGO|think\s+tank|university|church|denomination|federation|club|band|agency)\b")
_ACRONYM_AFTER = re.compile(r"\s*\((?:[A-Z][A-Za-z]?){2,}(?:-[A-Z0-9]+)?\)")
_BAD_NAME_START = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"}


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    key: str
    priority: int              # lower wins an overlap
    surface: str
    complement: bool = False


def find_entities(ctx: Context, gaz: Gazetteer, countries: set[str], nationality=None) -> None:
    """Fill ctx.entities and ctx.group_mentions. `countries` holds normalized country names,
    which are never group names on their own; `nationality(word)` gives the country of a
    demonym or country name ("Nigerian" -> Nigeria), to tell a state's army from a militia."""
    text = ctx.text
    cands: list[_Candidate] = []
    new_entities: dict[str, Entity] = {}
    # Whole faction phrases ("the Orakzai branch of the TTP"): surface forms of the faction
    # that hold its parent's mention, so they are aliases but no mention of their own.
    phrase_aliases: dict[str, list[str]] = {}

    def entity_for_entry(entry_id: str) -> str:
        return _known_entity(ctx, gaz, entry_id)

    def entity_for_name(name: str, parent_key: str | None = None, link: bool = True) -> str:
        """Link a name found in the text to the gazetteer if possible (and `link`), else a new
        group."""
        # (by_name: a display name too generic to be matched in running text, "Revolutionary
        # Struggle", is still the group's name where a rule found it in a group's position)
        entry = (gaz.lookup(name) or gaz.by_name(name) or _headless_lookup(gaz, name)
                 or gaz.fuzzy_lookup(name)) if link else None
        if entry is not None:
            return entity_for_entry(entry.id)
        key = "new:" + normalize(name)
        if key not in ctx.entities:
            ent = Entity(key=key, name=name, type=ARMED_GROUP, kb_id=None, parent_key=parent_key)
            ctx.entities[key] = ent
            new_entities[key] = ent
        return key

    gaz_mentions = _shortened_names(gaz, _local_readings(ctx, gaz, gaz.find_mentions(text), nationality))
    for m in gaz_mentions:
        entity_for_entry(m.entry_id)
        cands.append(_Candidate(m.start, m.end, m.entry_id, 2, text[m.start : m.end]))

    # Ellipsis: "the Afghan and Pakistani Taliban" names two groups.
    for m in gaz_mentions:
        surface = text[m.start : m.end]
        words = surface.split()
        if len(words) < 2:
            continue
        before = re.search(r"\b([A-Z][\w’'-]+),?\s+(?:and|or)\s+$", text[max(0, m.start - 40) : m.start])
        if not before:
            continue
        other = before.group(1) + " " + " ".join(words[1:])
        entry = gaz.lookup(other)
        if entry is not None and entry.id != m.entry_id:
            s = m.start - len(before.group(0))
            entity_for_entry(entry.id)
            cands.append(_Candidate(s, s + len(before.group(1)), entry.id, 2, ""))

    # "Manuel Ortiz Patriotic Front": a short name the lists know ("Patriotic Front") after
    # proper words that belong to it is a longer name, another group.
    for m in list(gaz_mentions):
        ext = _extended_name(ctx, gaz, m.start, m.end)
        if ext is not None:
            s, name = ext
            # "Tamil Eelam Liberation Tigers": words of the group's own full name make a
            # longer spelling of the same group, not another one
            entry = gaz.get(m.entry_id)
            own = {w for a in (entry.aliases if entry else ()) for w in normalize(a).split()}
            same = set(normalize(text[s:m.start]).split()) <= own
            cands.append(_Candidate(s, m.end, m.entry_id if same else entity_for_name(name), 1, name))
    # "Ansar al-Sharia" alone, which the lists know only with a country ("Ansar al-Sharia
    # (Libya)", "... in Tunisia"): the group of the country the article is about.
    for s, e, entry_id in _country_qualified(ctx, gaz, gaz_mentions, nationality):
        entity_for_entry(entry_id)
        cands.append(_Candidate(s, e, entry_id, 2, text[s:e]))

    # Factions named in the text: "the Al-Alami faction of the Lashkar-e-Jhangvi".
    defined_acronyms: dict[str, str] = {}
    for m in gaz_mentions:
        window_start = max(0, m.start - 120)
        fm = _FACTION_BEFORE.search(text[window_start : m.start])
        after = None if fm else _FACTION_AFTER.match(text[m.end : m.end + 120])
        hit = fm or after
        if not hit:
            continue
        x = hit.group("x").strip()
        if x.lower() in _BAD_NAME_START:
            continue
        parent = gaz.get(m.entry_id)
        assert parent is not None
        base = window_start if fm else m.end
        xs = base + hit.start("x")
        xe = base + hit.end("kind")
        # the group the phrase stands in apposition to: "JNIM, al-Qaeda's Sahel affiliate",
        # "JNIM, the Sahel branch of al-Qaeda", "al-Qaeda's Sahel affiliate, JNIM,"
        appos = (_appositive_group(text, window_start + fm.start(), gaz_mentions) if fm
                 else _appositive_group(text, m.start, gaz_mentions)
                 or _appositive_after(text, m.end + hit.end("kind"), gaz_mentions))
        if (appos is not None and appos != m.entry_id and gaz.lookup(x) is None
                and gaz.lookup(f"{parent.name} {x}") is None):
            # "JNIM, al-Qaeda's Sahel affiliate": the phrase describes the group just named.
            key = entity_for_entry(appos)
        elif _is_descriptive(ctx, xs, xs + len(x)):
            # "Islamic State's Sahel affiliate", "the Somali branch of IS": a place names no
            # faction of its own; it picks out the one branch of the parent based there.
            child = _child_by_place(gaz, m.entry_id, x, nationality)
            if child is None:
                continue
            key = entity_for_entry(child.id)
        else:
            key = _faction_entity(ctx, gaz, x, parent.name, m.entry_id, new_entities, entity_for_entry)
        if key == m.entry_id:
            continue
        if not fm:  # "G's X faction": the tie is read off the phrase (faction_phrase_relations)
            ctx.faction_ties.append((key, m.entry_id, xs, _part_tie(hit.group("kind"))))
            phrase = text[m.start:xe]
        else:
            phrase = text[xs:m.end]
        if "\n" not in phrase:
            phrase_aliases.setdefault(key, []).append(phrase)
        cands.append(_Candidate(xs, xe, key, 0, text[xs:xe]))
        # The parent mention is the complement of the faction phrase ("of G", "G's"): the
        # faction heads the phrase (it is the attacker, the antecedent).
        cands.append(_Candidate(m.start, m.end, m.entry_id, 1, text[m.start : m.end], True))
        # "LeJ Al-Alami", "Lashkar-e-Jhangvi al-Alami": parent alias + faction name elsewhere
        for alias in {text[g.start : g.end] for g in gaz_mentions if g.entry_id == m.entry_id}:
            for fx in re.finditer(rf"(?<![\w-]){re.escape(alias)}[\s-]+{re.escape(x)}(?![\w-])", text, re.I):
                cands.append(_Candidate(fx.start(), fx.end(), key, 0, fx.group(0)))

    # "a smaller Islamic State affiliate in the northern Puntland region", "the IS branch in
    # Somalia": the parent's one branch based there (as "the Islamic State's Somali affiliate").
    for m in gaz_mentions:
        pm = _BRANCH_IN_PLACE.match(text, m.end)
        if not pm or _SELF_NAMED.match(text, m.end):
            continue  # (a self-given name quoted after it names the branch: below)
        child = _child_by_place(gaz, m.entry_id, pm.group("place"), nationality) or \
            _child_by_place(gaz, m.entry_id, pm.group("place"), _country_of_place)
        if child is None or child.id == m.entry_id:
            continue
        key = entity_for_entry(child.id)
        xs = pm.start("kind")
        ctx.faction_ties.append((key, m.entry_id, xs, _part_tie(pm.group("kind"))))
        cands.append(_Candidate(xs, pm.end(), key, 0, ""))
        cands.append(_Candidate(m.start, m.end, m.entry_id, 1, text[m.start:m.end], True))

    # A branch's self-given name, quoted after the branch: "the IS franchise in Libya, the
    # self-declared 'Islamic State in Cyrenaica'", "al-Qaeda's Indian branch, the so-called 'X'".
    for m in gaz_mentions:
        sm = _SELF_NAMED.match(text, m.end)
        if not sm:
            continue
        x = sm.group("x").strip()
        entry = gaz.lookup(x)
        if entry is not None and entry.id == m.entry_id:
            continue
        key = entity_for_entry(entry.id) if entry is not None else entity_for_name(x, m.entry_id, link=False)
        xs = sm.start("x")
        ctx.faction_ties.append((key, m.entry_id, xs, "faction_of"))
        cands.append(_Candidate(xs, sm.end("x"), key, 0, x))

    # Acronyms the text defines: "Tehrik-i-Taliban Pakistan (TTP)", and the reverse order
    # "the MNA (Movimiento Nacional Armado)". A definition links the acronym to the name's group
    # for the whole text; a name the gazetteer lacks (or lists only as too generic to match
    # alone, "Revolutionary Action Movement") becomes a group when it is built like one and its
    # sentence has a conflict cue or names another group.
    for am in _ACRONYM.finditer(text):
        acr = am.group("acr")
        if len(acr) < 2 or not sum(c.isupper() for c in acr) >= 2:
            continue
        prev = [c for c in cands if c.end <= am.start() and am.start() - c.end <= 2 and not c.complement]
        acr_key: str | None = None
        if prev:
            acr_key = max(prev, key=lambda c: (c.end, -c.priority)).key
        else:
            name_m = re.search(rf"({NAME})\s*$", text[max(0, am.start() - 120) : am.start()])
            name = _fitting_suffix(_trim_name(name_m.group(1)), acr) if name_m else ""
            if name_m and not name:  # "the Popular Liberation Army (EPL)": a native acronym
                name = _native_suffix(gaz, _trim_name(name_m.group(1)), acr)
            if name_m and name:
                s = am.start() - len(name_m.group(0)) + name_m.group(1).rfind(name)
                acr_key = _defined_group(ctx, gaz, cands, name, acr, s, am.end(), entity_for_name)
                if acr_key is not None:
                    cands.append(_Candidate(s, s + len(name), acr_key, 1, name))
        if acr_key is None:
            continue
        defined_acronyms[acr] = acr_key
    for rm in _ACRONYM_FIRST.finditer(text):
        acr, name = rm.group("acr"), _trim_name(rm.group("name"))
        if acr in defined_acronyms or not name:
            continue
        s = rm.start("name") + rm.group("name").find(name)
        acr_key = _defined_group(ctx, gaz, cands, name, acr, rm.start(), rm.end(), entity_for_name)
        if acr_key is None:
            continue
        cands.append(_Candidate(s, s + len(name), acr_key, 1, name))
        defined_acronyms[acr] = acr_key
    for acr, key in defined_acronyms.items():
        for occ in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            cands.append(_Candidate(occ.start(), occ.end(), key, 0, occ.group(0)))
        if acr.upper() != acr:
            for occ in re.finditer(rf"(?<![\w-]){re.escape(acr.upper())}(?![\w-])", text):
                cands.append(_Candidate(occ.start(), occ.end(), key, 0, occ.group(0)))

    # "Riyadus-Salikhin" for "Riyadus-Salikhin Reconnaissance and Sabotage Battalion": the
    # hyphen-joined compound a long listed name starts with names that group by itself.
    for s, e, entry_id in _compound_short_names(ctx, gaz, cands):
        entity_for_entry(entry_id)
        cands.append(_Candidate(s, e, entry_id, 2, text[s:e]))
    # "Hakat-ul-Mujahedeen", "Tehrik-e-Talbian Pakistan": a transliterated name a letter or two
    # off a listed one, which the tagger often splits or misses, so the fuzzy reading of tagged
    # names below never sees it.
    for s, e, entry_id in _fuzzy_compound_names(ctx, gaz, cands):
        cands.append(_Candidate(s, e, entity_for_entry(entry_id), 3, text[s:e]))

    # Generic names ("Islamic Front", "New Order") next to a group of their region.
    for s, e, entry_id in _generic_names_by_region(ctx, gaz, gaz_mentions):
        entity_for_entry(entry_id)
        cands.append(_Candidate(s, e, entry_id, 2, text[s:e]))
    # Groups discovered from context.
    covered = _Coverage(cands)
    # Unlisted names in a list of listed groups ("the merger of the IMK, al-Nahda and Kurdish
    # Hamas"): coordination says they are of one kind.
    for s, e, name in itertools.chain(_list_members(ctx, gaz_mentions, countries, nationality),
                                      _discovered_names(ctx, countries, nationality, gaz)):
        if covered.overlaps(s, e):
            continue
        key = entity_for_name(name)
        cands.append(_Candidate(s, e, key, 3, name))
        covered.add(s, e)
    for ent in doc_ents(ctx.doc):
        if ent.label_ not in ("ORG", "NORP", "PERSON", "GPE") or covered.overlaps(ent.start_char, ent.end_char):
            continue
        if _APPOSITIVE_ROLE.match(text, ent.end_char):
            continue  # "X, a spokesman for the Taliban": X is a person whatever the tagger says
        name = _trim_name(ent.text)
        if not name or not _acceptable_new_name(name, countries):
            continue
        # where the trimmed name starts ("The Lorenzo Zelaya ..." starts after "The ")
        ent_start = ent.start_char + max(0, ent.text.find(name))
        # A name a letter or two off a known group's ("Hakat-ul-Mujahedeen") is that group when
        # its sentence has a conflict cue or names another group: typos and spellings no list
        # has are common in reports.
        # (context first: the fuzzy search is the costly part)
        near = gaz.fuzzy_lookup(name) if ent.label_ in ("ORG", "PERSON") and (
            _MILITANT_CUE.search(span_text(ent.sent)) or any(
                ent.sent.start_char <= c.start < ent.sent.end_char and c.key in gaz for c in cands)
        ) else None
        if near is not None:
            key = _known_entity(ctx, gaz, near.id)
            cands.append(_Candidate(ent_start, ent_start + len(name), key, 3, name))
            covered.add(ent.start_char, ent.end_char)
            continue
        # a name of generic words is a proper name where the text gives its acronym right
        # after it ("the Armed Forces of National Resistance (FARN) claimed ...")
        acronym_after = _ACRONYM_AFTER.match(text, ent_start + len(name))
        if not _looks_like_group(name) or (_generic_only(name) and not acronym_after):
            continue
        if _STATE_ARMY.search(name) or not _MILITANT_CUE.search(span_text(ent.sent)):
            continue
        if nationality is not None and _state_force(name, nationality):
            continue
        if _CIVIL_APPOSITION.match(text, ent_start + len(name)):
            continue   # "Jamaat-e-Islami, Pakistan's largest religious party, ..."
        # a generic name is a listed group's only where its acronym is that group's too:
        # "the Popular Liberation Army (XQZ)" is some other army of that name
        link = not (_generic_only(name) and acronym_after) or _acronym_of_entry(
            gaz, name, acronym_after.group(0).strip()[1:-1])
        key = entity_for_name(name, link=link)
        cands.append(_Candidate(ent_start, ent_start + len(name), key, 3, name))
        covered.add(ent.start_char, ent.end_char)
    # Names discovered once are mentions wherever they recur.
    for key in new_entities:
        for surface in {c.surface for c in cands if c.key == key and c.surface}:
            for occ in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
                cands.append(_Candidate(occ.start(), occ.end(), key, 3, surface))

    # "the Front", "the Brigade" after a group whose name ends with that head, where the text
    # names one such group only: that group again.
    by_head: dict[str, set[str]] = {}
    first_at: dict[str, int] = {}
    for c in cands:
        words = c.surface.split() if c.surface else []
        if len(words) >= 2 and words[-1] in _REFERRING_HEADS and not c.complement:
            by_head.setdefault(words[-1], set()).add(c.key)
            first_at[words[-1]] = min(first_at.get(words[-1], c.end), c.end)
    for head, keys in by_head.items():
        if len(keys) != 1:
            continue
        key = next(iter(keys))
        for occ in _head_references(text, head, first_at[head]):
            cands.append(_Candidate(occ.start(1), occ.end(1), key, 4, ""))

    # Resolve overlaps: explicit definitions first, then the longest span.
    chosen: list[_Candidate] = []
    taken = _Coverage([])
    for c in sorted(cands, key=lambda c: (c.priority, -(c.end - c.start), c.start)):
        if c.end <= c.start or taken.overlaps(c.start, c.end):
            continue
        chosen.append(c)
        taken.add(c.start, c.end)
    mentions: list[Mention] = []
    for c in sorted(chosen, key=lambda c: c.start):
        group = ctx.entities[c.key]
        group.mentions.append((c.start, c.end))
        surface = text[c.start : c.end]
        if c.surface and surface not in group.aliases:
            group.aliases.append(surface)
        # "of the Lashkar-e-Jhangvi (LeJ)": the acronym shares its complement's role
        complement = c.complement or bool(
            mentions
            and mentions[-1].complement
            and mentions[-1].key == c.key
            and text[mentions[-1].end : c.start].strip() == "("
        )
        mentions.append(Mention(c.start, c.end, c.key, complement))
    # "Comando Tarqui Libre (Free Tarqui Command)": a name glossed in brackets right after a
    # group's mention is another surface form of that group (an alias, no mention).
    for c in chosen:
        gm = _BRACKET_GLOSS.match(text, c.end)
        if gm is None or c.complement:
            continue
        gloss = gm.group("gloss")
        span = ctx.doc.char_span(gm.start("gloss"), gm.end("gloss"), alignment_mode="expand")
        if (span is None or any(t.ent_type_ in ("GPE", "LOC", "DATE", "PERSON", "NORP") for t in span)
                or gloss.split()[-1].lower() in _PLACE_HEADS
                or {w.lower() for w in gloss.split()} & _NEVER_GROUP_WORDS):
            continue  # a place, a person, a date, or a credit line "(Associated Press)"
        if taken.overlaps(gm.start("gloss"), gm.end("gloss")):
            continue  # the bracket names a group of its own
        phrase_aliases.setdefault(c.key, []).append(gloss)
    for key, phrases in phrase_aliases.items():
        owner = ctx.entities.get(key)
        if owner is None or not owner.mentions:
            continue
        for phrase in phrases:
            if phrase not in owner.aliases:
                owner.aliases.append(phrase)
    mentions = _appositive_parents(text, mentions)
    for key in [k for k, e in ctx.entities.items() if e.type == ARMED_GROUP and not e.mentions]:
        del ctx.entities[key]
    ctx.set_group_mentions(mentions)
    _named_entities(ctx, taken)
    _persons_named_by_title(ctx)
    _aliases_of_people(ctx)


# "X, al-Qaeda's affiliate", "X (once an IS branch)", "X — the Taliban's Pakistani wing": the
# gap between a group and the parent named in its appositive, and the part noun after the parent.
_APPOSITIVE_GAP = re.compile(
    r"\)?\s*(?:,|\(|—|–|--)\s*(?:(?:once|formerly|now|then|previously|originally|still|also)\s+)?"
    r"(?:(?:the|its|an?)\s+)?")
# the parent, then up to three words and the part noun: "al-Qaeda's Sahel affiliate"
_PART_PHRASE = (r"(?:[’']s?)?(?:\s+[\w-]+){0,3}?\s+(?:faction|wing|branch|offshoot|affiliate|province|"
                r"chapter|franchise|splinter\s+group|arm|proxy|ally|front)")
_PART_NOUN_AFTER = re.compile(_PART_PHRASE + r"\b", re.I)
_PART_NOUN_THEN_NAME = re.compile(_PART_PHRASE + r"\s*(?:,|\(|—|–|--)\s*(?:the\s+)?", re.I)


def _appositive_parents(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mark as complements the parents named only to describe another group: "JNIM, al-Qaeda's
    affiliate in the Sahel, ..." and "the Taliban's Pakistani ally, the TTP, ...". The group the
    sentence is about is the one described, so the parent is no antecedent of "the group" or
    "its" after it, nor a perpetrator of what the described group did."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.complement:
            continue
        prev = out[i - 1] if i > 0 else None
        nxt = out[i + 1] if i + 1 < len(out) else None
        after_name = (prev is not None and prev.key != m.key and not prev.complement
                      and _APPOSITIVE_GAP.fullmatch(text, prev.end, m.start)
                      and _PART_NOUN_AFTER.match(text, m.end))
        before_name = (nxt is not None and nxt.key != m.key
                       and _PART_NOUN_THEN_NAME.fullmatch(text, m.end, nxt.start))
        if after_name or before_name:
            out[i] = Mention(m.start, m.end, m.key, True)
    return out


def _discovered_names(ctx: Context, countries: set[str], nationality,
                      gaz: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """Names of groups the gazetteer lacks, read off the phrases of data/group_discovery.json
    that introduce them: (start, end, name), in the order of the rows (stronger cues first)."""
    text = ctx.text
    found: list[tuple[int, int, str]] = []
    cue = conflict_cue_re()
    for pattern, kind, keep_noun, cue_before, min_words in _discovery_table():
        for dm in pattern.finditer(text):
            if kind == "known":
                s = dm.start("x")
                name = _trim_name(text[s : dm.end("x")])
                if not name or gaz is None or not (gaz.lookup(name) or gaz.by_name(name)):
                    continue
                s = text.find(name, s)
                if len(name.split()) < 2 or not _acceptable_discovery(
                        ctx, s, s + len(name), name, countries, nationality):
                    continue
                # a short name of generic words only ("National Front") is a group's where it
                # claims an attack; "members of the National Front" may be a party's
                if (_generic_only(name) and len(normalize(name).split()) < 3
                        and "claimed" not in dm.group(0)):
                    continue
                span = ctx.doc.char_span(s, s + len(name), alignment_mode="expand")
                if span is None or not cue.search(span_text(span.sent)):
                    continue
                found.append((s, s + len(name), name))
                continue
            if kind == "introduced":
                s = dm.start("x")
                name = _trim_name(text[s : dm.end("x")])
                if not name or not _acceptable_discovery(ctx, s, s + len(name), name, countries,
                                                         nationality):
                    continue
                if "noun" in pattern.groupindex and not _armed_noun_phrase(ctx, dm):
                    continue
                found.append((s, s + len(name), name))
                continue
            if kind == "proper" and _POSSESSIVE_END.search(dm.group("x")):
                continue
            name = _trim_name(dm.group("x"))
            s = text.find(name, dm.start("x"), dm.end("x")) if name else -1
            if s < 0:
                continue
            e = s + len(name)
            if (kind == "proper" and not keep_noun and gaz is not None
                    and _headless_lookup(gaz, name) is not None
                    and (nationality is None or nationality(name) is None)
                    and normalize(name) not in countries):
                # "Haqqani militants", "Mahdi fighters": the short name of one listed group,
                # whatever the tagger makes of the word (a people, a surname)
                found.append((s, e, name))
                continue
            if kind == "cued" and _generic_only(name):
                continue
            if len(name.split()) < min_words and (gaz is None or gaz.lookup(name) is None):
                continue  # "blamed the Kremlin for", "the Pentagon was suspected of"
            if not _acceptable_discovery(ctx, s, e, name, countries, nationality):
                continue
            # a "proper" row keeps people's names only where the noun is kept ("the X gang");
            # a "cued" name may hold one ("the Alex Boncayao Brigade")
            if not _proper_name(ctx, s, e, people=keep_noun or kind == "cued"):
                # "Haqqani fighters": a surname that is also the short name of a listed group
                # ("Haqqani Network") names the group
                if not (gaz is not None and _headless_lookup(gaz, name) is not None
                        and _proper_name(ctx, s, e, people=True)):
                    continue
            if kind == "cued":
                span = ctx.doc.char_span(s, e, alignment_mode="expand")
                if span is None or not (cue.search(span_text(span.sent))
                                        or _head_reference_cued(text, name, e, cue)
                                        or cue_before and _previous_sentence_cued(ctx, span, cue)):
                    continue
            if keep_noun:
                e = dm.end("noun")
                name = text[s:e]
            found.append((s, e, name))
    return found


def _previous_sentence_cued(ctx: Context, span, cue: re.Pattern[str]) -> bool:
    """Whether the sentence before the span's, in the same paragraph, holds a conflict cue: a
    claim or an attribution refers to the incident told just before it ("Gunmen shot dead a
    mayor. The incident was claimed by the X.")."""
    first = span.sent.start
    if first == 0:
        return False
    prev = ctx.doc[first - 1].sent
    between = ctx.text[prev.start_char : span.sent.start_char]
    if not prev.text.strip() or "\n" in between[len(between.rstrip()):]:
        return False  # a blanked sentence, or another line
    return bool(cue.search(span_text(prev)))


# Head nouns by which a text names again a group it has named in full: "the Kessel Front ...
# the Front said", "the Black Orchid Brigade ... the Brigade's fighters". Not "Army" nor
# "Movement": "the Army" is a state's as often, "the Movement" a party's.
_REFERRING_HEADS = {"Front", "Brigade", "Brigades", "Battalion", "Battalions", "Legion",
                    "Commandos", "Cells"}


def _head_references(text: str, head: str, after: int) -> list[re.Match]:
    """The occurrences of "the <Head>" after `after` that stand alone: capitalised and not the
    start of a longer name ("the Front for ...", "the Brigade of Martyrs", "the Front Line")."""
    pattern = re.compile(rf"\b[Tt]he\s+({re.escape(head)})(?![\w’'-])(?!\s+(?:(?:of|for|in)\s+)?[A-Z0-9])")
    return [m for m in pattern.finditer(text, after)]


def _head_reference_cued(text: str, name: str, end: int, cue: re.Pattern[str]) -> bool:
    """Whether a name whose own sentence has no conflict cue is referred to later by its head
    alone in a sentence that has one ("The Kessel Front was founded in 1988. ... the Front
    bombed a police station")."""
    head = name.split()[-1] if name.split() else ""
    if head not in _REFERRING_HEADS:
        return False
    for m in _head_references(text, head, end):
        lo, hi = _sentence_span(text, m.start(), m.end())
        if cue.search(text, lo, hi):
            return True
    return False


# One item of a list of names: a capitalised name (without "and"/"or" inside it, which separate
# items here), with an optional article before and bracketed acronym after it.
_LIST_NAME = (rf"{_WORD}(?:\s+(?:(?:of|for|in|de|du)\s+(?:the\s+)?|"
              rf"(?:al|el|ul|wal|e|i|bin|ibn|del|la|los|las|des|fi)\s+)?{_WORD}){{0,7}}")
# A bracket after an item holds its acronym or a capitalised gloss of its name ("Jabhatul
# Islamiya (Islamic Front)"); either belongs to the item.
_BRACKETED_GLOSS = r"\((?:[A-Z][\w’'-]*\s*){1,5}\)"
_LIST_ITEM = rf"(?:the\s+)?(?P<name>{_LIST_NAME})(?:\s+(?:{_BRACKETED_ACRONYM}|{_BRACKETED_GLOSS}))?"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
_LIST_ITEM_RE = re.compile(_LIST_ITEM)
_LIST_RE = re.compile(rf"(?<![\w-]){_LIST_ITEM}(?:{_LIST_SEP}{_LIST_ITEM.replace('?P<name>', '')}){{2,}}")
# A list counts as a list of groups when at least this many of its items are listed groups.
_LIST_MIN_KNOWN = 2


def _list_members(ctx: Context, gaz_mentions: list, countries, nationality
                  ) -> list[tuple[int, int, str]]:
    """Unlisted names coordinated with listed groups: in a list of three names or more of which
    at least two are gazetteer groups ("LeJ, SSP and JeM"; "the IMK, al-Nahda and Kurdish
    Hamas"), every other item that is a proper name, and no place, person, state body or
    country, is a group too."""
    text = ctx.text
    found: list[tuple[int, int, str]] = []
    for lm in _LIST_RE.finditer(text):
        items = [(m.start("name") + lm.start(), m.end("name") + lm.start(), m.group("name"))
                 for m in _LIST_ITEM_RE.finditer(lm.group(0))]
        # an item is a listed group when a gazetteer name ends it ("Fighters of Boko Haram",
        # "the Haqqani network"); "ISIS Emir of Helmand" in a list of people holds a group's
        # name but is a man's title
        known = [any(s - 1 <= g.start < e <= g.end + 1 for g in gaz_mentions)
                 for s, e, _ in items]
        if len(items) < 3 or sum(known) < _LIST_MIN_KNOWN:
            continue
        for idx, ((s, e, raw), is_known) in enumerate(zip(items, known)):
            name = _trim_name(raw)
            if is_known or not name:
                continue
            s = text.find(name, s, e)
            if s < 0:
                continue
            e = s + len(name)
            span = ctx.doc.char_span(s, e, alignment_mode="expand")
            if (span is None or any(t.ent_type_ in _NOT_GROUP_ENTS for t in span)
                    or span[-1].lower_ in _VENUE_WORDS):
                continue  # a list may run on into a place or a thing ("at the X Theater, ...")
            if not _acceptable_discovery(ctx, s, e, name, countries, nationality):
                continue
            # the model takes many Arabic and African names for people's: such a name is a
            # group's when it says so ("Harakat ...") or the text gives its acronym
            # "the IMK, al-Nahda and Kurdish Hamas": a one-word Arabic name with its article
            # among items that are all listed groups is a group, whatever the model reads
            others_known = all(k for j, k in enumerate(known) if j != idx)
            if _proper_name(ctx, s, e, people=False) or (
                    _proper_name(ctx, s, e, people=True)
                    and (_looks_like_group(name) or _ACRONYM_AFTER.match(text, e)
                         or (others_known and _ARTICLE_NAME.fullmatch(name)))):
                found.append((s, e, name))
    return found


# A bracketed gloss of a name: two capitalised words or more, small words between them.
_BRACKET_GLOSS = re.compile(
    r"\s*\(\s*(?P<gloss>[A-Z][\w’'-]*(?:\s+(?:(?:of|the|for|and|to|in|de|del|la|el|a)\s+)*"
    r"[A-Z][\w’'-]*)+)\s*\)")
# Last words of a bracketed place, not a gloss: "(North Kessel Province)".
_PLACE_HEADS = {"province", "region", "district", "county", "governorate", "department",
                "prefecture", "municipality", "city", "town", "village", "state", "territory",
                "agency", "area", "zone", "island", "islands", "valley", "mountains", "hills"}
# "al-Nahda", "el-Hijra": an Arabic article and one capitalised word.
_ARTICLE_NAME = re.compile(r"(?:[Aa]l|[Ee]l)[-‐‑][A-Z][\w’'-]+")
_VENUE_WORDS = {"theater", "theatre", "hotel", "stadium", "mosque", "church", "temple", "airport",
                "market", "mall", "hall", "bridge", "square", "museum", "cinema", "restaurant",
                "cafe", "station", "prison", "camp", "base", "compound", "palace", "tower"}
_NOT_GROUP_ENTS = {"FAC", "GPE", "LOC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "DATE",
                   "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "LANGUAGE"}


def _acceptable_discovery(ctx: Context, s: int, e: int, name: str, countries, nationality) -> bool:
    """Shared checks of a discovered name: well-formed, a name rather than a description, and
    not a state body, party, medium or civil organisation."""
    if not _acceptable_new_name(name, countries) or _is_descriptive(ctx, s, e):
        return False
    words = {w.lower().strip("’'") for w in re.split(r"[\s-]+", name)}
    if words & _NEVER_GROUP_WORDS or _STATE_ARMY.search(name):
        return False
    if _CIVIL_APPOSITION.match(ctx.text, e):
        return False   # "Jamaat-e-Islami, Pakistan's largest religious party, held a rally"
    return not (nationality is not None and _state_force(name, nationality))


def _led_by_description(tok) -> bool:
    """Whether the model's PERSON entity around `tok` opens with a lead word ("Suspected Tarn
    Ridge militants" read as a man "Suspected Tarn Ridge"): no person's name starts so."""
    ent = next((e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end), None)
    return ent is not None and ent[0].lower_ in _lead_words()


def _armed_noun_phrase(ctx: Context, dm: re.Match) -> bool:
    """"a human rights group called X" is no armed group; "a movement called X" is one only
    with a militant word before the noun or a militant cue in its sentence."""
    text = ctx.text
    before = " ".join(text[max(0, dm.start("noun") - 60) : dm.start("noun")].split()[-3:])
    if _CIVIL_MODS.search(before):
        return False
    if not _GENERIC_NOUN.fullmatch(dm.group("noun")) or _MILITANT_MOD.search(before):
        return True
    span = ctx.doc.char_span(dm.start("noun"), dm.end("noun"), alignment_mode="expand")
    return span is not None and bool(_MILITANT_CUE.search(span_text(span.sent)))


def _proper_name(ctx: Context, start: int, end: int, people: bool = True) -> bool:
    """Whether a capitalised phrase is a proper name: a proper noun or an acronym that is not a
    nationality, place, date or a capitalised first word of the sentence (nor, unless `people`,
    a person's name)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if not people and any(t.ent_type_ == "PERSON" and not _led_by_description(t) for t in span):
        return False
    for t in span:
        if t.ent_type_ in ("NORP", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL"):
            continue
        if t.is_sent_start and len(span) == 1 and not t.is_upper:
            continue
        if t.pos_ == "PROPN" or (t.is_upper and len(t.text) > 1) or any(c.isdigit() for c in t.text):
            return True
    return False


def _faction_entity(ctx, gaz, x, parent_name, parent_key, new_entities, entity_for_entry) -> str:
    for candidate in (f"{parent_name} {x}", f"{x} {parent_name}", x):
        entry = gaz.lookup(candidate)
        if entry is not None and entry.id != parent_key:
            return entity_for_entry(entry.id)
    # Acronym-style parent aliases ("LeJ al-Alami") are covered by the gazetteer's fuzzy match.
    entry = gaz.fuzzy_lookup(f"{parent_name} {x}")
    if entry is not None and entry.id != parent_key:
        return entity_for_entry(entry.id)
    name = f"{parent_name} {x}"
    key = "new:" + normalize(name)
    if key not in ctx.entities:
        ent = Entity(key=key, name=name, type=ARMED_GROUP, kb_id=None, parent_key=parent_key)
        ctx.entities[key] = ent
        new_entities[key] = ent
    return key


def _appositive_group(text: str, start: int, mentions: list) -> str | None:
    """The gazetteer group named just before an appositive that starts at `start`
    ("JNIM, al-Qaeda's ..."; "ISWAP (the Islamic State's ...").), or None."""
    for g in mentions:
        if g.end <= start and re.fullmatch(r"\s*(?:,|\(|—|–|--)\s*(?:the\s+|its\s+)?", text[g.end:start]):
            return g.entry_id
    return None


def _appositive_after(text: str, end: int, mentions: list) -> str | None:
    """The gazetteer group named in apposition right after a phrase that ends at `end`
    ("al-Qaeda's Sahel affiliate, JNIM, ..."; "... affiliate (JNIM)"), or None."""
    for g in mentions:
        if g.start >= end and re.fullmatch(r"\s*(?:,|\(|—|–|--)\s*(?:the\s+)?", text[end:g.start]):
            return g.entry_id
    return None


def _part_tie(kind: str) -> str:
    """The tie a part noun states: an affiliate is affiliated, a branch or a wing a faction."""
    return "affiliated_with" if kind.lower().startswith("affiliate") else "faction_of"


_BRANCH_IN_PLACE = re.compile(
    r"(?:[’']s)?\s+(?P<kind>affiliate|branch|franchise|province|wing|chapter|offshoot|arm)\s+(?:in|for)\s+"
    r"(?:the\s+)?(?:(?:(?:north|south|east|west|central|north-east|north-west|south-east|south-west|"
    r"far-north)(?:ern)?|restive|volatile|remote)\s+)?(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")


def _country_of_place(name: str) -> str | None:
    """The country of a region or province the geocoder knows ("Puntland": Somalia)."""
    from militantmap.extract.geo import get_geocoder

    place = get_geocoder().geocode(name)
    return place.country if place is not None and place.kind in ("admin1", "region", "country") else None


def _child_by_place(gaz: Gazetteer, parent_id: str, place: str, nationality):
    """The one faction, branch or province of a group that a place or demonym picks out
    ("Sahel" -> IS Sahel Province, "Somali" -> IS Somalia Province), or None."""
    key = f" {normalize(place)} "
    country = nationality(place) if nationality is not None else None
    hits = [
        c for c in gaz.children(parent_id)
        if (country and c.country == country) or any(key in f" {normalize(a)} " for a in c.aliases)
    ]
    if not hits:
        # a world region ("al-Qaeda's North African branch", "the IS Sahel affiliate"): the one
        # child whose name holds the region, else the one child based in it
        from militantmap.extract.geo import get_geocoder

        region = get_geocoder().world_region(place)
        if region is not None:
            rkey = f" {normalize(region)} "
            hits = [c for c in gaz.children(parent_id) if any(rkey in f" {normalize(a)} " for a in c.aliases)]
            hits = hits or [c for c in gaz.children(parent_id) if c.region == region]
    return hits[0] if len(hits) == 1 else None


# Names a group goes by only in one country: there the local insurgents took them.
# (Mozambique's Cabo Delgado insurgents are called "al-Shabaab" locally and
# "Ahlu Sunna Wal Jamaa" by themselves; elsewhere the names are Somalia's groups.)
_LOCAL_NAMES = {
    "Mozambique": {
        "al-shabaab": "islamic-state-mozambique-province",
        "ahlu-sunna-wal-jamaa": "islamic-state-mozambique-province",
    },
}


@lru_cache(maxsize=1)
def _local_name_rows() -> list[dict]:
    """The "local_names" rows of data/group_context.json (a name that means another group in
    one country)."""
    path = resources.files("militantmap").joinpath("data", "group_context.json")
    rows = json.loads(path.read_text(encoding="utf-8")).get("local_names", {}).get("rows", [])
    return list(rows)


def _local_readings(ctx: Context, gaz: Gazetteer, mentions: list, nationality) -> list:
    """Relink the mentions of a name that means another group in the country the article is
    about (named more often than the name's usual country)."""
    if nationality is None:
        return mentions
    counts: dict[str, int] = {}
    for ent in doc_ents(ctx.doc):
        if ent.label_ in ("GPE", "NORP"):
            country = nationality(re.sub(r"[’']s$", "", ent.text))
            if country:
                counts[country] = counts.get(country, 0) + 1
    # The countries of the groups named otherwise count too: "KIA and the Badr Organization"
    # is an Iraqi story without a place in it. (Only for the surface rows of the data table.)
    rows = _local_name_rows()
    group_counts = dict(counts)
    if rows:
        local_aliases = {r["alias"] for r in rows}
        for m in mentions:
            e = gaz.get(m.entry_id)
            if e is not None and e.country and m.surface not in local_aliases:
                group_counts[e.country] = group_counts.get(e.country, 0) + 1
    out = []
    for m in mentions:
        for row in rows:
            usual = gaz.get(m.entry_id)
            usual_n = group_counts.get(usual.country, 0) if usual and usual.country else 0
            if (m.surface == row["alias"] and row["group"] in gaz
                    and group_counts.get(row["country"], 0) > usual_n):
                m = m._replace(entry_id=row["group"])
                break
        for country, table in _LOCAL_NAMES.items():
            target = table.get(m.entry_id)
            usual = gaz.get(m.entry_id)
            usual_n = counts.get(usual.country, 0) if usual and usual.country else 0
            if target and counts.get(country, 0) > usual_n:
                m = m._replace(entry_id=target)
        out.append(m)
    return out


# Head nouns a text drops when it names again a group it has named in full ("the Islamic Jihad
# Union ... the Islamic Jihad's fighters"; "the Kessel Front ... the Kessel").
_SHORTENING_HEADS = {"union", "group", "front", "brigade", "brigades", "movement", "network",
                     "army", "organization", "organisation", "battalion", "faction", "council",
                     "coalition", "alliance", "legion", "militia"}


def _shortened_names(gaz: Gazetteer, mentions: list) -> list:
    """A name that the lists give another group but that is a group named earlier in the text
    less its head noun is that group again: after "the Islamic Jihad Union", "the Islamic
    Jihad's warriors" are the Union's, not Palestinian Islamic Jihad's. Only when the other
    group's own display name is not what the text wrote, the text names it no other way, and
    it is no parent of the group named in full ("Islamic State" after "Islamic State West
    Africa Province" stays the Islamic State)."""
    if len(mentions) < 2:
        return mentions
    full: dict[str, tuple[int, str]] = {}  # normalized name less its head -> (end, entry id)
    for m in mentions:
        words = normalize(m.surface).split()
        if len(words) >= 3 and words[-1] in _SHORTENING_HEADS:
            full.setdefault(" ".join(words[:-1]), (m.end, m.entry_id))
    if not full:
        return mentions
    surfaces: dict[str, set[str]] = {}
    for m in mentions:
        surfaces.setdefault(m.entry_id, set()).add(normalize(m.surface))
    out = []
    for m in mentions:
        key = normalize(m.surface)
        hit = full.get(key)
        entry = gaz.get(m.entry_id)
        if (hit is not None and hit[0] <= m.start and hit[1] != m.entry_id and entry is not None
                and normalize(entry.name) != key and surfaces.get(m.entry_id) == {key}
                and m.entry_id not in _ancestors(gaz, hit[1])):
            m = m._replace(entry_id=hit[1])
        out.append(m)
    return out


def _ancestors(gaz: Gazetteer, entry_id: str) -> set[str]:
    seen: set[str] = set()
    entry = gaz.get(entry_id)
    while entry is not None and entry.parent and entry.parent not in seen:
        seen.add(entry.parent)
        entry = gaz.get(entry.parent)
    return seen


@lru_cache(maxsize=4)
def _headless_index(gaz: Gazetteer) -> dict[str, str | None]:
    """The names of the gazetteer without their generic head noun ("Haqqani" of "Haqqani
    Network", "Nazir" of "Commander Nazir Group"): {normalized short name: group id, or None
    when two groups share it}."""
    heads = {"network", "group", "movement", "army", "front", "brigade", "brigades", "faction",
             "organization", "organisation", "militia", "battalion", "battalions"}
    generic = set(_discovery_data()["generic_words"])
    index: dict[str, str | None] = {}
    for entry in gaz:
        for alias in {entry.name, *entry.aliases}:
            words = normalize(alias).split()
            if len(words) < 2 or words[-1] not in heads:
                continue
            short = words[:-1]
            if all(w in generic for w in short) or len(" ".join(short)) < 4:
                continue
            key = " ".join(short)
            index[key] = entry.id if index.get(key, entry.id) == entry.id else None
    # A short name that begins another group's name is shared by namesakes: "Ansar al-Sharia"
    # of "Ansar al-Shariah Brigade" (Benghazi) also begins "Ansar al-Sharia in Tunisia", so
    # alone it is neither (the country-qualified reading may still decide).
    # (A faction's name beginning with its parent's is no namesake: "March 23 Movement" stays
    # the movement's though "March 23 Movement (Runiga faction)" begins with it.)
    for entry in gaz:
        for alias in {entry.name, *entry.aliases}:
            words = normalize(alias).split()
            if "faction" in words:
                continue
            for n in range(2, len(words)):
                key = " ".join(words[:n])
                gid = index.get(key)
                if gid not in (None, entry.id) and entry.parent != gid:
                    index[key] = None
    return index


_WORD_BEFORE = re.compile(r"([A-Za-z][\w’'-]*)[ \t]+$")


@lru_cache(maxsize=4)
def _generic_name_index(gaz: Gazetteer) -> tuple[re.Pattern[str] | None, dict[str, list[str]]]:
    """The display names the matcher leaves out as too generic ("Islamic Front", "New Order",
    "National Liberation Army"): a regex finding them as written (each word capitalised as
    listed) and {normalized name: the groups of that name}. Names of a state's army or forces
    ("People's Armed Forces") stay out."""
    by_key: dict[str, list[str]] = {}
    forms: set[str] = set()
    for entry in gaz:
        key = normalize(entry.name)
        if any(normalize(a) == key for a in entry.aliases) or len(key.split()) < 2:
            continue
        if _STATE_ARMY.search(entry.name.replace("’", "'")) or entry.region is None:
            continue
        by_key.setdefault(key, []).append(entry.id)
        forms.add(entry.name)
    if not forms:
        return None, by_key
    alts = []
    for form in sorted(forms, key=len, reverse=True):
        words = [re.escape(w).replace("’", "[’']").replace("'", "[’']") for w in form.split()]
        alts.append(r"\s+".join(words))
    # not inside a longer capitalised name: no capitalised word right after (nor, checked in
    # _generic_names_by_region, right before)
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(alts)
                         + r")(?![\w’'-])(?!\s+(?:(?:of|for|in)\s+)?[A-Z])")
    return pattern, by_key


def _generic_names_by_region(ctx: Context, gaz: Gazetteer, gaz_mentions: list
                             ) -> list[tuple[int, int, str]]:
    """A generic display name is the group's where its sentence names firmly another group of
    the same region and only one group of that name is of that region: "the Islamic Front and
    the Free Syrian Army fought ISIS" is Syria's Islamic Front; "the National Front won seats"
    (no group beside it) names none. The ambiguity rule of docs/gazetteer.md, with the region
    deciding between namesakes."""
    pattern, by_key = _generic_name_index(gaz)
    if pattern is None or not gaz_mentions:
        return []
    text = ctx.text
    found: list[tuple[int, int, str]] = []
    for m in pattern.finditer(text):
        before = _WORD_BEFORE.search(text, 0, m.start())
        if before and before.group(1)[0].isupper() and before.group(1).lower() not in (
                "the", "a", "an"):
            continue  # "the Syrian Islamic Front" is another name
        if text[max(0, m.start() - 3) : m.start()].rstrip().endswith("("):
            continue  # a gloss of the name before it: "Jabhatul Islamiya (Islamic Front)"
        span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        regions = set()
        for g in gaz_mentions:
            if sent.start_char <= g.start < sent.end_char and not (
                    g.start < m.end() and m.start() < g.end):
                entry = gaz.get(g.entry_id)
                if entry is not None and entry.region is not None:
                    regions.add(entry.region)
        ids = [i for i in by_key.get(normalize(m.group(0)), [])
               if (e := gaz.get(i)) is not None and e.region in regions]
        if len(ids) == 1:
            found.append((m.start(), m.end(), ids[0]))
    return found


_COMPOUND = re.compile(r"(?<![\w’'-])[A-Z][\w’']+(?:[-‐‑][\w’']+)+(?![\w’'-])")
_COMPOUND_PARTICLES = {"al", "el", "e", "i", "ul", "ud", "ut", "ur", "uz", "wal", "bin", "ibn",
                       "abu", "abd", "abdul", "an", "as", "ash", "ad", "at", "az", "ar"}


_COMPOUND_PROSE = {"ahl", "ahle", "all", "pan", "anti", "pro", "ex", "north", "south", "east",
                   "west", "sunnat", "hadith", "isil", "isis", "ttp", "bla", "pij", "jas", "farc"}


@lru_cache(maxsize=4)
def _compound_index(gaz: Gazetteer) -> dict[str, str | None]:
    """{normalized compound: group id, or None when several groups' names start with it}: the
    hyphen-joined first word of listed names of two or more words ("Riyadus-Salikhin ...",
    "Tehreek-e-Labbaik Pakistan"), with at least two words that are not particles or generic
    (so "Al-Aqsa ..." gives nothing: "al-Aqsa" is also a mosque) and that is no name by itself."""
    generic = set(_discovery_data()["generic_words"])
    geo = get_geocoder()
    index: dict[str, str | None] = {}
    for entry in gaz:
        for alias in (entry.name, *entry.aliases):
            first, _, rest = alias.partition(" ")
            if not rest or not re.search(r"[-‐‑]", first) or not first[:1].isupper():
                continue
            key = normalize(first)
            content = [w for w in key.split() if w not in _COMPOUND_PARTICLES and w not in generic]
            # peoples, sects and movements of thought ("Kuki-Chin", "Ahle-Hadith",
            # "Pan-Africanist") are compounds of ordinary prose, not names of a group
            if (len(content) < 2 or any(len(w) < 3 for w in content)
                    or any(w in _DESCRIPTIVE_WORDS or w in _COMPOUND_PROSE for w in key.split())
                    or gaz.lookup(first) is not None):
                continue
            # places joined by a hyphen ("Thessaloniki-Athens") are a route, not a name
            if any(geo.geocode(w) is not None for w in re.split(r"[-‐‑]", first)
                   if w.lower() not in _COMPOUND_PARTICLES):
                continue
            index[key] = entry.id if index.get(key, entry.id) == entry.id else None
    return index


def _compound_short_names(ctx: Context, gaz: Gazetteer, cands: list) -> list[tuple[int, int, str]]:
    """Mentions of a listed group by the compound its long name starts with, where the
    sentence has a conflict cue or names another group: (start, end, group id)."""
    index = _compound_index(gaz)
    out: list[tuple[int, int, str]] = []
    text = ctx.text
    for m in _COMPOUND.finditer(text):
        gid = index.get(normalize(m.group(0)))
        s, e = m.start(), m.end()
        if not gid or any(c.start < e and s < c.end for c in cands):
            continue
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        if span is None or any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in span):
            continue  # "the Thessaloniki-Athens highway"
        lo, hi = _sentence_span(text, s, e)
        if not (_cued(text, lo, hi) or any(lo <= c.start < hi for c in cands)
                or _cued(text, *_next_sentence(text, hi))):
            continue
        out.append((s, e, gid))
    return out


def _cued(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a conflict cue or a militant word."""
    return lo < hi and bool(conflict_cue_re().search(text, lo, hi)
                            or _MILITANT_CUE.search(text, lo, hi))


def _next_sentence(text: str, end: int) -> tuple[int, int]:
    """The sentence after the one ending at `end` in the same paragraph ((end, end) if none):
    "X founded Riyadus-Salikhin. The group bombed ..." tells what the name is one sentence
    on."""
    m = _SENT_END.match(text, max(0, end - 1))
    if m is None or "\n" in m.group(0):
        return end, end
    return _sentence_span(text, m.end(), m.end())


# A capitalised word (or one with a glued article, "al-Islami") after a compound name.
_COMPOUND_TAIL = re.compile(r"[ \t]+(?:[a-z]{1,3}[-‐‑])?[A-Z][\w’'‐‑-]*")
_FUZZY_COMPOUND_MIN = 12  # characters of the normalized name: shorter ones collide by chance


def _fuzzy_compound_names(ctx: Context, gaz: Gazetteer, cands: list) -> list[tuple[int, int, str]]:
    """Spelling variants of listed transliterated names: a hyphen-joined compound ("Hakat-ul-
    Mujahedeen"), with up to three capitalised words after it ("Tehrik-e-Talbian Pakistan"),
    within rapidfuzz's ratio of 90 of one listed name (Gazetteer.fuzzy_lookup: one group
    only, every distinct word agreeing), where its sentence has a conflict cue or names
    another group. A name the lists hold as written is left to the matcher and its ambiguity
    rule; the longest span that fits wins. (start, end, group id)."""
    out: list[tuple[int, int, str]] = []
    text = ctx.text
    for m in _COMPOUND.finditer(text):
        s = m.start()
        if any(c.start < m.end() and s < c.end for c in cands):
            continue
        ends = [m.end()]
        pos = m.end()
        for _ in range(3):
            tail = _COMPOUND_TAIL.match(text, pos)
            if tail is None:
                break
            pos = tail.end()
            ends.append(pos)
        for e in reversed(ends):
            name = _POSSESSIVE_END.sub("", text[s:e])
            if (len(normalize(name)) < _FUZZY_COMPOUND_MIN or gaz.lookup(name) is not None
                    or any(c.start < e and s < c.end for c in cands)):
                continue
            lo, hi = _sentence_span(text, s, e)
            if not (conflict_cue_re().search(text, lo, hi) or _MILITANT_CUE.search(text, lo, hi)
                    or any(lo <= c.start < hi and c.key in gaz for c in cands)):
                break
            entry = gaz.fuzzy_lookup(name)
            if entry is not None:
                out.append((s, s + len(name), entry.id))
                break
    return out


def _headless_lookup(gaz: Gazetteer, name: str):
    """The one group whose name is `name` plus a generic head noun ("Haqqani" militants:
    the Haqqani Network), or None. Only for a name the gazetteer lacks as it stands."""
    if gaz.lookup(name) is not None:
        return None
    gid = _headless_index(gaz).get(normalize(name))
    return gaz.get(gid) if gid else None


def _extended_name(ctx: Context, gaz: Gazetteer, start: int, end: int) -> tuple[int, str] | None:
    """(start, name) of a longer name that a two-word gazetteer match ending in a head noun
    belongs to: proper words glued before it ("Manuel Ortiz" + "Patriotic Front") that are
    no nationality, place, date or sentence-initial word. None when the longer name is itself
    known (then the gazetteer matched it) or no such words precede."""
    text = ctx.text
    words = text[start:end].split()
    if len(words) != 2 or words[-1].lower() not in _GROUP_HEADS or any(c.isupper() for c in words[0][1:]):
        return None
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == span.sent.start:
        return None
    i = span.start
    first = i
    while first - 1 >= span.sent.start:
        t = ctx.doc[first - 1]
        if not (t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in (
                "NORP", "GPE", "LOC", "DATE", "FAC") and t.lower_ not in _BAD_NAME_START
                and t.whitespace_):
            break
        first -= 1
    if first == i or first == span.sent.start and len(range(first, i)) == 1:
        return None
    s = ctx.doc[first].idx
    name = text[s:end]
    if gaz.lookup(name) is not None or not _acceptable_new_name(name, set()):
        return None
    return s, name


@lru_cache(maxsize=4)
def _country_index(gaz: Gazetteer) -> dict[str, dict[str, str | None]]:
    """{normalized base name: {country: group id}} from the aliases the lists qualify with the
    group's own country: "Ansar al-Sharia (Libya)", "Ansar al-Sharia in Tunisia",
    "Ansar al-Islam Syria". A base that the gazetteer matches by itself is left out."""
    index: dict[str, dict[str, str | None]] = {}
    for entry in gaz:
        if not entry.country:
            continue
        country = normalize(entry.country)
        for alias in entry.aliases:
            key = normalize(alias)
            for sep in (" in ", " "):
                if key.endswith(sep + country):
                    base = key[: -len(sep + country)].strip()
                    break
            else:
                continue
            # only a group whose own name is the base ("Ansar al-Sharia in Tunisia"): AQAP is
            # also called "Ansar al-Sharia in Yemen", but Yemen's Ansar al-Sharia is reported
            # as a front of its own
            # ... and a base that is a name by itself: not "Communist Party of" (that is the
            # start of every such party's name), not generic words only ("Islamic Army")
            if (len(base.split()) < 2 or gaz.lookup(base) is not None
                    or not normalize(entry.name).startswith(base)
                    or base.split()[-1] in _BASE_END_PARTICLES or _generic_only(base)):
                continue
            by_country = index.setdefault(base, {})
            by_country[country] = entry.id if by_country.get(country, entry.id) == entry.id else None
    return index


_BASE_END_PARTICLES = {"of", "for", "in", "the", "and", "au", "de", "du", "des", "la", "le",
                       "yi", "i", "e", "al", "el", "ul", "fi"}


def _country_qualified(ctx: Context, gaz: Gazetteer, mentions: list, nationality) -> list[tuple[int, int, str]]:
    """Mentions of a base name the lists know only with a country qualifier, resolved to the
    group of the country the article names most often (and more often than any other of the
    base's countries): (start, end, group id)."""
    if nationality is None:
        return []
    index = _country_index(gaz)
    if not index:
        return []
    text = ctx.text
    taken = [(m.start, m.end) for m in mentions]
    counts: dict[str, int] = {}
    bases = [(base, by_country) for base, by_country in index.items() if base.split()[0] in text.lower()]
    if not bases:
        return []
    geo = get_geocoder()
    for ent in doc_ents(ctx.doc):
        if ent.label_ in ("GPE", "NORP"):
            name = re.sub(r"[’']s$", "", ent.text)
            country = nationality(name)
            if not country and ent.label_ == "GPE":
                # a town or a province names its country too ("fought IS in Derna": Libya)
                place = geo.geocode(name)
                country = place.country if place is not None else None
            if country:
                counts[normalize(country)] = counts.get(normalize(country), 0) + 1
    if not counts:
        return []
    out = []
    for base, by_country in bases:
        pattern = _base_pattern(base)
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not any(c.isupper() for c in m.group(0)) or any(a < e and s < b for a, b in taken):
                continue
            if re.match(r"[\s-]+(?:of\s+|in\s+)?[A-Z]", text[e : e + 6]):
                continue  # the start of a longer name ("... Libya", "... of Iraq")
            ranked = sorted(((counts.get(c, 0), gid) for c, gid in by_country.items() if gid),
                            reverse=True)
            if not ranked or ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
                continue
            out.append((s, e, ranked[0][1]))
            taken.append((s, e))
    return out


@lru_cache(maxsize=256)
def _base_pattern(base: str) -> re.Pattern[str]:
    """A base name as a pattern over the text: its words apart by spaces or hyphens, any case."""
    words = [re.escape(w) for w in base.split()]
    return re.compile(r"(?<![\w-])" + r"[\s\-‐‑]+".join(words) + r"(?![\w-])", re.I)


_FORCE = re.compile(
    r"^(?:[Tt]he\s+)?(?P<adj>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)\s+(?:National\s+|Regular\s+|Federal\s+)?"
    r"(?:Army|Armed\s+Forces|Military|Navy|Air\s+Force|Defen[cs]e\s+Forces?|Police|Border\s+(?:Guard|Police)|"
    r"Special\s+Forces|Security\s+Forces|Marines|Gendarmerie)$"
)


def _state_force(name: str, nationality) -> bool:
    """"Nigerian Army", "the Afghan National Army", "Pakistan Air Force" belong to states."""
    m = _FORCE.match(name)
    return bool(m and nationality(m.group("adj")))


def _is_descriptive(ctx: Context, start: int, end: int) -> bool:
    """A name made only of nationalities, places and dates ("the Middle Eastern extremist
    group") describes a group; it does not name one."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    words = [t for t in span if t.is_alpha and t.lower_ not in ("al", "of", "the", "and")]
    if words and _world_region_word(span.text):
        return True  # "al-Qaeda's Sahel affiliate", whatever the tagger makes of "Sahel"
    return not words or all(t.ent_type_ in ("NORP", "GPE", "LOC", "DATE") or t.pos_ == "ADJ"
                            or t.lower_ in _DESCRIPTIVE_WORDS for t in words)


def _world_region_word(text: str) -> bool:
    from militantmap.extract.geo import get_geocoder

    return get_geocoder().world_region(text) is not None


# Words of sect, people and creed that describe a group ("the Sunni Baluch militant group",
# "a Kuki armed outfit") whatever the tagger makes of them.
_DESCRIPTIVE_WORDS = {
    "sunni", "shia", "shiite", "shi'ite", "salafi", "salafist", "wahhabi", "deobandi", "sufi",
    "islamist", "jihadist", "jihadi", "muslim", "christian", "hindu", "buddhist", "maoist",
    "marxist", "leninist", "communist", "baluch", "baloch", "balochi", "pashtun", "kurdish", "kurd",
    "tuareg", "fulani", "peul", "hausa", "rohingya", "tamil", "naga", "kuki", "meitei", "bodo",
    "arab", "druze", "alawite", "yazidi", "uyghur", "uighur", "tajik", "uzbek", "somali", "oromo",
    "amhara", "tigrayan", "hutu", "tutsi", "lendu", "hema", "anglophone", "ambazonian", "karen",
    "kachin", "shan", "chin", "moro", "malay", "papuan", "ethnic", "tribal", "clan", "sectarian",
    # peoples and regions that are no country ("the Kashmiri militant group Al-Faran")
    "kashmiri", "punjabi", "sindhi", "bengali", "assamese", "manipuri", "mizo", "chechen",
    "dagestani", "ingush", "berber", "amazigh", "sahrawi", "toubou", "tebu", "zaghawa",
    "masalit", "nuer", "dinka", "acholi", "banyamulenge", "ijaw", "igbo", "yoruba", "kanuri",
    "azawadi", "ogoni", "kurdistani", "sikh", "khalistani",
}


def _initials_match(name: str, acr: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    letters = [c for c in acr if c.isalpha()]
    initials = "".join(w[0] for w in words).upper()
    # The acronym's letters must be the initials of the name's last words, in order.
    return len(letters) >= 2 and initials.endswith("".join(letters).upper())


def _initials_fit(name: str, acr: str) -> bool:
    """Whether an acronym can be the name's: the initials of its last capitalised words in order
    ("Tehrik-i-Taliban Pakistan" TTP), of all its words with the small ones ("Muerte a
    Secuestradores" MAS), or of its capitalised words in another order, as when the acronym
    comes from the name in its own language ("Revolutionary Action Movement" MAR, from
    Movimento di Azione Rivoluzionaria)."""
    letters = "".join(c for c in acr if c.isalpha()).upper()
    if len(letters) < 2 or _initials_match(name, acr):
        return True if len(letters) >= 2 else False
    every = "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()).upper()
    if every.endswith(letters):
        return True
    caps = [w[0].upper() for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return len(caps) == len(letters) and sorted(caps) == sorted(letters)


def _fitting_suffix(name: str, acr: str) -> str:
    """The longest end of `name` whose initials spell the acronym exactly (in order, or with the
    small words, or reordered): "Fighters of the Zarqan Army (ZA)" defines "Zarqan Army"."""
    starts = [m.start() for m in re.finditer(r"(?<![\w’'-])[A-Z]", name)]
    for st in starts:
        tail = name[st:]
        letters = "".join(c for c in acr if c.isalpha()).upper()
        words = [w for w in re.split(r"[\s-]+", tail) if w]
        caps = [w[0] for w in words if w[0].isupper()]
        every = [w[0].upper() for w in words if w[0].isalpha()]
        if "".join(caps) == letters or "".join(every) == letters or (
                len(caps) == len(letters) and sorted(caps) == sorted(letters)):
            return tail
    return ""


def _defined_group(ctx: Context, gaz: Gazetteer, cands: list, name: str, acr: str, start: int,
                   end: int, entity_for_name: Callable[[str], str]) -> str | None:
    """The group a definition "Name (ACR)" / "ACR (Name)" names, or None: the acronym must fit
    the name's initials; a name the gazetteer knows (also by the display name of a group it
    lists as too generic to match alone) needs a conflict cue or another group in its sentence,
    since the definition makes it specific; a new name must also be built like a group's."""
    if len(re.split(r"[\s-]+", name)) < 2:
        return None
    native = None
    if not _initials_fit(name, acr):
        # "Popular Liberation Army (EPL)": an English name with the acronym of the group's
        # name in its own language ("Ejercito Popular de Liberacion"); the lists know both
        native = _native_acronym_entry(gaz, name, acr)
        if native is None:
            return None
    lo, hi = _sentence_span(ctx.text, start, end)
    sentence = ctx.text[lo:hi]
    near_group = any(lo <= c.start < hi and not (start <= c.start < end) for c in cands)
    if not (near_group or _MILITANT_CUE.search(sentence) or conflict_cue_re().search(sentence)):
        return None
    # A name no list spells this way, defined by an acronym a list knows ("Farabundo Marti
    # National Liberation Front (FMLN)"), is that acronym's group: the definition says so, and
    # a near spelling of another name ("Moro National Liberation Front") must not win.
    entry = (native or gaz.lookup(name) or gaz.by_name(name) or gaz.lookup(acr)
             or gaz.fuzzy_lookup(name))
    if entry is not None:
        return _known_entity(ctx, gaz, entry.id)
    if not _looks_like_group(name) or _generic_only(name) or _STATE_ARMY.search(name):
        return None
    if not _acceptable_new_name(name, set()):
        return None
    return entity_for_name(name)


@lru_cache(maxsize=4)
def _entries_by_name(gaz: Gazetteer) -> dict[str, list[str]]:
    """{normalized name or alias: group ids}, display names too generic to match included."""
    table: dict[str, list[str]] = {}
    for entry in gaz:
        for n in {normalize(a) for a in (entry.name, *entry.aliases)}:
            table.setdefault(n, []).append(entry.id)
    return table


def _native_acronym_entry(gaz: Gazetteer, name: str, acr: str):
    """The one group called `name` whose other names give the acronym: as an alias ("EPL"),
    or as the initials of a name in another language ("Ejercito Popular de Liberacion");
    None otherwise."""
    hits = []
    for gid in _entries_by_name(gaz).get(normalize(name), []):
        entry = gaz.get(gid)
        if entry is None:
            continue
        if acr in entry.aliases or any(
                _initials_spell(a, acr) for a in entry.aliases if normalize(a) != normalize(name)):
            hits.append(entry)
    return hits[0] if len(hits) == 1 else None


def _native_suffix(gaz: Gazetteer, name: str, acr: str) -> str:
    """The longest end of `name` that names one listed group whose other names give the
    acronym (_native_acronym_entry), or ""."""
    for m in re.finditer(r"(?<![\w’'-])[A-Z]", name):
        tail = name[m.start():]
        if len(tail.split()) >= 2 and _native_acronym_entry(gaz, tail, acr) is not None:
            return tail
    return ""


def _initials_spell(name: str, acr: str) -> bool:
    """Whether the initials of a name's words, without its particles ("de", "la", "al"),
    are the acronym's letters exactly."""
    letters = "".join(c for c in acr if c.isalpha()).upper()
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ACRONYM_PARTICLES]
    return len(letters) >= 2 and "".join(w[0] for w in words).upper() == letters


_ACRONYM_PARTICLES = {
    "de", "del", "la", "las", "los", "el", "al", "y", "e", "i", "ul", "of", "the", "and", "for",
    "in", "du", "des", "le", "les", "da", "do", "dos", "di", "wal",
}


def _known_entity(ctx: Context, gaz: Gazetteer, entry_id: str) -> str:
    """The entity of a gazetteer group (made on first use)."""
    if entry_id not in ctx.entities:
        e = gaz.get(entry_id)
        assert e is not None
        ctx.entities[entry_id] = Entity(
            key=entry_id, name=e.name, type=ARMED_GROUP, kb_id=entry_id, country=e.country,
            parent_key=e.parent,
        )
    return entry_id


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), by punctuation (a definition sits inside one)."""
    lo = max((m.end() for m in _SENT_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    m = _SENT_END.search(text, end)
    return lo, (m.start() + 1 if m else len(text))


def _acronym_of_entry(gaz: Gazetteer, name: str, acr: str) -> bool:
    """Whether the group listed under `name` has `acr` among its names."""
    entry = gaz.lookup(name) or gaz.by_name(name)
    return entry is not None and acr in entry.aliases


def _trim_name(name: str) -> str:
    # a bracket opens an acronym or a gloss ("Armed Forces of National Resistance (FARN)"):
    # the name ends before it
    name = name.split("(")[0]
    # a possessive, or the closing quote of "calling itself 'the X'", is not part of the name
    name = re.sub(r"[’']s$", "", name.strip()).rstrip("’'")
    words = name.split()
    while words and words[0].lower() in _BAD_NAME_START:
        words = words[1:]
    # "Suspected Bodo militants", "Alleged Red Hand fighters": a capitalised word that opens a
    # sentence with a description (data/group_discovery.json, "lead_words") is not the name's
    while len(words) > 1 and words[0].lower() in _lead_words():
        words = words[1:]
    # a lowercase "group" after a name is a description ("the Okavi group"); a capitalised one
    # is the name's ("the Okavi Revolutionary Group"), as in the gazetteer's matcher
    while words and (words[-1].lower() in {"of", "and", "the", "al", "for", "in"}
                     or words[-1] == "group"):
        words = words[:-1]
    return " ".join(words)


def _looks_like_group(name: str) -> bool:
    words = {w.lower().strip("’'") for w in re.split(r"[\s-]+", name)}
    blocking = words & _NOT_GROUP_WORDS
    if words & _INSURGENT_NAME_WORDS:
        blocking -= _SOFT_NOT_GROUP_WORDS
    heads = words & _GROUP_HEADS
    if not heads and words & _ROMANCE_SOFT_HEADS and words & _ROMANCE_ARMED_WORDS:
        heads = words & _ROMANCE_SOFT_HEADS
    if not heads and words & _INSURGENT_NAME_WORDS:
        heads = words & _SOFT_NOT_GROUP_WORDS - {"national", "union"}
    return bool(heads) and not blocking


# "the Sahel-based terror group", "an IS-linked militia": a compound adjective describes a
# group by its place or patron; it names none.
_DESCRIPTIVE_COMPOUND = re.compile(
    r"[-‐‑](?:based|linked|backed|affiliated|aligned|allied|led|inspired|leaning|funded|"
    r"supported|oriented|sponsored|loyal|born|origin)$", re.I)


def _acceptable_new_name(name: str, countries: set[str]) -> bool:
    if _DESCRIPTIVE_COMPOUND.search(name) or _NUMBERED_UNIT.match(name):
        return False
    low = normalize(name)
    content = [w for w in name.split() if w[:1].isupper() or w[:1].isdigit()]
    if not low or low in countries or len(name) < 3 or len(content) > 8:
        return False
    first = name.split()[0].lower()
    return first not in _BAD_NAME_START and any(c.isupper() for c in name)


class _Coverage:
    """Character ranges already taken (small lists; articles have a few hundred mentions)."""

    def __init__(self, cands: list[_Candidate]) -> None:
        self.ranges = [(c.start, c.end) for c in cands]

    def add(self, s: int, e: int) -> None:
        self.ranges.append((s, e))

    def overlaps(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.ranges)


_PERSON_TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Maj|Capt|Lt|Sgt|President|Prime Minister|Minister|General|"
    r"Colonel|Major|Captain|Commander|Spokesman|Spokesperson)\.?\s+)+"
)


def _named_entities(ctx: Context, taken: _Coverage) -> None:
    """People, places and other organisations from spaCy's NER, never overlapping a group."""
    persons: list[Entity] = []
    for ent in doc_ents(ctx.doc):
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        label = ent.label_
        if label == "PERSON":
            _add_person(ctx, persons, _whole_name(ent, taken))
        elif label in ("GPE", "LOC", "FAC"):
            _add_simple(ctx, ent, LOCATION)
        elif label == "ORG":
            _add_simple(ctx, ent, ORGANIZATION)


# capitalised words before a name that are an office, not a part of the name ("Police
# Commissioner John Otieno", "Mayor Omar Filish")
_OFFICE_TITLES = frozenset({
    "mayor", "governor", "commissioner", "president", "minister", "senator", "chief", "commander",
    "general", "colonel", "captain", "major", "lieutenant", "sergeant", "inspector", "superintendent",
    "judge", "justice", "ambassador", "spokesman", "spokesperson", "spokeswoman", "secretary",
    "director", "officer", "premier", "chancellor", "king", "prince", "queen", "lawmaker", "deputy",
    "police", "army", "commandant", "prosecutor", "attorney", "envoy", "representative", "leader",
    "pope", "bishop", "archbishop", "cardinal", "rev", "reverend", "father", "brother", "sister", "pastor",
    "congressman", "congresswoman", "councillor", "councilor", "chairman", "chairwoman", "mp", "sen", "rep",
    "gov", "district", "province", "state", "county", "region",
})


def _whole_name(ent: Span, taken: _Coverage) -> Span:
    """The tagger's PERSON span grown over the capitalised proper nouns its parse joins to it
    by `compound` ("[Iyad Ag] Ghaly heads JNIM", "Sanda [Ould Bouamama] said"): the tagger often
    cuts a transliterated name short, and a role's pattern then finds no person at its subject.
    Only tokens outside any other entity and any group."""
    doc, start, end = ent.doc, ent.start, ent.end

    def free(t: Token) -> bool:
        return (t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_iob_ == "O" and t.is_alpha
                and not taken.overlaps(t.idx, t.idx + len(t.text)))

    while end < len(doc) and end < ent.sent.end and free(doc[end]) and doc[end - 1].dep_ == "compound" \
            and doc[end - 1].head.i == end and doc[end].lower_ not in _OFFICE_TITLES:
        end += 1
    while start > ent.sent.start and free(doc[start - 1]) and doc[start - 1].dep_ == "compound" \
            and start <= doc[start - 1].head.i < end and doc[start - 1].lower_ not in _OFFICE_TITLES:
        start -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    grown = doc[start:end]
    # ("[Ismail Khan]" in "Dera Ismail Khan" is a town's name cut short: left as the tagger had it)
    return ent if get_geocoder().geocode(grown.text) is not None else grown


def _clean_span(ent: Span) -> tuple[int, int, str]:
    text = ent.text
    start, end = ent.start_char, ent.end_char
    m = re.search(r"[’']s$", text)
    if m:
        end -= len(m.group(0))
        text = text[: m.start()]
    if text.lower().startswith("the "):
        start += 4
        text = text[4:]
    return start, end, text.strip()


def _add_simple(ctx: Context, ent: Span, type_: str) -> None:
    start, end, name = _clean_span(ent)
    if len(name) < 2 or not any(c.isalpha() for c in name) or _LIST_REF.fullmatch(name):
        return  # ("QDe.004": a sanctions list reference names nothing)
    key = f"{type_}:{normalize(name)}"
    e = ctx.entities.get(key)
    if e is None:
        e = ctx.entities[key] = Entity(key=key, name=name, type=type_)
    e.add_mention(start, end, name)


_LIST_REF = re.compile(r"Q[DI][a-z]\.\d+", re.I)
_LED_SUFFIX = re.compile(r"[-‐‑](?:led|headed|founded|run|commanded|backed|linked|allied|aligned|inspired|loyal)$", re.I)


def _add_person(ctx: Context, persons: list[Entity], ent: Span) -> None:
    start, end, name = _clean_span(ent)
    if "(" in name:
        # "Hafiz Ali Saeed(QDi.263)": a sanctions list reference glued to the name
        name = name[: name.index("(")].rstrip()
        end = start + len(name)
    if _LIST_REF.fullmatch(name):
        return  # "(QDi.249)" alone: the reference, no one's name
    m = _LED_SUFFIX.search(name)
    if m:
        # "the Ahmed Hassan-led group": the tagger takes the participle into the name
        name = name[: m.start()]
        end = start + len(name)
    m = _PERSON_TITLES.match(name)
    if m and m.end() < len(name):
        start += m.end()
        name = name[m.end() :]
    tokens = name.split()
    if not tokens or not any(c.isupper() for c in name) or len(name) < 3:
        return
    norm = normalize(name)
    # A short form ("Ishaq", "Hamza") is the most recent person whose full name contains it.
    match = None
    for p in reversed(persons):
        ptoks = normalize(p.name).split()
        ntoks = norm.split()
        if ptoks == ntoks or (len(ntoks) < len(ptoks) and _is_subsequence(ntoks, ptoks)) \
                or (len(ntoks) == len(ptoks) >= 3 and sorted(ntoks) == sorted(ptoks)):
            # (a name of three words or more in another order is the same man's: "Seka Musa
            # Baluku" and "Musa Seka Baluku" in one article)
            match = p
            break
        if len(ntoks) > len(ptoks) and _is_subsequence(ptoks, ntoks):
            # the fuller form comes later: it becomes the canonical name
            p.name = name
            match = p
            break
    if match is None:
        key = f"{PERSON}:{norm}"
        match = ctx.entities.get(key)
        if match is None:
            match = ctx.entities[key] = Entity(key=key, name=name, type=PERSON)
            persons.append(match)
    match.add_mention(start, end, name)


# "X alias Y", "X, also known as Y", "X (a.k.a. Y)", "X, better known by his nom de guerre Y"
_ALIAS_LINK = re.compile(
    r"\s*,?\s*\(?\s*(?:alias|aka|a\.k\.a\.?|also\s+known\s+as|better\s+known\s+as|also\s+called|"
    r"(?:better\s+|also\s+)?known\s+by\s+(?:his|her|the)\s+(?:nom\s+de\s+guerre|alias|kunya|nickname)|"
    r"whose\s+(?:nom\s+de\s+guerre|kunya|real\s+name)\s+is)\s*,?\s*[“\"‘']?\s*")

_ALIAS_TAIL = re.compile(
    _ALIAS_LINK.pattern + r"(?P<name>(?<=[“\"‘'])[^”\"’'\n]{2,40}(?=[”\"’'])|"
    r"[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|al-[\w’'-]+|bin|ibn)){0,4})")


def _aliases_of_people(ctx: Context) -> None:
    """A person's other name: in "X alias Y", "X, also known as Y", "X (a.k.a. Y)" both names
    are one person's when either is a person's (the tagger takes many a transliterated name for
    an organisation's or a place's). The first name is the person's name; a group on either
    side keeps its reading ("G, also known as H" names a group twice)."""
    text = ctx.text
    spans = sorted(((s, e, ent) for ent in ctx.entities.values()
                    if ent.type in (PERSON, ORGANIZATION, LOCATION) for s, e in ent.mentions),
                   key=lambda x: (x[0], x[1]))
    prefixes = ("abu ", "abou ", "umm ", "mullah ", "sheikh ", "shaikh ", "hafiz ", "qari ", "maulana ")
    for (s1, e1, a), (s2, e2, b) in zip(spans, spans[1:]):
        if a is b or not _ALIAS_LINK.fullmatch(text, e1, s2) or (s1, e1) not in a.mentions \
                or (s2, e2) not in b.mentions or a.key not in ctx.entities or b.key not in ctx.entities:
            continue
        second_person = b.type == PERSON or text[s2:e2].lower().startswith(prefixes)
        if a.type != PERSON and not second_person:
            continue
        if a.type != PERSON:
            # the first name is the person's: it becomes a person with both names
            a.mentions.remove((s1, e1))
            name = text[s1:e1]
            key = f"{PERSON}:{normalize(name)}"
            person = ctx.entities.get(key)
            if person is None:
                person = ctx.entities[key] = Entity(key=key, name=name, type=PERSON)
            person.add_mention(s1, e1, name)
            if not a.mentions:
                del ctx.entities[a.key]
            a = person
        b.mentions.remove((s2, e2))
        a.add_mention(s2, e2, text[s2:e2])
        if not b.mentions:
            del ctx.entities[b.key]
    # an alias the tagger did not take for a name at all ('X, alias "El Flaco"')
    taken = [(s, e) for ent in ctx.entities.values() for s, e in ent.mentions]
    for person in [ent for ent in ctx.entities.values() if ent.type == PERSON]:
        for _, e in list(person.mentions):
            m = _ALIAS_TAIL.match(text, e)
            if m is None:
                continue
            s2, e2 = m.span("name")
            if not any(a < e2 and s2 < b for a, b in taken):
                person.add_mention(s2, e2, text[s2:e2])
                taken.append((s2, e2))


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    if len(short) == 1:
        return short[0] in long and len(short[0]) > 2
    n = len(short)
    if any(long[i : i + n] == short for i in range(len(long) - n + 1)):
        return True
    # a name with its middle names left out: "Mullah Mansour" in a caption, "Mullah Akhtar
    # Mohammad Mansour" in the story; the same first and last word, the rest in order
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long[1:-1])
    return all(w in rest for w in short[1:-1])


_TITLE_BEFORE_NAME = re.compile(
    r"\b(?:spokes(?:man|woman|person)|leader|chief|commander|founder|co-founder|emir|amir|deputy)"
    r"(?P<comma>,)?\s+(?P<name>(?:(?:Sheikh|Mullah|Maulana|Mufti|Abu|Hafiz|Qari|Haji|Commander)\s+)?"
    r"[A-Z][\w’'-]+(?:\s+(?:bin|ibn|al-|el-|ul-|abu|Abu)?\s*[A-Z][\w’'-]+){1,4})"
)


# "Police named the suspect as Kareem Lawal", "the attacker, identified as Omar Diallo,": the
# name a person noun is identified as is a person's, whatever the tagger made of it
_IDENTIFIED_AS = re.compile(
    r"\b(?:identified|named|described)\s+(?:(?:him|her|the\s+(?:[\w-]+\s+)?(?:suspects?|attackers?|bombers?|"
    r"gunm[ae]n|assailants?|m[ae]n|wom[ae]n|victims?|dead|deceased|militants?|fighters?|killers?|"
    r"perpetrators?|hostages?|detainees?|boys?|girls?))\s+)?as\s+(?P<name>(?:(?:Sheikh|Mullah|Maulana|Mufti|Abu|"
    r"Hafiz|Qari|Haji)\s+)?[A-Z][\w’'-]+(?:\s+(?:bin|ibn|al-|el-|ul-|abu|Abu)?\s*[A-Z][\w’'-]+){1,4})"
)


def _persons_named_by_title(ctx: Context) -> None:
    """"Al-Shabab spokesman Sheikh Abdiaziz Abu-Musab": a name right after a role title is a
    person even when the statistical NER missed it (it often does for transliterated names)."""
    taken = [(s, e) for ent in ctx.entities.values() for s, e in ent.mentions]
    orgs = {(s, e): ent for ent in ctx.entities.values() if ent.type == ORGANIZATION for s, e in ent.mentions}
    for m in [*_TITLE_BEFORE_NAME.finditer(ctx.text), *_IDENTIFIED_AS.finditer(ctx.text)]:
        s, e = m.start("name"), m.end("name")
        name = re.sub(r"[’']s$", "", m.group("name"))
        e = s + len(name)
        if m.groupdict().get("comma") and (not re.match(r"\s*[,(]", ctx.text[e:e + 2]) or any(
                a < e and s < b for a, b in taken if (a, b) not in orgs)):
            # "Boko Haram's current leader, Bakura Doro, commands ...": an appositive name set
            # off by commas, unless the span is already a group, place or person
            continue
        org = orgs.get((s, e))
        if org is not None:
            # "M23 spokesperson Willy Ngoma": no organisation's name follows a title so; the
            # tagger takes many an African or Asian name for an organisation's
            org.mentions.remove((s, e))
            if not org.mentions:
                del ctx.entities[org.key]
            taken.remove((s, e))
        key = f"{PERSON}:{normalize(name)}"
        ent = ctx.entities.get(key)
        if ent is None:
            ent = ctx.entities[key] = Entity(key=key, name=name, type=PERSON)
        ent.add_mention(s, e, name)
        taken.append((s, e))
