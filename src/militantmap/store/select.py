"""Row filters the store's queries do not apply themselves (issue 10: the same filters in the
CLI, the API and the pages). The CLI commands and the web app both call these on what the
query functions return, so a filter cannot mean one thing in one place and another elsewhere."""
from __future__ import annotations

from collections.abc import Iterable

from militantmap import schema
from militantmap.errors import InputError


def check_modality(modality: str | None) -> str | None:
    if modality in (None, ""):
        return None
    if modality not in schema.MODALITIES:
        raise InputError("modality", f"unknown modality {modality!r}",
                         "use one of " + ", ".join(schema.MODALITIES))
    return modality


POLARITIES = ("positive", "negated")


def check_polarity(polarity: str | None) -> str | None:
    if polarity in (None, ""):
        return None
    if polarity not in POLARITIES:
        raise InputError("polarity", f"unknown polarity {polarity!r}",
                         "use positive (ties the sources assert) or negated (ties they deny)")
    return polarity


def pick_ties(rows: Iterable[dict], types: Iterable[str] | None = None, modality: str | None = None,
              group_id: str | None = None, polarity: str | None = None) -> list[dict]:
    """Ties of the given types (any when None), with that modality (the one most of their
    sentences have), touching that group (by id), asserted (positive) or denied (negated)."""
    wanted = set(types) if types else None
    return [t for t in rows
            if (wanted is None or t["type"] in wanted)
            and (modality is None or t.get("modality") == modality)
            and (polarity is None or t.get("polarity", "positive") == polarity)
            and (group_id is None or group_id in (t["subject"]["id"], t["object"]["id"]))]


def pick_events(rows: Iterable[dict], type: str | None = None, place: str | None = None) -> list[dict]:
    """Events of one type, at one place (the place name as stored, any case)."""
    return [e for e in rows
            if (type is None or e.get("type") == type)
            and (place is None or (e.get("location") or "").casefold() == place.casefold())]
