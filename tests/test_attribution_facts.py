"""Roles and events carry who asserted them and how firmly, like relations (extractor 0.4.0).

Every sentence here was written for these tests (not taken from any corpus).
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from militantmap.article import Article
from militantmap.extract import extract

MODALITIES = {"asserted", "reported", "planned", "speculated"}
KINDS = {"outlet", "named_official", "anonymous_official", "group_spokesperson", "militant_source",
         "other_media", "unknown"}


def run(text: str) -> dict:
    return extract(Article(text=text, published=dt.date(2024, 3, 4), source="test"))


def names(ex: dict) -> dict[str, str]:
    return {e["id"]: e["name"] for e in ex["entities"]}


def only_event(ex: dict) -> dict:
    assert len(ex["events"]) == 1, ex["events"]
    return ex["events"][0]


def only_role(ex: dict) -> dict:
    assert len(ex["roles"]) == 1, ex["roles"]
    return ex["roles"][0]


def test_an_event_a_police_source_reports_is_reported_by_an_anonymous_official():
    ev = only_event(run("Police said al-Shabaab gunmen killed five people in Baidoa on Monday."))
    assert ev["modality"] == "reported"
    assert ev["attribution"] == {"text": "Police", "kind": "anonymous_official", "entity": None}


def test_a_named_official_is_linked_to_the_person_entity():
    ex = run("Police commissioner Abdi Hassan Hijar said al-Shabaab gunmen killed five people in "
             "Baidoa on Monday.")
    ev = only_event(ex)
    assert ev["modality"] == "reported"
    assert ev["attribution"]["kind"] == "named_official"
    assert ev["attribution"]["text"] == "Police commissioner Abdi Hassan Hijar"
    assert names(ex)[ev["attribution"]["entity"]] == "Abdi Hassan Hijar"


def test_an_anonymous_source_at_the_end_of_the_sentence():
    ev = only_event(run("Al-Shabaab gunmen killed five people in Baidoa on Monday, a police officer "
                        "who asked not to be named told Reuters."))
    assert ev["modality"] == "reported"
    assert ev["attribution"]["kind"] == "anonymous_official"
    assert ev["attribution"]["text"].startswith("a police officer")


def test_an_event_the_outlet_states_itself_is_asserted_with_no_attribution():
    ev = only_event(run("Al-Shabaab stormed a hotel in Mogadishu on Saturday, killing at least 14 people."))
    assert (ev["modality"], ev["attribution"]) == ("asserted", None)


def test_a_hedged_event_is_speculated_and_keeps_its_speaker():
    ev = only_event(run("Al-Shabaab gunmen may have killed five people in Baidoa on Monday, a local "
                        "elder told Reuters."))
    assert ev["modality"] == "speculated"
    assert ev["attribution"]["text"] == "a local elder"


def test_a_group_claiming_an_attack_is_the_outlets_statement_not_a_speaker():
    # "G, a designated group, claimed responsibility for ...": what follows "claimed" is the
    # claim, not who made it (it used to be read as an inverted speaker, "..., said X").
    ev = only_event(run("Al-Shabaab, a U.S.-designated terrorist group, claimed responsibility for "
                        "the hotel attack in Mogadishu on Tuesday."))
    assert (ev["modality"], ev["attribution"]) == ("asserted", None)


def test_a_group_spokesman_reporting_an_attack():
    ex = run("Ali Dhere, a spokesman for al-Shabaab, said the group attacked a military base in "
             "Baidoa on Monday.")
    ev = only_event(ex)
    assert ev["modality"] == "reported"
    assert ev["attribution"]["kind"] == "group_spokesperson"
    assert ev["attribution"]["text"] == "Ali Dhere, a spokesman for al-Shabaab"  # not what he said
    assert names(ex)[ev["attribution"]["entity"]] == "Ali Dhere"


def test_a_merged_event_is_attributed_from_its_evidence_sentence():
    # The perpetrator comes from the first sentence (the outlet's), the toll and the evidence
    # from the second (the police's): the event is attributed as its evidence sentence is.
    ex = run("Al-Shabaab fighters stormed a hotel in Mogadishu.\n\n"
             "The siege of the hotel in Mogadishu on Saturday killed at least 14 people and wounded "
             "20 others, police said.")
    ev = only_event(ex)
    assert ev["evidence"]["sentence"].startswith("The siege of the hotel")
    assert [names(ex)[p] for p in ev["perpetrators"]] == ["al-Shabaab"]
    assert ev["modality"] == "reported"
    assert ev["attribution"] == {"text": "police", "kind": "anonymous_official", "entity": None}


def test_a_role_officials_believe_in_is_speculated_and_theirs():
    role = only_role(run("Ahmed Diriye, who leads al-Shabaab, may have been wounded in the strike, "
                         "officials said."))
    assert role["role"] == "leader"
    assert role["modality"] == "speculated"
    assert role["attribution"] == {"text": "officials", "kind": "anonymous_official", "entity": None}


def test_an_alleged_leader_is_speculated_by_the_outlet():
    role = only_role(run("Ahmed Diriye, the alleged leader of al-Shabaab, is believed to be hiding "
                         "near Jilib."))
    assert (role["role"], role["modality"], role["attribution"]) == ("leader", "speculated", None)


def test_a_role_an_official_reports_is_reported():
    role = only_role(run("Al-Shabaab is led by Ahmed Diriye, according to a senior police officer."))
    assert role["modality"] == "reported"
    assert role["attribution"] == {"text": "a senior police officer", "kind": "anonymous_official",
                                   "entity": None}


@pytest.mark.parametrize("text", [
    "Ali Dhere, a spokesman for al-Shabaab, said the group would fight on.",
    "Al-Shabaab spokesman Ali Dhere said the group would fight on.",
    ('"We attacked the base in Baidoa on Monday and killed ten soldiers," said Ali Dhere, a spokesman '
     "for al-Shabaab."),
])
def test_the_speakers_own_title_is_the_outlets_description(text: str):
    # The outlet names its source's title; the source does not assert it: asserted, no speaker
    # (as for faction ties read off a noun phrase).
    ex = run(text)
    role = only_role(ex)
    assert (names(ex)[role["person"]], role["role"]) == ("Ali Dhere", "spokesperson")
    assert (role["modality"], role["attribution"]) == ("asserted", None)


def test_a_relation_and_an_event_of_one_sentence_share_its_speaker():
    ex = run("Al-Shabaab, which is allied with al-Qaeda, attacked a military base in Baidoa on Monday, "
             "police said.")
    (relation,) = ex["relations"]
    ev = only_event(ex)
    assert relation["attribution"] == {"text": "police", "kind": "anonymous_official", "entity": None}
    assert (ev["modality"], ev["attribution"]) == (relation["modality"], relation["attribution"])


def test_every_role_and_event_has_the_fields_and_output_is_deterministic():
    text = ("Ali Dhere, a spokesman for al-Shabaab, said the group attacked a military base in Baidoa "
            "on Monday.\n\nAl-Shabaab is led by Ahmed Diriye, according to a senior police officer.\n\n"
            "Police said al-Shabaab gunmen killed five people in Kismayo on Tuesday.")
    first, second = run(text), run(text)
    assert json.dumps(first, sort_keys=False) == json.dumps(second, sort_keys=False)
    assert first["roles"] and first["events"]
    for fact in first["roles"] + first["events"]:
        assert fact["modality"] in MODALITIES
        att = fact["attribution"]
        assert att is None or (set(att) == {"text", "kind", "entity"} and att["kind"] in KINDS)
        # the fields sit before the evidence, as in relations
        keys = list(fact)
        assert keys.index("modality") < keys.index("attribution") < keys.index("evidence")


def test_hedges_about_the_attackers_or_the_toll_do_not_hedge_the_incident():
    for text in ("Suspected Boko Haram militants killed 12 farmers near Maiduguri on Sunday.",
                 "Al-Shabaab gunmen stormed a hotel in Kismayo on Sunday and officials said the death "
                 "toll could rise."):
        ex = run(text)
        (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
        assert ev["modality"] != "speculated", text
    ex = run("Al-Shabaab fighters probably attacked a base in Kismayo on Sunday, killing 4 soldiers.")
    (ev,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert ev["modality"] == "speculated"
