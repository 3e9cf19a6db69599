"""The knowledge store, end to end with the real extractor, on SQLite and on PostgreSQL.

The PostgreSQL runs need a real server: `.ci/run` starts Debian's and sets
MILITANTMAP_TEST_PG_URL; elsewhere those runs skip and say so. Each test gets its own database.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time

import pytest
from pg_helpers import pg_database
from sqlalchemy import create_engine, func, select, text, update

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.store import ingest_articles, queries
from militantmap.store.curate import merge, merge_history, split
from militantmap.store.db import get_engine
from militantmap.store.schema import articles, event_reports, evidence, incidents, relations

PG_URL = os.environ.get("MILITANTMAP_TEST_PG_URL")

# Our own newswire sentences (not from any corpus): two outlets report one bombing, a third
# article carries a denial, a fourth a faction.
KABUL_1 = Article(
    id="kabul-1", title="Bombing in Kabul", published=dt.date(2024, 5, 13), url="https://example.org/kabul-1",
    text="A suicide bombing at a mosque in Kabul on Sunday killed 12 people and wounded 30 others, police said.\n\n"
         "The Islamic State claimed responsibility for the attack in a statement on its Amaq news agency.\n\n"
         "The Pakistani Taliban have pledged allegiance to the Islamic State, according to a senior security official.")
KABUL_2 = Article(
    id="kabul-2", title="Kabul mosque attack toll rises", published=dt.date(2024, 5, 14), url="https://example.net/kabul-2",
    text="The death toll from Sunday's bombing of a mosque in Kabul rose to 14, health officials said on Monday.\n\n"
         "Daesh said it carried out the bombing.\n\n"
         "Analysts say the Tehrik-i-Taliban Pakistan has pledged allegiance to the Islamic State.")
DENIAL = Article(
    id="ttp-denial", title="TTP denies links", published=dt.date(2024, 6, 2),
    text="A spokesman for the Tehrik-i-Taliban Pakistan, Mohammad Khorasani, denied that the group had pledged "
         "allegiance to the Islamic State.\n\n"
         "The Al-Alami faction of the Lashkar-e-Jhangvi said it would keep fighting in Balochistan.")


def _syndicated(art: Article, new_id: str) -> Article:
    """A wire copy: another outlet's dateline and credit line around the same story."""
    return Article(id=new_id, title=art.title, published=art.published, url=f"https://copy.example.com/{new_id}",
                   text="KABUL (Wire) -\n\n" + art.text + "\n\nReporting by the wire desk.")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return pg_database(request)


def _count(db_url: str, table) -> int:
    with get_engine(db_url).connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def _tie(db_url: str, subject: str, type_: str, obj: str) -> dict:
    found = [t for t in queries.all_ties(db_url)
             if (t["subject"]["name"], t["type"], t["object"]["name"]) == (subject, type_, obj)]
    assert found, [(t["subject"]["name"], t["type"], t["object"]["name"]) for t in queries.all_ties(db_url)]
    return found[0]


def test_ingest_is_idempotent(db_url):
    first = ingest_articles(db_url, [KABUL_1, KABUL_2, DENIAL])
    assert (first.new, first.known, first.skipped) == (3, 0, [])
    counts = [_count(db_url, t) for t in (articles, relations, event_reports, evidence)]
    again = ingest_articles(db_url, [KABUL_1, KABUL_2, DENIAL])
    assert (again.new, again.known) == (0, 3)
    assert [_count(db_url, t) for t in (articles, relations, event_reports, evidence)] == counts


def test_aliases_across_articles_make_one_group(db_url):
    ingest_articles(db_url, [KABUL_1, KABUL_2])
    names = [g["name"] for g in queries.list_groups(db_url)]
    assert names.count("Islamic State") == 1
    group = queries.get_group(db_url, "daesh")          # any alias, any case
    assert group["name"] == "Islamic State"
    assert group["articles"] == 2
    assert (group["first_seen"], group["last_seen"]) == ("2024-05-13", "2024-05-14")


