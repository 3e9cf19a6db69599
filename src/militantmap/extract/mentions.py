"""One mention layer for groups: every reference to a group in the body, linked to its entity.

Kinds of reference (GroupRef.kind):
- "name": a name, alias or acronym the entity stage found (ctx.group_mentions);
- "description": "the group", "the splinter group", ... (resolved by extract.coref);
- "pronoun": "it", "its", "itself", "they", "their", "them" referring to a group;
- "plural": "the two groups", "both groups", "the groups" = the last two groups, when exactly
  two are in view.

Salience rule for pronouns (documented in docs/extraction.md, tested in tests/test_mentions.py):
1. the group that is the subject of the pronoun's own sentence, when it comes before the pronoun
   ("Al-Shabaab said its fighters ...");
2. else the group that is the subject of the previous sentence ("The Abu Sayyaf Group was
   founded in 1991. Two years later it swore loyalty to al-Qaeda.");
3. else, for "it"/"its" only, the most recent group named in this or the previous sentence,
   unless a non-group noun is the previous sentence's subject (then "it" is that noun).
"it" must head a clause whose verb can take a group (the cue verbs of the tie patterns and a
few verbs of what groups do), and is never the empty "it" of "it is likely that", "it was
reported that". "they"/"their" follow rules 1-2 only (they are more often people); a
subject made of two groups ("X and Y worked together; they ...") makes "they" a plural
reference to both. A person subject in between ("He ...", a named person) blocks rule 2.

Names inside compounds and modifiers ("BLA fighters", "Boko Haram leader Abubakar Shekau",
"militants from Ansar al-Sharia") are read by `GroupResolver.groups_of`: a member noun or a
titled person stands for the group named in its compound, possessive or "of/from" phrase.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from militantmap.extract.context import PERSON, Context, GroupRef, doc_words, span_text
from militantmap.extract.people import find_person_mentions

# Verbs whose subject can be a group: what the tie patterns read plus what groups do. "it"
# resolves only as the subject or object of one of these (or as "its").
GROUP_VERBS = {
    "pledge", "swear", "join", "merge", "split", "break", "splinter", "defect", "ally", "align",
    "cooperate", "collaborate", "coordinate", "fight", "clash", "battle", "attack", "target",
    "oust", "expel", "drive", "fund", "finance", "arm", "train", "shelter", "supply", "back",
    "support", "sponsor", "claim", "announce", "declare", "operate", "form", "found", "emerge",
    "carry", "launch", "control", "seize", "recruit", "vow", "threaten", "deny", "link", "tie",
    "affiliate", "associate", "connect", "become", "remain", "receive", "maintain", "have",
    "absorb", "rename", "rebrand", "work", "team", "partner", "compete", "feud", "oppose",
    "kill", "abduct", "kidnap", "release", "accuse", "blame", "reject", "renounce", "sever",
    "cut", "leave", "abandon", "switch", "rejoin", "answer", "provide", "help", "assist",
    "establish", "create", "set", "send", "deploy", "behead", "execute", "assassinate",
}
# "it is likely that", "it seems", "it was reported that": no referent.
_PLEONASTIC_HEADS = {"be", "seem", "appear", "remain", "become", "take", "matter", "happen"}
_SINGULAR = {"it", "its", "itself"}
_PLURAL = {"they", "their", "them", "themselves"}
_PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}

# Nouns that stand for the group they belong to: "BLA fighters", "members of LeT",
# "Boko Haram leader Abubakar Shekau" (a titled person acting for the group).
MEMBER_NOUNS = {
    "fighter", "militant", "member", "cadre", "element", "unit", "force", "gunman", "man",
    "insurgent", "rebel", "jihadist", "loyalist", "remnant", "operative", "combatant",
    "leader", "leadership", "commander", "chief", "emir", "founder", "head", "militia",
    "group", "outfit", "organisation", "organization", "movement", "network", "rank",
    "troop", "recruit", "brother", "brethren", "mujahid", "mujahideen",
}
# Nouns that name another group when they take an "of" complement ("a faction of X" is not X).
_PART_NOUNS = {"faction", "wing", "branch", "splinter", "offshoot", "affiliate", "province",
               "chapter", "franchise", "cell", "unit", "front", "proxy", "brigade", "battalion"}
_TITLES = {"leader", "commander", "chief", "emir", "founder", "head", "spokesman",
           "spokesperson", "spokeswoman", "militant", "fighter", "member", "operative"}

_PLURAL_REF = re.compile(
    r"\b(?:[Tt]he\s+two|[Bb]oth(?:\s+the)?|[Tt]hese\s+two|[Tt]he)\s+(?:[\w-]+\s+)?"
    r"(?:groups|organi[sz]ations|outfits|movements|militias|factions|organizations)\b")
_RELATIVE = {"that", "which", "who", "whom"}
# nouns of people who may be described as a group's members ("the suspects, members of X")
_PEOPLE_NOUNS = {"suspect", "attacker", "assailant", "bomber", "gunman", "man", "men", "detainee",
                 "prisoner", "militant", "fighter", "kidnapper", "abductor", "hijacker", "perpetrator"}
_CALIPHATE = {"caliphate", "caliph", "khilafah", "khilafa", "khalifa"}
_CALIPHATE_GROUP = "islamic-state"
_QUANTIFIERS = {"all", "both", "each", "most", "many", "several", "some", "three", "two", "four"}
# nouns of a whole made of groups ("an alliance of groups that ...")
_COLLECTIVES = {"alliance", "coalition", "umbrella", "grouping", "federation", "confederation",
                "union", "network", "bloc", "conglomerate", "amalgam", "front", "group",
                "organisation", "organization", "movement", "outfit"}
_SOME = {"some", "several", "other", "few", "dissident", "rogue", "disgruntled", "former",
         "ex", "breakaway", "defecting", "renegade", "individual"}
_NAMED_PARTS = {"wing", "arm", "faction"}
# "the JNIM coalition", "the Hamas movement": a noun of a whole with the group's name before it
# is the group itself (a coalition that includes others, a movement that joined one)
_NAMED_WHOLES = {"coalition", "alliance", "umbrella", "grouping", "bloc", "federation",
                 "confederation", "group", "organisation", "organization", "movement", "outfit",
                 "network"}
_BELONGING = {"belong", "loyal", "affiliate", "link", "attach"}
# participles that make a name a modifier of the name after them ("the X affiliated Y")
_NAME_MODIFIERS = {"affiliate", "affiliated", "link", "linked", "back", "backed", "ally", "allied",
                   "align", "aligned", "inspire", "inspired", "sponsor", "sponsored", "support",
                   "supported", "lead", "led", "base", "based"}


def resolve_group_refs(ctx: Context, descriptions: list) -> list[GroupRef]:
    """All references to groups in the document, sorted; also stored in ctx.group_refs."""
    refs = [GroupRef(m.start, m.end, (m.key,), "name") for m in ctx.group_mentions]
    refs += [GroupRef(d.start, d.end, (d.key,), "description") for d in descriptions]
    refs.sort(key=lambda r: (r.start, r.end))
    by_token = _token_map(ctx, refs)
    extra: list[GroupRef] = []
    sents = ctx.sentences()
    words = doc_words(ctx.doc)
    prev: Span | None = None
    for sent in sents:
        for i in range(sent.start, sent.end):
            if words.pos[i] != "PRON" or i in by_token:
                continue
            tok = sent.doc[i]
            low = tok.lower_
            if low not in _SINGULAR and low not in _PLURAL:
                continue
            keys = _pronoun_antecedent(ctx, tok, sent, prev, by_token)
            if keys:
                extra.append(GroupRef(tok.idx, tok.idx + len(tok.text), keys, "pronoun"))
        for m in _PLURAL_REF.finditer(span_text(sent)):
            start = sent.start_char + m.start()
            keys = _last_two(ctx, sent, prev, start, by_token)
            if keys:
                extra.append(GroupRef(start, sent.start_char + m.end(), keys, "plural"))
        prev = sent
    refs += extra
    refs.sort(key=lambda r: (r.start, r.end))
    ctx.group_refs = refs
    return refs


def _token_map(ctx: Context, refs: list[GroupRef]) -> dict[int, GroupRef]:
    out: dict[int, GroupRef] = {}
    for r in refs:
        span = ctx.doc.char_span(r.start, r.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            out.setdefault(t.i, r)
    return out


def _subject_groups(sent: Span, by_token: dict[int, GroupRef], before: int | None = None,
                    main_only: bool = False) -> tuple[tuple[str, ...], bool]:
    """Groups that are the subject of a clause in `sent` (all of a coordinated subject), the
    first such subject before token index `before`; and whether the sentence's main subject is
    something else (a person or another noun), which blocks reaching back past it."""
    other = False
    for tok in sent:
        if before is not None and tok.i >= before:
            break
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        is_main = tok.head.dep_ == "ROOT" or tok.head == sent.root
        if main_only and not is_main:
            continue
        keys: list[str] = []
        for t in [tok, *tok.conjuncts]:
            r = by_token.get(t.i) or _member_ref(t, by_token)
            if r is not None:
                keys.extend(k for k in r.keys if k not in keys)
        if keys:
            return tuple(keys), False
        if is_main and (tok.pos_ in ("NOUN", "PROPN") or tok.lower_ in _PERSON_PRONOUNS):
            other = True
    return (), other


def _member_ref(tok: Token, by_token: dict[int, GroupRef], part: bool = False) -> GroupRef | None:
    """"BLA fighters", "Boko Haram leader X": the group in a compound of a member noun/title.
    Not "12 TTP commanders", "some IS members", "dissident ETA members": a counted or singled
    out part of a group acts for itself, not for the group (unless `part`, see groups_of)."""
    if tok.lemma_.lower() not in MEMBER_NOUNS and tok.ent_type_ != "PERSON":
        return None
    if _counted(tok) and not part:
        return None
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "nmod", "amod"):
            if c.i in by_token:
                return by_token[c.i]
            if c.lemma_.lower() in _TITLES:
                for cc in c.children:
                    if cc.dep_ in ("compound", "poss", "nmod") and cc.i in by_token:
                        return by_token[cc.i]
    return None


def _complements(tok: Token) -> list[Token]:
    """The children of a noun, with the complement a coordination lent to the wrong conjunct:
    in "the Houthi rebels and militants from X" the parser hangs "from X" on "rebels"; a
    phrase hung on the first conjunct after a later conjunct is the later one's when that one
    is a member noun ("militants from X"), and is then not the first conjunct's."""
    out = list(tok.children)
    conjs = [c for c in tok.children if c.dep_ == "conj" and c.lemma_.lower() in MEMBER_NOUNS]
    if conjs:
        first = min(c.i for c in conjs)
        out = [c for c in out if not (c.dep_ in ("prep", "acl", "amod") and c.i > first)]
    if tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
        later = [c for c in tok.head.children if c.dep_ == "conj" and tok.i < c.i]
        bound = min([c.i for c in later], default=len(tok.doc))
        holders = [tok.head]
        if tok.head.dep_ == "pobj" and tok.head.head.head.pos_ in ("NOUN", "PROPN"):
            # "members of X and fighters from Y": "fighters" under X, "from Y" under "members"
            holders.append(tok.head.head.head)
        out += [c for h in holders for c in h.children
                if c.dep_ in ("prep", "acl", "amod") and tok.i < c.i < bound]
    return out


