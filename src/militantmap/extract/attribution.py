"""Who asserts a sentence, and how firmly: attribution, modality and negation.

A sentence is "reported" when somebody in it is said to have said it ("a spokesman said",
"told AFP", "according to police"); the speaker's words are kept as written and classified into
a kind. A quote continued by "he said" inherits the speaker of the sentence before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from militantmap.extract.context import ARMED_GROUP, PERSON, Context, doc_words, span_text

SPEECH_LEMMAS = {
    "say", "tell", "claim", "announce", "state", "add", "confirm", "report", "allege", "declare",
    "insist", "assert", "acknowledge", "admit", "warn", "deny", "reveal", "disclose", "explain",
    "remark", "note", "argue", "accuse", "suggest", "indicate", "believe", "write", "post",
}
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;]+)", re.I)
_ANONYMOUS = re.compile(
    r"\b(?:not\s+to\s+be\s+(?:named|identified)|anonymity|anonymously|unnamed|declined\s+to\s+be\s+"
    r"(?:named|identified)|requesting\s+not|requested\s+not|asked\s+not|"
    r"(?:not|un)authori[sz]ed\s+to\s+(?:speak|talk|brief))",
    re.I,
)
_OFFICIAL = re.compile(
    r"\b(?:official|officials|minister|ministry|police|officer|spokesman\s+for\s+the\s+(?:army|"
    r"military|police|government|ministry)|military|army|government|authorities|governor|"
    r"commissioner|president|prime\s+minister|general|colonel|ambassador|secretary|department|"
    r"administrator|mayor|chief\s+of|security\s+forces|intelligence|source\s+in\s+the)\b",
    re.I,
)
_MILITANT = re.compile(
    r"\b(?:militant|militants|insurgent|jihadist|fighter|commander\s+of\s+the\s+group|"
    r"rebel|rebels|group\s+member|loyalist)\b",
    re.I,
)
_SPOKES = re.compile(r"\bspokes(?:man|woman|person|people|men)\b", re.I)
_MEDIA = re.compile(
    r"\b(?:Reuters|AFP|AP|Associated\s+Press|Agence\s+France|BBC|CNN|Al\s+Jazeera|Dawn|media|"
    r"newspaper|agency|channel|television|TV|broadcaster|magazine|Amaq|news\s+outlet|website|"
    r"report|reports|Xinhua|Anadolu)\b"
)
_PRONOUN = {"he", "she", "they", "it", "we"}

PLANNED = re.compile(
    r"\b(?:(?:was|were|is|are)\s+(?:all\s+)?set\s+to|(?:was|were|is|are)\s+to\s+(?:become|join)|"
    r"plan(?:s|ned|ning)?\s+to|intend(?:s|ed)?\s+to|(?:was|were|is|are)\s+(?:about|going|expected|"
    r"preparing|poised|due)\s+to|attempt(?:s|ed|ing)?\s+to|tr(?:y|ies|ied|ying)\s+to|"
    r"seek(?:s|ing)?\s+to|sought\s+to|will\s+(?:join|merge|pledge|become)|would\s+(?:join|merge|"
    r"become)|wants?\s+to|aim(?:s|ed|ing)?\s+to|negotiat\w+\s+to)\b",
    re.I,
)
SPECULATED = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|probably|likely|suspected|suspect|believed\s+to|"
    r"thought\s+to|alleged(?:ly)?|purported(?:ly)?|apparently|rumou?r\w*|unconfirmed|"
    r"speculat\w+|presumably|seem(?:s|ed)?\s+to|appear(?:s|ed)?\s+to|"
    # an accusation is not a finding: "X was accused of cooperating with Y"
    r"accus(?:ed|es|ing|ations?)\s+(?:[\w’'-]+\s+){0,4}?of|allegations?)\b",
    re.I,
)
# Hearsay with no speaker named: the outlet passes the claim on without vouching for it.
REPORTEDLY = re.compile(r"\b(?:reportedly|(?:is|are|was|were)\s+(?:reported|said)\s+to|according\s+to\s+"
                        r"(?:media\s+|press\s+|local\s+|news\s+)?reports)\b", re.I)
NEGATION = re.compile(
    r"\b(?:not|never|no|n[o']t|denied|denies|deny|denying|rejected|rejects|dismissed|refuted|"
    r"neither|nor|without)\b|n't\b",
    re.I,
)


@dataclass(frozen=True)
class Attribution:
    text: str
    kind: str          # named_official | anonymous_official | group_spokesperson | militant_source | other_media | unknown
    entity_key: str | None = None

    def to_json(self, ids: dict[str, str]) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "entity": ids.get(self.entity_key) if self.entity_key else None,
        }


def attribute_sentences(ctx: Context) -> dict[int, Attribution | None]:
    """Attribution of each sentence (keyed by its start char). None: the outlet asserts it."""
    out: dict[int, Attribution | None] = {}
    prev: Attribution | None = None
    prev_quoted = False
    for sent in ctx.sentences():
        att = _sentence_attribution(ctx, sent)
        quoted = _is_quote(sent)
        if att is not None and att.text.lower() in _PRONOUN and prev is not None:
            att = prev
        elif att is None and quoted and prev_quoted and prev is not None:
            att = prev  # a quotation running over several sentences keeps its speaker
        out[sent.start_char] = att
        prev = att if att is not None else (prev if quoted else None)
        prev_quoted = quoted
    return out


def _is_quote(sent: Span) -> bool:
    t = span_text(sent).strip()
    return bool(t) and (t[0] in "\"“‘'" or t.count('"') + t.count("“") + t.count("”") >= 2)


SAY_WORDS = _SAY = r"(?:said|says|told|tells|added|adds|reported|stated|confirmed|claimed|explained|noted|insisted|warned|remarked|announced)"
# ", a security official who requested anonymity told Reuters." / ', said the official.'
_TRAILING = re.compile(
    rf"[,”\"]\s*[”\"]?\s*(?P<who>(?:[\w’'.-]+\s+){{0,14}}?[\w’'.-]+)\s+{_SAY}\b[^\"“”,]{{0,80}}(?:,[^\"“”]{{0,80}})?[.!]?\s*[”\"]?\s*$"
)
_INVERTED = re.compile(rf"[,”\"]\s*[”\"]?\s*(?P<verb>{_SAY})\s+(?P<who>[^,.;]+)")


_TITLE_AFTER = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:spokes(?:man|woman|person)|leader|commander|chief|"
    r"official|member|emir|founder|deputy)\s+(?:for|of|with|in)\s+[^,.;“”\"]{1,80}?(?=\s*[,.;]?\s*$|\s*,)")


def _sentence_attribution(ctx: Context, sent: Span) -> Attribution | None:
    m = _ACCORDING.search(span_text(sent)) or _inverted(sent) or _TRAILING.search(span_text(sent))
    if m:
        who = m.group("who").strip()
        if who.lower() not in ("it", "which", "that") and not re.match(r"(?i)(?:and|but|which|who)\b", who):
            start = sent.start_char + m.start("who")
            # ', said Ali Dhere, a spokesman for al-Shabaab.': the title belongs to the speaker
            title = _TITLE_AFTER.match(span_text(sent), m.start("who") + len(who))
            if title:
                who = span_text(sent)[m.start("who") : title.end()]
            return _classify(ctx, who, start, start + len(who), sent)
    words = doc_words(sent.doc)
    for i in range(sent.start, sent.end):
        if words.pos[i] not in ("VERB", "AUX") or words.lemma[i] not in SPEECH_LEMMAS:
            continue
        tok = sent.doc[i]
        # "X said" (subject) or "said X" (inverted, after a quotation)
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            continue
        if tok.lemma_.lower() in ("report", "claim", "announce", "admit", "deny", "accuse") and not _reports_clause(tok):
            continue
        head = subj[0]
        # a speech verb inside a relative clause ("a move that Mahsud said signaled ...") speaks
        # for that clause only, not for the sentence
        if tok.dep_ not in ("ROOT", "parataxis") and not (tok.dep_ == "conj" and tok.head.dep_ == "ROOT"):
            continue
        if head.lower_ in ("i", "you"):
            continue
        span = _speaker_span(head)
        return _classify(ctx, span.text, span.start_char, span.end_char, sent)
    return None


def _inverted(sent: Span) -> re.Match | None:
    """', said the official.': the speaker after the verb. Not when the verb has its subject
    before it ("X, a spokesman for G, said the group ...", "G, a designated group, claimed
    responsibility ..."): what follows is what was said, not who said it."""
    for m in _INVERTED.finditer(span_text(sent)):
        verb = sent.doc.char_span(sent.start_char + m.start("verb"), sent.start_char + m.end("verb"))
        if verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb[0].i
                                    for c in verb[0].children):
            continue
        return m
    return None


