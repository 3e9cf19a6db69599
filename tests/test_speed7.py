"""Round 7 of issue 9 (throughput and scale): the shortcuts of the rule stages and of the
pipeline give exactly what the slower reads gave, their per-document memos are dropped or
refreshed when they must be, and `militantmap events` lists a page with the total. No timings
are asserted here: `militantmap bench` and benchmarks/ measure."""
from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest
from click.testing import CliRunner

from militantmap.cli import main
from militantmap.extract.context import (
    PERSON,
    Context,
    Entity,
    doc_ents,
    doc_words,
    forget_ents,
    remember_text,
    span_ents,
    span_text,
)
from militantmap.extract.people import find_person_mentions
from militantmap.extract.roles import _hyphen_parts, _rules, _title_role
from militantmap.nlp.pipeline import get_nlp
from militantmap.store import queries

# Sentences of our own: invented groups, people and places.
TEXT = ("Fighters of the Amber Ridge Front ambushed a convoy near Tessaly on Monday, killing four "
        "soldiers, officials said.\n\nThe group's second-in-command, Idris Vahlen, was arrested in "
        "Port Orrin on June 3, 2024. \"We did not do it,\" said Mara Quell, a spokeswoman for the "
        "Amber Ridge Front.  Its co-founder, Tomas Okri, leads the Ridge Lions, a rival of the "
        "Cobalt Valley Brigades; police in the U.S. state of Maine blamed them.")


@pytest.fixture(scope="module")
def doc():
    return get_nlp()(TEXT)


def test_sentence_text_cut_from_the_document_is_spacy_s_own(doc):
    spans = [*doc.sents, *doc.ents, doc[3:9], doc[len(doc) - 4:], doc[0:1]]
    slow = [s.text for s in spans]
    remember_text(doc, doc.text)
    try:
        assert [span_text(s) for s in spans] == slow
    finally:
        forget_ents(doc)
    assert "militantmap.text" not in doc.user_data
    # without the remembered text it reads spaCy's own
    assert span_text(doc[2:5]) == doc[2:5].text


def test_entities_kept_once_per_document_are_spacy_s_own(doc):
    assert doc_ents(doc) == doc.ents
    assert doc_ents(doc) is doc_ents(doc)   # built once
    for span in [*doc.sents, doc[0:12], doc[5:40], doc[:]]:
        assert span_ents(span) == list(span.ents), span.text
    forget_ents(doc)
    assert not doc.user_data


def test_the_words_table_is_each_token_s_own(doc):
    words = doc_words(doc)
    assert words.lower == [t.lower_ for t in doc]
    assert words.pos == [t.pos_ for t in doc]
    assert words.lemma == [t.lemma_.lower() for t in doc]
    forget_ents(doc)


def test_the_lemma_index_is_a_set_and_lemmas_are_unchanged():
    import spacy

    from militantmap.nlp.pipeline import MODEL_NAMES

    nlp = get_nlp()
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(v, frozenset) for v in index.values())
    plain = None
    for name in MODEL_NAMES:
        try:
            plain = spacy.load(name)
            break
        except OSError:
            continue
    if plain is None:
        pytest.skip("no English spaCy model installed")
    sentence = ("The raiders were fleeing across the marshes, their leaders having ransomed the "
                "hostages; wolves, thieves and oxen scattered as the analyses went wider.")
    assert [t.lemma_ for t in nlp(sentence)] == [t.lemma_ for t in plain(sentence)]


def test_every_hyphenated_title_joins_on_its_parts():
    rules = _rules()
    parts = _hyphen_parts(rules.titles)
    for key in rules.titles:
        for i, ch in enumerate(key):
            if ch == "-":
                assert key[:i] in parts and key[i + 1:] in parts
    assert _hyphen_parts({"bomb-maker": "member", "chief": "leader"}) == {"bomb", "maker"}
    assert rules.titles.keys() <= rules.maybe_words


@pytest.mark.parametrize("text, word, role", [
    ("Its second-in-command, Idris Vahlen, was arrested.", "second", "deputy_leader"),
    ("The second in command of the Ridge Lions, Idris Vahlen, was arrested.", "second", "deputy_leader"),
    ("Its co-founder, Tomas Okri, leads the Ridge Lions.", "founder", "founder"),
    ("The chef cooked rice for the village.", "chef", None),
])
def test_titles_written_with_or_without_hyphens_are_still_read(text, word, role):
    rules = _rules()
    tok = next(t for t in get_nlp()(text) if t.lower_ == word)
    got = _title_role(tok, rules)[0]
    assert got == role


def test_person_mentions_are_read_again_when_the_entities_change():
    nlp = get_nlp()
    text = "Nadim Rosk met Ilse Varga in Tessaly. Rosk left later."
    ctx = Context(text=text, doc=nlp(text), published=None)
    ctx.entities["p:rosk"] = Entity("p:rosk", "Nadim Rosk", PERSON, mentions=[(0, 10)])
    first = find_person_mentions(ctx)
    assert find_person_mentions(ctx) == first           # kept
    assert {m.key for m in first} == {"p:rosk"}
    ctx.entities["p:varga"] = Entity("p:varga", "Ilse Varga", PERSON, mentions=[(15, 25)])
    again = find_person_mentions(ctx)                    # the entities changed: read afresh
    assert {m.key for m in again} == {"p:rosk", "p:varga"}
    ctx.entities["p:varga"].mentions.append((15, 19))   # so did a mention list
    assert (15, 19) in [(m.start, m.end) for m in find_person_mentions(ctx)]


# -- `militantmap events`: a page, and how many match ------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    bench = runpy.run_path(str(Path(__file__).resolve().parents[1] / "benchmarks" / "bench_scale.py"),
                           run_name="bench_scale")
    path = tmp_path_factory.mktemp("speed7") / "store.db"
    bench["build"](path, 400, progress=False)
    return f"sqlite:///{path}"


def test_the_events_listing_shows_a_page_and_says_how_many_match(store):
    every = queries.events(store, include_undated=True)
    assert len(every) > 50
    result = CliRunner().invoke(main, ["events", "--db", store])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 50
    assert f"1-50 of {len(every)} shown" in result.stderr and "--offset 50" in result.stderr
    # --json, as /api/events without a limit: every event, the same order
    whole = json.loads(CliRunner().invoke(main, ["events", "--db", store, "--json"]).stdout)
    assert [e["id"] for e in whole] == [e["id"] for e in every]
    page = json.loads(CliRunner().invoke(main, ["events", "--db", store, "--json", "--limit", "7",
                                                "--offset", "3"]).stdout)
    assert [e["id"] for e in page] == [e["id"] for e in every[3:10]]
    assert len(CliRunner().invoke(main, ["events", "--db", store, "--limit", "0"]).stdout.splitlines()) == len(every)


def test_a_group_s_events_page_has_the_total_of_its_whole_list(store):
    top = queries.list_groups(store)[0]["name"]
    whole = queries.events(store, group=top)
    rows, total, _ = queries.events_page(store, group=top, limit=50)
    assert total == len(whole) and rows == whole[:50]
    result = CliRunner().invoke(main, ["events", "--db", store, "--group", top, "--limit", "5"])
    assert result.exit_code == 0
    assert f"of {len(whole)} shown" in result.stderr
