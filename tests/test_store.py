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
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text, update

from militantmap.article import Article
from militantmap.errors import InputError
from militantmap.store import ingest_articles, queries
from militantmap.store.curate import merge, merge_history, split
from militantmap.store.db import get_engine
from militantmap.store.schema import articles, event_reports, evidence, relations

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
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL run: set MILITANTMAP_TEST_PG_URL to a server where we may create "
                    "databases (.ci/run starts one)")
    name = f"mm_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    get_engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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


def test_processes_opening_a_new_store_at_once_all_succeed(db_url):
    # `serve` and `ingest` started together on a store that does not exist yet must not fail with
    # "table already exists": each process checks and creates the tables on its own.
    start = time.time() + 3.0
    procs = [subprocess.Popen([sys.executable, "-c", _OPEN_AT_ONCE, db_url, str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(6)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in results), [err[-400:] for code, err in results if code]
    with get_engine(db_url).connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        assert conn.execute(text("SELECT count(*) FROM meta WHERE key = 'schema_version'")).scalar() == 1