def _reports_clause(verb: Token) -> bool:
    """The speech verb introduces a clause or a quotation (not "the group claimed an attack")."""
    if any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return True
    return verb.dep_ in ("parataxis",) or any(t.text in "\"“”" for t in verb.sent)


def _speaker_span(head: Token) -> Span:
    """The speaker noun phrase with its appositions and relative clauses ("a security official
    based in Quetta"), but not the rest of the sentence."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("appos", "prep", "acl", "amod", "compound", "punct") and child.i == right + 1 or (
            child.dep_ in ("appos", "prep", "acl") and child.i > right
        ):
            right = max(right, child.right_edge.i)
    span = head.doc[left : right + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    while len(span) > 1 and span[0].is_punct:
        span = span[1:]
    return span


def _classify(ctx: Context, who: str, start: int, end: int, sent: Span) -> Attribution:
    speaker_key = None
    # A group or a person inside the speaker phrase
    group = ctx.group_at(start, end)
    persons = [
        e for e in ctx.entities.values()
        if e.type == PERSON and any(s < end and start < t for s, t in e.mentions)
    ]
    if persons:
        speaker_key = persons[0].key
    sent_text = span_text(sent)
    if _SPOKES.search(who):
        official_spokes = re.search(r"\bspokes\w+\s+(?:for|of)\s+the\s+(?:army|military|police|government|"
                                    r"ministry|interior|defen[cs]e|state|department|task\s+force)", who, re.I)
        if official_spokes or re.search(r"\b(?:military|army|police|government|ministry)\s+spokes", who, re.I):
            kind = "named_official" if persons else "anonymous_official"
        else:
            kind = "group_spokesperson"
    elif group is not None and ctx.entities[group.key].type == ARMED_GROUP and not _OFFICIAL.search(who):
        kind = "group_spokesperson"
        speaker_key = speaker_key or group.key
    elif _MILITANT.search(who):
        kind = "militant_source"
    elif _MEDIA.search(who) and not _OFFICIAL.search(who):
        kind = "other_media"
    elif _OFFICIAL.search(who) or _OFFICIAL.search(sent_text[max(0, start - sent.start_char - 40) : end - sent.start_char]):
        if persons:
            kind = "named_official"
        elif _ANONYMOUS.search(sent_text) or re.match(r"(?i)(?:a|an|one|another|two|three|several|some|the)\b", who):
            kind = "anonymous_official"
        else:
            kind = "anonymous_official" if not re.search(r"[A-Z]", who[1:]) else "named_official"
    else:
        kind = "unknown"
    return Attribution(text=who, kind=kind, entity_key=speaker_key)


def modality_of(sent_text: str, attribution: Attribution | None) -> str:
    if PLANNED.search(sent_text):
        return "planned"
    if SPECULATED.search(sent_text):
        return "speculated"
    if attribution is not None or REPORTEDLY.search(sent_text):
        return "reported"
    return "asserted"


def is_negated(clause_text: str) -> bool:
    return bool(NEGATION.search(clause_text))
