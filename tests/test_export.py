"""Exports (issue "Knowledge graph store"): STIX 2.1, GraphML, GEXF, CSV, JSONL.

The store is built by the real ingest (real spaCy extractor) from four short articles; the
fixture checks what the extractor found first, so a test failing below is about the export.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from stix2validator import ValidationOptions, validate_string

from militantmap.article import Article
from militantmap.export import (
    FORMATS,
    TABLES,
    StoreData,
    csv_safe,
    export,
    load,
    stix_objects,
)
from militantmap.export.stix import EXTENSION_ID, safe_url, stix_id, timestamp

EVIL_URL = '=HYPERLINK("http://evil.example/")'

ARTICLES = [
    Article(id="kabul-1", title="Bombing in Kabul", url="https://news.example.com/kabul-bombing",
            publisher="Example News", published=dt.date(2024, 3, 4),
            text="The Islamic State, also known as ISIS, claimed responsibility for the bombing in Kabul on "
                 "Sunday that killed 12 people and wounded 20 others, the group said in a statement."),
    Article(id="pledge-1", title="Boko Haram pledges allegiance", url="https://wire.example.org/pledge",
            publisher="Example Wire", published=dt.date(2024, 5, 10),
            text="Boko Haram pledged allegiance to the Islamic State in a video released on Friday. "
                 "Boko Haram leader Abubakar Shekau appeared in the video."),
    # Untrusted metadata: a formula as URL and title, a publisher starting with @.
    Article(id="mogadishu-1", title='=HYPERLINK("http://evil.example/","click")', url=EVIL_URL,
            publisher="@Evil Daily", published=dt.date(2024, 6, 1),
            text="Al-Shabaab fighters attacked a military base in Mogadishu on Tuesday, killing at least 7 "
                 "soldiers, police said. Al-Shabaab spokesman Ali Mohamud Rage said the group was not "
                 "linked to the Islamic State."),
    Article(id="rivals-1", title="Rival jihadists", url="https://other.example.com/rivals",
            publisher="Other Times", published=dt.date(2024, 7, 2),
            text="Boko Haram has sworn allegiance to the Islamic State, officials said. Al-Shabaab is "
                 "fighting the Islamic State in Puntland, and the two groups are bitter rivals."),
]

ALLEGIANCE = "boko-haram~allegiance_to~islamic-state"
RIVALS = "al-shabaab~rivals~islamic-state"
DENIED = "al-shabaab~affiliated_with~islamic-state"

# Ours by design: uuid5 ids (the brief: same store, same ids), our own relationship types, and
# news URLs without a hash. Every other check of the validator runs, as errors.
STRICT = ValidationOptions(strict=True, enforce_refs=True,
                           disabled="uuid-check,relationship-types,extref-hashes")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from militantmap.store import ingest_articles

    db_url = f"sqlite:///{tmp_path_factory.mktemp('export-store') / 'store.db'}"
    summary = ingest_articles(db_url, ARTICLES)
    assert summary.new == len(ARTICLES), summary.as_dict()
    data = load(db_url)
    # What the extractor found; the export tests below rely on it.
    assert {g["id"] for g in data.groups} == {"islamic-state", "al-shabaab", "boko-haram"}
    ties = {t["id"]: t for t in data.ties}
    assert set(ties) == {ALLEGIANCE, RIVALS, DENIED}
    assert ties[ALLEGIANCE]["independent_sources"] == 2 and ties[DENIED]["polarity"] == "negated"
    assert {(e["location"], e["killed"]) for e in data.events} == {("Kabul", 12), ("Mogadishu", 7)}
    assert {(p["name"], p["roles"][0]["role"]) for p in data.people} == {
        ("Abubakar Shekau", "leader"), ("Ali Mohamud Rage", "spokesperson")}
    return db_url


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from militantmap.store import ingest_articles

    db_url = f"sqlite:///{tmp_path_factory.mktemp('empty-store') / 'empty.db'}"
    ingest_articles(db_url, [])
    return db_url


def run(fmt: str, db_url: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    export(fmt, db_url, stream=buf, **kwargs)
    return buf.getvalue()


def validate(text: str, options: ValidationOptions = STRICT):
    result = validate_string(text, options)
    problems = [str(e) for e in result.errors] + [str(w) for w in (result.warnings or [])]
    assert result.is_valid, problems
    return result, problems


def by_type(bundle: dict, type_: str) -> list[dict]:
    return [o for o in bundle["objects"] if o["type"] == type_]


# -- STIX ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle_text(store: str) -> str:
    return run("stix", store).decode("utf-8")


@pytest.fixture(scope="module")
def bundle(bundle_text: str) -> dict:
    return json.loads(bundle_text)


def test_stix_bundle_passes_the_official_validator(bundle_text: str) -> None:
    _, problems = validate(bundle_text)
    assert problems == []
    result, _ = validate(bundle_text, ValidationOptions())  # default options: valid, warnings at most
    assert result.is_valid


def test_stix_validator_catches_a_real_error(bundle: dict) -> None:
    """The options above are not so lax that a broken bundle passes."""
    broken = json.loads(json.dumps(bundle))
    rel = next(o for o in broken["objects"] if o["type"] == "relationship")
    rel["relationship_type"] = "allegiance_to"      # underscores are not allowed
    rel["target_ref"] = "threat-actor--00000000-0000-4000-8000-000000000000"  # dangling
    result = validate_string(json.dumps(broken), STRICT)
    assert not result.is_valid


def test_stix_bundle_parses_with_the_stix2_library(bundle_text: str) -> None:
    import stix2

    parsed = stix2.parse(bundle_text, allow_custom=False)
    assert len(parsed.objects) == len(json.loads(bundle_text)["objects"])


def test_stix_groups_are_threat_actors_with_aliases_and_dates(bundle: dict) -> None:
    actors = {o["name"]: o for o in by_type(bundle, "threat-actor")}
    assert set(actors) == {"Islamic State", "al-Shabaab", "Boko Haram"}
    isis = actors["Islamic State"]
    assert isis["id"] == stix_id("threat-actor", "islamic-state")
    assert isis["aliases"] == ["ISIS"]
    assert isis["first_seen"] == "2024-03-04T00:00:00.000Z"
    assert isis["last_seen"] == "2024-07-02T00:00:00.000Z"
    assert isis["extensions"][EXTENSION_ID]["region"] == "Middle East"
    # A group's country is a location it is located at (ISO code).
    shabaab = actors["al-Shabaab"]
    located = [r for r in by_type(bundle, "relationship")
               if r["source_ref"] == shabaab["id"] and r["relationship_type"] == "located-at"]
    places = {o["id"]: o for o in by_type(bundle, "location")}
    assert [places[r["target_ref"]]["country"] for r in located] == ["SO"]


def test_stix_ties_are_relationships_with_our_types(bundle: dict) -> None:
    actors = {o["name"]: o["id"] for o in by_type(bundle, "threat-actor")}
    rels = {r["relationship_type"]: r for r in by_type(bundle, "relationship")}
    pledge = rels["allegiance-to"]
    assert (pledge["source_ref"], pledge["target_ref"]) == (actors["Boko Haram"], actors["Islamic State"])
    assert pledge["confidence"] == 92
    assert pledge["id"] == stix_id("relationship", "boko-haram|allegiance-to|islamic-state")
    ext = pledge["extensions"][EXTENSION_ID]
    assert ext["tie_type"] == "allegiance_to" and ext["independent_sources"] == 2
    assert ext["first_seen"] == "2024-05-10" and ext["last_seen"] == "2024-07-02"
    assert [r["url"] for r in pledge["external_references"]] == [
        "https://wire.example.org/pledge", "https://other.example.com/rivals"]
    assert "Boko Haram pledged allegiance" in pledge["description"]
    assert rels["rivals"]["extensions"][EXTENSION_ID]["symmetric"] is True
    # A tie the sources only deny is a note, never a relationship.
    assert "affiliated-with" not in rels
    (note,) = by_type(bundle, "note")
    assert note["abstract"].startswith("Denied: al-Shabaab affiliated with Islamic State")
    assert set(note["object_refs"]) == {actors["al-Shabaab"], actors["Islamic State"]}


def test_stix_people_events_and_places(bundle: dict) -> None:
    actors = {o["name"]: o["id"] for o in by_type(bundle, "threat-actor")}
    people = {o["name"]: o for o in by_type(bundle, "identity") if o["identity_class"] == "individual"}
    assert set(people) == {"Abubakar Shekau", "Ali Mohamud Rage"}
    rels = by_type(bundle, "relationship")
    spokes = [r for r in rels if r["relationship_type"] == "spokesperson-of"]
    assert [(r["source_ref"], r["target_ref"]) for r in spokes] == [
        (people["Ali Mohamud Rage"]["id"], actors["al-Shabaab"])]
    incidents = {o["extensions"][EXTENSION_ID]["location"]: o for o in by_type(bundle, "incident")}
    kabul = incidents["Kabul"]
    assert kabul["extensions"][EXTENSION_ID]["killed"] == 12
    assert kabul["extensions"][EXTENSION_ID]["wounded"] == 20
    assert "12 killed" in kabul["description"]
    links = {(r["relationship_type"], r["target_ref"]) for r in rels if r["source_ref"] == kabul["id"]}
    place = next(o for o in by_type(bundle, "location") if o["name"] == "Kabul")
    assert place["country"] == "AF" and round(place["latitude"]) == 35
    assert links == {("attributed-to", actors["Islamic State"]), ("claimed-by", actors["Islamic State"]),
                     ("located-at", place["id"])}


def test_stix_articles_are_reports_of_what_they_support(bundle: dict) -> None:
    reports = {o["extensions"][EXTENSION_ID]["article_key"]: o for o in by_type(bundle, "report")}
    assert set(reports) == {"kabul-1", "pledge-1", "mogadishu-1", "rivals-1"}
    rels = {r["id"]: r for r in by_type(bundle, "relationship")}
    rivals = reports["rivals-1"]
    assert rivals["published"] == "2024-07-02T00:00:00.000Z"
    assert {rels[r]["relationship_type"] for r in rivals["object_refs"] if r in rels} == {
        "allegiance-to", "rivals"}
    assert rivals["external_references"][0]["url"] == "https://other.example.com/rivals"
    kabul = reports["kabul-1"]
    assert any(r.startswith("incident--") for r in kabul["object_refs"])
    evil = reports["mogadishu-1"]
    assert any(r.startswith("note--") for r in evil["object_refs"])
    assert any(r.startswith("identity--") for r in evil["object_refs"])


def test_stix_drops_urls_that_are_not_web_addresses(bundle_text: str, bundle: dict) -> None:
    urls = [ref["url"] for o in bundle["objects"] for ref in o.get("external_references", []) if "url" in ref]
    assert urls and all(u.startswith("https://") for u in urls)
    assert safe_url(EVIL_URL) is None
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://example.com/a b") is None
    assert safe_url("https://example.com/قصة") == "https://example.com/%D9%82%D8%B5%D8%A9"


def test_stix_edge_cases_without_a_store() -> None:
    """Undated article, partial event date, a country without ISO code, a tie to a group
    that is not in the group list, a URL that is not one: still a valid bundle."""
    data = StoreData(
        groups=[{"id": "g1", "name": "Group One", "kb_id": None, "aliases": [], "country": "Atlantis",
                 "region": None, "parent": None, "articles": 1, "ties": 1, "events": 1,
                 "first_seen": None, "last_seen": None}],
        ties=[{"id": "g1~supports~g2", "type": "supports", "subject": {"id": "g1", "name": "Group One"},
               "object": {"id": "g2", "name": "Group Two"}, "polarity": "positive", "modality": "speculated",
               "confidence": 0.4, "articles": 1, "independent_sources": 1, "denials": 0,
               "first_seen": None, "last_seen": None, "evidence": []}],
        events=[{"id": "7", "type": "ban", "date": "2023-05", "location": None, "country": "Atlantis",
                 "lat": None, "lon": None, "perpetrators": [{"id": "g2", "name": "Group Two"}],
                 "claimed_by": [], "target": None, "killed": None, "killed_min": None, "killed_max": None,
                 "wounded": None, "wounded_min": None, "wounded_max": None, "sources": 1,
                 "independent_sources": 1, "evidence_id": "3",
                 "reports": [{"article": {"id": 1, "title": None, "url": "ftp://x", "publisher": None,
                                          "published": None}, "evidence_id": "3"}]}],
        articles=[{"id": 1, "key": "sha-1", "title": None, "url": "not a url", "publisher": None,
                   "published": None, "story": 1, "status": "ok", "groups": ["g1"], "people": [],
                   "ties": ["g1~supports~g2"], "events": ["7"], "roles": []}])
    objects = stix_objects(data)
    text = json.dumps({"type": "bundle", "id": stix_id("bundle", "x"), "objects": objects})
    _, problems = validate(text)
    assert problems == []
    (report,) = [o for o in objects if o["type"] == "report"]
    assert report["published"] == "1970-01-01T00:00:00.000Z"
    assert report["extensions"][EXTENSION_ID]["undated"] is True
    assert not [o for o in objects if o["type"] == "location"]  # no ISO code, no coordinates
    assert timestamp("2023-05") == "2023-05-01T00:00:00.000Z"


# -- GraphML and GEXF ---------------------------------------------------------------------------

def test_graphml_round_trips_through_networkx(store: str, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    path = tmp_path / "graph.graphml"
    path.write_bytes(run("graphml", store, people=True))
    key_ids = [k.get("id") for k in ET.parse(path).getroot() if k.tag.endswith("key")]
    assert len(key_ids) == len(set(key_ids))  # nodes and edges share names such as `type`
    path.write_bytes(run("graphml", store))
    graph = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {"islamic-state", "al-shabaab", "boko-haram"}
    isis = graph.nodes["islamic-state"]
    assert isis["type"] == "armed_group" and isis["name"] == "Islamic State" and isis["label"] == "Islamic State"
    assert isis["aliases"] == "ISIS" and isis["region"] == "Middle East" and isis["country"] == ""
    assert isis["articles"] == 4
    assert (isis["first_seen"], isis["last_seen"]) == ("2024-03-04", "2024-07-02")
    assert graph.nodes["al-shabaab"]["country"] == "Somalia"
    # Two tie types between the same two groups: two keyed edges.
    pair = graph.get_edge_data("al-shabaab", "islamic-state")
    assert set(pair) == {RIVALS, DENIED}
    assert pair[DENIED]["polarity"] == "negated" and pair[RIVALS]["polarity"] == "positive"
    assert pair[RIVALS]["symmetric"] is True
    pledge = graph.get_edge_data("boko-haram", "islamic-state")[ALLEGIANCE]
    assert pledge["type"] == "allegiance_to" and pledge["kind"] == "tie"
    assert pledge["confidence"] == pytest.approx(0.92) and pledge["weight"] == pytest.approx(0.92)
    assert pledge["articles"] == 2 and pledge["independent_sources"] == 2
    assert (pledge["first_seen"], pledge["last_seen"]) == ("2024-05-10", "2024-07-02")


def test_gexf_round_trips_through_networkx(store: str, tmp_path: Path) -> None:
    path = tmp_path / "graph.gexf"
    path.write_bytes(run("gexf", store))
    assert b'lastmodifieddate="2024-07-02"' in path.read_bytes()  # the data's date, not today
    graph = nx.read_gexf(path)
    assert set(graph.nodes) == {"islamic-state", "al-shabaab", "boko-haram"}
    shabaab = graph.nodes["al-shabaab"]
    assert shabaab["label"] == "al-Shabaab" and shabaab["aliases"] == "Al-Shabaab"
    assert shabaab["type"] == "armed_group" and shabaab["region"] == "East Africa"
    edges = {d["id"]: d for _, _, d in graph.edges(data=True)}
    assert set(edges) == {ALLEGIANCE, RIVALS, DENIED}
    pledge = edges[ALLEGIANCE]
    assert pledge["relation"] == "allegiance_to" and pledge["label"] == "allegiance_to"
    assert pledge["confidence"] == pytest.approx(0.92) and pledge["independent_sources"] == 2
    assert pledge["first_seen"] == "2024-05-10" and pledge["polarity"] == "positive"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_with_people(store: str, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"people.{fmt}"
    path.write_bytes(run(fmt, store, people=True))
    graph = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    rage = graph.nodes["person:ali-mohamud-rage"]
    assert rage["type"] == "person" and rage["roles"] == "spokesperson"
    (edge,) = [d for u, v, d in graph.edges(data=True) if u == "person:ali-mohamud-rage"]
    assert edge["kind"] == "role" and edge["relation"] == "spokesperson"
    assert graph.has_edge("person:ali-mohamud-rage", "al-shabaab")


# -- CSV ----------------------------------------------------------------------------------------

def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_folder_holds_events_and_ties(store: str, tmp_path: Path) -> None:
    written = export("csv", store, tmp_path / "out")
    assert [p.name for p in written] == ["events.csv", "ties.csv"]
    events_text = (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")
    assert events_text.splitlines()[0].split(",") == TABLES["events"]
    events = {r["location"]: r for r in read_csv(events_text)}
    assert set(events) == {"Kabul", "Mogadishu"}
    kabul = events["Kabul"]
    assert (kabul["date"], kabul["type"], kabul["country"]) == ("2024-03-03", "attack", "Afghanistan")
    assert (kabul["killed"], kabul["killed_min"], kabul["killed_max"], kabul["wounded"]) == ("12", "12", "12", "20")
    assert kabul["perpetrators"] == "Islamic State" and kabul["claimed_by"] == "Islamic State"
    assert kabul["source_urls"] == "https://news.example.com/kabul-bombing"
    assert float(kabul["lat"]) == pytest.approx(34.53, abs=0.01)
    assert events["Mogadishu"]["killed"] == "7" and events["Mogadishu"]["target"] == "military base"
    ties_text = (tmp_path / "out" / "ties.csv").read_text(encoding="utf-8")
    assert ties_text.splitlines()[0].split(",") == TABLES["ties"]
    ties = {r["id"]: r for r in read_csv(ties_text)}
    assert set(ties) == {ALLEGIANCE, RIVALS, DENIED}
    pledge = ties[ALLEGIANCE]
    assert (pledge["subject"], pledge["type"], pledge["object"]) == ("Boko Haram", "allegiance_to", "Islamic State")
    assert (pledge["confidence"], pledge["articles"], pledge["independent_sources"]) == ("0.92", "2", "2")
    assert (pledge["first_seen"], pledge["last_seen"]) == ("2024-05-10", "2024-07-02")
    assert ties[DENIED]["polarity"] == "negated"


def test_csv_injection_is_neutralised(store: str) -> None:
    # Issue 11: a link that is no http(s) URL (here a formula) is dropped from every export.
    events = {r["location"]: r for r in read_csv(run("csv", store, table="events").decode("utf-8"))}
    assert events["Mogadishu"]["source_urls"] == ""
    ties = {r["id"]: r for r in read_csv(run("csv", store, table="ties").decode("utf-8"))}
    assert ties[DENIED]["source_urls"] == ""
    # A formula in a free-text field (the title) is neutralised, not dropped.
    assert "HYPERLINK" not in run("csv", store, table="events").decode("utf-8").replace("'=HYPERLINK", "")


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"),
    ("Islamic State", "Islamic State"), ("a=b", "a=b"), ("", ""), (None, ""),
    (-3, -3), (0.5, 0.5), (True, "true"),
])
def test_csv_safe(value, expected) -> None:
    assert csv_safe(value) == expected


# -- JSONL --------------------------------------------------------------------------------------

def test_jsonl_lines_parse_with_a_kind(store: str) -> None:
    lines = run("jsonl", store).decode("utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    kinds = [i["kind"] for i in items]
    assert kinds == sorted(kinds, key=["group", "person", "tie", "event"].index)  # grouped, in order
    assert kinds.count("group") == 3 and kinds.count("person") == 2
    assert kinds.count("tie") == 3 and kinds.count("event") == 2
    pledge = next(i for i in items if i.get("id") == ALLEGIANCE)
    assert [e["article"]["url"] for e in pledge["evidence"]] == [
        "https://wire.example.org/pledge", "https://other.example.com/rivals"]
    assert all(e["sentence"] for e in pledge["evidence"])


# -- determinism, empty store, options ----------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_exporting_twice_gives_identical_bytes(store: str, fmt: str) -> None:
    kwargs = {"table": "ties"} if fmt == "csv" else {}
    first = run(fmt, store, **kwargs)
    assert first and run(fmt, store, **kwargs) == first


def test_same_bytes_in_another_process(store: str) -> None:
    """No set or dict order that depends on the string hash seed leaks into the output."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    for fmt in ("stix", "jsonl"):
        out = subprocess.run([sys.executable, "-m", "militantmap", "export", fmt, "--db", store],
                             capture_output=True, env=env, check=True).stdout
        assert out == run(fmt, store)


