"""Mentions of people across a document: names, surnames alone, pronouns and descriptions.

Named people come from the entities stage (spaCy's NER and names right after a title). This
layer adds the later references that facts are often stated with, each linked to one person:

- **surname alone**: "Baghdadi", "al-Zawahiri", "Al Baghdadi" after "Abu Bakr al-Baghdadi".
  A surname is the last word of a name of two words or more, compared without its article
  ("al-", "el-"); it refers to the most recent person named before it who bears it. Words that
  are also another entity's mention (a place, a group) are left alone.
- **pronouns** he / him / his / she / her: the *subject person* of the current sentence when a
  person subject comes before the pronoun ("X said he ..."), else the subject person of the
  previous sentence, else — when the previous sentence names exactly one person — that person.
  A pronoun with no person in the current or previous sentence is left alone (no fact is better
  than a wrong one).
- **descriptions**: "the cleric", "the commander", "the militant leader" — a definite noun phrase
  whose head is a person noun, not followed by "of" ("the leader of G" is a title, not a
  reference) nor by a name ("the commander Omar X" is that name). It refers to the subject person
  of the previous sentence, else to the most recent person named within the last two sentences.

The subject person of a sentence is the first person mention whose head token is a nominal
subject (active or passive) of a verb of that sentence.

Plural references to people (`find_plural_person_mentions`): "both", "the two (men)", "the
pair", "they" after a sentence that names two or more people joined by a conjunction ("X and Y
were killed. Both were members of G"): each refers to all of them. "they" only as a subject
after such a subject (it refers to groups and to "the militants" far more often).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from militantmap.extract.context import ORGANIZATION, PERSON, Context, doc_words
from militantmap.nlp.gazetteer import normalize
from militantmap.schema import LOCATION

NAME = "name"
SURNAME = "surname"
PRONOUN = "pronoun"
DESCRIPTION = "description"

_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_PERSON_NOUNS = (
    "cleric|preacher|commander|leader|chief|militant\\s+leader|emir|amir|spokesman|spokeswoman|"
    "founder|co-founder|jihadist|insurgent\\s+leader|warlord|kingpin|ringleader|mastermind|"
    "strongman|imam|mullah|sheikh|ideologue|financier|militant|"
    # "X was arrested on Monday. The suspect is a G commander": the person the news is about
    "suspect|detainee|fugitive|"
    # "the 45-year-old": news refers back to a person by age
    "\\d{2}-year-old"
)
# "the former militant leader", "the 45-year-old cleric", "the slain commander"
_DESCRIPTION = re.compile(
    rf"\b[Tt]he\s+(?:(?!(?:of|and|or|in|for|to|with|by|on|at|as)\b)[\w’'-]+\s+){{0,2}}?(?:{_PERSON_NOUNS})\b"
    r"(?!\s+(?:of|for|in|on|to|from)\b)(?![’'-])(?!\s*,?\s*[A-Z])"
)
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|an|ar|as|at|az|ash)[-‐‑ ]", re.I)
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


_PLURAL_WORDS = re.compile(
    r"\b(?:[Bb]oth(?:\s+(?:men|women|brothers|suspects))?|[Tt]he\s+(?:two|three|four)(?:\s+(?:men|women|brothers|suspects))?|"
    r"[Tt]he\s+(?:pair|duo|brothers)|[Tt]hey)\b")


@dataclass(frozen=True)
class PluralPersonMention:
    start: int
    end: int
    keys: tuple[str, ...]


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    key: str
    kind: str  # name | surname | pronoun | description


def _bare(word: str) -> str:
    """A surname without its Arabic article: "al-Zawahiri" -> "zawahiri"."""
    return normalize(_ARTICLE.sub("", word))


def find_person_mentions(ctx: Context) -> list[PersonMention]:
    """Every reference to a person in the document, ordered by offset. Read by the roles and
    again by the events: kept on the context while its entities (all this reads besides the
    text and the parse) are unchanged."""
    state = tuple((key, ent.type, tuple(ent.mentions)) for key, ent in ctx.entities.items())
    kept = ctx.person_mentions_kept
    if kept is not None and kept[0] == state:
        return list(kept[1])
    found = _find_person_mentions(ctx)
    ctx.person_mentions_kept = (state, tuple(found))
    return found


def _find_person_mentions(ctx: Context) -> list[PersonMention]:
    text = ctx.text
    named: list[PersonMention] = [
        PersonMention(s, e, ent.key, NAME)
        for ent in ctx.entities.values() if ent.type == PERSON for s, e in ent.mentions
    ]
    # a one-word organisation's name is read like a place's: the tagger takes a lone surname
    # ("Kabanda leads the ADF") for an organisation as readily as for a place
    lone_orgs = {(s, e) for ent in ctx.entities.values() if ent.type == ORGANIZATION for s, e in ent.mentions
                 if " " not in ctx.text[s:e]}
    taken = [(s, e) for ent in ctx.entities.values() if ent.type != LOCATION for s, e in ent.mentions
             if (s, e) not in lone_orgs]
    places = {(s, e) for ent in ctx.entities.values() if ent.type == LOCATION for s, e in ent.mentions} | lone_orgs
    out = list(named)
    out += _surnames(ctx, named, taken, places)
    taken += list(places)
    out.sort(key=lambda m: (m.start, m.end))
    sents = [s for s in ctx.doc.sents]
    words = doc_words(ctx.doc)
    persons_in = [[m for m in out if s.start_char <= m.start and m.end <= s.end_char] for s in sents]
    subjects: list[list[tuple[int, str]]] = []
    extra: list[PersonMention] = []
    for i, sent in enumerate(sents):
        subjects.append(_subject_person(ctx, sent, persons_in[i]))
        found: list[PersonMention] = []
        for j in range(sent.start, sent.end):
            if words.lower[j] not in _PRONOUNS or words.pos[j] != "PRON":
                continue
            tok = ctx.doc[j]
            key = _pronoun_antecedent(tok.idx, i, subjects, persons_in, possessive=tok.dep_ == "poss")
            if key:
                found.append(PersonMention(tok.idx, tok.idx + len(tok), key, PRONOUN))
        for m in _DESCRIPTION.finditer(text, sent.start_char, sent.end_char):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            key = _description_antecedent(m.start(), i, subjects, persons_in)
            if key:
                found.append(PersonMention(m.start(), m.end(), key, DESCRIPTION))
        if found:
            # "He ... . He ...": a resolved pronoun is the subject person of its sentence too
            persons_in[i] = sorted(persons_in[i] + found, key=lambda m: m.start)
            subjects[i] = _subject_person(ctx, sent, persons_in[i])
            extra += found
    out += extra
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _surnames(ctx: Context, named: list[PersonMention], taken: list[tuple[int, int]],
              places: set[tuple[int, int]]) -> list[PersonMention]:
    """Surnames alone. A place mention that is exactly a surname of a person named before it
    is that person: the tagger reads an unfamiliar surname ("Baluku", "Shekau") as a place as
    readily as a name, while an article rarely names a place after a person it just named."""
    text = ctx.text
    by_surname: dict[str, list[PersonMention]] = {}
    for m in named:
        words = text[m.start:m.end].split()
        if len(words) < 2:
            continue
        bare = _bare(words[-1].strip("’'"))
        if len(bare) < 4 or " " in bare:
            continue
        by_surname.setdefault(bare, []).append(m)
    out: list[PersonMention] = []
    if not by_surname:
        return out
    # one pattern for every surname of the document (compiled once per document, not per name)
    pat = re.compile(r"(?<![\w-])(?:(?:[Aa]l|[Ee]l)[-‐‑ ]?)?(?P<bare>"
                     + "|".join(re.escape(b) for b in sorted(by_surname, key=len, reverse=True))
                     + r")(?!\w)(?!-(?!(?:led|headed|run|founded)\b))", re.I)  # "the Benn-led group"
    for occ in pat.finditer(text, min(m.start for ms in by_surname.values() for m in ms)):
        s, e = occ.start(), occ.end()
        bare = occ.group("bare").lower()
        if not text[s].isupper() and not text[occ.start("bare")].isupper():
            continue  # a lower-case word is no name
        if any(a < e and s < b for a, b in taken) or (
                (s, e) not in places and any(a < e and s < b for a, b in places)):
            continue
        before = [m for m in by_surname.get(bare, []) if m.end <= s]
        if before:
            out.append(PersonMention(s, e, before[-1].key, SURNAME))
    return out


def _subject_person(ctx: Context, sent: Span, mentions: list[PersonMention]) -> list[tuple[int, str]]:
    """(offset, key) of the person mentions that are subjects in this sentence."""
    out = []
    for m in mentions:
        if m.start < sent.start_char or m.end > sent.end_char:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in _SUBJECT_DEPS:
            out.append((m.start, m.key))
    return out


def _pronoun_antecedent(offset: int, i: int, subjects, persons_in, possessive: bool = False) -> str | None:
    here = [k for s, k in subjects[i] if s < offset]
    if here:
        return here[-1]
    if possessive and len(named_here := {m.key for m in persons_in[i] if m.start < offset}) == 1:
        # "G is led by X; his deputy Y ...", "troops killed X and his deputy": a possessive
        # with no subject person before it is the one person its sentence named before it
        return next(iter(named_here))
    if i == 0:
        return None
    if subjects[i - 1]:
        return subjects[i - 1][0][1]
    prev = {m.key for m in persons_in[i - 1]}
    here_named = [m.key for m in persons_in[i] if m.start < offset]
    if not here_named and len(prev) == 1:
        return next(iter(prev))
    return None


def _description_antecedent(offset: int, i: int, subjects, persons_in) -> str | None:
    if any(m.start < offset for m in persons_in[i]):
        return None  # "X met the commander": another person, most likely
    if i > 0 and subjects[i - 1]:
        return subjects[i - 1][0][1]
    for j in (i - 1, i - 2):
        if j >= 0 and persons_in[j]:
            return persons_in[j][-1].key
    return None


def find_plural_person_mentions(ctx: Context, mentions: list[PersonMention]) -> list[PluralPersonMention]:
    """ "Both", "the two men", "they" for people joined by a conjunction just before (see the
    module docstring)."""
    out: list[PluralPersonMention] = []
    doc = ctx.doc
    roots: dict[int, str] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            roots.setdefault(span.root.i, m.key)
    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        for pw in _PLURAL_WORDS.finditer(ctx.text, sent.start_char, sent.end_char):
            span = doc.char_span(pw.start(), pw.end(), alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            they = pw.group().lower() == "they"
            if they and root.dep_ not in _SUBJECT_DEPS:
                continue
            scope = [t for t in sent if t.i < span.start]
            if not scope and i > 0:
                scope = list(sents[i - 1])
            keys = _joined_people(scope, roots, subject_only=they)
            if keys:
                out.append(PluralPersonMention(pw.start(), pw.end(), keys))
    return out


def _joined_people(tokens, roots: dict[int, str], subject_only: bool) -> tuple[str, ...] | None:
    """The last set of two or more people joined by a conjunction among these tokens."""
    found = None
    for t in tokens:
        if t.i not in roots or t.dep_ == "conj":
            continue
        keys = [roots[t.i]] + [roots[c.i] for c in t.conjuncts if c.i in roots]
        if len(set(keys)) >= 2 and len(keys) == 1 + len(list(t.conjuncts)) and \
                (not subject_only or t.dep_ in _SUBJECT_DEPS):
            found = tuple(dict.fromkeys(keys))
    return found
