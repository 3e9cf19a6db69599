"""Round 9 speed work (issue 9): each faster path gives exactly what the plain one gave.

Sentences and names are our own (invented groups and places)."""
from __future__ import annotations

import hashlib
import re
import sqlite3

import pytest

from militantmap.nlp import relevance as rel

SENTENCES = [
    "Y'all know the Harbour Dawn Brigade ain't gonna stop, a fighter told us in Velmar.",
    "There is nothin' left of the post; there were two blasts and it's gotta be rebuilt.",
    "Let's wait, c'mon, she said, but the Kessel Front's cadres had already left.",
    "Whom did they blame? It was I who saw them, and you who did not.",
    "Its spokesman didn't say whether the Crimson Valley Front had been paid.",
]


# -- the attribute ruler -------------------------------------------------------------------------
def test_the_token_rules_match_as_the_ruler_s_own_matcher():
    from spacy.pipeline import AttributeRuler

    from militantmap.nlp.pipeline import get_nlp

    nlp = get_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    for text in SENTENCES:
        doc = nlp(text, disable=[n for n in nlp.pipe_names if n not in before])
        ours = ruler.match(doc)
        theirs = AttributeRuler.match(ruler, doc)  # the Matcher over every pattern
        assert sorted(set(ours)) == sorted(set(theirs)), text
        if re.search(r"gonna|ain't|Y'all|Let's|There is", text):  # the two-token patterns
            assert any(e - s == 2 for _, _, s, e in ours), text


# -- the prefilter's patterns ----------------------------------------------------------------------
def _flat(words: set[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")",
                      re.IGNORECASE)


@pytest.mark.parametrize("words", [
    {"ban", "bans", "band", "bandit", "ambush", "amb", "a"},
    {"kill", "killed", "killing", "kidnap", "kid", "set ablaze", "set", "counter-terror"},
])
def test_the_prefix_alternation_finds_the_longest_word_as_the_flat_one(words):
    factored = re.compile(rel._alternation(words), re.IGNORECASE)
    flat = _flat(words)
    for text in ("The bandits set ablaze a BAND hall; kidnappers killed a kid in Orlan.",
                 "Counter-terrorism units banned the Ambush Brigade", "a", "", "bans-bandit"):
        assert [m.group(0) for m in factored.finditer(text)] == [m.group(0) for m in flat.finditer(text)]


def test_the_reference_words_grouped_by_letter_match_as_the_flat_list():
    flat = re.compile(r"(?i)\b(?:" + rel._REFERS_WORDS + r")\b")
    text = ("The IEDs and mines were the group's, its leaders said; troops of the army stormed "
            "the Zarin outpost and set up a base. Forces allied to the wing fought on.")
    assert [m.span() for m in rel._REFERS.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert [m.span() for m in rel._REFERS.finditer(text.upper())] == \
        [m.span() for m in flat.finditer(text.upper())]


# -- the store's batched aliases ------------------------------------------------------------------
def _ex(key: str, entities: list[dict]) -> dict:
    return {"schema": "militantmap.extraction/1", "extractor": {"name": "t", "version": "t", "pipeline": "t"},
            "article": {"id": key, "published": "2024-03-01", "text": "x", "removed": []},
            "entities": entities, "relations": [], "roles": [], "events": []}


def test_an_alias_added_in_an_article_resolves_a_later_entity_of_that_article(tmp_path):
    from militantmap.store.db import get_engine
    from militantmap.store.writer import insert_article

    url = f"sqlite:///{tmp_path / 's.db'}"
    group = {"id": "e1", "name": "Tarsk Liberation Movement", "type": "armed_group", "kb_id": None,
             "aliases": ["Tarsk Liberation Movement", "TLM-Tarsk"], "mentions": [[0, 1]]}
    again = {"id": "e2", "name": "TLM-Tarsk", "type": "armed_group", "kb_id": None,
             "aliases": ["TLM-Tarsk", "the Tarsk movement"], "mentions": [[2, 3]]}
    person = {"id": "e3", "name": "Ilan Voss", "type": "person", "kb_id": None,
              "aliases": ["Ilan Voss", "Commander Voss"], "mentions": [[4, 5]]}
    # (a person is never matched by a near spelling: only the alias just added can find him)
    title = {"id": "e4", "name": "Commander Voss", "type": "person", "kb_id": None,
             "aliases": ["Commander Voss", "Voss"], "mentions": [[6, 7]]}
    with get_engine(url).begin() as conn:
        insert_article(conn, _ex("one", [group, again, person, title]), "x", "text", "test",
                       hashlib.sha256(b"one").hexdigest(), None, None, None)
    with get_engine(url).begin() as conn:  # a later article: the aliases are in the store
        insert_article(conn, _ex("two", [{**again, "id": "e1", "aliases": ["the Tarsk movement"]}]), "y",
                       "text", "test", hashlib.sha256(b"two").hexdigest(), None, None, None)
    db = sqlite3.connect(tmp_path / "s.db")
    entities = db.execute("select id, name from entities order by id").fetchall()
    assert [name for _, name in entities] == ["Tarsk Liberation Movement", "Ilan Voss"]
    aliases = db.execute("select id, entity_id, alias from aliases order by id").fetchall()
    # in the order they were added, one row per name
    assert [(eid, a) for _, eid, a in aliases] == [
        (1, "Tarsk Liberation Movement"), (1, "TLM-Tarsk"), (1, "the Tarsk movement"), (2, "Ilan Voss"),
        (2, "Commander Voss"), (2, "Voss")]
    linked = db.execute("select article_id, entity_id from article_entities order by article_id, entity_id")
    assert linked.fetchall() == [(1, 1), (1, 2), (2, 1)]
