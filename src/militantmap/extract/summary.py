"""A readable summary of one extraction, for a person at a terminal (`--format text`)."""
from __future__ import annotations

import textwrap

from militantmap.schema import RELATION_WORDS

_REL_WORDS = RELATION_WORDS


def format_summary(ex: dict, width: int = 100) -> str:
    if "error" in ex:
        return f"{ex.get('id')}: error: {ex['error']}"
    art = ex["article"]
    names = {e["id"]: e["name"] for e in ex["entities"]}
    lines = []
    head = art.get("title") or art["id"][:16]
    lines.append(f"== {head}")
    meta = [x for x in (art.get("publisher"), art.get("published"), art.get("url")) if x]
    if meta:
        lines.append("   " + " | ".join(meta))
    groups = [e for e in ex["entities"] if e["type"] == "armed_group"]
    lines.append(f"Groups ({len(groups)}):")
    for g in groups:
        tag = g["kb_id"] or "new, not in the gazetteer"
        aliases = ", ".join(a for a in g["aliases"] if a != g["name"])
        lines.append(f"  - {g['name']} [{tag}]" + (f"  also: {aliases}" if aliases else ""))
    lines.append(f"Ties ({len(ex['relations'])}):")
    for r in ex["relations"]:
        verb = _REL_WORDS[r["type"]]
        neg = "NOT " if r["polarity"] == "negated" else ""
        lines.append(f"  - {names[r['subject']]} {neg}{verb} {names[r['object']]}"
                     f"  [{r['modality']}, according to {_who(r)}, confidence {r['confidence']}]")
        lines.append(_quote(r["evidence"]["sentence"], width))
    lines.append(f"Roles ({len(ex['roles'])}):")
    for r in ex["roles"]:
        lines.append(f"  - {names[r['person']]}: {r['role']} of {names[r['group']]}{_hedging(r)}")
        lines.append(_quote(r["evidence"]["sentence"], width))
    lines.append(f"Events ({len(ex['events'])}):")
    for ev in ex["events"]:
        loc = ev["location"] or {}
        where = ", ".join(x for x in (loc.get("name"), loc.get("country")) if x) or "place unknown"
        when = ev["date"] or (f"'{ev['date_text']}'" if ev["date_text"] else "date unknown")
        parts = [f"{ev['type']} {when} in {where}"]
        if ev["perpetrators"]:
            parts.append("by " + ", ".join(names[p] for p in ev["perpetrators"]))
        if ev["claimed_by"]:
            parts.append("claimed by " + ", ".join(names[p] for p in ev["claimed_by"]))
        if ev["target"]:
            parts.append(f"target: {ev['target']}")
        if ev["killed"]:
            parts.append(f"killed: {ev['killed']['value']} ({ev['killed']['qualifier']})")
        if ev["wounded"]:
            parts.append(f"wounded: {ev['wounded']['value']} ({ev['wounded']['qualifier']})")
        lines.append("  - " + "; ".join(parts) + _hedging(ev))
        lines.append(_quote(ev["evidence"]["sentence"], width))
    return "\n".join(lines)


def _who(fact: dict) -> str:
    att = fact.get("attribution")
    return f"{att['text']} ({att['kind']})" if att else "the outlet"


def _hedging(fact: dict) -> str:
    """"  [reported, according to police (anonymous_official)]"; nothing for an extraction
    without it (before 0.4.0)."""
    if not fact.get("modality"):
        return ""
    return f"  [{fact['modality']}, according to {_who(fact)}]"


def _quote(sentence: str, width: int) -> str:
    return textwrap.fill(
        " ".join(sentence.split()), width=width, initial_indent="      > ", subsequent_indent="        "
    )
