"""Light coreference for descriptions of groups: "the group", "the splinter group", "a major
Pakistani militant group". Each description is resolved to the most recent group that heads its
own noun phrase, checked against the description's nationality and faction words. Unresolvable
descriptions are left alone (no fact is better than a wrong one)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from militantmap.extract.context import Context, Mention

# Modifiers are content words: "the emir of the group" is a person, not a description.
_MOD = r"(?!(?:of|the|a|an|and|or|in|for|to|with|by|from|on|at|as)\b)[\w’'-]+\s+"
DESCRIPTION = re.compile(
    rf"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Aa]n?)\s+(?P<mods>(?:{_MOD}){{0,3}}?)"
    r"(?P<noun>group|outfit|organi[sz]ation|faction|splinter\s+group|breakaway\s+group|movement|"
    r"militia|network|insurgent\s+group|jihadist\s+group|militants)\b(?!\s+(?:of|called|named|known))"
)
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
        if noun == "militants" and m.group("det").lower() != "the":
            continue
        definite = m.group("det").lower() in ("the", "this", "that")
        nationalities = {c for w in mods.split() if (c := demonym_country(w.strip("’'")))}
        if _names_another(mods, demonym_country):
            continue  # "the Fatah Halab control group": a body named here, not a group named before
        wants_faction = bool(_FACTION_WORDS.search(mods + " " + noun))
        exclude = _appositive_head(ctx, m.start(), m.end())
        key = _antecedent(ctx, m.start(), definite, nationalities, wants_faction, exclude)
        if key:
            out.append(Description(m.start(), m.end(), key))
    return out


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
                exclude: str | None = None) -> str | None:
    candidates: list[Mention] = [
        g for g in ctx.groups_before(offset)
        if not g.complement and offset - g.end < _LOOKBACK and g.key != exclude
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