def test_a_group_page_reads_only_its_newest_articles_but_counts_them_all(db_url):
    undated = Article(id="kabul-undated", title="Undated", url="https://example.org/u",
                      text="The Islamic State claimed an attack on a checkpoint in Kabul, officials said.")
    ingest_articles(db_url, [KABUL_1, KABUL_2, DENIAL, undated])
    full = queries.get_group(db_url, "Islamic State")
    page = queries.get_group(db_url, "Islamic State", articles_limit=1)
    assert full["articles"] == page["articles"] == 4
    assert (page["first_seen"], page["last_seen"]) == (full["first_seen"], full["last_seen"]) == \
        ("2024-05-13", "2024-06-02")
    assert [a["id"] for a in page["articles_list"]] == [a["id"] for a in full["articles_list"][:1]]
    assert full["articles_list"][-1]["published"] is None  # the undated article comes last
    assert queries.get_group(db_url, "Islamic State", articles_limit=0)["articles_list"] == []


def test_corroboration_raises_confidence_and_a_denial_lowers_it(db_url):
    ingest_articles(db_url, [KABUL_1])
    one = _tie(db_url, "Tehrik-i-Taliban Pakistan", "allegiance_to", "Islamic State")
    ingest_articles(db_url, [KABUL_2])
    two = _tie(db_url, "Tehrik-i-Taliban Pakistan", "allegiance_to", "Islamic State")
    assert two["independent_sources"] == 2 and two["confidence"] > one["confidence"]
    ingest_articles(db_url, [DENIAL])
    denied = _tie(db_url, "Tehrik-i-Taliban Pakistan", "allegiance_to", "Islamic State")
    assert denied["denials"] == 1 and denied["confidence"] < two["confidence"]
    assert (denied["first_seen"], denied["last_seen"]) == ("2024-05-13", "2024-06-02")
    evidence_rows = queries.tie(db_url, denied["id"])["evidence"]
    assert {e["polarity"] for e in evidence_rows} == {"positive", "negated"}
    assert any(e["attribution"] and "security official" in e["attribution"]["text"] for e in evidence_rows)


def test_a_syndicated_copy_is_the_same_story_not_corroboration(db_url):
    ingest_articles(db_url, [KABUL_1])
    summary = ingest_articles(db_url, [_syndicated(KABUL_1, "kabul-1-wire")])
    assert (summary.new, summary.near_duplicates) == (1, 1)
    tie = _tie(db_url, "Tehrik-i-Taliban Pakistan", "allegiance_to", "Islamic State")
    assert (tie["articles"], tie["independent_sources"]) == (2, 1)
    assert ingest_articles(db_url, []).seen == 0  # nothing in, nothing out


def test_reports_of_one_attack_merge_into_one_event_keeping_each_figure(db_url):
    ingest_articles(db_url, [KABUL_1, KABUL_2])
    kabul = [e for e in queries.events(db_url, country="Afghanistan") if e["location"] == "Kabul"]
    assert len(kabul) == 1, kabul
    event = kabul[0]
    assert event["sources"] == 2 and event["date"] == "2024-05-12"
    assert (event["killed_min"], event["killed_max"]) == (12, 14)
    assert sorted(r["killed"] for r in event["reports"]) == [12, 14]
    assert [g["name"] for g in event["claimed_by"]] == ["Islamic State"]
    assert queries.events(db_url, since=dt.date(2024, 6, 1)) == []
    assert queries.events(db_url, group="ISIS")[0]["id"] == event["id"]
    with pytest.raises(LookupError):
        queries.events(db_url, group="No Such Front")


def test_evidence_names_sentence_article_and_attribution(db_url):
    ingest_articles(db_url, [DENIAL])
    group = queries.get_group(db_url, "TTP")
    spokesman = [p for p in group["people"] if p["role"] == "spokesperson"]
    assert spokesman and spokesman[0]["name"] == "Mohammad Khorasani"
    item = queries.evidence(db_url, spokesman[0]["evidence_id"])
    assert item["sentence"] in item["article"]["text"]
    assert item["article"]["text"][item["start"]:item["end"]] == item["sentence"]
    assert "role" in {f["kind"] for f in item["facts"]}
    assert item["fact"] == item["facts"][0]
    lej = queries.get_group(db_url, "Lashkar-e-Jhangvi")
    assert [f["name"] for f in lej["factions"]] == ["Lashkar-e-Jhangvi al-Alami"]
    assert queries.get_group(db_url, "Lashkar-e-Jhangvi al-Alami")["parent"]["name"] == "Lashkar-e-Jhangvi"
    with pytest.raises(LookupError):
        queries.evidence(db_url, "999999")


