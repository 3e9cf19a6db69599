"""Issue 10, item 7: an analyst's curation — rename, aliases, merge/split, not a group, retype or
reject a fact — each logged with who/when/why, each undoable, honoured by every query and
export, and kept when the articles are extracted again.

The store is built once from our own newswire sentences (tests/test_store.py) and copied for
each test; one test runs the whole round on PostgreSQL when MILITANTMAP_TEST_PG_URL is set.
"""
from __future__ import annotations

import json

import pytest
from pg_helpers import pg_database
from sqlalchemy import delete, func, select, text, update
from store_templates import copy_of, settle
from test_store import DENIAL, KABUL_1, KABUL_2

from militantmap.errors import NotInStore
from militantmap.export.collect import load as export_load
from militantmap.store import ingest_articles, queries
from militantmap.store.curate import (
    Conflict,
    Refused,
    add_alias,
    history,
    merge,
    merge_history,
    not_a_group,
    reject_fact,
    remove_alias,
    rename,
    retype_fact,
    split,
    undo,
)
from militantmap.store.db import get_engine
from militantmap.store.schema import aliases, articles, curation_log, entities, meta, relations

ALLEGIANCE = "tehrik-i-taliban-pakistan~allegiance_to~islamic-state"
FACTION = "lashkar-e-jhangvi-al-alami~faction_of~lashkar-e-jhangvi"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("curation") / "template.db"
    ingest_articles(f"sqlite:///{path}", [KABUL_1, KABUL_2, DENIAL])
    return settle(path)


@pytest.fixture()
def db(built, tmp_path) -> str:
    return copy_of(built, tmp_path)


def _log_size(db: str) -> int:
    with get_engine(db).connect() as conn:
        return conn.execute(select(func.count()).select_from(curation_log)).scalar() or 0


def _tie_ids(db: str) -> set[str]:
    return {t["id"] for t in queries.all_ties(db)}


def _state(db: str) -> tuple:
    """Everything an analyst sees, to compare before a decision and after its undo."""
    return (queries.list_groups(db), queries.all_ties(db), queries.events(db),
            queries.get_group(db, "TTP")["people"])


# -- entity decisions -------------------------------------------------------------------------

def test_rename_keeps_the_old_name_as_alias_and_undo_restores_it(db):
    before = _state(db)
    done = rename(db, "tehrik-i-taliban-pakistan", "TTP (main faction)", who="ayesha", why="house style")
    group = queries.get_group(db, "TTP (main faction)")
    assert group["name"] == "TTP (main faction)"
    assert "Tehrik-i-Taliban Pakistan" in group["aliases"]
    assert queries.get_group(db, "Tehrik-i-Taliban Pakistan")["name"] == "TTP (main faction)"
    tie = queries.tie(db, ALLEGIANCE)
    assert tie["subject"]["name"] == "TTP (main faction)"
    (entry,) = history(db)
    assert (entry["who"], entry["action"], entry["why"], entry["before"]["name"]) == (
        "ayesha", "rename", "house style", "Tehrik-i-Taliban Pakistan")
    undone = undo(db, done["id"], who="ayesha")
    assert _state(db) == before
    assert history(db)[1]["undone_by"] == undone["id"]
    with pytest.raises(LookupError):
        queries.get_group(db, "TTP (main faction)")


def test_alias_added_and_removed_and_each_undone(db):
    added = add_alias(db, "Islamic State", "ISKP parent", who="ayesha")
    assert queries.search(db, "ISKP parent")["groups"][0]["name"] == "Islamic State"
    undo(db, added["id"])
    assert queries.search(db, "ISKP parent")["groups"] == []
    removed = remove_alias(db, "Islamic State", "Amaq news agency", why="an outlet, not a name")
    assert "Amaq news agency" not in queries.get_group(db, "Islamic State")["aliases"]
    assert queries.search(db, "Amaq")["groups"] == []
    undo(db, removed["id"])
    assert "Amaq news agency" in queries.get_group(db, "Islamic State")["aliases"]


