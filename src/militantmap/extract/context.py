"""Per-article working state shared by the extraction stages.

The stages run in one direction: entities -> attribution -> relations/roles/events -> output.
Each stage reads the Context and adds its own findings; none reaches into another's internals.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from militantmap.schema import ARMED_GROUP, LOCATION, ORGANIZATION, PERSON  # noqa: F401 (re-exported)


@dataclass
class Entity:
    key: str                      # stable key inside one article: kb id, or "new:<normalized name>"
    name: str
    type: str
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    parent_key: str | None = None  # for factions named in the text
    country: str | None = None
    id: str = ""                  # "e1", "e2", ... assigned in order of first mention

    def add_mention(self, start: int, end: int, surface: str) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
        if surface not in self.aliases:
            self.aliases.append(surface)

    @property
    def first(self) -> int:
        return min(s for s, _ in self.mentions) if self.mentions else 1 << 62


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str
    # True when the mention is only the "of G" complement of a faction phrase ("the X faction of
    # G"): such a mention is not the head of its noun phrase and must not be an antecedent.
    complement: bool = False


@dataclass(frozen=True)
class GroupRef:
    """One reference to one or more groups, of any kind: a name or acronym ("name"), a
    description such as "the group" ("description"), a pronoun such as "it" or "its"
    ("pronoun"), or a plural such as "the two groups" ("plural", two keys). Built by
    extract.mentions for every stage to read (see docs/extraction.md, "Group mentions")."""
    start: int
    end: int
    keys: tuple[str, ...]
    kind: str = "name"


@dataclass
class Context:
    text: str
    doc: Doc
    published: dt.date | None
    body_start: int = 0           # offset after a leading title line (only ties are read from it)
    entities: dict[str, Entity] = field(default_factory=dict)
    group_mentions: list[Mention] = field(default_factory=list)
    # (part key, parent key, offset, tie type) for "G's X faction" phrases: the text itself says
    # the one belongs to the other, even when both are known groups. The type is faction_of,
    # or affiliated_with for an "affiliate" (SCHEMA.md lists affiliates with neither branches
    # nor wings, and annotators code "G's Sahel affiliate" as an affiliation). A description
    # such as "the Hezbollah-backed group" (coref._linked_descriptions) adds its tie here too,
    # any type; for supports the second key is the backer.
    faction_ties: list[tuple[str, str, int, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    # Every reference to a group (names, descriptions, pronouns, plurals), sorted by offset;
    # filled by extract.mentions.resolve_group_refs after the descriptions are resolved.
    group_refs: list[GroupRef] = field(default_factory=list)
    _sentences: list[Span] | None = None
    # extract.people.find_person_mentions' answer, with the entities it was read from
    person_mentions_kept: tuple | None = None

    # -- entities -----------------------------------------------------------------------------
    def entity(self, key: str) -> Entity:
        return self.entities[key]

    def set_group_mentions(self, mentions: list[Mention]) -> None:
        self.group_mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.group_mentions]

    def groups_between(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.group_mentions) and self.group_mentions[i].start < end:
            if self.group_mentions[i].end <= end:
                out.append(self.group_mentions[i])
            i += 1
        return out

    def groups_before(self, offset: int) -> list[Mention]:
        """Group mentions ending before offset, nearest first."""
        i = bisect.bisect_left(self._starts, offset)
        return [m for m in reversed(self.group_mentions[:i]) if m.end <= offset]

    def groups_after(self, offset: int) -> list[Mention]:
        i = bisect.bisect_left(self._starts, offset)
        return self.group_mentions[i:]

    def group_at(self, start: int, end: int) -> Mention | None:
        """The group mention overlapping [start, end), if any."""
        i = bisect.bisect_right(self._starts, end) - 1
        while i >= 0:
            m = self.group_mentions[i]
            if m.end > start and m.start < end:
                return m
            if m.end <= start and m.start < start - 200:
                break
            i -= 1
        return None

    def refs_in(self, start: int, end: int) -> list[GroupRef]:
        """Group references overlapping [start, end)."""
        return [r for r in self.group_refs if r.end > start and r.start < end]

    def sentences(self) -> list[Span]:
        """The body's sentences (built once: every stage walks them)."""
        if self._sentences is None:
            self._sentences = [s for s in self.doc.sents
                               if s.start_char >= self.body_start and span_text(s).strip()]
        return list(self._sentences)

    def title_sentences(self) -> list[Span]:
        """The headline's sentences (before `body_start`)."""
        return [s for s in self.doc.sents if s.start_char < self.body_start and span_text(s).strip()]


