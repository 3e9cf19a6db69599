"""Light coreference for descriptions of groups: "the group", "the splinter group", "a major
Pakistani militant group". Each description is resolved to the most recent group that heads its
own noun phrase, checked against the description's nationality and faction words. Unresolvable
descriptions are left alone (no fact is better than a wrong one)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from militantmap.extract.context import Context, Mention
from militantmap.extract.mentions import clause_subjects
from militantmap.nlp.gazetteer import normalize

# Modifiers are content words: "the emir of the group" is a person, not a description.
_MOD = r"(?!(?:of|the|a|an|and|or|in|for|to|with|by|from|on|at|as)\b)[\w’'-]+\s+"
DESCRIPTION = re.compile(
    rf"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Aa]n?)\s+(?P<mods>(?:{_MOD}){{0,3}}?)"
    r"(?P<noun>group|outfit|organi[sz]ation|faction|splinter\s+group|breakaway\s+group|movement|"
    r"militia|network|insurgent\s+group|jihadist\s+group|militants|jihadists|insurgents|extremists|Islamists|"
    r"rebels|guerrillas)\b(?!\s+(?:of|called|named|known))"
)
_PLURAL_PEOPLE = {"militants", "jihadists", "insurgents", "extremists", "Islamists", "rebels", "guerrillas"}
_FACTION_WORDS = re.compile(r"splinter|faction|breakaway|offshoot", re.I)
_NOT_GROUP_MODS = re.compile(
    r"\b(?:rights|human|aid|civil|political|ethnic|religious|age|working|study|research|"
    r"advocacy|media|business|tribal|opposition|world|international|contact|pressure|support|"
    r"parliamentary|peace|monitoring|watchdog|humanitarian|each|other|any|every|no)\b",
    re.I,
)
# "X, the group's Sahel affiliate": a possessive description in an appositive names the
# parent of the group it describes, never that group itself.
_PART_AFTER = re.compile(
    r"[’']s?\s+(?:[\w-]+\s+){0,3}?(?:faction|wing|branch|offshoot|affiliate|province|chapter|"
    r"franchise|splinter\s+group)\b", re.I)
_APPOSITIVE_BEFORE = re.compile(r"\s*(?:,|\(|—|–|--)\s*$")
_LOOKBACK = 1500  # characters: descriptions refer to groups named in the last paragraphs


@dataclass(frozen=True)
class Description:
    start: int
    end: int
    key: str
    # "the al-Qaeda affiliate" (another group's name in it): its own noun says nothing of the
    # ties the clause around it states (_linked_descriptions)
    linked: bool = False


def resolve_descriptions(ctx: Context, demonym_country) -> list[Description]:
    """Group descriptions in the body with the group they refer to."""
    out: list[Description] = []
    text = ctx.text
    for m in DESCRIPTION.finditer(text, ctx.body_start):
        if ctx.group_at(m.start(), m.end()) is not None:
            continue
        mods = m.group("mods")
        if _NOT_GROUP_MODS.search(mods):
            continue
        noun = m.group("noun")
        if noun in _PLURAL_PEOPLE and m.group("det").lower() != "the":
            continue
        definite = m.group("det").lower() in ("the", "this", "that")
        nationalities = {c for w in mods.split() if (c := demonym_country(w.strip("’'")))}
        if _names_another(mods, demonym_country):
            continue  # "the Fatah Halab control group": a body named here, not a group named before
        wants_faction = bool(_FACTION_WORDS.search(mods + " " + noun))
        exclude = {k for k in [_appositive_head(ctx, m.start(), m.end())] if k}
        exclude |= _clause_subject_groups(ctx, m.start(), m.end())
        key = _antecedent(ctx, m.start(), definite, nationalities, wants_faction, exclude)
        if key:
            out.append(Description(m.start(), m.end(), key))
    taken = [(d.start, d.end) for d in out]
    for d in _named_parts(ctx) + _parts_of(ctx) + _linked_descriptions(ctx):
        if not any(s < d.end and d.start < e for s, e in taken):
            out.append(d)
    out.sort(key=lambda d: (d.start, d.end))
    return out


# "the Sahel province", "the group's Khorasan branch", "its West Africa affiliate", "the
# Al-Alami faction": a part noun after capitalised words, with no "of" complement.
_NAMED_PART = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[\w-]+[’']s?)\s+(?P<mods>(?:[A-Z][\w’'-]*\s+){1,3})"
    r"(?P<noun>province|branch|faction|wing|affiliate|chapter|franchise)\b(?!\s+(?:of|in|for)\b)")


def _named_parts(ctx: Context) -> list[Description]:
    """A part of a group called by the words of its name that tell it from its parent ("the
    Sahel province" for Islamic State Sahel Province, "the Al-Alami faction" for
    Lashkar-e-Jhangvi al-Alami): the one group named in the article whose name holds all
    those words. The phrase is not an alias; it refers to a group the article names."""
    text = ctx.text
    names: dict[str, set[str]] = {}
    for g in ctx.group_mentions:
        if g.complement:
            continue
        words = names.setdefault(g.key, set())
        words.update(normalize(text[g.start:g.end]).split())
        words.update(normalize(ctx.entities[g.key].name).split())
    out: list[Description] = []
    for m in _NAMED_PART.finditer(text, ctx.body_start):
        start = m.start("mods")
        if ctx.group_at(start, m.end()) is not None:
            continue
        mods = normalize(m.group("mods")).split()
        if not mods or all(w in _GENERIC_PART_WORDS for w in mods):
            continue
        hits = [k for k, words in names.items() if all(w in words for w in mods)]
        if len(hits) == 1:
            out.append(Description(start, m.end(), hits[0]))
    return out


# "The al-Qaeda affiliate has expanded", "the Taliban-allied network", "the Hezbollah-backed
# group": a definite description that holds another group's name as its modifier refers to a
# group named before (as "the group" does), and says how the two are tied. The tie word, by
# the type it gives: a participle after the name, or the description's own noun.
_LINK_PARTICIPLES = {
    "affiliated": "affiliated_with", "linked": "affiliated_with", "aligned": "affiliated_with",
    "inspired": "affiliated_with", "associated": "affiliated_with", "connected": "affiliated_with",
    "allied": "cooperates_with",
    "backed": "supports", "funded": "supports", "financed": "supports", "sponsored": "supports",
    "supported": "supports", "armed": "supports", "trained": "supports", "bankrolled": "supports",
}
_LINK_NOUNS = {
    "affiliate": "affiliated_with", "ally": "cooperates_with", "partner": "cooperates_with",
    "offshoot": "faction_of", "franchise": "faction_of", "splinter": "faction_of",
    "proxy": "supports",
}
# (Not "the Hamas wing / faction / branch": those name a part of the group in the phrase as
# often as a group named before.)
_LINKED_BEFORE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?!of\b|and\b|or\b)[\w-]+\s+){0,2}$")
_LINKED_AFTER = re.compile(
    r"(?:[-‐](?P<part>" + "|".join(_LINK_PARTICIPLES) + r")\s+(?:(?!of\b|and\b)[\w-]+\s+){0,2}?"
    r"(?P<noun>group|outfit|organi[sz]ation|movement|militia|network|faction|cell|coalition|alliance)"
    r"|\s+(?P<link>" + "|".join(_LINK_NOUNS) + r")(?:\s+group)?)\b(?!\s+(?:of|called|named|known)\b|[-‐])")


_NAME_NEXT = re.compile(r"\s*,?\s*(?:the\s+)?[A-Z]")


def _linked_descriptions(ctx: Context) -> list[Description]:
    """"JNIM claimed the ambush. The al-Qaeda affiliate has expanded into Benin": the
    description is the group named before it (the nearest one that is not the group its
    modifier names, as for "the group"), and the tie it states goes to ctx.faction_ties as
    (the described group, the named group, offset, type); for support, the named group is the
    backer ("the Hezbollah-backed group", "Iran's proxy"). None without such a group."""
    text = ctx.text
    out: list[Description] = []
    for g in ctx.group_mentions:
        if g.complement or g.start < ctx.body_start:
            continue
        before = _LINKED_BEFORE.search(text, max(ctx.body_start, g.start - 40), g.start)
        after = _LINKED_AFTER.match(text, g.end)
        if before is None or after is None:
            continue
        start, end = before.start(), after.end()
        if any(o.key != g.key for o in ctx.groups_between(start, end)):
            continue
        if _NAME_NEXT.match(text, end):
            continue  # "the rival Sinaloa Cartel faction La Mayiza": the phrase names its group
        type_ = _LINK_PARTICIPLES[after.group("part")] if after.group("part") else \
            _LINK_NOUNS[after.group("link")]
        key = _antecedent(ctx, start, True, set(), False, {g.key})
        if key is None or key == g.key:
            continue
        out.append(Description(start, end, key, linked=True))
        ctx.faction_ties.append((key, g.key, start, type_))
    return out


# "a faction of X", "a splinter group of the X", "a breakaway wing of X" (the parent named)
_PART_OF = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:(?:small|smaller|dissident|breakaway|splinter|hardline|"
    r"radical|rival|powerful|new|militant|armed|former|local)\s+){0,2}"
    r"(?P<noun>faction|splinter\s+group|splinter\s+faction|breakaway\s+group|breakaway\s+faction|"
    r"offshoot|splinter|wing)\s+(?:of|from|within)\s+(?:the\s+)?"
    r"(?:(?!the\b|a\b|an\b)[a-z][\w-]*\s+){0,3}$")
_SPLIT_RELS = {"splinter_of", "split_from"}


def _parts_of(ctx: Context) -> list[Description]:
    """"A faction of X pledged allegiance to Y": a part of X not named in its phrase is the one
    group the article names that the gazetteer records as X's faction, branch or splinter;
    none when there is no such group or more than one. The phrase's "of X" stays X's mention,
    and the faction tie is the phrase's (ctx.faction_ties)."""
    from militantmap.nlp.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    out: list[Description] = []
    for parent in ctx.group_mentions:
        if parent.start < ctx.body_start:
            continue
        m = _PART_OF.search(ctx.text, max(0, parent.start - 90), parent.start)
        if m is None or m.end() != parent.start:
            continue
        # the part is a group named before the phrase (an antecedent, as for "the group")
        named = {g.key for g in ctx.group_mentions if not g.complement and g.end <= m.start()}
        kids = []
        for key in named - {parent.key}:
            entry = gaz.get(ctx.entities[key].kb_id or "")
            if entry is None:
                continue
            if entry.parent == parent.key or any(
                    b.rel in _SPLIT_RELS and b.target == parent.key for b in entry.background):
                kids.append(key)
        if len(kids) != 1:
            continue
        start, end = m.start(), m.end("noun")
        if ctx.group_at(start, end) is not None:
            continue
        out.append(Description(start, end, kids[0]))
        ctx.faction_ties.append((kids[0], parent.key, start, "faction_of"))
    return out


