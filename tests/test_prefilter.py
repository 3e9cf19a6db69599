"""Issue 9: the relevance prefilter sends articles that cannot yield a group or an event past the
parser; they are stored as read and not relevant, and `--reprocess` re-reads them."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from militantmap.article import Article
from militantmap.extract import extract_many
from militantmap.nlp.relevance import relevance
from militantmap.store import ingest_articles, reprocess_stored
from militantmap.store.db import get_engine
from militantmap.store.schema import articles

PARKS = ("The city council approved a budget of $12 million for parks on Tuesday. The mayor said the "
         "plan would add playgrounds; critics attacked the cost and said it killed the transit plan.")


@pytest.mark.parametrize(("text", "relevant"), [
    (PARKS, False),
    ("Shares fell sharply after the bank banned short selling and arrested its decline.", False),
    ("Rebels of a little-known movement seized two villages overnight.", True),
    ("A roadside blast hit a convoy near the border, officials said.", True),
    ("The ministry proscribed the movement on Friday.", True),
    ("Fighting between the Lord's Resistance Army and troops displaced thousands.", True),  # a gazetteer name
])
def test_relevance_cues(text, relevant):
    assert relevance(text).relevant is relevant, relevance(text)


def test_an_irrelevant_article_is_not_parsed_and_says_so():
    (out,) = list(extract_many([Article(text=PARKS, id="parks")]))
    assert out["article"]["relevant"] is False
    assert out["entities"] == [] and out["events"] == [] and out["article"]["text"]


def test_the_store_keeps_it_as_not_relevant_and_reprocess_reads_it(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    summary = ingest_articles(db, [Article(text=PARKS, id="parks"),
                                   Article(text="Boko Haram fighters killed nine villagers in Borno on Sunday, "
                                           "residents and police officials said.", id="bh")])
    assert summary.new == 2
    with get_engine(db).connect() as conn:
        status = dict(conn.execute(select(articles.c.article_key, articles.c.status)).all())
    assert status == {"parks": "not_relevant", "bh": "ok"}
    again = reprocess_stored(db)
    assert again.reprocessed == 1
    with get_engine(db).connect() as conn:
        status = dict(conn.execute(select(articles.c.article_key, articles.c.status)).all())
    assert status["parks"] == "ok"  # read in full now; it still holds nothing


def _examples() -> list[str]:
    """Every example sentence of the rule tables: each shows something the extractor reads."""
    import json
    from importlib import resources

    data = resources.files("militantmap.data")
    out = []
    for name in ("ties.jsonl", "roles.jsonl", "events_perpetrators.jsonl", "events_triggers.jsonl"):
        for line in data.joinpath("patterns").joinpath(name).read_text("utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("//"):
                row = json.loads(line)
                out += [row["example"]] if isinstance(row.get("example"), str) else []
    discovery = json.loads(data.joinpath("group_discovery.json").read_text("utf-8"))
    out += [p["example"] for p in discovery["patterns"]]
    return out


def test_no_example_of_a_rule_table_is_passed_over():
    """Recall first: wherever the full pipeline reads a group or a fact in a rule table's own
    example, the prefilter lets the text through (a new row with a new kind of cue shows here)."""
    from militantmap.extract.pipeline import Extractor

    ex = Extractor.default()
    arts = [Article(text=t, id=f"x{i}") for i, t in enumerate(_examples())]
    assert len(arts) > 100
    saved, ex.prefilter = ex.prefilter, False
    try:
        full = list(extract_many(arts))
    finally:
        ex.prefilter = saved
    missed = [o["article"]["text"] for o in full if "error" not in o
              and (any(e["type"] == "armed_group" for e in o["entities"]) or o["relations"] or o["roles"]
                   or o["events"]) and not relevance(o["article"]["text"]).relevant]
    assert not missed, missed