def evidence(sent: Span) -> dict:
    """Evidence of a fact: the sentence without surrounding whitespace, with its offsets."""
    text = span_text(sent)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    start = sent.start_char + lead
    end = sent.start_char + trail
    # (sent.text is the document's text over the sentence's offsets; doc.text would be
    # rebuilt from every token of the document on each call)
    return {"start": start, "end": end, "sentence": text[lead:trail]}


_ENTS = "militantmap.ents"  # Doc.user_data key of the document's entity spans, built once


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per document: spaCy builds the tuple afresh on every read (and
    `Span.ents` reads it whole), and the event stages read a sentence's entities hundreds of
    times an article. The parse is never changed after it is made, so neither are they."""
    found = doc.user_data.get(_ENTS)
    if found is None:
        found = doc.user_data[_ENTS] = tuple(doc.ents)
    return found


def span_ents(span: Span) -> list[Span]:
    """`span.ents` (the entities wholly inside the span, up to the first that runs past its
    end) from `doc_ents`."""
    out = []
    start, end = span.start, span.end
    for ent in doc_ents(span.doc):
        if ent.start >= start:
            if ent.end <= end:
                out.append(ent)
            else:
                break
    return out



_WORDS = "militantmap.words"  # Doc.user_data key of the tokens' words, POS and lemmas


@dataclass(frozen=True)
class Words:
    """Per token of a document, by index: `lower_`, `pos_` and `lemma_.lower()` (what the
    rule stages test first of every token of a sentence, before they look any closer)."""
    lower: list[str]
    pos: list[str]
    lemma: list[str]


def doc_words(doc: Doc) -> Words:
    """The document's `Words`, read once per document (see `doc_ents`)."""
    found = doc.user_data.get(_WORDS)
    if found is None:
        toks = list(doc)
        found = doc.user_data[_WORDS] = Words([t.lower_ for t in toks], [t.pos_ for t in toks],
                                              [t.lemma_.lower() for t in toks])
    return found


_TEXT = "militantmap.text"  # Doc.user_data key of the document's text, while it is extracted


def remember_text(doc: Doc, text: str) -> None:
    """Keep the document's text (`doc.text`, which spaCy rebuilds from every token on each
    read) for `span_text`, while the rule stages read the document."""
    doc.user_data[_TEXT] = text


def span_text(span: Span) -> str:
    """`span.text`, cut from the document's text (spaCy joins the span's tokens on every read:
    a sentence's text was built a dozen times over); the same string, since a span's text is
    the document's text from its first character to the end of its last token."""
    text = span.doc.user_data.get(_TEXT)
    return span.text if text is None else text[span.start_char:span.end_char]


def forget_ents(doc: Doc) -> None:
    """Drop what `doc_ents`, `doc_words` and `remember_text` kept on the document."""
    doc.user_data.pop(_ENTS, None)
    doc.user_data.pop(_TEXT, None)
    doc.user_data.pop(_WORDS, None)


def agent_of_participle(tok: Token) -> bool:
    """Whether the token is the doer after a participle's "by" ("a mine operated by China",
    "a hospital funded by Qatar"): an actor of the phrase, not where something happened."""
    by = tok.head
    return tok.dep_ == "pobj" and by.lower_ == "by" and (by.dep_ == "agent" or by.head.tag_ == "VBN")

