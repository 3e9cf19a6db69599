""""Did you mean" (issue 10): the nearest group names and aliases, countries and places of the
store to a name it does not know, by rapidfuzz's edit similarity over the normalised strings.
Only called when a look-up failed or a filter matched nothing, so it reads the names afresh."""
from __future__ import annotations

from sqlalchemy import select

from militantmap.store.db import get_engine, read_snapshot
from militantmap.store.schema import aliases, entities, incidents

KINDS = ("group", "country", "place")
CUTOFF = 75  # rapidfuzz ratio (edit similarity, 0..100): WRatio's partial matching let a
# two-letter alias match any long word; below 75 a suggestion is more noise than help


def did_you_mean(db_url: str | None, kind: str, text: str, limit: int = 3) -> list[str]:
    """Up to `limit` names of the store close to `text` (best first): group names (an alias
    that matches suggests its group's name), countries or places of events."""
    from rapidfuzz import fuzz, process, utils

    text = (text or "").strip()
    if not text or kind not in KINDS:
        return []
    choices = _choices(db_url, kind)
    if any(c.casefold() == text.casefold() for c in choices):
        return []  # a name the store knows: nothing to correct
    found = process.extract(text, list(choices), scorer=fuzz.ratio, processor=utils.default_process,
                            limit=limit * 4, score_cutoff=CUTOFF)
    out: list[str] = []
    # Only the close runners-up: "al shabab" suggests al-Shabaab, not every "al-" group.
    best = found[0][1] if found else 0
    for choice, score, _ in found:
        if score < best - 5:
            continue
        name = choices[choice]
        if name not in out and name.casefold() != text.casefold():
            out.append(name)
    return out[:limit]


def _choices(db_url: str | None, kind: str) -> dict[str, str]:
    """Spelling -> the name to suggest."""
    out: dict[str, str] = {}
    with read_snapshot(get_engine(db_url)) as conn:
        if kind == "group":
            from militantmap.store import queries

            ents = queries._Entities.load(conn)
            q = select(entities.c.id, entities.c.name).where(entities.c.type == "armed_group")
            for r in conn.execute(q):
                out.setdefault(r.name, ents.ref(r.id)["name"])
            q = (select(aliases.c.alias, aliases.c.entity_id)
                 .join(entities, entities.c.id == aliases.c.entity_id)
                 .where(entities.c.type == "armed_group"))
            for r in conn.execute(q):
                out.setdefault(r.alias, ents.ref(r.entity_id)["name"])
        else:
            column = incidents.c.country if kind == "country" else incidents.c.location_name
            for (value,) in conn.execute(select(column).distinct()):
                if value:
                    out.setdefault(value, value)
            if kind == "country":
                for (value,) in conn.execute(select(entities.c.country).distinct()):
                    if value:
                        out.setdefault(value, value)
    return out


def hint(suggestions: list[str]) -> str:
    """'did you mean "A" or "B"?' (empty when there is nothing to suggest)."""
    if not suggestions:
        return ""
    quoted = [f"“{s}”" for s in suggestions]
    return "did you mean " + (", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1
                              else quoted[0]) + "?"