def test_merge_and_split_are_logged_and_exact(db_url):
    ingest_articles(db_url, [KABUL_1, DENIAL])
    before = {g["name"]: g["articles"] for g in queries.list_groups(db_url)}
    merge(db_url, "Lashkar-e-Jhangvi al-Alami", "LeJ", note="one group in this study")
    after = {g["name"]: g["articles"] for g in queries.list_groups(db_url)}
    assert "Lashkar-e-Jhangvi al-Alami" not in after
    assert "Lashkar-e-Jhangvi al-Alami" in queries.get_group(db_url, "Lashkar-e-Jhangvi")["aliases"]
    split(db_url, "Lashkar-e-Jhangvi al-Alami")
    assert {g["name"]: g["articles"] for g in queries.list_groups(db_url)} == before
    assert [e["action"] for e in merge_history(db_url)] == ["merge", "split"]
    with pytest.raises(ValueError):
        merge(db_url, "Islamic State", "Mohammad Khorasani")   # a group is not a person


def test_non_english_is_stored_and_reported(db_url):
    french = Article(id="fr", text="Le groupe armé a revendiqué l'attentat qui a fait douze morts dans la capitale "
                                   "dimanche, selon les autorités locales, qui ont ouvert une enquête.")
    summary = ingest_articles(db_url, [french, KABUL_1])
    assert (summary.new, summary.non_english) == (2, 1)
    with get_engine(db_url).connect() as conn:
        assert conn.execute(select(articles.c.status).where(articles.c.article_key == "fr")).scalar() == "non_english"


