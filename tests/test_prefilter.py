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


# -- sentence focus: within a relevant article, sentences that cannot hold a fact are blanked -------
MIXED = ("Gunmen from Boko Haram attacked a market in Konduga on Sunday, killing 12 people. "
         "The market sells grain, cloth and livestock from across the region. "
         "Prices of millet have doubled since the rainy season began. "
         "Residents said the U.S. embassy had warned of the risk. "
         "It later claimed the raid in a video.")


def test_focus_blanks_what_cannot_hold_a_fact_and_keeps_every_offset():
    from militantmap.nlp.relevance import focus

    out = focus(MIXED)
    assert len(out) == len(MIXED)
    assert "Gunmen from Boko Haram attacked" in out and "claimed the raid" in out
    assert "Prices of millet" not in out and "grain, cloth" not in out
    # each kept character is where it was
    assert all(c == " " or c == MIXED[i] for i, c in enumerate(out))


def test_focus_keeps_a_sentence_a_kept_one_refers_back_to_and_reads_abbreviations():
    from militantmap.nlp.relevance import focus

    # "It later claimed ..." needs the sentence before it; "U.S." does not end that sentence
    out = focus(MIXED)
    assert "Residents said the U.S. embassy had warned of the risk." in out


def test_focus_keeps_a_heading_that_opens_a_list_and_wrapped_lines():
    from militantmap.nlp.relevance import focus

    text = ("The Front for the Liberation of the Coast was listed in 2004.\n"
            "Its origins are described in the annex and the map of the\n"
            "coastal districts was updated in 2011 by the secretariat.\n\n"
            "Related entities:\n"
            "Coastal Resistance Brigade (QDe.999)\n")
    out = focus(text)
    assert "Related entities:" in out and "Coastal Resistance Brigade" in out


def test_focused_extraction_finds_the_same_facts_as_the_full_parse():
    from militantmap.extract.pipeline import Extractor

    article = Article(text=MIXED + " Ansaru, a splinter group of Boko Haram, denied any role.", id="mixed")
    ex = Extractor()
    try:
        ex.focus = False
        full = ex.extract(article)
        ex.focus = True
        focused = ex.extract(article)
    finally:
        ex.focus = True

    def facts(d):
        names = {e["id"]: e["name"] for e in d["entities"]}
        return ({(names[r["subject"]], r["type"], names[r["object"]]) for r in d["relations"]},
                {(e["type"], e["evidence"]["start"], tuple(names[p] for p in e["perpetrators"]))
                 for e in d["events"]})

    assert facts(focused) == facts(full)
    assert facts(full)[0] and facts(full)[1]  # the article does hold a tie and an event


def test_focus_keeps_the_words_of_the_rule_tables():
    """A role title or an event trigger in the tables keeps its sentence, even one the focus's
    own vocabulary lacks ("ringleader", "torched")."""
    from militantmap.nlp.relevance import focus

    text = ("Gunmen stormed a village in Zamfara on Friday. Rainfall was heavy this year. "
            "Musa Danladi was named ringleader. Crops failed in the north. Officials said "
            "attackers torched the granary.")
    out = focus(text)
    assert "ringleader" in out and "torched the granary" in out and "Crops failed" not in out


def test_a_name_that_needs_context_still_makes_an_article_relevant():
    # "IIPB" is an initialism the gazetteer matches only next to a group named firmly; the parse's
    # discovery may find that group ("Riyadus-Salikhin"), so the prefilter must not drop the text
    from militantmap.nlp.gazetteer import get_gazetteer
    from militantmap.nlp.relevance import relevance

    text = "Umar Dadayev was a co-founder of IIPB and of Riyadus-Salikhin. Both shared members."
    assert get_gazetteer().find_mentions(text) == []          # no firm name ...
    assert relevance(text).relevant                             # ... yet relevant
