"""Ties between groups as declarative patterns over the dependency parse.

The patterns live in `data/patterns/ties.jsonl`, one construction a row (see docs/extraction.md,
"Tie patterns"): the cue lemmas, the tie type, the path from the cue to each argument, and
one example sentence. This module only walks the parse: it finds the cue, follows the paths,
maps each argument token to the groups it refers to (extract.mentions.GroupResolver),
expands coordination ("X and Y fought Z" is two ties), and reads negation off the clause.

Path language (steps joined by ">", or written one after another when a step goes up with
"<", as in `<pobj<prep>nsubj`): `dep` goes down to the children with that dependency
label, `<dep` goes up to the head when the current token has that label; `a|b` is either label;
`[w1|w2]` after a step keeps only tokens whose lemma (or lower-cased text) is one of the words.
A `prep` step also looks under a particle or adverb ("broke away from"), and a subject step
(`nsubj`, `nsubjpass`) with no such child takes the subject of the verb it is coordinated with
or governed by ("X split from Y and joined Z", "X began targeting Y", "X, backed by Y").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from militantmap.extract.attribution import is_negated
from militantmap.extract.context import doc_words
from militantmap.extract.mentions import MEMBER_NOUNS, GroupResolver, described_conjunct

TIE_TYPES = {"cooperates_with", "affiliated_with", "allegiance_to", "faction_of", "rivals", "supports"}
_STEP = re.compile(r"^(?P<up><)?(?P<deps>[a-z|]+)(?:\[(?P<words>[^\]]+)\])?$")
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class Step:
    up: bool
    deps: frozenset[str]
    words: frozenset[str] | None


@dataclass(frozen=True)
class TiePattern:
    id: str
    type: str
    cues: frozenset[str]
    pos: frozenset[str] | None
    subject: tuple[tuple[Step, ...], ...]
    object: tuple[tuple[Step, ...], ...]
    requires: tuple[tuple[Step, ...], ...]
    forbids: tuple[tuple[Step, ...], ...]
    reciprocal: bool
    negating: bool
    example: str
    # the tie is stated inside a noun phrase ("its parent group X"): like an apposition, the
    # outlet's own description, which a denial in the main clause does not reach
    noun_phrase: bool = False
    # the object is left unsaid ("Two smaller groups have also pledged their allegiance"): it
    # is the object of the last tie of this type stated before (relations._pattern_relations)
    object_elided: bool = False


# The object of a hit whose row leaves it unsaid (TiePattern.object_elided).
ELIDED = "@elided"


@dataclass(frozen=True)
class PatternHit:
    subject: str
    type: str
    object: str
    negated: bool
    cue: Token
    tokens: tuple[int, int]          # first and last token index of the construction
    pattern: str
    appositive: bool = False         # read off an apposition ("X, an offshoot of Y")
    args: tuple[int, int] = (-1, -1)  # the subject's and the object's token


_STEPS = re.compile(r"<?[a-z|]+(?:\[[^\]]+\])?")
_ONE = r"[a-z|]+(?:\[[^\]]+\])?"
_PATH = re.compile(rf"<?{_ONE}(?:(?:>|<){_ONE})*")


def parse_path(path: str) -> tuple[Step, ...]:
    """"<pobj<prep>nsubj": an up step starts with "<", a down step follows ">" (or starts)."""
    steps = []
    if not _PATH.fullmatch(path.replace(" ", "")):
        raise ValueError(f"bad path {path!r}")
    raws = _STEPS.findall(path)
    for raw in raws:
        m = _STEP.match(raw.strip())
        if not m:
            raise ValueError(f"bad path step {raw!r} in {path!r}")
        words = m.group("words")
        steps.append(Step(bool(m.group("up")), frozenset(m.group("deps").split("|")),
                          frozenset(w.strip().lower() for w in words.split("|")) if words else None))
    return tuple(steps)


def _paths(row: dict, key: str) -> tuple[tuple[Step, ...], ...]:
    value = row.get(key) or []
    if isinstance(value, str):
        value = [value]
    return tuple(parse_path(p) for p in value)


def load_patterns(text: str) -> list[TiePattern]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        row = json.loads(line)
        if row["type"] not in TIE_TYPES:
            raise ValueError(f"ties.jsonl line {n}: unknown type {row['type']!r}")
        if not row.get("example"):
            raise ValueError(f"ties.jsonl line {n}: every row needs an example sentence")
        cues = row["cue"] if isinstance(row["cue"], list) else [row["cue"]]
        out.append(TiePattern(
            id=row["id"], type=row["type"], cues=frozenset(c.lower() for c in cues),
            pos=frozenset(row["pos"]) if row.get("pos") else None,
            subject=_paths(row, "subject"), object=_paths(row, "object"),
            requires=_paths(row, "requires"), forbids=_paths(row, "forbids"),
            reciprocal=bool(row.get("reciprocal")), negating=bool(row.get("negating")),
            example=row["example"], noun_phrase=bool(row.get("noun_phrase")),
            object_elided=bool(row.get("object_elided")),
        ))
        if out[-1].object_elided and out[-1].object:
            raise ValueError(f"ties.jsonl line {n}: a row with an elided object has no object paths")
    return out


@lru_cache(maxsize=1)
def tie_patterns() -> tuple[dict[str, list[TiePattern]], list[TiePattern]]:
    """The tie table, indexed by cue word (built once per process)."""
    text = resources.files("militantmap").joinpath("data", "patterns", "ties.jsonl").read_text("utf-8")
    patterns = load_patterns(text)
    index: dict[str, list[TiePattern]] = {}
    for p in patterns:
        for c in p.cues:
            index.setdefault(c, []).append(p)
    return index, patterns


# -- walking the parse ----------------------------------------------------------------------------
def _word_ok(tok: Token, words: frozenset[str] | None) -> bool:
    return words is None or tok.lemma_.lower() in words or tok.lower_ in words


_SUBJECT_LIKE = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def _orphan_subject(tok: Token) -> list[Token]:
    """The subject of a main verb the parser left without one: a long name after an opening
    phrase is often hung on that phrase ("In clips posted on its channel, the Northern Freedom
    Fighters (NFF) declared ..." makes the name a conjunct of "channel"). The noun right before
    the verb (past its auxiliaries and adverbs and a bracketed acronym) is then the subject, when
    it hangs on an earlier word; only a group name there makes a tie (the resolver decides)."""
    if tok.dep_ != "ROOT" or tok.pos_ != "VERB" or any(c.dep_ in _SUBJECT_LIKE for c in tok.children):
        return []
    finite = tok.tag_ in ("VBD", "VBZ", "VBP") or (
        tok.tag_ == "VBN" and any(c.dep_ == "aux" for c in tok.children))
    if not finite:
        return []
    doc, j = tok.doc, tok.i - 1
    while j >= 0 and doc[j].head.i == tok.i and doc[j].dep_ in ("aux", "advmod", "neg"):
        j -= 1
    if j >= 0 and doc[j].text == ")":
        k = j - 1
        while k >= 0 and k > j - 6 and doc[k].text != "(":
            k -= 1
        j = k - 1 if k >= 0 and doc[k].text == "(" else -1
    if j < 0:
        return []
    cand = doc[j]
    if cand.pos_ not in ("PROPN", "NOUN") or cand.dep_ not in ("conj", "appos", "pobj", "dobj") or cand.head.i > j:
        return []
    return [cand]


def _subjects(tok: Token, deps: frozenset[str], depth: int = 0) -> list[Token]:
    found = [c for c in tok.children if c.dep_ in deps]
    if not found and depth == 0 and "nsubj" in deps:
        found = _orphan_subject(tok)
    if found or depth > 3:
        return found
    if depth and tok.pos_ in ("VERB", "AUX"):
        # a governing verb lends its subject whatever its voice ("X is suspected to have
        # acted in concert with Y")
        found = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if found:
            return found
    if tok.dep_ in ("conj", "xcomp", "acomp"):
        return _subjects(tok.head, deps, depth + 1)
    if tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
        # a purpose clause: "X cooperated with Y to fight Z", "X was founded to counter Y"
        return _subjects(tok.head, deps | _SUBJECT_DEPS, depth + 1)
    if tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "advcl"):
        # "X claimed responsibility for killing Y", "X took the town, driving Y out": the
        # gerund's subject is the subject of the clause it hangs from; but "X accused Y of
        # arming Z" is Y's arming (object control: data/patterns/object_control.json)
        controllers = object_controllers(tok)
        if controllers is not None:
            return controllers
        head = tok.head.head if tok.dep_ == "pcomp" else tok.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ not in ("ROOT",) and head.head is not head:
            head = head.head
        return _subjects(head, deps | _SUBJECT_DEPS, depth + 1)
    if (tok.dep_ == "advcl" and tok.tag_ in ("VBN", "VBG") and tok.i < tok.head.i
            and not any(c.dep_ == "mark" for c in tok.children)):
        # an opening participial phrase describes the subject of the clause after it ("Formed
        # by defectors from Y, X ...", "Backed by Y and armed with Z's help, X ...")
        return _subjects(tok.head, deps | _SUBJECT_DEPS, depth + 1)
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        # "X, backed by Y", "X, fighting alongside Y": the noun the participle describes
        if ("nsubjpass" in deps and tok.tag_ == "VBN") or ("nsubj" in deps and tok.tag_ == "VBG"):
            return [tok.head]
    return []


def object_controllers(tok: Token) -> list[Token] | None:
    """The doers of a gerund under an object-control verb, its direct object ("X accused *Y*
    of arming Z"; also where the parser hung "of arming" on the object itself); None when the
    gerund is not so governed."""
    if tok.tag_ != "VBG" or tok.dep_ != "pcomp":
        return None
    head = tok.head.head
    if head.lemma_.lower() in object_control_verbs():
        return [c for c in head.children if c.dep_ == "dobj"]
    if head.dep_ == "dobj" and head.head.lemma_.lower() in object_control_verbs():
        return [head]
    return None


@lru_cache(maxsize=1)
def object_control_verbs() -> frozenset[str]:
    text = resources.files("militantmap").joinpath("data", "patterns", "object_control.json").read_text("utf-8")
    return frozenset(json.loads(text)["verbs"])


_TO_ACRONYM_DEPS = {"acl", "relcl", "xcomp", "advcl", "ccomp"}


def _acronym(tok: Token) -> bool:
    return tok.text.isupper() and 2 <= len(tok.text) <= 6


def _lent_to_conjunct(t: Token) -> bool:
    """A post-modifier the parser hung on the first conjunct while it describes a later one
    ("the Houthis and jihadists *loyal to* X": "loyal" under "Houthis"): a modifier after a
    conjunct that is a member noun describes that conjunct, which stands for the modifier's
    own group (GroupResolver.groups_of), so going up from it reaches no other argument."""
    head = t.head
    if t.dep_ not in ("amod", "acl", "prep") or t.i < head.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    between = [c for c in head.children if c.dep_ == "conj" and head.i < c.i < t.i]
    return bool(between) and between[-1].lemma_.lower() in MEMBER_NOUNS


def _step(tokens: list[Token], step: Step) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        if step.up:
            if t.dep_ in step.deps and _word_ok(t.head, step.words) and not _lent_to_conjunct(t):
                out.append(described_conjunct(t))
            continue
        if step.deps <= _SUBJECT_DEPS:
            cands = _subjects(t, step.deps)
        else:
            cands = [c for c in t.children if c.dep_ in step.deps]
            if "prep" in step.deps or "agent" in step.deps:
                cands += [g for c in t.children if c.dep_ in ("prt", "advmod")
                          for g in c.children if g.dep_ in step.deps]
            if "prep" in step.deps:
                # a coordinated second phrase: "X fought against A and then against B" (the
                # second "against" a conjunct of the verb or of the first one, or under a
                # conjoined adverb: "split from A and later from B")
                firsts = [c for c in cands if c.dep_ == "prep"]
                cands += [c for c in [*t.children, *(x for f in firsts for x in f.children)]
                          if c.dep_ == "conj" and c.pos_ == "ADP" and c not in cands]
                cands += [g for c in t.children if c.dep_ == "conj" and c.pos_ == "ADV"
                          for g in c.children if g.dep_ == "prep" and g not in cands]
            if ("prep" in step.deps and (step.words is None or "to" in step.words)
                    and not any(c.lower_ == "to" for c in cands)):
                # "allegiance to IS": the acronym read as the verb "is", "to" as its infinitive
                # marker; the "to" then stands for the preposition and the acronym for its object
                cands += [a for c in t.children if c.dep_ in _TO_ACRONYM_DEPS and _acronym(c)
                         for a in c.children if a.dep_ == "aux" and a.lower_ == "to" and a.i == c.i - 1]
            if "pobj" in step.deps and t.dep_ == "aux" and t.lower_ == "to" and _acronym(t.head) \
                    and t.head.i == t.i + 1:
                cands.append(t.head)
            if "prep" in step.deps and step.words and "against" in step.words:
                # "X fought alongside A, B and C against Z": the parser hangs "against Z" on the
                # last item of the list of allies
                cands += [g for c in t.children if c.dep_ == "prep" and c.lower_ in ("alongside", "with")
                          for g in c.subtree if g.dep_ == "prep" and g.lower_ == "against"
                          and g.head.dep_ in ("conj", "appos", "pobj") and g not in cands]
        out += [c for c in cands if _word_ok(c, step.words)]
    return out


def walk(tok: Token, path: tuple[Step, ...]) -> list[Token]:
    tokens = [tok]
    for step in path:
        tokens = _step(tokens, step)
        if not tokens:
            break
    return tokens


_QUANTITY = {"number", "range", "host", "handful", "series", "couple", "variety", "array", "set",
             "dozen", "dozens", "score", "scores", "list", "string", "network", "coalition"}


def _after_bracket(t: Token, resolver: GroupResolver | None = None) -> list[Token]:
    """List items the parser hung on the clause because a bracket closed the item before them:
    in "groups such as X (QDe.011), Y (QDe.089), and Z" the reference "(QDe.011)" breaks the
    list, and Y (with Z under it) becomes a conjunct of the verb. An item counts when it follows
    ")" and a comma or "and"/"or" right after the list so far and is a noun conjunct of one of
    t's ancestors."""
    out: list[Token] = []
    doc = t.doc
    items = [t, *t.conjuncts]
    for _ in range(6):
        end = max(x.right_edge.i for x in items + out)
        if resolver is not None:
            # the rest of the last item's name and its brackets, when the parser hung them
            # elsewhere ("al-Qaeda [in the Islamic Maghreb (AQIM) (QDe.014)]")
            keys = resolver.groups_of(doc[end])
            while end + 1 < len(doc) and (doc[end + 1].text in ("(", ")") or
                                         (keys and resolver.groups_of(doc[end + 1]) == keys)):
                end += 1
        if end + 2 >= len(doc) or doc[end].text != ")":
            break
        start = end + 1  # past ", ", "and ", ", and " or "or "
        while start < min(len(doc), end + 4) and (doc[start].text == "," or doc[start].is_space
                                                  or doc[start].lower_ in ("and", "or")):
            start += 1
        if start == end + 1:
            break
        nxt = [x for x in doc[start : min(len(doc), start + 6)]
               if x.dep_ == "conj" and x.pos_ in ("PROPN", "NOUN") and x.left_edge.i == start
               and x.head in t.ancestors]
        if not nxt:
            break
        out += [x for x in [nxt[0], *nxt[0].conjuncts] if x not in out and x not in items]
    return out


def _including_on_verb(u: Token) -> list[Token]:
    """"X fought the coalition, including Y": the parser often hangs "including Y" on the verb
    rather than on the object it lists from. An "including" phrase of the object's verb that
    follows the object with only punctuation between them lists the object's members."""
    verb = u.head.head if u.dep_ == "pobj" else u.head
    doc = u.doc
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ != "including" or c.i <= u.right_edge.i:
            continue
        if all(t.is_punct for t in doc[u.right_edge.i + 1 : c.i]):
            for p in c.children:
                if p.dep_ == "pobj":
                    out += [p, *p.conjuncts]
    return out


def _conjuncts_inside_name(u: Token, resolver: GroupResolver) -> list[Token]:
    """A long name with a structure of its own ("the Those Who Sign in Blood Brigade and MUJAO
    merged"): the parser coordinates the next list item with the name's last word, not with the
    word that heads the name. A conjunct of a word inside the same name is a list item."""
    ref = resolver.ref(u)
    if ref is None or ref.kind != "name":
        return []
    out: list[Token] = []
    for t in u.subtree:
        if t is u or not ref.start <= t.idx < ref.end:
            continue
        for c in t.children:
            if c.dep_ == "conj" and not ref.start <= c.idx < ref.end:
                out += [c, *c.conjuncts]
    return out


def _expand(tokens: list[Token], depth: int = 0, resolver: GroupResolver | None = None) -> list[Token]:
    """Coordination and lists: "X and Y", "groups such as X and Y", "groups including X",
    "a number of other groups, such as X and Y"."""
    out: list[Token] = []
    for t in tokens:
        if depth < 2 and t.lemma_.lower() in _QUANTITY:
            of = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
            out += [x for x in _expand(of, depth + 1, resolver) if x not in out]
        for u in [t, *t.conjuncts]:
            if u not in out:
                out.append(u)
            if u.lemma_.lower() in MEMBER_NOUNS:
                # "members of X and fighters of Y": the parser coordinates the second member
                # noun with the first one's group; it is a list item of its own
                out += [x for c in u.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                        for p in c.children if p.dep_ == "pobj"
                        for x in p.conjuncts if x.lemma_.lower() in MEMBER_NOUNS and x not in out]
            for c in u.children:
                # "the Islamic State and al Qaeda" parsed as one noun phrase: the name before
                # "and" hangs off the last one as a modifier with the conjunction under it
                if c.dep_ in ("nmod", "compound") and any(x.dep_ == "cc" for x in c.children):
                    out += [x for x in [c, *c.conjuncts] if x not in out]
                # "A, B and C" parsed as A with the apposition "B and C": a name in apposition
                # to a name that is itself coordinated is a list item, not a description
                if (c.dep_ == "appos" and resolver is not None and any(x.dep_ == "conj" for x in c.children)
                        and _is_name(resolver, u) and _is_name(resolver, c)):
                    out += [x for x in [c, *c.conjuncts] if x not in out]
                if c.dep_ == "prep" and (c.lower_ == "including" or
                                         (c.lower_ == "as" and any(x.lower_ == "such" for x in u.children)
                                          or c.lower_ == "as" and c.i > 0 and u.doc[c.i - 1].lower_ == "such")):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            out += [x for x in [p, *p.conjuncts, *_after_bracket(p, resolver)] if x not in out]
            if u.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "appos"):
                out += [x for x in _after_bracket(u, resolver) if x not in out]
            if u.dep_ in ("pobj", "dobj") and depth < 2:
                out += [x for x in _including_on_verb(u) if x not in out]
            if resolver is not None:
                out += [x for x in _conjuncts_inside_name(u, resolver) if x not in out]
    return out


def _is_name(resolver: GroupResolver, tok: Token) -> bool:
    ref = resolver.ref(tok)
    return ref is not None and ref.kind == "name"


def _verb_by_role(tok: Token) -> bool:
    """A word the tagger called a noun but the parser gave a subject is a verb: after a name
    "reports", "answers", "trains" are often tagged NOUN ("Al-Shabaab answers to al-Qaeda")."""
    return tok.pos_ == "NOUN" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _bracketed_name(t: Token, resolver: GroupResolver) -> tuple[str, ...]:
    """A long name the gazetteer does not know in full, defined by the acronym the text puts
    after it: in "the Movement for the Liberation of Azawad (MNLA)" only "MNLA" is a mention,
    and the parser makes "Movement" the head, with "Azawad (MNLA)" under "for ... of"."""
    if t.pos_ != "PROPN" or not t.text[:1].isupper():
        return ()
    doc, cur = t.doc, t
    for _ in range(3):
        preps = [c for c in cur.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "in")]
        pobjs = [c for p in preps for c in p.children if c.dep_ == "pobj"]
        if len(preps) != 1 or len(pobjs) != 1 or pobjs[0].pos_ != "PROPN" or not pobjs[0].text[:1].isupper():
            return ()
        cur = pobjs[0]
        if resolver.ref(cur) is not None:
            return ()  # "the Movement for an Islamic State (MEI)": a name inside a longer name
        for c in cur.children:
            if c.dep_ == "appos" and c.i > 0 and doc[c.i - 1].text == "(" and c.i == cur.i + 2:
                return resolver.groups_of(c)
    return ()