def test_alias_refusals_change_nothing(db):
    n = _log_size(db)
    with pytest.raises(Refused, match="already a name of"):
        add_alias(db, "Islamic State", "Daesh")
    with pytest.raises(Refused, match="already names Tehrik-i-Taliban Pakistan"):
        add_alias(db, "Islamic State", "Pakistani Taliban")
    with pytest.raises(NotInStore, match="not a name of"):
        remove_alias(db, "Islamic State", "Hezbollah")
    with pytest.raises(Refused, match="rename it first"):
        remove_alias(db, "Islamic State", "Islamic State")
    with pytest.raises(NotInStore):
        add_alias(db, "no-such-group", "x")
    with pytest.raises(Refused, match="already names Tehrik-i-Taliban Pakistan"):
        rename(db, "Islamic State", "Pakistani Taliban ")
    assert _log_size(db) == n


def test_a_rename_is_not_undone_to_a_name_removed_since(db):
    done = rename(db, "Islamic State", "IS core")
    gone = remove_alias(db, "Islamic State", "Islamic State")  # no longer its name: removable
    with pytest.raises(Conflict, match=f"decision {gone['id']} removed the name 'Islamic State'"):
        undo(db, done["id"])
    undo(db, gone["id"])
    undo(db, done["id"])
    assert "IS core" not in queries.get_group(db, "Islamic State")["aliases"]


def test_merge_into_itself_or_an_unknown_group_is_refused(db):
    with pytest.raises(Refused, match="merged into itself"):
        merge(db, "TTP", "Pakistani Taliban")
    with pytest.raises(NotInStore, match="no entity 'Hamas'"):
        merge(db, "Hamas", "TTP")
    assert _log_size(db) == 0


def test_merge_undone_through_the_log_and_split_undone_too(db):
    before = _state(db)
    done = merge(db, "Lashkar-e-Jhangvi al-Alami", "LeJ", note="one group here", who="sam")
    assert FACTION not in _tie_ids(db)  # a faction of itself is no tie
    assert "Lashkar-e-Jhangvi al-Alami" in queries.get_group(db, "LeJ")["aliases"]
    undo(db, done["decision"]["id"])
    assert _state(db) == before
    merge(db, "Lashkar-e-Jhangvi al-Alami", "LeJ")
    parted = split(db, "Lashkar-e-Jhangvi al-Alami", who="sam")
    assert _state(db) == before
    undo(db, parted["decision"]["id"])  # merged again
    assert FACTION not in _tie_ids(db)
    assert [e["action"] for e in merge_history(db)] == ["merge", "merge", "split"]


def test_a_member_name_cannot_be_removed_and_a_split_never_leaves_a_name_nowhere(db):
    merge(db, "Lashkar-e-Jhangvi al-Alami", "LeJ")
    with pytest.raises(Refused, match="split that off first"):
        remove_alias(db, "LeJ", "Lashkar-e-Jhangvi al-Alami")
    # a store edited by hand: the group that stays lost the alias of its own name
    with get_engine(db).begin() as conn:
        lej = conn.execute(select(entities.c.id).where(entities.c.key == "lashkar-e-jhangvi")).scalar()
        conn.execute(delete(aliases).where(aliases.c.entity_id == lej))
    n = _log_size(db)
    with pytest.raises(Conflict, match="with no entity that carries it"):
        split(db, "Lashkar-e-Jhangvi al-Alami")
    assert _log_size(db) == n
    assert FACTION not in _tie_ids(db)  # still merged
    with pytest.raises(Refused, match="not merged"):
        split(db, "islamic-state")
    with pytest.raises(NotInStore, match="no merged entity called 'Islamic State'"):
        split(db, "Islamic State")
    with pytest.raises(NotInStore):
        split(db, "Hamas")


