"""In-text acronym definitions: "Full Name (ACR)" and "ACR (Full Name)" link the acronym to the
name's group (known or new) for the rest of the text. Invented sentences and invented group
names throughout."""
from __future__ import annotations

import pytest

from extract_helpers import groups, run


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        # a new group defined by its English initials, the acronym reused later
        ("The Brigade of the Northern Hills (BNH) ambushed a convoy near Tarkuz. "
         "Officials said the BNH had fled.", "Brigade of the Northern Hills", {"BNH"}),
        # a two-letter acronym, once the text defines it
        ("Fighters of the Zarqan Army (ZA) clashed with troops on Friday. The ZA denied losses.",
         "Zarqan Army", {"ZA"}),
        # acronym first, the name in brackets
        ("Rebels of the KLF (Kovar Liberation Front) attacked a barracks. The KLF retreated.",
         "Kovar Liberation Front", {"KLF"}),
        # the acronym of the name in its own language: letters of the initials in another order
        ("Police blamed the Kovar Liberation Movement (MLK) for the bombing.",
         "Kovar Liberation Movement", {"MLK"}),
    ],
)
def test_definition_discovers_group_with_acronym(text: str, name: str, aliases: set[str]) -> None:
    found = groups(run(text))
    assert name in found, found
    assert aliases <= set(found[name]["aliases"])


def test_definition_links_acronym_to_known_generic_name() -> None:
    # a gazetteer name too generic to match alone becomes specific once the text defines it;
    # another group in the sentence is context enough
    ex = run("Hamas is said to have worked with the Revolutionary Action Movement (MAR).")
    found = groups(ex)
    assert "Revolutionary Action Movement" in found, found
    assert "MAR" in found["Revolutionary Action Movement"]["aliases"]
    assert found["Revolutionary Action Movement"]["kb_id"] == "revolutionary-action-movement"


@pytest.mark.parametrize(
    "text",
    [
        # civil bodies and states stay out, whatever their acronym
        "The World Farming Organization (WFO) published a report on wheat prices.",
        "Voters backed the Green Reform Party (GRP) in the election.",
        "The Kovar National Army (KNA) held a parade in the capital.",
        # an acronym that does not fit the name defines nothing
        "The Northern Hills Brigade (XQ) was mentioned at the fair.",
        # a group-like name without any conflict cue or other group
        "The Blue Lake Movement (BLM) hosted a concert on Sunday.",
    ],
)
def test_definition_needs_a_group_and_context(text: str) -> None:
    assert groups(run(text)) == {}


@pytest.mark.parametrize(
    ("text", "kb_id"),
    [
        # a misspelt known name next to another group, no conflict cue
        ("Abdul Rauf, a former Harkat-ul-Mujahedine commander, later joined Lashkar-e-Taiba.",
         "harkat-ul-mujahideen"),
        ("In 2004 the Lashkar-e-Taiba and Hizbul-ul-Mujahideen set up joint camps.",
         "hizbul-mujahideen"),
    ],
)
def test_misspelt_known_name_links_with_context(text: str, kb_id: str) -> None:
    found = groups(run(text))
    assert kb_id in {g["kb_id"] for g in found.values()}, found


def test_misspelt_name_without_context_stays_out() -> None:
    assert groups(run("Abdul Rauf met Harkat-ul-Mujahedine on Main Street to discuss a cafe.")) == {}


def _local_rows() -> list[dict]:
    import json
    from importlib import resources

    path = resources.files("militantmap").joinpath("data", "group_context.json")
    return json.loads(path.read_text(encoding="utf-8"))["local_names"]["rows"]


@pytest.mark.parametrize("row", _local_rows(), ids=lambda r: r["alias"])
def test_local_name_rows_relink_their_examples(row: dict) -> None:
    found = groups(run(row["example"]))
    assert row["group"] in {g["kb_id"] for g in found.values()}, found


def test_local_name_needs_the_country() -> None:
    # the same acronym in a Pakistani story keeps its usual group
    found = groups(run("ASWJ activists clashed with police in Karachi, Pakistan, on Friday."))
    assert "ahlu-sunna-wal-jamaa" not in {g["kb_id"] for g in found.values()}
