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