def test_not_a_group_leaves_groups_ties_and_network(db):
    before = _state(db)
    done = not_a_group(db, "Lashkar-e-Jhangvi", why="test")
    assert "Lashkar-e-Jhangvi" not in {g["name"] for g in queries.list_groups(db)}
    assert FACTION not in _tie_ids(db)
    with pytest.raises(LookupError):
        queries.get_group(db, "Lashkar-e-Jhangvi")
    assert FACTION not in {t["id"] for t in export_load(db).ties}
    with pytest.raises(Refused, match="not a group but a organization"):
        not_a_group(db, "lashkar-e-jhangvi")
    with pytest.raises(Refused, match="not a type"):
        not_a_group(db, "Islamic State", as_type="armed_group")
    undo(db, done["id"])
    assert _state(db) == before


# -- fact decisions -----------------------------------------------------------------------------

def test_rejecting_a_tie_sentence_by_sentence_and_undoing(db):
    tie = queries.tie(db, ALLEGIANCE)
    rows = [e["relation_id"] for e in tie["evidence"]]
    assert len(rows) == 3
    first = reject_fact(db, "relation", rows[0], who="ayesha", why="misread")
    assert len(queries.tie(db, ALLEGIANCE)["evidence"]) == 2
    assert queries.tie(db, ALLEGIANCE)["articles"] == tie["articles"] - 1
    with pytest.raises(Refused, match="already rejected"):
        reject_fact(db, "relation", rows[0])
    for r in rows[1:]:
        reject_fact(db, "relation", r)
    assert ALLEGIANCE not in _tie_ids(db)
    assert ALLEGIANCE not in {t["id"] for t in export_load(db).ties}
    assert not any(ALLEGIANCE in a["ties"] for a in export_load(db).articles)
    ev = queries.evidence(db, tie["evidence"][0]["id"])
    assert [f["kind"] for f in ev["rejected_facts"]] == ["relation"]
    assert ev["rejected_facts"][0]["decisions"] == [first["id"]]
    undo(db, first["id"])
    assert [e["relation_id"] for e in queries.tie(db, ALLEGIANCE)["evidence"]] == rows[:1]


def test_retype_and_reverse_a_tie(db):
    (row,) = [e["relation_id"] for e in queries.tie(db, FACTION)["evidence"]]
    done = retype_fact(db, row, type="rivals", why="they fight")
    assert FACTION not in _tie_ids(db)
    rival = "lashkar-e-jhangvi~rivals~lashkar-e-jhangvi-al-alami"  # symmetric: keys in order
    assert rival in _tie_ids(db)
    assert rival in {t["id"] for t in export_load(db).ties}
    with pytest.raises(Refused, match="changes nothing"):
        retype_fact(db, row, type="rivals")
    second = retype_fact(db, row, type="faction_of", reverse=True)
    with pytest.raises(Conflict, match=f"decision {second['id']} \\(retype\\)"):
        undo(db, done["id"])
    assert "lashkar-e-jhangvi~faction_of~lashkar-e-jhangvi-al-alami" in _tie_ids(db)
    undo(db, second["id"])
    undo(db, done["id"])
    assert FACTION in _tie_ids(db)
    with pytest.raises(Refused, match="not a tie type"):
        retype_fact(db, row, type="<b>friends</b>")


def test_rejecting_an_event_report_a_role_and_a_sentence(db):
    (event,) = queries.events(db)
    assert event["sources"] == 2
    report = event["reports"][0]["report_id"]
    done = reject_fact(db, "event", report)
    assert queries.events(db)[0]["sources"] == 1
    undo(db, done["id"])
    (person,) = queries.get_group(db, "TTP")["people"]
    ev = queries.evidence(db, person["evidence_id"])
    (role,) = [f for f in ev["facts"] if f["kind"] == "role"]
    reject_fact(db, "role", role["id"])
    assert queries.get_group(db, "TTP")["people"] == []
    assert export_load(db).people == []
    # one evidence sentence, with every fact it supports
    sentence = queries.tie(db, FACTION)["evidence"][0]["id"]
    reject_fact(db, "evidence", sentence, why="garbled")
    assert FACTION not in _tie_ids(db)
    assert queries.evidence(db, sentence)["rejected"] is not None