def test_bad_inputs_are_reported_and_the_good_ones_stored(db_url, tmp_path):
    from militantmap.sources.walk import iter_articles

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(KABUL_1.text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    outside = tmp_path / "secret.txt"
    outside.write_text("The Islamic State attacked a village in Nigeria on Monday.", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    summary = ingest_articles(db_url, iter_articles([folder]))
    assert summary.new == 1
    reasons = {os.path.basename(src.split(":")[0]): reason for src, reason in summary.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.json", "notes.docx", "link.txt"}, reasons
    assert "outside" in reasons["link.txt"]
    assert "JSON" in reasons["broken.json"]


def test_reprocess_reextracts_older_versions_only(db_url):
    from militantmap.store import reprocess_stored

    ingest_articles(db_url, [KABUL_1, KABUL_2])
    rels = _count(db_url, relations)
    with get_engine(db_url).begin() as conn:
        conn.execute(update(articles).where(articles.c.article_key == "kabul-1").values(extractor_version="0.0.1"))
    summary = reprocess_stored(db_url)
    assert summary.reprocessed == 1
    assert _count(db_url, relations) == rels
    assert reprocess_stored(db_url).reprocessed == 0
    again = ingest_articles(db_url, [KABUL_1], reprocess=True)
    assert (again.new, again.known, again.reprocessed) == (0, 1, 0)


def test_bad_store_url_is_a_clear_error():
    from militantmap.errors import ConfigError

    with pytest.raises(ConfigError) as err:
        get_engine("nosuchdb://x")
    assert "sqlite:///" in str(err.value)


def test_input_errors_in_the_stream_are_skipped_not_fatal(db_url):
    summary = ingest_articles(db_url, [InputError("feed.xml", "not a readable RSS/Atom feed"), KABUL_1])
    assert summary.new == 1 and summary.skipped == [("feed.xml", "not a readable RSS/Atom feed")]


_OPEN_AT_ONCE = """
import sys, time
from militantmap.store.db import get_engine
start = float(sys.argv[2])
while time.time() < start:
    pass
get_engine(sys.argv[1])
"""


def _open_at_once(db_url: str, processes: int) -> None:
    """Start `processes` Pythons that open the store at the same instant; all must succeed."""
    start = time.time() + 3.0
    procs = [subprocess.Popen([sys.executable, "-c", _OPEN_AT_ONCE, db_url, str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(processes)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in results), [err[-400:] for code, err in results if code]


def test_processes_opening_a_new_store_at_once_all_succeed(db_url):
    # `serve` and `ingest` started together on a store that does not exist yet must not fail with
    # "table already exists": each process checks and creates the tables on its own.
    _open_at_once(db_url, processes=6)
    with get_engine(db_url).connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        assert conn.execute(text("SELECT count(*) FROM meta WHERE key = 'schema_version'")).scalar() == 1


# -- who asserted roles and events (schema 2, extractor 0.4.0) ------------------------------------

def test_roles_and_event_reports_keep_who_asserted_them(db_url):
    from militantmap.store.schema import roles

    ingest_articles(db_url, [KABUL_1, KABUL_2, DENIAL])
    kabul = [e for e in queries.events(db_url) if e["location"] == "Kabul"]
    assert len(kabul) == 1 and kabul[0]["sources"] == 2
    # each source of the incident with its own speaker
    by_article = {r["article"]["url"]: r for r in kabul[0]["reports"]}
    assert by_article["https://example.org/kabul-1"]["attribution"] == {"text": "police", "kind": "anonymous_official"}
    assert by_article["https://example.net/kabul-2"]["attribution"] == {"text": "health officials",
                                                                       "kind": "anonymous_official"}
    assert {r["modality"] for r in kabul[0]["reports"]} == {"reported"}
    # the evidence of one report: the sentence, its article, and who said it
    item = queries.evidence(db_url, by_article["https://example.org/kabul-1"]["evidence_id"])
    assert item["fact"]["kind"] == "event"
    assert (item["modality"], item["attribution"]) == ("reported", {"text": "police", "kind": "anonymous_official"})
    assert item["fact"]["attribution"] == item["attribution"] and item["fact"]["modality"] == "reported"
    # a spokesman's role named by the outlet: asserted, with no speaker
    spokesman = [p for p in queries.get_group(db_url, "TTP")["people"] if p["role"] == "spokesperson"]
    role_item = queries.evidence(db_url, spokesman[0]["evidence_id"])
    role_fact = next(f for f in role_item["facts"] if f["kind"] == "role")
    assert (role_fact["modality"], role_fact["attribution"]) == ("asserted", None)
    with get_engine(db_url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(roles).where(roles.c.modality.is_(None))).scalar() == 0
        assert conn.execute(select(func.count()).select_from(event_reports)
                            .where(event_reports.c.modality.is_(None))).scalar() == 0


NEW_COLUMNS = ("modality", "attribution_text", "attribution_kind", "attribution_entity_id")


def _old_store(db_url: str) -> dict[str, int]:
    """A store as militantmap 0.3 wrote it (schema 1: roles and event_reports without the
    attribution columns), with one article, one role and one event report; returns their ids."""
    from sqlalchemy import Column, ForeignKey, MetaData, Table

    from militantmap.store.schema import ADDED_COLUMNS, metadata

    assert {(t, c) for t in ("roles", "event_reports") for c in NEW_COLUMNS} <= set(ADDED_COLUMNS)
    old = MetaData()
    for table in metadata.sorted_tables:
        Table(table.name, old, *[
            Column(c.name, c.type, *[ForeignKey(fk.target_fullname) for fk in c.foreign_keys],
                   primary_key=c.primary_key, nullable=c.nullable, unique=c.unique)
            for c in table.columns if not (table.name in ("roles", "event_reports") and c.name in NEW_COLUMNS)])
    t = old.tables
    engine = create_engine(db_url)
    try:
        old.create_all(engine)
        text_ = "Ahmed Diriye, who leads al-Shabaab, said the group attacked a hotel in Mogadishu on Monday."
        with engine.begin() as conn:
            def add(table: str, **values) -> int:  # ids from the database, as the old writer had them
                return conn.execute(t[table].insert().values(**values)).inserted_primary_key[0]

            add("meta", key="schema_version", value="1")
            article = add("articles", article_key="old-1", content_hash="0" * 64, raw_text=text_, raw_format="text",
                          text=text_, removed="[]", status="ok", story_id=0, extractor_version="0.3.0",
                          published=dt.date(2024, 3, 4), title="Old article", ingested_at=dt.datetime(2024, 3, 5))
            conn.execute(update(t["articles"]).where(t["articles"].c.id == article).values(story_id=article))
            group = add("entities", key="al-shabaab", name="al-Shabaab", type="armed_group", kb_id="al-shabaab")
            person = add("entities", key="person:ahmed-diriye", name="Ahmed Diriye", type="person", kb_id=None)
            for entity, alias, norm, local in ((group, "al-Shabaab", "al shabaab", "e2"),
                                               (person, "Ahmed Diriye", "ahmed diriye", "e1")):
                add("aliases", entity_id=entity, alias=alias, norm=norm)
                conn.execute(t["article_entities"].insert().values(
                    article_id=article, entity_id=entity, local_id=local, surface_forms="[]", mentions="[]"))
            evidence_id = add("evidence", article_id=article, start=0, end=len(text_), sentence=text_)
            add("roles", article_id=article, person_id=person, group_id=group, role="leader", evidence_id=evidence_id)
            incident = add("incidents", type="attack", date="2024-03-04", location_name="Mogadishu", country="Somalia")
            report = add("event_reports", article_id=article, incident_id=incident, type="attack", date="2024-03-04",
                         location_name="Mogadishu", country="Somalia", evidence_id=evidence_id)
            conn.execute(t["event_actors"].insert().values(report_id=report, entity_id=group, role="perpetrator"))
    finally:
        engine.dispose()
    return {"evidence": evidence_id, "incident": incident}


def _columns(db_url: str, table: str) -> list[str]:
    from sqlalchemy import inspect

    return [c["name"] for c in inspect(get_engine(db_url)).get_columns(table)]


def test_opening_an_older_store_adds_the_attribution_columns(db_url):
    from fastapi.testclient import TestClient

    from militantmap.store.schema import SCHEMA_VERSION
    from militantmap.web import create_app

    ids = _old_store(db_url)
    get_engine(db_url)  # opening it upgrades it
    for table in ("roles", "event_reports"):
        columns = _columns(db_url, table)
        assert all(columns.count(c) == 1 for c in NEW_COLUMNS), (table, columns)
    with get_engine(db_url).connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
    # the old rows read as before, their attribution "not recorded" (None)
    item = queries.evidence(db_url, str(ids["evidence"]))
    assert [f["kind"] for f in item["facts"]] == ["role", "event"]
    assert all(f["modality"] is None and f["attribution"] is None for f in item["facts"])
    assert (item["modality"], item["attribution"]) == (None, None)
    (event,) = queries.events(db_url)
    assert event["reports"][0]["modality"] is None and event["reports"][0]["attribution"] is None
    assert queries.get_group(db_url, "al-Shabaab")["people"][0]["name"] == "Ahmed Diriye"
    with TestClient(create_app(db_url), base_url="http://127.0.0.1:8000") as client:
        page = client.get(f"/evidence/{ids['evidence']}").text
    assert "not recorded for this role" in page
    # new articles in the upgraded store record it
    ingest_articles(db_url, [KABUL_1])
    kabul = [e for e in queries.events(db_url) if e["location"] == "Kabul"]
    assert kabul[0]["reports"][0]["attribution"] == {"text": "police", "kind": "anonymous_official"}
    # and opening it again (another process) changes nothing
    get_engine.cache_clear()
    get_engine(db_url)
    assert _columns(db_url, "roles").count("modality") == 1


def test_processes_opening_an_older_store_at_once_all_upgrade_it(db_url):
    ids = _old_store(db_url)
    _open_at_once(db_url, processes=6)
    for table in ("roles", "event_reports"):
        columns = _columns(db_url, table)
        assert all(columns.count(c) == 1 for c in NEW_COLUMNS), (table, columns)
    assert queries.evidence(db_url, str(ids["evidence"]))["facts"][0]["modality"] is None


def test_a_column_another_process_added_meanwhile_is_a_lost_race_not_an_error(db_url, monkeypatch):
    # Two processes upgrading at once: both see the column missing, one adds it first; the other's
    # ALTER then fails on SQLite ("duplicate column") and is skipped on PostgreSQL (IF NOT EXISTS).
    # Either way the store opens, upgraded.
    from militantmap.store import db
    from militantmap.store.schema import SCHEMA_VERSION

    ids = _old_store(db_url)
    engine = get_engine(db_url)   # upgrades it: the columns are there now
    with engine.begin() as conn:  # ... but as if the other process had not yet recorded it
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    real_inspect, stale = db.inspect, {"left": 1}

    class Stale:
        def __init__(self, conn):
            self.real = real_inspect(conn)

        def get_columns(self, table):
            columns = self.real.get_columns(table)
            if stale["left"]:  # the first look does not see them yet
                columns = [c for c in columns if c["name"] not in NEW_COLUMNS]
            return columns

    original_upgrade, real_race, races = db._upgrade, db._lost_creation_race, []

    def upgrade(engine_):
        try:
            original_upgrade(engine_)
        finally:
            stale["left"] = 0

    def race(err):
        races.append(str(getattr(err, "orig", err)))
        return real_race(err)

    monkeypatch.setattr(db, "inspect", Stale)
    monkeypatch.setattr(db, "_upgrade", upgrade)
    monkeypatch.setattr(db, "_lost_creation_race", race)
    db._create_schema(engine, db_url)
    if db_url.startswith("sqlite"):
        assert len(races) == 1 and "duplicate column" in races[0], races
    else:
        assert races == []  # ADD COLUMN IF NOT EXISTS
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
    assert all(_columns(db_url, "roles").count(c) == 1 for c in NEW_COLUMNS)
    assert queries.evidence(db_url, str(ids["evidence"]))["facts"][0]["kind"] == "role"


def test_a_report_naming_the_province_and_one_naming_the_town_are_one_incident(db_url):
    by_province = Article(
        id="prov", title="Train attack", published=dt.date(2025, 3, 12), url="https://example.org/prov",
        text="Militants of the Baloch Liberation Army attacked a passenger train in Balochistan "
             "province on Tuesday, killing 21 passengers, officials said.")
    by_town = Article(
        id="town", title="Train siege", published=dt.date(2025, 3, 13), url="https://example.net/town",
        text="The Baloch Liberation Army attacked the Jaffar Express near Sibi on Tuesday, killing "
             "25 people, the military said.")
    elsewhere = Article(
        id="other", title="Another attack", published=dt.date(2025, 3, 13), url="https://example.com/o",
        text="The Baloch Liberation Army attacked a checkpoint near Gwadar on Tuesday, killing 3 "
             "soldiers, police said.")
    ingest_articles(db_url, [by_province, by_town, elsewhere])
    attacks = [e for e in queries.events(db_url, group="BLA") if e["type"] == "attack"]
    assert sorted(e["location"] for e in attacks) == ["Gwadar", "Sibi"], attacks
    sibi = next(e for e in attacks if e["location"] == "Sibi")
    assert sibi["sources"] == 2 and (sibi["killed_min"], sibi["killed_max"]) == (21, 25)


def test_reprocessing_leaves_no_incident_without_its_reports(db_url):
    from militantmap.store import reprocess_stored

    herat = Article(id="herat", title="Herat attack", published=dt.date(2024, 5, 14),
                    text="Taliban gunmen attacked a checkpoint in Herat on Monday, killing four "
                         "policemen, officials said.")
    ingest_articles(db_url, [herat])
    before = _count(db_url, incidents)
    assert before >= 1
    with get_engine(db_url).begin() as conn:
        conn.execute(update(articles).where(articles.c.article_key == "herat").values(extractor_version="0.0.1"))
        # as if an older extractor had dated and placed it otherwise: the new report will not join it
        conn.execute(update(incidents).values(date="2020-01-01", location_name="Elsewhere", lat=None, lon=None))
    assert reprocess_stored(db_url).reprocessed == 1
    with get_engine(db_url).connect() as conn:
        orphans = conn.execute(select(func.count()).select_from(incidents).where(
            incidents.c.id.not_in(select(event_reports.c.incident_id)))).scalar()
    assert orphans == 0 and _count(db_url, incidents) == before


def test_a_groups_people_carry_the_firmest_word_any_source_gave(db_url):
    reported = Article(id="r1", title="Leader", published=dt.date(2024, 5, 1), url="https://example.org/r1",
                       text="The Baloch Liberation Army is led by Bashir Zeb, police said.")
    ingest_articles(db_url, [reported])
    (person,) = [p for p in queries.get_group(db_url, "BLA")["people"] if p["name"] == "Bashir Zeb"]
    assert person["modality"] == "reported"
    plain = Article(id="r2", title="Seen", published=dt.date(2024, 5, 2), url="https://example.org/r2",
                    text="Bashir Zeb, the leader of the Baloch Liberation Army, was seen in Quetta.")
    ingest_articles(db_url, [plain])
    (person,) = [p for p in queries.get_group(db_url, "BLA")["people"] if p["name"] == "Bashir Zeb"]
    assert person["modality"] == "asserted" and person["articles"] == 2