def _named_by_cue(t: Token, cue: Token, resolver: GroupResolver) -> bool:
    """A member noun the cue describes, which stands for a group named in the cue's own phrase
    ("jihadists loyal to X and Y": the jihadists are X's and Y's, not a third argument)."""
    if cue.head != t or cue.dep_ not in ("acl", "amod") or resolver.ref(t) is not None:
        return False
    keys = set(resolver.groups_of(t))
    inside = {k for x in cue.subtree for k in resolver.groups_of(x)}
    return bool(keys) and keys <= inside


def _groups(tokens: list[Token], resolver: GroupResolver, part: bool = False) -> list[tuple[str, Token]]:
    """The groups the argument tokens stand for; `part`: a counted part of a group ("three X
    commanders") stands for the group (hostile ties, see GroupResolver.groups_of)."""
    out: list[tuple[str, Token]] = []
    for t in _expand(tokens, 0, resolver):
        for k in resolver.groups_of(t, part=part) or _bracketed_name(t, resolver):
            if all(k != o for o, _ in out):
                out.append((k, t))
    return out


def _negated(cue: Token) -> bool:
    """Negation on the cue's clause: "did not pledge", "has no ties", "never joined"."""
    words: list[str] = []
    t: Token | None = cue
    for _ in range(3):
        if t is None:
            break
        words += [c.text for c in t.children if c.dep_ in ("neg", "det", "advmod", "preconj")
                  and c.i < cue.i + 1]
        # "no longer dependent on": the "no" hangs on "longer"
        words += [g.text for c in t.children if c.dep_ == "advmod" and c.i < cue.i
                  for g in c.children if g.dep_ in ("neg", "det", "advmod") and g.lower_ in ("no", "not", "never")]
        if t.dep_ in ("ROOT", "relcl", "advcl", "ccomp", "acl", "conj") or t.head is t:
            break
        t = t.head
    return is_negated(" ".join(words))