def test_an_incident_whose_reports_are_all_rejected_leaves_the_events_page(db):
    # the paged events query (built for large stores) agrees with the whole list
    (event,) = queries.events(db)
    assert queries.events_page(db, limit=10)[1] == 1
    for r in event["reports"]:
        reject_fact(db, "event", r["report_id"])
    assert queries.events(db) == []
    rows, total, _ = queries.events_page(db, limit=10)
    assert rows == [] and total == 0


def test_unknown_facts_and_decisions_are_not_found(db):
    for kind, fid in (("relation", 999999), ("role", 999999), ("event", 2**70), ("evidence", 999999)):
        with pytest.raises(NotInStore):
            reject_fact(db, kind, fid)
    with pytest.raises(Refused, match="not a kind of fact"):
        reject_fact(db, "article", 1)
    with pytest.raises(Refused, match="not a fact id"):
        reject_fact(db, "relation", "1; DROP TABLE relations")
    with pytest.raises(NotInStore, match="no decision 42"):
        undo(db, 42)
    with pytest.raises(Refused, match="not a decision id"):
        undo(db, "x")
    assert _log_size(db) == 0


def test_an_undo_is_not_undone_and_nothing_is_undone_twice(db):
    done = rename(db, "Islamic State", "IS")
    again = rename(db, "Islamic State", "IS core")
    with pytest.raises(Conflict, match=f"decision {again['id']} \\(rename\\)"):
        undo(db, done["id"])
    back = undo(db, again["id"])
    with pytest.raises(Refused, match="is an undo"):
        undo(db, back["id"])
    with pytest.raises(Refused, match="already undone"):
        undo(db, again["id"])
    undo(db, done["id"])
    assert queries.get_group(db, "Daesh")["name"] == "Islamic State"


@pytest.mark.parametrize("value, problem", [
    ("", "is empty"), ("   ", "is empty"), ("x" * 201, "longer than 200"),
    ("<script>alert(1)</script>", "markup"), ("Taliban\x00", "control"),
    ("Tali\u202eban", "invisible"), (None, "must be text"), (["a"], "must be text"),
])
def test_hostile_names_are_refused_and_change_nothing(db, value, problem):
    before = _state(db)
    for call in (lambda: rename(db, "TTP", value), lambda: add_alias(db, "TTP", value),
                 lambda: remove_alias(db, "TTP", value)):
        with pytest.raises(Refused, match=problem):
            call()
    with pytest.raises(Refused):
        merge(db, "TTP", "Islamic State", who=value if value else "\x07")
    assert _state(db) == before and _log_size(db) == 0


def test_the_why_may_hold_markup_which_is_stored_as_text(db):
    done = add_alias(db, "TTP", "Tehreek-e-Taliban", why="<img src=x onerror=alert(1)>\nline two")
    assert history(db)[0]["why"] == "<img src=x onerror=alert(1)>\nline two"
    assert done["who"]  # the OS user or "analyst"


# -- re-extraction --------------------------------------------------------------------------------

def _without_row_ids(value):
    """A re-extraction writes the facts again: new row ids (evidence, reports, incidents)."""
    if isinstance(value, dict):
        out = {k: _without_row_ids(v) for k, v in value.items()
               if k not in ("evidence_id", "report_id", "relation_id")
               and not (k == "id" and str(v).isdigit())}
        if "reports" in out:  # in the order of their (new) ids
            out["reports"].sort(key=lambda r: json.dumps(r, sort_keys=True))
            out.pop("disputed", None)  # its figures are listed in report order too
        return out
    if isinstance(value, (list, tuple)):
        return [_without_row_ids(v) for v in value]
    return value


def _extracted_by_an_older_version(db: str) -> None:
    """`ingest --reprocess` re-extracts the articles an older extractor read."""
    with get_engine(db).begin() as conn:
        conn.execute(update(articles).values(extractor_version="0.0.1"))