def test_empty_store_exports_empty_but_valid_files(empty_store: str, tmp_path: Path) -> None:
    bundle_text = run("stix", empty_store).decode("utf-8")
    _, problems = validate(bundle_text)
    assert problems == []
    assert {o["type"] for o in json.loads(bundle_text)["objects"]} == {"identity", "extension-definition"}
    (tmp_path / "e.graphml").write_bytes(run("graphml", empty_store))
    assert nx.read_graphml(tmp_path / "e.graphml").number_of_nodes() == 0
    (tmp_path / "e.gexf").write_bytes(run("gexf", empty_store))
    assert nx.read_gexf(tmp_path / "e.gexf").number_of_nodes() == 0
    export("csv", empty_store, tmp_path / "csv")
    for table, columns in TABLES.items():
        data = (tmp_path / "csv" / f"{table}.csv").read_bytes()
        assert data == (",".join(columns) + "\r\n").encode()
    assert run("jsonl", empty_store) == b""


def test_min_confidence_drops_weak_ties_everywhere(store: str) -> None:
    bundle_text = run("stix", store, min_confidence=0.9).decode("utf-8")
    validate(bundle_text)  # enforce_refs: no report points at a tie left out
    bundle = json.loads(bundle_text)
    types = {r["relationship_type"] for r in by_type(bundle, "relationship")}
    assert "allegiance-to" in types and "rivals" not in types and not by_type(bundle, "note")
    ties = read_csv(run("csv", store, table="ties", min_confidence=0.9).decode("utf-8"))
    assert [t["id"] for t in ties] == [ALLEGIANCE]


