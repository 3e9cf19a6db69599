"""The pipeline's faster attribute matching (nlp/pipeline.py, issue 9) annotates exactly as the
model's own attribute_ruler: same tags, POS, morphology, lemmas, parse and entities, token by
token, on sentences of our own that exercise its one-token rules (tags, words, dependencies,
spaces, regexes) and its two-token ones ("gonna", "ain't", "let's")."""
from __future__ import annotations

import pytest
import spacy

from militantmap.nlp.pipeline import MODEL_NAMES, get_nlp

SENTENCES = [
    "Gunmen of the Harbour Dawn Brigade ambushed a convoy near Velmar on Tuesday, but nobody was hurt.",
    "I ain't gonna say who did it, the commander told us; let's wait, he said.",
    "You and I both know they've gotta leave, she wrote in a post on X. Militants then stormed the post.",
    "Its spokesman, Karim Osei-Lund, didn't deny that the group's fighters had been paid $3,000 each.",
    "The ministry's  statement\n\n   was read out:   they'll be tried in 2025 or 2026!",
    "Whom did the rebels seize? Them, or those who'd fled?",
]


def _unpatched():  # type: ignore[no-untyped-def]
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.tokenizer.add_special_case("X.", [{65: "X"}, {65: "."}])  # 65: ORTH, as get_nlp
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    pytest.skip("no English spaCy model installed")


def _annotations(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
            for t in doc]


def test_the_fast_matching_is_in_place():
    ruler = get_nlp().get_pipe("attribute_ruler")
    assert type(ruler.match.__self__).__name__ == "_TokenRules"


def test_the_same_annotations_as_the_model_s_own_attribute_ruler():
    fast, slow = get_nlp(), _unpatched()
    for text in SENTENCES:
        assert _annotations(fast(text)) == _annotations(slow(text)), text