def test_decisions_survive_re_extraction(db):
    rename(db, "Islamic State", "Islamic State (core)")
    remove_alias(db, "Islamic State", "Amaq news agency")
    merge(db, "Lashkar-e-Jhangvi al-Alami", "LeJ")
    rows = [e["relation_id"] for e in queries.tie(db, ALLEGIANCE)["evidence"]]
    reject_fact(db, "relation", rows[0])
    (event,) = queries.events(db)
    reject_fact(db, "event", event["reports"][0]["report_id"])
    seen = _without_row_ids((queries.list_groups(db), queries.all_ties(db), queries.events(db)))
    with get_engine(db).connect() as conn:
        old_rows = {r.id for r in conn.execute(select(relations.c.id))}
    _extracted_by_an_older_version(db)
    summary = ingest_articles(db, [KABUL_1, KABUL_2, DENIAL], reprocess=True)
    assert summary.reprocessed == 3
    with get_engine(db).connect() as conn:
        new_rows = {r.id for r in conn.execute(select(relations.c.id))}
    assert new_rows and not new_rows & old_rows, "the facts were written again, with new ids"
    assert _without_row_ids((queries.list_groups(db), queries.all_ties(db), queries.events(db))) == seen
    assert "Amaq news agency" not in queries.get_group(db, "Islamic State (core)")["aliases"]
    assert len(queries.tie(db, ALLEGIANCE)["evidence"]) == 2
    # the same article ingested again (not reprocessed) changes nothing either
    ingest_articles(db, [KABUL_1])
    assert _without_row_ids((queries.list_groups(db), queries.all_ties(db), queries.events(db))) == seen


def test_retype_and_not_a_group_survive_re_extraction(db):
    (row,) = [e["relation_id"] for e in queries.tie(db, FACTION)["evidence"]]
    retype_fact(db, row, type="rivals")
    not_a_group(db, "Tehrik-i-Taliban Pakistan", as_type="organization")
    seen = queries.all_ties(db)
    _extracted_by_an_older_version(db)
    assert ingest_articles(db, [DENIAL, KABUL_1], reprocess=True).reprocessed == 2
    assert queries.all_ties(db) == seen
    assert {t["type"] for t in seen} == {"rivals"}


# -- the store's history -------------------------------------------------------------------------------

def test_an_older_store_s_merge_log_becomes_the_first_decisions(db):
    _older_store_upgraded(db)


def test_an_older_postgresql_store_s_merge_log_becomes_the_first_decisions(request):
    url = pg_database(request)
    ingest_articles(url, [DENIAL])
    _older_store_upgraded(url)
    # the id sequence went past the copied rows: the next decisions get new ids
    assert rename(url, "Islamic State", "IS core")["id"] > history(url)[1]["id"]


def _older_store_upgraded(db: str) -> None:
    from militantmap.store.schema import merge_log

    with get_engine(db).begin() as conn:
        ids = {r.key: r.id for r in conn.execute(select(entities.c.key, entities.c.id))}
        import datetime as dt
        conn.execute(merge_log.insert().values(at=dt.datetime(2024, 1, 2), action="merge",
                                               source_id=ids["lashkar-e-jhangvi-al-alami"],
                                               target_id=ids["lashkar-e-jhangvi"], note="old"))
        conn.execute(update(entities).where(entities.c.id == ids["lashkar-e-jhangvi-al-alami"])
                     .values(merged_into=ids["lashkar-e-jhangvi"]))
        conn.execute(text("DROP TABLE curation_log"))
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="2"))
    get_engine.cache_clear()
    (entry,) = history(db)
    assert (entry["action"], entry["target"], entry["why"], entry["who"]) == (
        "merge", "lashkar-e-jhangvi-al-alami", "old", "(not recorded)")
    undo(db, entry["id"])  # an old merge is undone like a new one
    assert FACTION in _tie_ids(db)
    assert rename(db, "TTP", "TTP main")["id"] == entry["id"] + 2