def _counted(tok: Token) -> bool:
    return any(c.dep_ == "nummod" or c.lower_ in _SOME for c in tok.children)


def _pronoun_antecedent(ctx: Context, tok: Token, sent: Span, prev: Span | None,
                        by_token: dict[int, GroupRef]) -> tuple[str, ...]:
    low = tok.lower_
    singular = low in _SINGULAR
    if low in ("it", "itself", "they", "them", "themselves"):
        head = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass"):
            if head.lemma_.lower() in _PLEONASTIC_HEADS and low == "it":
                # "it is likely that ...", but "it is an offshoot of X" has a noun predicate
                if not any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN") for c in head.children):
                    return ()
            if tok.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in head.children):
                return ()  # "it was reported that ..."
        elif tok.dep_ == "pobj":
            head = head.head
            if head.pos_ == "NOUN" and head.dep_ == "dobj":
                head = head.head  # "pledged allegiance to it"
        elif tok.dep_ != "dobj":
            return ()
        if (singular and head.lemma_.lower() not in GROUP_VERBS
                and head.lemma_.lower() not in _PLEONASTIC_HEADS):
            return ()
    # a pronoun inside an apposition never refers to the noun the apposition describes:
    # in "X, its parent group, ..." "its" is not X
    excluded = _described_by_apposition(tok, by_token)
    if low in ("itself", "themselves"):
        # a reflexive object is its clause's subject, or nothing when that is no group ("X
        # claims itself as ...", where X is a name the article does not know as a group)
        subjects = clause_subjects(tok)
        if subjects:
            found: list[str] = []
            for t in subjects:
                r = by_token.get(t.i) or _member_ref(t, by_token)
                if r is not None:
                    found += [k for k in r.keys if k not in found]
            return tuple(found)
    if low in ("its", "their") and tok.dep_ == "poss" and tok.head.dep_ in ("attr", "acomp"):
        # "X is its ally", "X became their rival": the predicate's possessor is not the
        # subject it describes (that would be "its own")
        if not any(c.lower_ == "own" for c in tok.head.children):
            for t in (c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass")):
                r = by_token.get(t.i) or _member_ref(t, by_token)
                if r is not None:
                    excluded |= set(r.keys)
    if low in ("it", "them"):
        # an object pronoun is not its own clause's subject ("X pledged allegiance to it": "it"
        # is another group; the subject itself would be "itself")
        for t in clause_subjects(tok):
            r = by_token.get(t.i) or _member_ref(t, by_token)
            if r is not None:
                excluded |= set(r.keys)
    # rule 1: the subject group of this sentence, before the pronoun
    keys, _ = _subject_groups(sent, by_token, before=tok.i)
    if keys and set(keys) & excluded:
        # "A and B, its ally": the apposition describes B, and "its" is A
        keys = tuple(k for k in keys if k not in excluded)
    if keys and (singular and len(keys) == 1 or not singular):
        return keys
    # rule 2: the subject group of the previous sentence (a person or other noun as its
    # subject blocks it)
    near = prev is not None and _near(prev, sent)
    if near:
        assert prev is not None
        keys, other = _subject_groups(prev, by_token, main_only=True)
        keys = tuple(k for k in keys if k not in excluded)
        if keys:
            if singular and len(keys) > 1:
                return ()
            return keys
        if other:
            return ()
    if not singular:
        return ()
    if not near:
        # the sentence opens the text or a paragraph: only a group the parser left as the head
        # of the sentence, without its verb, is its subject ("The IUMK fragmented in 2001 when
        # a large number of its members split off ...", "fragmented" read as a participle)
        root = sent.root
        ref = by_token.get(root.i)
        if ref is not None and root.i < tok.i and len(ref.keys) == 1 and not set(ref.keys) & excluded:
            return ref.keys
        return ()
    assert prev is not None  # near
    # rule 3 ("it"/"its" only): the most recent group, this sentence first, then the previous
    for span in (sent, prev):
        last: GroupRef | None = None
        for t in span:
            if span is sent and t.i >= tok.i:
                break
            if t.i in by_token and len(by_token[t.i].keys) == 1 and not set(by_token[t.i].keys) & excluded:
                last = by_token[t.i]
        if last is not None:
            return last.keys
    return ()


def described_by_relative(noun: Token) -> Token | None:
    """The name a description with a relative clause stands for: "X, a faction that left Y",
    "X, an alliance of groups that swore allegiance to Y" (in apposition to X), "X is among
    several groups that ...", "X is one of the groups that ..." (X the copula's subject);
    None otherwise."""
    if noun.lemma_.lower() not in MEMBER_NOUNS | _PART_NOUNS | _COLLECTIVES or noun.pos_ != "NOUN":
        return None
    whole = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _COLLECTIVES:
        whole = noun.head.head  # "an alliance of groups that ..."
    elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        whole = noun.head.head  # "one of the groups that ..."
    elif noun.dep_ == "pobj" and noun.head.lower_ == "among" and noun.head.head.lemma_ == "be":
        subj = [c for c in noun.head.head.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None  # "X is among several groups that ..."
    if whole.dep_ == "appos":
        return whole.head
    if whole.dep_ == "attr" and whole.head.lemma_ == "be":
        subj = [c for c in whole.head.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None  # "X is one of the groups that ...", "X is a group that"
    return None


def clause_subjects(tok: Token) -> list[Token]:
    """The subject tokens of the clause in which `tok` is an object ("X pledged allegiance to
    *it*", "X pledged allegiance to *the group*", "X, which pledged allegiance to *it*"): the
    subject of the nearest verb above an object or a prepositional object, through the
    nouns and prepositions between ("allegiance to"). A relative pronoun subject stands for
    the noun its clause describes. Empty when `tok` is no object."""
    if tok.dep_ not in ("dobj", "pobj", "dative"):
        return []
    verb = tok.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        if verb.dep_ not in ("prep", "pobj", "dobj", "attr", "acomp", "amod"):
            return []
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                c = described_by_relative(verb.head) or verb.head
            # the subject and what its own phrase lists ("groups such as X and Y"), not what
            # a clause inside it says
            out += [t for x in [c, *c.conjuncts] for t in _phrase_tokens(x)]
    return out


def _phrase_tokens(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("relcl", "acl", "advcl", "punct", "cc") and c.i > tok.i:
            out += _phrase_tokens(c)
    return out


def described_conjunct(t: Token) -> Token:
    """The noun an apposition describes. The parser hangs an apposition after a coordination on
    its first item ("A and B, its smaller ally, ..."); a singular apposition after "A and B"
    describes the last item, B (a plural one, "A and B, two allies of Z", describes both)."""
    head = t.head
    if t.dep_ != "appos" or t.tag_ not in ("NN", "NNP"):
        return head
    between = sorted((c for c in head.conjuncts if head.i < c.i < t.i), key=lambda c: c.i)
    return between[-1] if between else head


def _described_by_apposition(tok: Token, by_token: dict[int, GroupRef]) -> set[str]:
    for anc in tok.ancestors:
        if anc.dep_ == "appos":
            ref = by_token.get(described_conjunct(anc).i)
            return set(ref.keys) if ref is not None else set()
        if anc.dep_ in ("relcl", "ccomp", "advcl", "ROOT"):
            break
    return set()


def _near(prev: Span, sent: Span) -> bool:
    """The previous sentence is in the same paragraph (no blank line in between)."""
    # the text between them, from the tokens (doc.text would rebuild the whole document)
    gap = prev[-1].whitespace_ + "".join(t.text_with_ws for t in sent.doc[prev.end:sent.start])
    return gap.count("\n") < 2


def _last_two(ctx: Context, sent: Span, prev: Span | None, start: int,
              by_token: dict[int, GroupRef]) -> tuple[str, ...]:
    """"the two groups": the two distinct groups named last, when exactly two are in view
    (this sentence before the phrase, else the previous sentence)."""
    for span in (sent, prev):
        if span is None:
            continue
        keys: list[str] = []
        for t in span:
            if t.idx >= start:
                break
            r = by_token.get(t.i)
            if r is not None and r.kind != "plural":
                keys.extend(k for k in r.keys if k not in keys)
        if len(keys) == 2:
            return tuple(keys)
        if len(keys) > 2:
            return ()
    return ()


class GroupResolver:
    """Maps a token of the parse to the groups it refers to, built once per document."""

    def __init__(self, ctx: Context, leaders: dict[str, str] | None = None) -> None:
        """`leaders` maps a person's entity key to the one group the article says he leads:
        a leader's act stands for his group ("Baluku pledged allegiance to IS" after "ADF
        leader Musa Baluku"; "swore loyalty to Baghdadi" after "IS chief Abu Bakr al-Baghdadi")."""
        self.ctx = ctx
        self.by_token = _token_map(ctx, ctx.group_refs)
        self.persons: set[int] = set()
        self.leads: dict[int, str] = {}
        for e in ctx.entities.values():
            if e.type == PERSON:
                for s, t in e.mentions:
                    span = ctx.doc.char_span(s, t, alignment_mode="expand")
                    self.persons.update(tok.i for tok in (span if span is not None else []))
        if leaders:
            # every reference to a leader: his name, surname alone, "he", "the cleric"
            for pm in find_person_mentions(ctx):
                if pm.key in leaders:
                    span = ctx.doc.char_span(pm.start, pm.end, alignment_mode="expand")
                    for tok in (span if span is not None else []):
                        self.leads[tok.i] = leaders[pm.key]

    def _modified_name(self, p: Token) -> tuple[str, ...]:
        """The group a name stands for, or, when the name only modifies the next one through a
        participle the parser read as a verb ("militants from the Al-Qaeda affiliated Ansar
        al-Sharia", "the Iran backed Houthis"), the group named after the participle."""
        ref = self.by_token[p.i]
        doc, j = p.doc, p.i + 1
        while j < len(doc) and self.by_token.get(j) is ref:
            j += 1
        if j < len(doc) and doc[j].text == "-":
            j += 1
        if (j + 1 < len(doc) and doc[j].lemma_.lower() in _NAME_MODIFIERS
                and doc[j].tag_ in ("VBN", "VBD", "JJ")):
            nxt = self.by_token.get(j + 1)
            if nxt is not None and nxt.kind == "name" and nxt.keys != ref.keys:
                return nxt.keys
        return ref.keys

    def _relative_antecedent(self, noun: Token, depth: int, part: bool) -> tuple[str, ...]:
        """The groups a relative clause describes: its noun's, or the named group that noun
        describes (`described_by_relative`)."""
        keys = self.groups_of(noun, depth + 1, part)
        if keys:
            return keys
        holder = described_by_relative(noun)
        if holder is not None:
            ref = self.by_token.get(holder.i)
            if ref is not None and ref.kind == "name":
                return ref.keys
        return ()

    def ref(self, tok: Token) -> GroupRef | None:
        return self.by_token.get(tok.i)

    def groups_of(self, tok: Token, depth: int = 0, part: bool = False) -> tuple[str, ...]:
        """Groups a token stands for: its own reference; through a relative pronoun, the noun
        the clause describes ("a group that split from Y"); through an apposition ("X, a group
        that ..."); a member noun or titled person for the group in its compound, possessive or
        "of/from" phrase ("BLA fighters", "members of LeT", "Boko Haram leader Shekau").
        `part`: a counted or singled-out part of a group ("three TTP commanders", "several
        members of X") stands for the group too; the tie patterns ask it for hostile ties,
        where whoever is attacked or fights in a group's name is the group's side."""
        if depth > 3:
            return ()
        r = self.by_token.get(tok.i)
        if r is not None:
            if r.kind == "description":
                # "the group Al Moulathamoun", "the militant group, X,": a description with a
                # name set beside it is that name, not the group the description resolved to
                for c in tok.children:
                    n = self.by_token.get(c.i)
                    if c.dep_ == "appos" and n is not None and n.kind == "name":
                        return n.keys
            return r.keys
        low = tok.lower_
        doc = tok.doc
        if 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")":
            # a bracketed reference ("X (MUJAO) (QDe.134)") the parser made the head of the name
            # before it stands for that name
            j = tok.i - 2
            while j >= 0 and j > tok.i - 5 and doc[j].is_punct:
                j -= 1
            if j >= 0 and j > tok.i - 5 and j in self.by_token:
                return self.by_token[j].keys
        if low in _RELATIVE and tok.head.dep_ == "relcl":
            return self._relative_antecedent(tok.head.head, depth, part)
        if (low in _QUANTIFIERS and tok.head.dep_ == "relcl"
                and any(c.dep_ == "prep" and c.lower_ == "of" and any(
                    p.dep_ == "pobj" and p.lower_ in ("which", "whom") for p in c.children)
                        for c in tok.children)):
            # "X, Y and Z, all of which are part of W": every item of the list
            items: list[str] = []
            noun = tok.head.head
            for h in [noun, *noun.conjuncts]:
                items += [k for k in self._relative_antecedent(h, depth, part) if k not in items]
            return tuple(items)
        lemma = tok.lemma_.lower()
        # a member noun the tagger read as a verb in a noun's position ("killed six X Province
        # militants", after a long name) is still a noun
        nounlike = tok.pos_ in ("NOUN", "PROPN") or (
            lemma in MEMBER_NOUNS and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "conj")
            and any(c.dep_ in ("compound", "poss", "det", "nummod") for c in tok.children))
        if nounlike:
            if lemma in MEMBER_NOUNS or tok.i in self.persons or tok.ent_type_ == "PERSON":
                m = _member_ref(tok, self.by_token, part)
                if m is not None:
                    return m.keys
                if lemma in MEMBER_NOUNS and lemma not in _PART_NOUNS and (part or not _counted(tok)):
                    for c in _complements(tok):
                        if c.dep_ == "prep" and (c.lower_ in ("of", "from") or (
                                c.lower_ in ("in", "within") and tok.dep_ == "appos")):
                            for p in c.children:
                                if p.dep_ == "pobj" and p.i in self.by_token:
                                    return self._modified_name(p)
            if tok.dep_ == "appos" and lemma in MEMBER_NOUNS and lemma not in _PART_NOUNS:
                # "X and Y, two groups that ...": the appositive stands for all of them
                keys: list[str] = []
                for h in [tok.head, *tok.head.conjuncts]:
                    keys += [k for k in self.groups_of(h, depth + 1, part) if k not in keys]
                return tuple(keys)
            for c in tok.children:
                # "the ultraviolent, Jalisco Cartel": a noun with a group set beside it
                if c.dep_ == "appos" and c.i in self.by_token and tok.i not in self.persons:
                    return self.by_token[c.i].keys
                # "the suspects, members of X,": a noun described as the group's members
                if (c.dep_ == "appos" and c.lemma_.lower() in MEMBER_NOUNS and c.lemma_.lower() not in
                        _PART_NOUNS and tok.i not in self.persons and tok.lemma_.lower() in _PEOPLE_NOUNS):
                    members = self.groups_of(c, depth + 1, part)
                    if members:
                        return members
            if lemma in _NAMED_PARTS or lemma in _NAMED_WHOLES:
                # "the al-Quds Brigade armed wing", "the Los Chapitos faction": the part named
                for c in tok.children:
                    if c.dep_ in ("compound", "nmod") and c.i in self.by_token:
                        return self.by_token[c.i].keys
            if tok.i in self.persons or tok.ent_type_ == "PERSON":
                # "Mullah Mansour, the leader of the Taliban": a leader stands for his group
                for c in tok.children:
                    if c.dep_ == "appos" and c.lemma_.lower() in _TITLES:
                        return self.groups_of(c, depth + 1, part)
            for c in _complements(tok):
                # "militants belonging to X" ("a new group called X" was tried: it named the
                # wrong group as often as the right one)
                if ((c.dep_ == "acl" or c.dep_ == "amod" and c.i > tok.i) and c.lemma_.lower() in _BELONGING and lemma in MEMBER_NOUNS
                        and lemma not in _PART_NOUNS):
                    for x in c.children:
                        if x.dep_ == "prep" and x.lower_ in ("to", "with"):
                            for y in x.children:
                                if y.dep_ == "pobj" and y.i in self.by_token:
                                    # "jihadists loyal to X and Y": loyal to either
                                    keys = list(self.by_token[y.i].keys)
                                    # (or one noun phrase: "the X and Y" with X a modifier of Y)
                                    coord = [c2 for c2 in y.children if c2.dep_ in ("nmod", "compound")
                                             and any(x2.dep_ == "cc" for x2 in c2.children)]
                                    for z in [*y.conjuncts, *coord]:
                                        r2 = self.by_token.get(z.i)
                                        if r2 is not None:
                                            keys += [k for k in r2.keys if k not in keys]
                                    return tuple(keys)
        if tok.i in self.leads:
            return (self.leads[tok.i],)
        if lemma in _CALIPHATE and tok.pos_ == "NOUN":
            # "pledged allegiance to the caliphate / the self-styled caliph": the Islamic State's,
            # when the article names it (a possessor names another's: "the group's caliph")
            for c in tok.children:
                if c.dep_ in ("poss", "compound") and c.i in self.by_token:
                    return self.by_token[c.i].keys
            if any(g.key == _CALIPHATE_GROUP for g in self.ctx.group_mentions):
                return (_CALIPHATE_GROUP,)
        return ()
