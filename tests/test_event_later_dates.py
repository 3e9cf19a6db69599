"""An incident told as happening a short time after the one before ("Just days later", "The
next day", "Two days later", "Hours later") takes its date from that one, as precisely as the
phrase allows (extract/events.py, _later_dates). Sentences written for this test."""
from __future__ import annotations

import pytest

from extract_helpers import run

PUB = "2024-05-10"


def _dates(text: str) -> list:
    return [(e.get("date") or {}).get("iso") if isinstance(e.get("date"), dict) else e.get("date")
            for e in run(text, PUB)["events"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen stormed a hotel in Mogadishu on Friday, killing 12 people. The next day, a car bomb "
     "exploded near a market in Baidoa, killing five.", ["2024-05-10", "2024-05-11"]),
    ("Al-Shabaab attacked a base in Lower Shabelle on March 3. Two days later, the militants "
     "ambushed a convoy near Afgoye.", ["2024-03-03", "2024-03-05"]),
    ("Last month, BLA insurgents ambushed a bus in Kalat and killed 18 of those on board. Just days "
     "later, a roadside bomb blast killed 11 coal miners in Mastung.", ["2024-04", "2024-04"]),
])
def test_a_later_incident_is_dated_from_the_one_before(text, expected):
    assert _dates(text) == expected


def test_with_no_dated_incident_before_a_later_one_stays_undated():
    assert _dates("Gunmen stormed a hotel in Mogadishu, killing 12 people. Days later, a car bomb "
                  "exploded near a market in Baidoa, killing five.") == [None, None]