def _row_applies(p: TiePattern, cue: Token) -> bool:
    """The row's part of speech, required and forbidden paths hold for this cue word."""
    if p.pos and cue.pos_ not in p.pos and not ("VERB" in p.pos and _verb_by_role(cue)):
        return False
    if p.requires and not any(walk(cue, path) for path in p.requires):
        return False
    return not (p.forbids and any(walk(cue, path) for path in p.forbids))


def stated_objects(span: Span, resolver: GroupResolver, type_: str) -> list[str]:
    """The groups the rows of a tie type name as objects in `span`, whoever the subject is
    ("several groups have pledged allegiance to it"), in text order: what a later sentence that
    leaves the object unsaid refers to (TiePattern.object_elided)."""
    index, _ = tie_patterns()
    out: list[str] = []
    for cue in span:
        for p in index.get(cue.lemma_.lower()) or []:
            if p.type != type_ or p.object_elided or p.reciprocal or not _row_applies(p, cue) or _negated(cue):
                continue
            for key, _tok in _groups([t for path in p.object for t in walk(cue, path)], resolver):
                if key not in out:
                    out.append(key)
    return out


def find_pattern_ties(sent: Span, resolver: GroupResolver) -> list[PatternHit]:
    index, _ = tie_patterns()
    hits: list[PatternHit] = []
    words = doc_words(sent.doc)
    for i in range(sent.start, sent.end):
        if words.lemma[i] not in index and words.lower[i] not in index:
            continue  # no row for the word (the lookups below, without making the token)
        cue = sent.doc[i]
        # the lemma's rows and the word's ("Fighting between X and Y": lemma "fight", a VERB,
        # while the rows for the noun list "fighting")
        pats = index.get(cue.lemma_.lower()) or []
        if cue.lower_ != cue.lemma_.lower():
            pats = pats + [p for p in index.get(cue.lower_) or [] if p not in pats]
        if not pats:
            continue
        ref = resolver.ref(cue)
        if ref is not None and ref.kind == "name":
            continue  # "the Nusra Front", "the Northern Alliance": part of a name, no cue
        for p in pats:
            if not _row_applies(p, cue):
                continue
            part = p.type == "rivals"
            subj = _groups([t for path in p.subject for t in walk(cue, path)
                            if not _named_by_cue(t, cue, resolver)], resolver, part)
            if p.object_elided:
                pairs = [(a, (ELIDED, cue)) for a in subj]
            elif p.reciprocal:
                obj = _groups([t for path in p.object for t in walk(cue, path)], resolver, part)
                args = subj + [o for o in obj if all(o[0] != s for s, _ in subj)]
                pairs = [(a, b) for i, a in enumerate(args) for b in args[i + 1:]]
            else:
                obj = _groups([t for path in p.object for t in walk(cue, path)], resolver, part)
                pairs = [(a, b) for a in subj for b in obj]
            if not pairs:
                continue
            negated = p.negating or _negated(cue)
            # read off an apposition: "X, an offshoot of Y", "X, the parent group of Y",
            # "Y's parent organisation, X"
            appositive = p.noun_phrase or any(any("appos" in step.deps for step in path) and walk(cue, path)
                                              for path in (*p.subject, *p.object))
            for (a, ta), (b, tb) in pairs:
                if a == b:
                    continue
                idx = [cue.i, ta.i, tb.i]
                hits.append(PatternHit(a, p.type, b, negated, cue, (min(idx), max(idx)), p.id,
                                       appositive, (ta.i, tb.i)))
    return hits
