"""Entity resolution keeps some of the store in memory from one article to the next of an ingest
run (graph.resolve.ResolverCache, issue 9). These tests change the store between two ingests and
in the middle of one run (from the progress callback, as the web app's curation or another
process could) and check that the articles stored after the change see it.

Our own sentences and names (not from any corpus): "Amber Ridge Liberation Front" and its
misspelling "Ambar ..." are one group to the fuzzy match (ratio >= FUZZY_MIN).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from militantmap.article import Article
from militantmap.store import ingest_articles
from militantmap.store.curate import add_alias, not_a_group, remove_alias
from militantmap.store.db import get_engine
from militantmap.store.schema import aliases, entities

DAY = dt.date(2024, 3, 1)


def _art(key: str, text: str) -> Article:
    return Article(id=key, text=text, published=DAY, source=key)


AMBER = _art("amber", "Fighters of the Amber Ridge Liberation Front ambushed an army convoy near Tarsel on "
                      "Monday, killing four soldiers, a local official said.\n\nThe convoy was carrying fuel.")
AMBAR = _art("ambar", "Fighters of the Ambar Ridge Liberation Front attacked a police post near Tarsel on "
                      "Friday, the ministry said.\n\nThe attackers fled into the hills.")
AMBAR_AGAIN = _art("ambar-2", "Gunmen of the Ambar Ridge Liberation Front kidnapped two engineers near Oskel on "
                              "Sunday, police said.\n\nA ransom was demanded.")
COPPER = _art("copper", "The Copper Hills Defence Front shelled a market in Vandor on Tuesday, killing three "
                        "traders, witnesses said.\n\nShops stayed closed.")
COPER = _art("coper", "Militants of the Coper Hills Defence Front raided a checkpoint outside Vandor on Thursday, "
                      "the army said.\n\nTwo guards were wounded.")
GOLDEN = _art("golden", "The Golden Terrace Army bombed a bridge near Tarsel on Saturday, officials said.\n\n"
                        "Traffic was diverted.")


def _groups(db: str) -> dict[str, set[str]]:
    """{armed group name: its aliases}."""
    with get_engine(db).connect() as conn:
        rows = conn.execute(select(entities.c.name, aliases.c.alias)
                            .join(aliases, aliases.c.entity_id == entities.c.id)
                            .where(entities.c.type == "armed_group")).all()
    out: dict[str, set[str]] = {}
    for name, alias in rows:
        out.setdefault(name, set()).add(alias)
    return out


def _after(source: str, action):  # type: ignore[no-untyped-def]
    """A progress callback that runs `action` once, right after the article `source` is stored."""
    done: list[str] = []

    def progress(_summary, src: str) -> None:
        if src == source and not done:
            done.append(src)
            action()
    return progress, done


def test_a_misspelt_name_joins_the_group_of_an_earlier_article_of_the_run(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    ingest_articles(db, [AMBER, AMBAR])
    assert _groups(db) == {"Amber Ridge Liberation Front": {"Amber Ridge Liberation Front",
                                                            "Ambar Ridge Liberation Front"}}


def test_a_name_removed_between_two_ingests_is_not_given_back(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    ingest_articles(db, [AMBER, AMBAR])
    remove_alias(db, "Amber Ridge Liberation Front", "Ambar Ridge Liberation Front")
    ingest_articles(db, [AMBAR_AGAIN])
    assert _groups(db)["Amber Ridge Liberation Front"] == {"Amber Ridge Liberation Front"}


def test_a_name_removed_in_the_middle_of_a_run_is_not_given_back(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    progress, done = _after(AMBAR.source, lambda: remove_alias(
        db, "Amber Ridge Liberation Front", "Ambar Ridge Liberation Front"))
    ingest_articles(db, [AMBER, AMBAR, AMBAR_AGAIN], progress=progress)
    assert done
    # the third article's misspelling still finds the group (fuzzy), but its removed name
    # stays removed
    assert _groups(db)["Amber Ridge Liberation Front"] == {"Amber Ridge Liberation Front"}


def test_a_group_declared_not_a_group_in_the_middle_of_a_run_takes_no_armed_group_s_name(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    # COPPER's unknown group makes the run read the fuzzy alias list after AMBER is stored; then
    # the analyst says the Amber front is no armed group: AMBAR must not join it.
    progress, done = _after(COPPER.source, lambda: not_a_group(
        db, "Amber Ridge Liberation Front", as_type="organization"))
    ingest_articles(db, [AMBER, COPPER, AMBAR], progress=progress)
    assert done
    groups = _groups(db)
    assert "Amber Ridge Liberation Front" not in groups
    assert groups["Ambar Ridge Liberation Front"] == {"Ambar Ridge Liberation Front"}


def test_aliases_another_process_stores_in_the_middle_of_a_run_are_matched(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    # another ingest (here: nested, as another process would write) stores the Copper front
    # after this run has read the fuzzy alias list; the run's next misspelling must find it
    progress, done = _after(AMBAR.source, lambda: ingest_articles(db, [COPPER]))
    ingest_articles(db, [AMBER, AMBAR, COPER], progress=progress)
    assert done
    assert _groups(db)["Copper Hills Defence Front"] == {"Copper Hills Defence Front", "Coper Hills Defence Front"}


def test_an_alias_added_in_the_middle_of_a_run_is_used(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    progress, done = _after(AMBER.source, lambda: add_alias(db, "Amber Ridge Liberation Front", "Golden Terrace Army"))
    ingest_articles(db, [AMBER, GOLDEN], progress=progress)
    assert done
    assert set(_groups(db)) == {"Amber Ridge Liberation Front"}


def test_the_cache_is_dropped_by_a_new_decision_and_kept_otherwise(tmp_path):
    from militantmap.graph.resolve import ResolverCache  # after the store (graph.resolve reads its schema)

    db = f"sqlite:///{tmp_path / 's.db'}"
    ingest_articles(db, [AMBER])
    cache = ResolverCache()
    with get_engine(db).connect() as conn:
        cache.sync(conn)
        cache.removed_names(conn)
        listed = cache.fuzzy_list(conn, "armed_group")
        assert listed.norms == ["amber ridge liberation front"]
        cache.sync(conn)  # nothing changed: kept
        assert cache.fuzzy.get("armed_group") is listed and cache.removed is not None
    not_a_group(db, "Amber Ridge Liberation Front", as_type="organization")
    with get_engine(db).connect() as conn:
        cache.sync(conn)
        assert cache.fuzzy == {} and cache.removed is None
        assert cache.fuzzy_list(conn, "armed_group").norms == []
