"""A regular army's formation numbered by an ordinal ("the 93rd Brigade", "25th Infantry
Brigade") is no armed group; groups named by a year or a date keep their names. Sentences
written for these tests."""
from __future__ import annotations

import pytest
from extract_helpers import groups, run


@pytest.mark.parametrize("text", [
    "A commander of the Malian army's 41st Brigade said jihadists had shelled positions near Gao.",
    "Soldiers of the 7th Infantry Division of the Nigerian Army repelled an attack on Konduga.",
    "The Second Mechanized Battalion, a unit of Chad's armed forces, said it had retaken the town.",
])
def test_a_numbered_army_formation_is_no_group(text):
    assert not groups(run(text)), groups(run(text))


@pytest.mark.parametrize("text, name", [
    ("The 1920 Revolution Brigades claimed the attack on a convoy near Fallujah.", "revolution brigades"),
    ("Members of the 23 March Movement ambushed an army patrol near Rutshuru.", "march"),
])
def test_a_group_named_by_a_year_or_a_date_is_kept(text, name):
    found = [g["name"].lower() for g in groups(run(text)).values()]
    assert any(name in n for n in found), found


def test_a_date_in_a_listed_name_reads_in_either_order():
    # the gazetteer lists "Revolutionary Organization 17 November"; American outlets write "November 17"
    found = [g["name"] for g in groups(run("The Revolutionary Organization November 17 claimed the bombing "
                                           "of a bank in Piraeus.")).values()]
    assert found == ["Revolutionary Organization 17 November"], found


@pytest.mark.parametrize("text", [
    "Jamiat Ulema-e-Pakistan, the country's oldest religious party, held a rally in Karachi against the bombing.",
    "The Sons of Liberty Movement, a far-right party, denied any role in the attack on the mosque.",
])
def test_a_name_its_apposition_calls_a_party_is_no_group(text):
    assert not groups(run(text)), groups(run(text))


def test_a_name_its_apposition_calls_a_militant_group_is_kept():
    found = [g["name"] for g in groups(run("The Hill Front, a separatist militant group, claimed the bombing "
                                           "of the pipeline.")).values()]
    assert found == ["Hill Front"], found
