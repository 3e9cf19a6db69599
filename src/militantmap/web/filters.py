"""Filters of the network and events views: read from the query string, checked, explained.

A bad value becomes an InputError naming the parameter (HTTP 422 with that message), never a
silently ignored filter.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Query

from militantmap import schema
from militantmap.errors import InputError

RELATION_TYPES = list(schema.RELATION_TYPES)
DIRECTED_TYPES = schema.DIRECTED


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(name, f"{value!r} is not a date as YYYY-MM-DD") from None


@dataclass
class GraphFilters:
    types: list[str] = field(default_factory=lambda: list(RELATION_TYPES))
    since: dt.date | None = None
    until: dt.date | None = None
    min_confidence: float = 0.0
    color: str = "community"
    isolated: bool = False
    include_undated: bool = False  # keep undated ties in a date filter
    denied: bool = False            # also draw the ties the sources deny
    expand: list[str] = field(default_factory=list)  # groups whose every tie is added (issue 10)

    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def narrows(self) -> bool:
        """True when some tie of the store may be left out of the view."""
        return (set(self.types) != set(RELATION_TYPES) or self.since is not None
                or self.until is not None or self.min_confidence > 0)

    def query_pairs(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if set(self.types) != set(RELATION_TYPES):
            pairs += [("type", t) for t in self.types]
        if self.since:
            pairs.append(("since", self.since.isoformat()))
        if self.until:
            pairs.append(("until", self.until.isoformat()))
        if self.min_confidence:
            pairs.append(("min_confidence", f"{self.min_confidence:g}"))
        if self.color != "community":
            pairs.append(("color", self.color))
        if self.isolated:
            pairs.append(("isolated", "1"))
        if self.include_undated:
            pairs.append(("include_undated", "1"))
        if self.denied:
            pairs.append(("denied", "1"))
        pairs += [("expand", key) for key in self.expand]
        return pairs


def graph_query(
    type: Annotated[list[str] | None, Query()] = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: str | None = None,
    color: str = "community",
    isolated: str | None = None,
    include_undated: str | None = None,
    denied: str | None = None,
    expand: Annotated[list[str] | None, Query()] = None,
) -> GraphFilters:
    """The network filters of a request (a FastAPI dependency shared by the page and the API)."""
    chosen = graph_filters(type, since, until, min_confidence, color, isolated, include_undated)
    chosen.denied = _flag(denied)
    keys = list(dict.fromkeys(k.strip()[:200] for k in expand or [] if k.strip()))
    if len(keys) > 50:
        raise InputError("expand", f"{len(keys)} groups to expand", "expand at most 50 at a time")
    chosen.expand = keys
    return chosen


def _flag(value: str | None) -> bool:
    return value not in (None, "", "0", "false")


def graph_filters(types: list[str] | None, since: str | None, until: str | None,
                  min_confidence: str | None, color: str | None, isolated: str | None,
                  include_undated: str | None = None) -> GraphFilters:
    chosen = [t for t in (types or []) if t]
    unknown = [t for t in chosen if t not in RELATION_TYPES]
    if unknown:
        raise InputError("type", f"unknown relation type {unknown[0]!r}",
                         "use one of " + ", ".join(RELATION_TYPES))
    try:
        conf = float(min_confidence) if min_confidence not in (None, "") else 0.0
    except ValueError:
        raise InputError("min_confidence", f"{min_confidence!r} is not a number") from None
    if not 0.0 <= conf <= 1.0 or math.isnan(conf):
        raise InputError("min_confidence", f"{conf:g} is outside 0..1")
    if color not in (None, "", "community", "region"):
        raise InputError("color", f"{color!r} is not a colouring", "use community or region")
    filters = GraphFilters(types=chosen or list(RELATION_TYPES),
                           since=parse_date(since, "since"), until=parse_date(until, "until"),
                           min_confidence=conf, color=color or "community",
                           isolated=_flag(isolated), include_undated=_flag(include_undated))
    if filters.since and filters.until and filters.since > filters.until:
        raise InputError("since", f"{filters.since} is after until ({filters.until})")
    return filters


@dataclass
class TieFilters:
    group: str | None = None
    types: list[str] = field(default_factory=list)  # empty: every type
    since: dt.date | None = None
    until: dt.date | None = None
    min_confidence: float = 0.0
    modality: str | None = None
    include_undated: bool = False
    polarity: str | None = None  # positive: only asserted ties; negated: only denied ones

    def dated(self) -> bool:
        return self.since is not None or self.until is not None


def tie_query(
    group: str | None = None,
    type: Annotated[list[str] | None, Query()] = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: str | None = None,
    modality: str | None = None,
    include_undated: str | None = None,
    polarity: str | None = None,
) -> TieFilters:
    """The ties filters of a request (the ties page and its downloads)."""
    return tie_filters(group, type, since, until, min_confidence, modality, include_undated, polarity)


def tie_filters(group: str | None, types: list[str] | None, since: str | None, until: str | None,
                min_confidence: str | None, modality: str | None,
                include_undated: str | None = None, polarity: str | None = None) -> TieFilters:
    from militantmap.store.select import check_modality, check_polarity

    base = graph_filters(types, since, until, min_confidence, None, None, include_undated)
    chosen = [t for t in (types or []) if t]
    return TieFilters(group=(group or "").strip() or None, types=chosen, since=base.since,
                      until=base.until, min_confidence=base.min_confidence,
                      modality=check_modality((modality or "").strip() or None),
                      include_undated=base.include_undated,
                      polarity=check_polarity((polarity or "").strip() or None))


@dataclass
class EventFilters:
    group: str | None = None
    country: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    include_undated: bool = False  # keep undated events in a date filter

    def dated(self) -> bool:
        return self.since is not None or self.until is not None


def event_query(
    group: str | None = None,
    country: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    include_undated: str | None = None,
) -> EventFilters:
    """The events filters of a request (a FastAPI dependency of the page and its downloads)."""
    return event_filters(group, country, type, since, until, place, include_undated)


def event_filters(group: str | None, country: str | None, type: str | None, since: str | None,
                  until: str | None, place: str | None = None,
                  include_undated: str | None = None) -> EventFilters:
    from militantmap.web.charts import EVENT_TYPES

    if type and type not in EVENT_TYPES:
        raise InputError("type", f"unknown event type {type!r}", "use one of "
                         + ", ".join(EVENT_TYPES))
    return EventFilters(group=(group or "").strip() or None,
                        country=(country or "").strip() or None, type=type or None,
                        since=parse_date(since, "since"), until=parse_date(until, "until"),
                        place=(place or "").strip() or None, include_undated=_flag(include_undated))
