"""The fact types of militantmap, in one place: the extractor, the store, the web app, the exports,
the evaluation and the CLI all read them from here, so a new type is one entry.

A leaf module: it imports nothing from the package.
The JSON these types travel in is specified in ../shared/extraction-format.md and docs/extraction.md.
"""
from __future__ import annotations

from typing import Literal, TypedDict

SCHEMA = "militantmap.extraction/1"

# -- entities ---------------------------------------------------------------------------------
ARMED_GROUP = "armed_group"
PERSON = "person"
LOCATION = "location"
ORGANIZATION = "organization"
ENTITY_TYPES = (ARMED_GROUP, PERSON, LOCATION, ORGANIZATION)

# -- ties between groups ------------------------------------------------------------------------
# In the order pages and option lists show them. A symmetric tie reads the same both ways; a
# directed one reads subject -> object ("X faction_of Y": X is the faction).
RELATION_TYPES: tuple[str, ...] = (
    "cooperates_with", "affiliated_with", "allegiance_to", "faction_of", "rivals", "supports")
SYMMETRIC: frozenset[str] = frozenset({"cooperates_with", "affiliated_with", "rivals"})
DIRECTED: frozenset[str] = frozenset(RELATION_TYPES) - SYMMETRIC
# How a tie reads in a sentence, subject first.
RELATION_WORDS: dict[str, str] = {
    "cooperates_with": "cooperates with",
    "affiliated_with": "is affiliated with",
    "allegiance_to": "pledges allegiance to",
    "faction_of": "is a faction of",
    "rivals": "is a rival of",
    "supports": "supports",
}

# -- people's roles in groups -------------------------------------------------------------------
ROLE_TYPES: tuple[str, ...] = (
    "leader", "deputy_leader", "founder", "commander", "spokesperson", "member")

# -- events ---------------------------------------------------------------------------------------
EVENT_TYPES: tuple[str, ...] = ("attack", "leader_killed", "arrest", "ban", "military_operation")

# -- qualifiers every fact carries ----------------------------------------------------------------
POLARITIES: tuple[str, ...] = ("positive", "negated")
MODALITIES: tuple[str, ...] = ("asserted", "reported", "planned", "speculated")
ATTRIBUTION_KINDS: tuple[str, ...] = (
    "outlet", "named_official", "anonymous_official", "group_spokesperson", "militant_source",
    "other_media", "unknown")

Polarity = Literal["positive", "negated"]
Modality = Literal["asserted", "reported", "planned", "speculated"]


class Evidence(TypedDict):
    start: int
    end: int
    sentence: str


class AttributionJSON(TypedDict, total=False):
    text: str
    kind: str
    entity: str | None


class RelationJSON(TypedDict):
    subject: str
    type: str
    object: str
    polarity: str
    modality: str
    attribution: AttributionJSON | None
    confidence: float
    evidence: Evidence


class RoleJSON(TypedDict):
    person: str
    role: str
    group: str
    modality: str
    attribution: AttributionJSON | None
    evidence: Evidence


def is_symmetric(relation_type: str) -> bool:
    return relation_type in SYMMETRIC


# How a directed tie reads from its object's side: "TTP has a faction: Jamaat-ul-Ahrar".
_INVERSE_WORDS: dict[str, str] = {
    "allegiance_to": "receives allegiance from",
    "faction_of": "has as a faction",
    "supports": "is supported by",
}


def tie_text(subject: str, relation_type: str, obj: str, polarity: str = "positive",
             viewpoint: str | None = None) -> str:
    """The one way a tie is written for a person, subject first, in the direction it has
    ("Jamaat-ul-Ahrar is a faction of TTP"). With `viewpoint` naming one end, that end comes
    first and a directed tie is turned with its inverse words ("TTP has as a faction
    Jamaat-ul-Ahrar"), never reversed. A negated tie reads "denied: ..."."""
    words = RELATION_WORDS.get(relation_type, relation_type.replace("_", " "))
    if viewpoint is not None and viewpoint == obj and viewpoint != subject:
        if relation_type in SYMMETRIC:
            subject, obj = obj, subject
        else:
            words = _INVERSE_WORDS.get(relation_type, words)
            subject, obj = obj, subject
    text = f"{subject} {words} {obj}"
    return f"denied: {text}" if polarity == "negated" else text
