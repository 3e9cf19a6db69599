"""The scorer of `militantmap evaluate`, on hand-built gold and extraction dicts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from militantmap.cli import main
from militantmap.errors import InputError
from militantmap.evaluate import (
    HEADLINE,
    corpus_sha256,
    headline_scores,
    load_gold,
    norm_name,
    read_floors,
    same_person,
    score,
    write_floors,
)

# -- builders -------------------------------------------------------------------------------------
S1 = "The Red Hand Brigade attacked a police post in Arvale on Monday, killing four officers."
S2 = "Later the Red Hand Brigade and the Night Wolves bombed a bridge, a market and a school."
S3 = "Commander Tariq Mansour of the Night Wolves denied any role."
TEXT = f"{S1} {S2} {S3}"


def gold_doc(**parts) -> dict:
    doc: dict = {"id": "t1", "url": None, "title": "t", "publisher": None, "published": None,
           "lang": "en", "text": TEXT, "groups": [], "relations": [], "roles": [], "events": []}
    doc.update(parts)
    return doc


def grp(name: str, *aliases: str, optional: bool = False) -> dict:
    g: dict = {"name": name, "aliases": list(aliases)}
    if optional:
        g["optional"] = True
    return g


def g_rel(subject: str, typ: str, obj: str, sentence: str = S2, optional: bool = False,
          polarity: str = "positive", modality: str = "asserted") -> dict:
    r: dict = {"subject": subject, "type": typ, "object": obj, "polarity": polarity,
               "modality": modality, "attributed_to": None, "sentence": sentence}
    if optional:
        r["optional"] = True
    return r


def g_event(sentence: str, typ: str = "attack", location: str | None = None,
            killed: int | None = None, date: str | None = None, perpetrators=(),
            target: str | None = None, optional: bool = False) -> dict:
    e: dict = {"type": typ, "date": date, "date_text": None, "location": location,
               "country": None, "perpetrators": list(perpetrators), "claimed_by": [],
               "target": target, "killed": killed, "killed_text": None, "wounded": None,
               "sentence": sentence}
    if optional:
        e["optional"] = True
    return e


def ent(eid: str, name: str, *aliases: str, type: str = "armed_group") -> dict:
    return {"id": eid, "name": name, "type": type, "kb_id": None,
            "aliases": [name, *aliases], "mentions": []}


def evidence(sentence: str, text: str = TEXT) -> dict:
    start = text.index(sentence)
    return {"start": start, "end": start + len(sentence), "sentence": sentence}


def x_rel(s: str, typ: str, o: str, sentence: str = S2, polarity: str = "positive",
          modality: str = "asserted") -> dict:
    return {"subject": s, "type": typ, "object": o, "polarity": polarity, "modality": modality,
            "attribution": None, "confidence": 0.8, "evidence": evidence(sentence)}


def x_event(sentence: str, typ: str = "attack", location: str | None = None,
            killed: int | None = None, date: str | None = None, perpetrators=(),
            target: str | None = None, ev: dict | None = None) -> dict:
    return {"type": typ, "date": date, "date_text": None,
            "location": {"name": location, "country": None} if location else None,
            "perpetrators": list(perpetrators), "claimed_by": [], "target": target,
            "killed": {"value": killed, "qualifier": "exact", "text": str(killed)}
            if killed is not None else None,
            "wounded": None, "evidence": ev if ev is not None else evidence(sentence)}


def extraction(entities=(), relations=(), roles=(), events=(), text: str = TEXT) -> dict:
    return {"schema": "militantmap.extraction/1", "article": {"id": "t1", "text": text},
            "entities": list(entities), "relations": list(relations), "roles": list(roles),
            "events": list(events)}


def counts(report, key: str) -> tuple[int, int, int]:
    m = report.metrics[key]
    return m["tp"], m["fp"], m["fn"]


# -- names ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("a,b", [
    ("Lashkar-e-Jhangvi", "lashkar e jhangvi"),
    ("The Islamic State", "islamic state"),
    ("Da\u2019ish", "Da'ish"),
    ("al-Qa\u2019ida", "Al Qaida"),
    ("Tehrik\u2011i\u2011Taliban", "TEHRIK I TALIBAN"),
    ("  al  Shabaab ", "al-shabaab"),
])
def test_norm_name_ignores_case_space_hyphen_apostrophe_and_leading_the(a: str, b: str) -> None:
    assert norm_name(a) == norm_name(b)


def test_norm_name_keeps_real_differences() -> None:
    assert norm_name("Thebes Front") != norm_name("bes Front")  # "the" only as a whole word
    assert norm_name("al-Shabab") != norm_name("al-Shabaab")
    assert norm_name("Taliban") != norm_name("Pakistani Taliban")


@pytest.mark.parametrize("a,b,same", [
    ("Fazlullah", "Mullah Fazlullah", True),
    ("Hamza", "Hamza bin Ladin", True),
    ("Hamza bin Ladin", "hamza bin-ladin", True),
    ("Abu Bakr al-Baghdadi", "al-Baghdadi", True),
    ("Mullah", "Mullah Fazlullah", False),       # a title alone names nobody
    ("Mullah Omar", "Mullah Fazlullah", False),
    ("Tariq Mansour", "Tariq Aziz", False),
])
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same


# -- groups ---------------------------------------------------------------------------------------
def test_group_matches_through_aliases_after_normalisation() -> None:
    gold = gold_doc(groups=[grp("Lashkar-e-Jhangvi", "LeJ"), grp("Islamic State", "Da\u2019ish"),
                            grp("al-Qaeda", "al-Qa\u2019ida")])
    ext = extraction(entities=[
        ent("e1", "the lashkar e jhangvi"),                     # gold name, spelled differently
        ent("e2", "ISIS", "Da'ish"),                            # only an alias matches
        ent("e3", "Al Qaida"),                                  # matches the gold alias
        ent("e4", "Arvale", type="location"),                   # not a group: ignored
        ent("e5", "Night Wolves"),                              # not in gold: false positive
    ])
    report = score([gold], [ext])
    assert counts(report, "groups") == (3, 1, 0)
    assert report.files[0]["false_positives"]["groups"] == ["Night Wolves"]


def test_group_matching_is_one_to_one() -> None:
    gold = gold_doc(groups=[grp("Tehrik-i-Taliban Pakistan", "TTP", "Pakistani Taliban")])
    ext = extraction(entities=[ent("e1", "TTP"), ent("e2", "Pakistani Taliban")])
    assert counts(score([gold], [ext]), "groups") == (1, 1, 0)

    # One extracted entity cannot stand for two gold groups.
    gold = gold_doc(groups=[grp("Afghan Taliban", "Taliban"), grp("Pakistani Taliban", "Taliban")])
    ext = extraction(entities=[ent("e1", "Taliban")])
    assert counts(score([gold], [ext]), "groups") == (1, 0, 1)


def test_group_matching_finds_the_best_assignment_not_the_first() -> None:
    # e1 fits both gold groups, e2 only the first: a greedy pass in order would give e1 the
    # first group and leave e2 unmatched; the best one-to-one matching matches both.
    gold = gold_doc(groups=[grp("Night Wolves", "Wolves"), grp("Grey Wolves", "Wolves")])
    ext = extraction(entities=[ent("e1", "Wolves"), ent("e2", "Night Wolves")])
    assert counts(score([gold], [ext]), "groups") == (2, 0, 0)


# -- relations ------------------------------------------------------------------------------------
def _two_groups(**parts) -> dict:
    return gold_doc(groups=[grp("Red Hand Brigade", "RHB"), grp("Night Wolves")], **parts)


_TWO_ENTS = [ent("a", "RHB"), ent("b", "night wolves")]


def test_symmetric_relation_matches_in_either_direction() -> None:
    gold = _two_groups(relations=[g_rel("Red Hand Brigade", "cooperates_with", "Night Wolves")])
    ext = extraction(entities=_TWO_ENTS, relations=[x_rel("b", "cooperates_with", "a")])
    report = score([gold], [ext])
    assert counts(report, "relations_typed") == (1, 0, 0)
    assert counts(report, "relations_untyped") == (1, 0, 0)


def test_directed_relation_needs_its_direction_but_the_pair_still_counts_untyped() -> None:
    gold = _two_groups(relations=[g_rel("Red Hand Brigade", "faction_of", "Night Wolves")])
    ext = extraction(entities=_TWO_ENTS, relations=[x_rel("b", "faction_of", "a")])
    report = score([gold], [ext])
    assert counts(report, "relations_typed") == (0, 1, 1)
    assert counts(report, "relations_untyped") == (1, 0, 0)


def test_wrong_type_is_typed_miss_but_untyped_hit() -> None:
    gold = _two_groups(relations=[g_rel("Red Hand Brigade", "rivals", "Night Wolves")])
    ext = extraction(entities=_TWO_ENTS, relations=[x_rel("a", "affiliated_with", "b")])
    report = score([gold], [ext])
    assert counts(report, "relations_typed") == (0, 1, 1)
    assert counts(report, "relations_untyped") == (1, 0, 0)
    assert report.files[0]["misses"]["relations_typed"] == [
        "Night Wolves <-rivals-> Red Hand Brigade"]


def test_relation_stated_twice_is_one_tie() -> None:
    gold = _two_groups(relations=[g_rel("Red Hand Brigade", "cooperates_with", "Night Wolves")])
    ext = extraction(entities=_TWO_ENTS, relations=[
        x_rel("a", "cooperates_with", "b", sentence=S2),
        x_rel("b", "cooperates_with", "a", sentence=S3),
    ])
    assert counts(score([gold], [ext]), "relations_typed") == (1, 0, 0)


def test_relation_to_an_unknown_group_is_a_false_positive() -> None:
    gold = _two_groups(relations=[g_rel("Red Hand Brigade", "cooperates_with", "Night Wolves")])
    ext = extraction(entities=[*_TWO_ENTS, ent("c", "Arvale Police", type="organization")],
                     relations=[x_rel("a", "cooperates_with", "b"),
                                x_rel("a", "rivals", "c")])
    report = score([gold], [ext])
    assert counts(report, "relations_typed") == (1, 1, 0)
    assert report.files[0]["false_positives"]["relations_typed"] == [
        "?Arvale Police <-rivals-> Red Hand Brigade"]


def test_duplicate_group_entity_still_maps_its_relations() -> None:
    # The extractor made two nodes for one group: one group false positive, but the relation
    # through the duplicate node is still the gold tie.
    gold = _two_groups(relations=[g_rel("Red Hand Brigade", "supports", "Night Wolves")])
    ext = extraction(entities=[*_TWO_ENTS, ent("a2", "Red Hand Brigade")],
                     relations=[x_rel("a2", "supports", "b")])
    report = score([gold], [ext])
    assert counts(report, "groups") == (2, 1, 0)
    assert counts(report, "relations_typed") == (1, 0, 0)


def test_polarity_and_modality_accuracy_over_typed_matches() -> None:
    gold = gold_doc(
        groups=[grp("Red Hand Brigade"), grp("Night Wolves"), grp("Grey Wolves")],
        relations=[
            g_rel("Red Hand Brigade", "cooperates_with", "Night Wolves", modality="reported"),
            g_rel("Night Wolves", "allegiance_to", "Grey Wolves", sentence=S3, polarity="negated"),
        ])
    ext = extraction(
        entities=[ent("a", "Red Hand Brigade"), ent("b", "Night Wolves"), ent("c", "Grey Wolves")],
        relations=[x_rel("a", "cooperates_with", "b", modality="reported"),
                   x_rel("b", "allegiance_to", "c", sentence=S3, polarity="positive")])
    report = score([gold], [ext])
    assert counts(report, "relations_typed") == (2, 0, 0)
    assert report.metrics["relation_polarity_acc"] == {"acc": 0.5, "n": 2}
    assert report.metrics["relation_modality_acc"] == {"acc": 1.0, "n": 2}
    errors = report.files[0]["relation_attr_errors"]
    assert [e["gold"]["polarity"] for e in errors] == ["negated"]


# -- optional items -------------------------------------------------------------------------------
def test_optional_items_are_neither_required_nor_penalised() -> None:
    gold = gold_doc(
        groups=[grp("Red Hand Brigade"), grp("Night Wolves"), grp("Grey Wolves", optional=True)],
        relations=[g_rel("Red Hand Brigade", "cooperates_with", "Night Wolves", optional=True),
                   g_rel("Night Wolves", "rivals", "Grey Wolves", optional=True)],
        events=[g_event(S1, location="Arvale"),
                g_event(S3, typ="arrest", optional=True)])
    ext = extraction(
        entities=[ent("a", "Red Hand Brigade"), ent("b", "Night Wolves")],
        relations=[x_rel("a", "cooperates_with", "b")],              # matches an optional one
        events=[x_event(S1, location="Arvale")])                      # the optional arrest: missed
    report = score([gold], [ext])
    assert counts(report, "groups") == (2, 0, 0)           # optional Grey Wolves missed: no FN
    assert counts(report, "relations_typed") == (0, 0, 0)  # found optional: no TP, no FP
    assert counts(report, "relations_untyped") == (0, 0, 0)
    assert counts(report, "events") == (1, 0, 0)
    assert report.files[0]["ignored_optional"]["relations_typed"] == 1
    assert report.metrics["relations_typed"]["f1"] == 1.0  # nothing claimed, nothing to find


def test_a_required_item_is_not_given_away_to_an_optional_one() -> None:
    gold = gold_doc(groups=[grp("Night Wolves", "Wolves", optional=True), grp("Grey Wolves", "Wolves")])
    ext = extraction(entities=[ent("e1", "Wolves")])
    assert counts(score([gold], [ext]), "groups") == (1, 0, 0)


# -- roles ----------------------------------------------------------------------------------------
def test_roles_match_lenient_person_names_and_mapped_groups() -> None:
    gold = gold_doc(groups=[grp("Night Wolves", "NW")], roles=[
        {"person": "Commander Tariq Mansour", "role": "commander", "group": "Night Wolves",
         "sentence": S3},
        {"person": "Hamza bin Ladin", "role": "leader", "group": "Night Wolves", "sentence": S3},
    ])
    ext = extraction(
        entities=[ent("g", "NW"), ent("p1", "Mansour", type="person"),
                  ent("p2", "Hamza", type="person"), ent("p3", "Commander", type="person")],
        roles=[{"person": "p1", "role": "commander", "group": "g", "evidence": evidence(S3)},
               {"person": "p2", "role": "member", "group": "g", "evidence": evidence(S3)},
               {"person": "p3", "role": "leader", "group": "g", "evidence": evidence(S3)}])
    report = score([gold], [ext])
    # Mansour matches; Hamza has the wrong role; "Commander" names nobody.
    assert counts(report, "roles") == (1, 2, 1)
    assert report.files[0]["misses"]["roles"] == ["Hamza bin Ladin (leader of Night Wolves)"]


# -- events ---------------------------------------------------------------------------------------
def test_events_sharing_a_sentence_pair_by_field_agreement() -> None:
    gold = gold_doc(groups=[grp("Red Hand Brigade")], events=[
        g_event(S2, location="Arvale bridge", target="bridge"),
        g_event(S2, location="Central Market", target="market"),
        g_event(S2, location="Girls School", target="school"),
    ])
    # Extracted in another order, one missing: each must pair with its own gold event.
    ext = extraction(entities=[ent("a", "Red Hand Brigade")], events=[
        x_event(S2, location="Girls School", target="a school"),
        x_event(S2, location="Arvale bridge", target="a bridge"),
    ])
    report = score([gold], [ext])
    assert counts(report, "events") == (2, 0, 1)
    assert report.metrics["event_fields"]["location"] == 1.0
    assert report.files[0]["misses"]["events"][0].startswith("attack @ Central Market")


def test_event_needs_same_type_and_an_overlapping_sentence() -> None:
    gold = gold_doc(events=[g_event(S1), g_event(S3, typ="arrest")])
    ext = extraction(events=[
        x_event(S1, typ="ban"),                    # right sentence, wrong type
        x_event(S2, typ="arrest"),                 # right type, wrong sentence
    ])
    assert counts(score([gold], [ext]), "events") == (0, 2, 2)


def test_event_evidence_may_be_split_differently_from_the_gold_sentence() -> None:
    # The extractor cut the gold sentence in two: its evidence still overlaps it.
    fragment = "killing four officers."
    gold = gold_doc(events=[g_event(S1)])
    ext = extraction(events=[x_event(S1, ev=evidence(fragment))])
    assert counts(score([gold], [ext]), "events") == (1, 0, 0)


def test_event_falls_back_to_containment_without_a_common_text() -> None:
    # The extraction's cleaned text does not contain the gold sentence verbatim (different
    # whitespace), so offsets cannot be compared: containment decides.
    cleaned = TEXT.replace("police post", "police  post")
    gold = gold_doc(events=[g_event(S1)])
    sent = S1.replace("police post", "police  post")
    ext = extraction(text=cleaned, events=[x_event(S1, ev=evidence(sent, cleaned))])
    assert counts(score([gold], [ext]), "events") == (1, 0, 0)


def test_event_field_accuracies() -> None:
    gold = gold_doc(
        groups=[grp("Red Hand Brigade", "RHB"), grp("Night Wolves")],
        events=[
            g_event(S1, location="Arvale", killed=4, date="2020-03-02",
                    perpetrators=["Red Hand Brigade"]),
            g_event(S2, typ="attack", location=None, killed=None, date=None,
                    perpetrators=["Red Hand Brigade", "Night Wolves"]),
        ])
    ext = extraction(
        entities=[ent("a", "RHB"), ent("b", "Night Wolves")],
        events=[
            # location contained in the gold one is right; killed and date right; perps right
            x_event(S1, location="Arvale, Northern Province", killed=4, date="2020-03-02",
                    perpetrators=["a"]),
            # gold null location vs a found one is wrong; nulls agree; one perpetrator missing
            x_event(S2, location="Arvale", killed=None, date=None, perpetrators=["b"]),
        ])
    report = score([gold], [ext])
    fields = report.metrics["event_fields"]
    assert fields == {"location": 0.5, "killed": 1.0, "date": 1.0, "perpetrators": 0.5, "n": 2}
    wrong = {e["field"] for e in report.files[0]["event_field_errors"]}
    assert wrong == {"location", "perpetrators"}


def test_optional_event_absorbs_an_extra_extraction_from_a_shared_sentence() -> None:
    gold = gold_doc(events=[g_event(S2, location="Arvale bridge"),
                            g_event(S2, location="Central Market", optional=True)])
    ext = extraction(events=[x_event(S2, location="Central Market"),
                             x_event(S2, location="Arvale bridge")])
    report = score([gold], [ext])
    assert counts(report, "events") == (1, 0, 0)
    assert report.metrics["event_fields"]["location"] == 1.0


# -- whole reports --------------------------------------------------------------------------------
def test_micro_average_sums_counts_over_files() -> None:
    g1 = gold_doc(id="a", groups=[grp("Red Hand Brigade")])
    g2 = gold_doc(id="b", groups=[grp("Night Wolves"), grp("Grey Wolves")])
    x1 = extraction(entities=[ent("e", "Red Hand Brigade")])
    x2 = extraction(entities=[ent("e", "Night Wolves"), ent("f", "Blue Lions")])
    report = score([g1, g2], [x1, x2])
    m = report.metrics["groups"]
    assert (m["tp"], m["fp"], m["fn"]) == (2, 1, 1)
    assert m["p"] == pytest.approx(2 / 3) and m["r"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 / 3)
    assert [f["id"] for f in report.files] == ["a", "b"]
    assert report.files[0]["metrics"]["groups"]["f1"] == 1.0


def test_extraction_error_record_scores_as_empty() -> None:
    gold = gold_doc(groups=[grp("Red Hand Brigade")], events=[g_event(S1)])
    report = score([gold], [{"id": "t1", "error": "t1: empty text"}])
    assert counts(report, "groups") == (0, 0, 1)
    assert counts(report, "events") == (0, 0, 1)
    assert report.files[0]["extraction_error"] == "t1: empty text"
    assert report.metrics["event_fields"]["location"] is None


def test_report_is_deterministic_and_readable() -> None:
    gold = _two_groups(relations=[g_rel("Red Hand Brigade", "rivals", "Night Wolves")],
                       events=[g_event(S1, location="Arvale")])
    ext = extraction(entities=[ent("a", "RHB"), ent("z", "Blue Lions")],
                     events=[x_event(S1, location="Bexley")])
    first = json.dumps(score([gold], [ext]).to_dict(), sort_keys=False)
    assert first == json.dumps(score([gold], [ext]).to_dict(), sort_keys=False)

    report = score([gold], [ext])
    text = report.format_text()
    assert "groups" in text and "0.500" in text and "miss group" not in text
    verbose = report.format_text(verbose=True)
    assert "miss group: Night Wolves" in verbose
    assert "false group: Blue Lions" in verbose
    assert "wrong event location: gold 'Arvale', got 'Bexley'" in verbose


def test_score_refuses_unpaired_inputs() -> None:
    with pytest.raises(ValueError, match="1 gold articles but 0 extractions"):
        score([gold_doc()], [])


# -- gold files -----------------------------------------------------------------------------------
def _write(path: Path, obj) -> Path:
    path.write_text(obj if isinstance(obj, str) else json.dumps(obj), encoding="utf-8")
    return path


def test_load_gold_reports_bad_files_by_name_and_keeps_the_rest(tmp_path: Path) -> None:
    _write(tmp_path / "a_good.json", gold_doc(id="good", groups=[grp("Night Wolves")]))
    _write(tmp_path / "b_broken.json", '{"id": "x", "text": ')
    _write(tmp_path / "c_nofield.json", {"id": "y", "text": "t", "groups": []})
    _write(tmp_path / "d_dangling.json", gold_doc(
        id="z", groups=[grp("Night Wolves")],
        relations=[g_rel("Night Wolves", "rivals", "Grey Wolves")]))
    _write(tmp_path / "e_badtype.json", gold_doc(id="w", events=[g_event(S1, typ="bombing")]))
    (tmp_path / "notes.txt").write_text("not gold")
    golds, errors = load_gold(tmp_path)
    assert [g["id"] for g in golds] == ["good"]
    assert golds[0]["_source"].endswith("a_good.json")
    by_file = {Path(e.source).name: e.reason for e in errors}
    assert list(by_file) == ["b_broken.json", "c_nofield.json", "d_dangling.json",
                             "e_badtype.json"]
    assert "malformed JSON" in by_file["b_broken.json"]
    assert "'relations'" in by_file["c_nofield.json"]
    assert "'Grey Wolves' is not the name of a group" in by_file["d_dangling.json"]
    assert "unknown event type 'bombing'" in by_file["e_badtype.json"]


def test_load_gold_refuses_missing_and_empty_directories(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such directory"):
        load_gold(tmp_path / "absent")
    with pytest.raises(InputError, match="no \\*.json gold files"):
        load_gold(tmp_path)


# -- floors ---------------------------------------------------------------------------------------
def test_floors_round_trip_and_follow_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus / "a.json", gold_doc(groups=[grp("Night Wolves"), grp("Grey Wolves")]))
    golds, _ = load_gold(corpus)
    report = score(golds, [extraction(entities=[ent("e", "Night Wolves")])])
    floors_path = tmp_path / "floors.json"
    write_floors(report, corpus, floors_path)
    pinned = read_floors(floors_path)
    assert pinned["corpus_sha256"] == corpus_sha256(corpus)
    assert sorted(pinned["floors"]) == sorted(HEADLINE)
    assert pinned["floors"]["groups_f1"] == 0.6666            # rounded down, never up
    assert headline_scores(report)["groups_f1"] >= pinned["floors"]["groups_f1"]
    assert pinned["floors"]["event_location_acc"] == 0.0     # undefined accuracy pins as 0

    before = corpus_sha256(corpus)
    _write(corpus / "a.json", gold_doc(groups=[grp("Night Wolves")]))
    assert corpus_sha256(corpus) != before


# -- the command ----------------------------------------------------------------------------------
def test_cli_refuses_a_missing_or_empty_directory(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", str(tmp_path / "absent")])
    assert result.exit_code == 2
    assert "no such directory" in result.output
    result = runner.invoke(main, ["evaluate", str(tmp_path)])
    assert result.exit_code == 2
    assert "contains no *.json gold files" in result.output


def test_cli_scores_good_files_and_names_the_bad_one(tmp_path: Path) -> None:
    try:
        from militantmap.extract import extract_many  # noqa: F401
    except ImportError as err:
        pytest.skip(f"the extractor (militantmap.extract.extract_many) is not importable: {err}")
    # A gold file with nothing to find: the test does not depend on what the extractor finds.
    _write(tmp_path / "good.json",
           gold_doc(id="g1", text="The weather in the valley was mild on Tuesday."))
    _write(tmp_path / "bad.json", "{not json")
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", str(tmp_path), "--json"])
    assert result.exit_code == 1, result.output
    assert "bad.json: malformed JSON" in result.stderr
    data = json.loads(result.stdout)
    assert data["n_files"] == 1 and [f["id"] for f in data["files"]] == ["g1"]
    assert data["metrics"]["groups"]["fn"] == 0
    assert [Path(e["source"]).name for e in data["errors"]] == ["bad.json"]

    text = runner.invoke(main, ["evaluate", str(tmp_path), "--verbose"])
    assert text.exit_code == 1
    assert "1 file(s) scored, 1 bad gold file(s) skipped" in text.stdout
    assert "== g1" in text.stdout
