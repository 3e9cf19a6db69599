"""Entities of one article: armed groups (linked to the gazetteer or discovered), people, places
and other organisations.

Group mentions come from, in order of authority:
1. names the text itself defines: "Lashkar-e-Jhangvi (LeJ)" makes LeJ an alias here, and
   "the Al-Alami faction of the LeJ" makes a faction of its own;
2. the gazetteer (every spelling it knows, case- and hyphen-insensitive);
3. groups discovered from context ("a militant group called X", "the X outfit") or from named
   organisations whose name is built like an armed group's ("... Brigades", "Jaish-...").
People, places and other organisations come from spaCy's NER, never overlapping a group.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from militantmap.extract.context import (
    ARMED_GROUP,
    LOCATION,
    ORGANIZATION,
    PERSON,
    Context,
    Entity,
    Mention,
)
from militantmap.nlp.gazetteer import Gazetteer, normalize

# A capitalised name of up to eight words, allowing the particles of transliterated names.
_WORD = r"(?:(?:[Aa]l|[Ee]l|[Aa][snrdtz]|[Uu]l)[-‐‑][A-Z][\w’'‐‑-]*|[A-Z][\w’'‐‑-]*)"
_PARTICLE = r"(?:of|al|el|ul|wal|e|i|the|and|for|in|bin|ibn|de|del|la|los|las|du|des|fi)"
NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,7}}"

_FACTION_KIND = (
    r"faction|wing|splinter group|splinter faction|breakaway faction|breakaway group|branch|"
    r"offshoot|chapter"
)
_FACTION_BEFORE = re.compile(
    rf"(?:^|(?<=\W))(?:[Tt]he\s+|[Aa]n?\s+)?(?P<x>{NAME})\s+(?P<kind>{_FACTION_KIND})\s+of\s+"
    rf"(?:the\s+)?$"
)
_FACTION_AFTER = re.compile(rf"^[’']s\s+(?P<x>{NAME})\s+(?P<kind>{_FACTION_KIND})\b")

_ACRONYM = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)\s*\)")

_GROUP_NOUN = r"(?:group|outfit|organi[sz]ation|faction|movement|militia|network|front|coalition|alliance|cell)"
_MILITANT_ADJ = (
    r"(?:militant|jihadist|jihadi|terrorist|terror|insurgent|extremist|separatist|rebel|armed|"
    r"Islamist|sectarian|banned|outlawed|proscribed|paramilitary|guerrilla|criminal|vigilante)"
)
_DISCOVERY = [
    # "a militant group called X", "an outfit calling itself X", "a faction known as X"
    re.compile(
        rf"\b{_GROUP_NOUN}\s+(?:called|named|known\s+as|calling\s+itself|dubbed|styling\s+itself)"
        rf"\s+(?:the\s+)?[\"“‘']?(?P<x>{NAME})"
    ),
    # "the militant group X", "a little-known jihadist outfit X"
    re.compile(
        rf"\b(?:[Tt]he|[Aa]n?)\s+(?:(?:little-known|new|newly\s+formed|shadowy|obscure|local|"
        rf"previously\s+unknown)\s+)?{_MILITANT_ADJ}(?:\s+\w+)?\s+{_GROUP_NOUN}\s+(?P<x>{NAME})"
    ),
    # "the X outfit", "the X militant group"
    re.compile(
        rf"\b(?:[Tt]he)\s+(?P<x>{NAME})\s+(?:(?:{_MILITANT_ADJ})\s+)?(?:outfit|militia|"
        rf"{_MILITANT_ADJ}\s+group)\b"
    ),
    # "X, a militant group", "X, an armed group that ..."
    re.compile(
        rf"(?P<x>{NAME}),\s+(?:a|an|the)\s+(?:(?:little-known|new|shadowy|obscure|local|"
        rf"previously\s+unknown|[A-Z]\w+-based)\s+)?{_MILITANT_ADJ}\s+(?:\w+\s+)?{_GROUP_NOUN}\b"
    ),
]

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

    def entity_for_entry(entry_id: str) -> str:
        if entry_id not in ctx.entities:
            e = gaz.get(entry_id)
            assert e is not None
            ctx.entities[entry_id] = Entity(
                key=entry_id, name=e.name, type=ARMED_GROUP, kb_id=entry_id, country=e.country,
                parent_key=e.parent,
            )
        return entry_id

    def entity_for_name(name: str, parent_key: str | None = None) -> str:
        """Link a name found in the text to the gazetteer if possible, else a new group."""
        entry = gaz.lookup(name) or gaz.fuzzy_lookup(name)
        if entry is not None:
            return entity_for_entry(entry.id)
        key = "new:" + normalize(name)
        if key not in ctx.entities:
            ent = Entity(key=key, name=name, type=ARMED_GROUP, kb_id=None, parent_key=parent_key)
            ctx.entities[key] = ent
            new_entities[key] = ent
        return key

    gaz_mentions = gaz.find_mentions(text)
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
        if x.lower() in _BAD_NAME_START or normalize(x) in countries and False:
            continue
        parent = gaz.get(m.entry_id)
        assert parent is not None
        key = _faction_entity(ctx, gaz, x, parent.name, m.entry_id, new_entities, entity_for_entry)
        base = window_start if fm else m.end
        xs = base + hit.start("x")
        xe = base + hit.end("kind")
        cands.append(_Candidate(xs, xe, key, 0, text[xs:xe]))
        if fm:  # the parent mention is the complement of the faction phrase
            cands.append(_Candidate(m.start, m.end, m.entry_id, 1, text[m.start : m.end], True))
        # "LeJ Al-Alami", "Lashkar-e-Jhangvi al-Alami": parent alias + faction name elsewhere
        for alias in {text[g.start : g.end] for g in gaz_mentions if g.entry_id == m.entry_id}:
            for fx in re.finditer(rf"(?<![\w-]){re.escape(alias)}[\s-]+{re.escape(x)}(?![\w-])", text, re.I):
                cands.append(_Candidate(fx.start(), fx.end(), key, 0, fx.group(0)))

    # Acronyms the text defines: "Tehrik-i-Taliban Pakistan (TTP)".
    for am in _ACRONYM.finditer(text):
        acr = am.group("acr")
        if len(acr) < 2 or not sum(c.isupper() for c in acr) >= 2:
            continue
        prev = [c for c in cands if c.end <= am.start() and am.start() - c.end <= 2 and not c.complement]
        key = None
        if prev:
            key = max(prev, key=lambda c: (c.end, -c.priority)).key
        else:
            name_m = re.search(rf"({NAME})\s*$", text[max(0, am.start() - 120) : am.start()])
            if name_m and _initials_match(name_m.group(1), acr):
                name = name_m.group(1)
                sent_text = text[max(0, am.start() - 300) : am.end() + 100]
                if _looks_like_group(name) and _MILITANT_CUE.search(sent_text):
                    key = entity_for_name(name)
                    s = am.start() - len(name_m.group(0))
                    cands.append(_Candidate(s, s + len(name), key, 1, name))
        if key is None:
            continue
        defined_acronyms[acr] = key
    for acr, key in defined_acronyms.items():
        for occ in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            cands.append(_Candidate(occ.start(), occ.end(), key, 0, occ.group(0)))
        if acr.upper() != acr:
            for occ in re.finditer(rf"(?<![\w-]){re.escape(acr.upper())}(?![\w-])", text):
                cands.append(_Candidate(occ.start(), occ.end(), key, 0, occ.group(0)))

    # Groups discovered from context.
    covered = _Coverage(cands)
    for pattern in _DISCOVERY:
        for dm in pattern.finditer(text):
            s, e = dm.start("x"), dm.end("x")
            name = _trim_name(text[s:e])
            if not name or covered.overlaps(s, s + len(name)):
                continue
            if not _acceptable_new_name(name, countries) or _is_descriptive(ctx, s, s + len(name)):
                continue
            key = entity_for_name(name)
            cands.append(_Candidate(s, s + len(name), key, 3, name))
            covered.add(s, s + len(name))
    for ent in ctx.doc.ents:
        if ent.label_ not in ("ORG", "NORP", "PERSON", "GPE") or covered.overlaps(ent.start_char, ent.end_char):
            continue
        if _APPOSITIVE_ROLE.match(text, ent.end_char):
            continue  # "X, a spokesman for the Taliban": X is a person whatever the tagger says
        name = _trim_name(ent.text)
        if not name or not _looks_like_group(name) or not _acceptable_new_name(name, countries):
            continue
        if _STATE_ARMY.search(name) or not _MILITANT_CUE.search(ent.sent.text):
            continue
        if nationality is not None and _state_force(name, nationality):
            continue
        key = entity_for_name(name)
        cands.append(_Candidate(ent.start_char, ent.start_char + len(name), key, 3, name))
        covered.add(ent.start_char, ent.end_char)
    # Names discovered once are mentions wherever they recur.
    for key, ent in new_entities.items():
        for surface in {c.surface for c in cands if c.key == key and c.surface}:
            for occ in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
                cands.append(_Candidate(occ.start(), occ.end(), key, 3, surface))

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
        ent = ctx.entities[c.key]
        ent.mentions.append((c.start, c.end))
        surface = text[c.start : c.end]
        if c.surface and surface not in ent.aliases:
            ent.aliases.append(surface)
        # "of the Lashkar-e-Jhangvi (LeJ)": the acronym shares its complement's role
        complement = c.complement or bool(
            mentions
            and mentions[-1].complement
            and mentions[-1].key == c.key
            and text[mentions[-1].end : c.start].strip() == "("
        )
        mentions.append(Mention(c.start, c.end, c.key, complement))
    for key in [k for k, e in ctx.entities.items() if e.type == ARMED_GROUP and not e.mentions]:
        del ctx.entities[key]
    ctx.set_group_mentions(mentions)
    _named_entities(ctx, taken)
    _persons_named_by_title(ctx)


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
    return not words or all(t.ent_type_ in ("NORP", "GPE", "LOC", "DATE") or t.pos_ == "ADJ" for t in words)


def _initials_match(name: str, acr: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    letters = [c for c in acr if c.isalpha()]
    initials = "".join(w[0] for w in words).upper()
    # The acronym's letters must be the initials of the name's last words, in order.
    return len(letters) >= 2 and initials.endswith("".join(letters).upper())


def _trim_name(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip())
    words = name.split()
    while words and words[0].lower() in _BAD_NAME_START:
        words = words[1:]
    while words and words[-1].lower() in {"of", "and", "the", "al", "for", "in", "group"}:
        words = words[:-1]
    return " ".join(words)


def _looks_like_group(name: str) -> bool:
    words = {w.lower().strip("’'") for w in re.split(r"[\s-]+", name)}
    return bool(words & _GROUP_HEADS) and not (words & _NOT_GROUP_WORDS)


def _acceptable_new_name(name: str, countries: set[str]) -> bool:
    low = normalize(name)
    if not low or low in countries or len(name) < 3 or len(name.split()) > 8:
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
    for ent in ctx.doc.ents:
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        label = ent.label_
        if label == "PERSON":
            _add_person(ctx, persons, ent)
        elif label in ("GPE", "LOC", "FAC"):
            _add_simple(ctx, ent, LOCATION)
        elif label == "ORG":
            _add_simple(ctx, ent, ORGANIZATION)


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
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return
    key = f"{type_}:{normalize(name)}"
    e = ctx.entities.get(key)
    if e is None:
        e = ctx.entities[key] = Entity(key=key, name=name, type=type_)
    e.add_mention(start, end, name)


def _add_person(ctx: Context, persons: list[Entity], ent: Span) -> None:
    start, end, name = _clean_span(ent)
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
        if ptoks == ntoks or (len(ntoks) < len(ptoks) and _is_subsequence(ntoks, ptoks)):
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


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    if len(short) == 1:
        return short[0] in long and len(short[0]) > 2
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


_TITLE_BEFORE_NAME = re.compile(
    r"\b(?:spokes(?:man|woman|person)|leader|chief|commander|founder|co-founder|emir|amir|deputy)"
    r"\s+(?P<name>(?:(?:Sheikh|Mullah|Maulana|Mufti|Abu|Hafiz|Qari|Haji|Commander)\s+)?"
    r"[A-Z][\w’'-]+(?:\s+(?:bin|ibn|al-|el-|ul-|abu|Abu)?\s*[A-Z][\w’'-]+){1,4})"
)


def _persons_named_by_title(ctx: Context) -> None:
    """"Al-Shabab spokesman Sheikh Abdiaziz Abu-Musab": a name right after a role title is a
    person even when the statistical NER missed it (it often does for transliterated names)."""
    taken = [(s, e) for ent in ctx.entities.values() for s, e in ent.mentions]
    for m in _TITLE_BEFORE_NAME.finditer(ctx.text):
        s, e = m.start("name"), m.end("name")
        name = re.sub(r"[’']s$", "", m.group("name"))
        e = s + len(name)
        if any(a < e and s < b for a, b in taken):
            continue
        key = f"{PERSON}:{normalize(name)}"
        ent = ctx.entities.get(key)
        if ent is None:
            ent = ctx.entities[key] = Entity(key=key, name=name, type=PERSON)
        ent.add_mention(s, e, name)
        taken.append((s, e))