# Capitalised words that say nothing of which part is meant ("the Islamic faction")
_GENERIC_PART_WORDS = {"islamic", "armed", "military", "political", "new", "main", "local", "the"}


# Capitalised words that describe a group without naming it ("the Sunni Islamist group").
_CREED = re.compile(
    r"(?:Sunni|Shia|Shi[’']?ite|Shiite|Islamist|Islamic|Jihadist|Jihadi|Salafi|Salafist|Wahhabi|"
    r"Deobandi|Marxist|Maoist|Leninist|Communist|Christian|Muslim|Hindu|Buddhist|Catholic|Arab|"
    r"Kurdish|Baloch|Pashtun|Tuareg|Fulani|Tamil|Sikh|Al-Qaeda-\w+|ISIS-\w+|IS-\w+)", re.I)


def _names_another(mods: str, demonym_country) -> bool:
    """Whether a description's modifiers hold a proper name of two capitalised words or more
    that are neither nationalities nor creeds ("the Fatah Halab control group", "the Jaish al-Fatah
    group"): the description names a body of its own, not a group named before."""
    run = 0
    for w in mods.split():
        w = w.strip("’'")
        if (w[:1].isupper() and not demonym_country(w) and not _CREED.fullmatch(w)) or (
                run and w.lower() in ("al", "el", "ul", "wal") ):
            run += 1
            if run >= 2:
                return True
        else:
            run = 0
    return False