def test_a_failed_export_leaves_no_file(store: str, tmp_path: Path, monkeypatch) -> None:
    import militantmap.export as export_module
    from militantmap.errors import InputError

    target = tmp_path / "bundle.json"
    target.write_text("the previous export")

    def disk_full(data, out) -> None:
        out.write('{"type": "bundle", "objects": [')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "write_stix", disk_full)
    with pytest.raises(InputError, match="No space left"):
        export("stix", store, target)
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.json"]  # no temporary file left
    assert target.read_text() == "the previous export"               # and the old file intact

    blocker = tmp_path / "bundle.json"
    with pytest.raises(InputError, match="cannot be written|does not exist"):
        export("jsonl", store, blocker / "sub" / "out.jsonl")  # a file where a folder should be


# -- CLI ----------------------------------------------------------------------------------------

def test_cli_choices_match_the_library() -> None:
    from militantmap import export_cli

    assert export_cli.FORMATS == FORMATS
    assert export_cli.TABLES == tuple(TABLES)


def test_cli_export(store: str, tmp_path: Path) -> None:
    from militantmap.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["export", "stix", "--db", store])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == run("stix", store)

    result = runner.invoke(main, ["export", "csv", "--db", store, "--out", str(tmp_path / "tables")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["events.csv", "ties.csv"]
    assert "wrote" in result.stderr

    result = runner.invoke(main, ["export", "csv", "--db", store, "--table", "ties"])
    assert result.exit_code == 0 and result.stdout.startswith("id,subject,subject_id,type")

    result = runner.invoke(main, ["export", "gexf", "--db", store, "--people", "--out", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0, result.output
    assert "person:abubakar-shekau" in nx.read_gexf(tmp_path / "g.gexf")


def test_cli_export_errors(store: str, tmp_path: Path) -> None:
    from militantmap.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["export", "csv", "--db", store])
    assert result.exit_code == 2 and "--out FOLDER" in result.stderr
    result = runner.invoke(main, ["export", "stix", "--db", store, "--table", "ties"])
    assert result.exit_code == 2 and "csv only" in result.stderr
    result = runner.invoke(main, ["export", "pdf", "--db", store])
    assert result.exit_code == 2
    (tmp_path / "taken").write_text("x")
    result = runner.invoke(main, ["export", "csv", "--db", store, "--out", str(tmp_path / "taken")])
    assert result.exit_code == 2 and "is a file" in result.stderr
    missing = tmp_path / "nope.db"
    result = runner.invoke(main, ["export", "stix", "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 2 and "no store here" in result.stderr
    assert not missing.exists()  # a mistyped path does not create an empty store