def test_the_whole_round_on_postgresql(request):
    url = pg_database(request)
    ingest_articles(url, [KABUL_1, KABUL_2, DENIAL])
    before = _without_row_ids(_state(url))
    done = [rename(url, "TTP", "TTP (main)"), add_alias(url, "Islamic State", "IS core"),
            not_a_group(url, "Lashkar-e-Jhangvi"),
            reject_fact(url, "relation", queries.tie(url, ALLEGIANCE)["evidence"][0]["relation_id"]),
            merge(url, "Lashkar-e-Jhangvi al-Alami", "Islamic State")["decision"]]
    with pytest.raises(Refused):
        merge(url, "TTP (main)", "Pakistani Taliban")
    _extracted_by_an_older_version(url)
    assert ingest_articles(url, [KABUL_1], reprocess=True).reprocessed == 1
    assert queries.get_group(url, "Pakistani Taliban")["name"] == "TTP (main)"
    for d in reversed(done):
        undo(url, d["id"])
    assert _without_row_ids(_state(url)) == before
    assert [e["action"] for e in history(url)][:5] == ["undo"] * 5
    assert json.dumps(history(url))  # JSON-ready


# -- the CLI ------------------------------------------------------------------------------------------

def test_the_curate_commands(db):
    from click.testing import CliRunner

    from militantmap.cli import main

    run = lambda *args: CliRunner().invoke(main, ["curate", *args, "--db", db])
    out = run("rename", "TTP", "TTP (main)", "--who", "ayesha", "--why", "style")
    assert out.exit_code == 0, out.output
    assert "Tehrik-i-Taliban Pakistan is now called TTP (main) (decision 1; undo: militantmap curate undo 1)" in out.output
    assert run("alias", "add", "TTP", "Tehreek-e-Taliban").exit_code == 0
    assert run("merge", "Lashkar-e-Jhangvi al-Alami", "LeJ").exit_code == 0
    assert run("split", "Lashkar-e-Jhangvi al-Alami").exit_code == 0
    assert run("not-a-group", "LeJ", "--as", "organization").exit_code == 0
    rid = queries.tie(db, ALLEGIANCE)["evidence"][0]["relation_id"]
    assert run("retype", str(rid), "--type", "supports").exit_code == 0
    assert run("reject", "relation", str(rid)).exit_code == 0
    log = json.loads(run("log", "--json").output)
    assert [d["action"] for d in log] == ["reject", "retype", "not_a_group", "split", "merge", "add_alias", "rename"]
    assert log[-1]["who"] == "ayesha"
    assert "rename" in CliRunner().invoke(main, ["curate", "--log", "--db", db]).output
    assert run("log", "--csv").output.startswith("id,at,who,action,")
    assert run("undo", "1").exit_code == 0
    assert queries.get_group(db, "TTP")["name"] == "Tehrik-i-Taliban Pakistan"
    # refusals: a message naming the problem, exit code 2, nothing logged
    n = _log_size(db)
    for args, words in ((("merge", "TTP", "TTP"), "merged into itself"),
                        (("rename", "Hamas", "x"), "no entity 'Hamas'"),
                        (("undo", "99"), "no decision 99"),
                        (("rename", "TTP", "<b>x</b>"), "markup"),
                        (("reject", "role", "12345"), "no role 12345")):
        out = run(*args)
        assert out.exit_code == 2 and words in out.output, (args, out.output)
    assert _log_size(db) == n


def test_exports_honour_the_decisions(db, tmp_path):
    from militantmap.export import export

    rows = [e["relation_id"] for e in queries.tie(db, ALLEGIANCE)["evidence"]]
    for r in rows:
        reject_fact(db, "relation", r)
    rename(db, "LeJ", "LeJ (renamed)")
    bundle = json.loads(export("stix", db, tmp_path / "out.stix.json")[0].read_text())
    kinds = {o.get("relationship_type") for o in bundle["objects"] if o["type"] == "relationship"}
    assert "allegiance-to" not in kinds and "faction-of" in kinds
    assert "LeJ (renamed)" in {o.get("name") for o in bundle["objects"]}
    graphml = export("graphml", db, tmp_path / "out.graphml")[0].read_text()
    assert "allegiance_to" not in graphml and "LeJ (renamed)" in graphml