def _clause_subject_groups(ctx: Context, start: int, end: int) -> set[str]:
    """The groups named as the subject of the clause in which the description is an object:
    "X pledged allegiance to the group" is another group than X (mentions.clause_subjects)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    out: set[str] = set()
    for t in clause_subjects(span.root):
        g = ctx.group_at(t.idx, t.idx + len(t.text))
        if g is not None and not g.complement:
            out.add(g.key)
    return out


def _appositive_head(ctx: Context, start: int, end: int) -> str | None:
    """The group that "the group's X affiliate" stands in apposition to, if any: directly
    after it ("X, the group's Sahel affiliate") or deeper in its appositive ("X, an offshoot
    of the group's armed wing", by the parse). A description there names another group."""
    if not _PART_AFTER.match(ctx.text, end):
        return None
    before = ctx.groups_before(start)
    if before and _APPOSITIVE_BEFORE.fullmatch(ctx.text, before[0].end, start):
        return before[0].key
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for anc in span.root.ancestors:
        if anc.dep_ == "appos":
            head = anc.head
            for g in before:
                if g.start <= head.idx < g.end:
                    return g.key
            return None
    return None


def _antecedent(ctx: Context, offset: int, definite: bool, nationalities: set[str], faction: bool,
                exclude: set[str] | None = None) -> str | None:
    candidates: list[Mention] = [
        g for g in ctx.groups_before(offset)
        if not g.complement and offset - g.end < _LOOKBACK and g.key not in (exclude or set())
    ]
    if faction:
        faction_cands = [g for g in candidates if ctx.entities[g.key].parent_key]
        if not faction_cands and not definite:
            # "A splinter group that broke from X" in a lede: the faction named later
            faction_cands = [g for g in ctx.groups_after(offset) if ctx.entities[g.key].parent_key][:1]
        candidates = faction_cands
    candidates = _subject_first(ctx, offset, candidates)
    for g in candidates:
        ent = ctx.entities[g.key]
        if nationalities and ent.country and ent.country not in nationalities:
            continue
        if not definite and not nationalities and not faction:
            return None  # "a militant group" with nothing to tie it to a named group
        return g.key
    return None


def _subject_first(ctx: Context, offset: int, candidates: list[Mention]) -> list[Mention]:
    """"ISWAP split from Boko Haram in 2016. The group attacked ...": when the nearest group
    lies in an earlier sentence, the subject of that sentence is what it is about and what a
    description opening the next sentence refers to, before a group named later in it."""
    if not candidates:
        return candidates
    here = ctx.doc.char_span(offset, offset + 1, alignment_mode="expand")
    near = ctx.doc.char_span(candidates[0].start, candidates[0].end, alignment_mode="expand")
    if here is None or near is None or near.sent.start == here.sent.start:
        return candidates
    sent = near.sent
    if here.sent.start != sent.end:
        return candidates   # only the sentence just before
    node = here.root
    for _ in range(4):
        if node.dep_ not in ("det", "amod", "compound", "poss") or node.head.i == node.i:
            break
        node = node.head   # "the group('s fighters)"
    if node.dep_ not in ("nsubj", "nsubjpass"):
        return candidates   # a subject refers to the subject; elsewhere the nearest group stays
    same = [g for g in candidates if sent.start_char <= g.start < sent.end_char]
    for g in same:
        span = ctx.doc.char_span(g.start, g.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.dep_ in ("compound", "appos", "conj") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            return [g] + [c for c in candidates if c is not g]
    return candidates
