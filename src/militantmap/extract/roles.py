"""People's roles in groups: leader, founder, spokesperson, commander, member, deputy leader.

Sentences are masked like in relations (⟨g⟩ for a group, ⟪p⟫ for a person) and read with
patterns of the ways news names a role: "X, a spokesman for G", "X — leader of the Islamist G
that ... —", "X, a senior G leader", "G spokesman X", "G foreign ministry spokesman X",
"identified X as a member of G", "X, who leads G", "G, led by X", "the G chief" (a person
already known to hold a role in G).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from militantmap.extract.context import PERSON, Context, evidence

ROLE_WORDS = {
    "spokesperson": r"spokes(?:man|woman|person)|chief\s+spokes(?:man|person)|media\s+(?:chief|head)",
    "deputy_leader": r"deputy(?:\s+(?:leader|chief|head|emir|amir|commander|caliph))?|second[- ]in[- ]command|number\s+two|no\.\s*2",
    "founder": r"co-?founders?|founding\s+(?:leader|member|father)|founders?",
    "leader": r"leaders?|chief|head|emir|amir|caliph|supreme\s+leader|boss|chairman|commander-in-chief|ringleader|mastermind|kingpin|"
              r"general[- ]secretary|secretary[- ]general",
    "commander": r"(?:military\s+|senior\s+|top\s+|field\s+|regional\s+|local\s+|district\s+)?commanders?",
    "member": r"members?|militants?|fighters?|operatives?|loyalists?",
}
_ROLE_ANY = "|".join(f"(?P<{k}>{v})" for k, v in ROLE_WORDS.items())
# Titles proper (every role but plain membership: "G fighters" is no title)
_TITLE_ANY = "|".join(f"(?P<{k}>{v})" for k, v in ROLE_WORDS.items() if k != "member")
_DET = r"(?:(?:a|an|the|its|their|one|former|late|then|slain|self-styled|self-proclaimed|top|senior|"
_DET += r"alleged|overall|new|current|reclusive|deceased|now\s+deceased|jailed|detained|slain|purported)\s+)*"
_HONORIFIC = (r"(?:(?:Sheikh|Shaikh|Mullah|Maulana|Maulvi|Mufti|Hafiz|Qari|Haji|Ustaz|Ustadh|Dr\.?|Mr\.?|General|Gen\.?|"
              r"Commander|Cmdr\.?|Emir|Amir|Comrade|Colonel|Col\.?|Lieutenant|Lt\.?|Major|Maj\.?|Brigadier|Brig\.?|"
              r"Captain|Capt\.?|Sergeant|Sgt\.?)\s+){0,2}")
P = _HONORIFIC + r"⟪(?P<p>\d+)⟫"
G = r"⟨(?P<g>\d+)⟩"
# An appositive opens with a comma, a dash or a bracket: "Al-Sharaa — leader of HTS — said".
_APPOS = r"\s*(?:,|—|–|--|\()\s*"
# Describing words before a group's name: "the Islamist G", "the Somalia-based G".
_GMOD = (r"(?:(?:[A-Z]?[a-z]+-(?:based|linked|backed|led|allied)|Islamist|jihadist|militant|extremist|"
         r"terrorist|insurgent|rebel|armed|banned|outlawed|proscribed|notorious|powerful|shadowy|"
         r"separatist|little-known|now-defunct|(?-i:[A-Z][a-z]+(?:i|an|ese|ish)))\s+){0,2}")
# Words between a group and its title ("G foreign ministry spokesman X"): never a verb or a
# function word ("G killed police chief X" names no chief of G). Lazy, so that a title of two
# words is read whole ("G deputy caliph X", "G media chief X", "G chief spokesman X").
_TITLE_MOD = (r"(?:(?!(?:and|or|of|the|a|an|to|from|by|on|in|at|with|for|said|says|told|kills?|"
              r"shot|hit|claims?|\w+ed)\b)[\w-]+\s+){0,2}?")

_PATTERNS = [
    # "Ali bin Sufyan, a spokesman for LeJ Al-Alami" / "X, the co-founder of the G group" /
    # "Al-Sharaa — leader of the Islamist G that spearheaded the offensive — said"
    re.compile(rf"{P}{_APPOS}{_DET}(?:[\w-]+\s+)??(?:{_ROLE_ANY})\s+(?:of|for|in|with)\s+(?:the\s+)?{_GMOD}{G}", re.I),
    # "X, a senior G leader who ...", "X, an al-Shabaab commander,", "X (a Taliban fighter)",
    # "X, G's deputy leader". An article or a possessive marks the appositive: in "a message to
    # X, G fighters said" X is no fighter.
    re.compile(rf"{P}{_APPOS}(?:a|an|the|one)\s+{_DET}{_GMOD}{G}(?:[’']s?)?\s+{_TITLE_MOD}(?:{_ROLE_ANY})\b(?![’'-])", re.I),
    re.compile(rf"{P}{_APPOS}{_DET}{_GMOD}{G}[’']s?\s+{_TITLE_MOD}(?:{_ROLE_ANY})\b(?![’'-])", re.I),
    # "Zabihullah Mujahid, Taliban spokesman, said": a bare title must close the appositive
    re.compile(rf"{P}{_APPOS}{G}\s+{_TITLE_MOD}(?:{_TITLE_ANY})\s*(?:,|—|–|--|\))", re.I),
    # "authorities identified X as a member of G", "X served as the group's deputy leader"
    # ("killed X as G fighters stormed the town" has no article: no role)
    re.compile(rf"{P}\s+as\s+{_DET}(?:{_ROLE_ANY})\s+(?:of|for|in|with)\s+(?:the\s+)?{_GMOD}{G}", re.I),
    re.compile(rf"{P}\s+as\s+(?:a|an|the|one)\s+{_DET}{_GMOD}{G}(?:[’']s?)?\s+{_TITLE_MOD}(?:{_ROLE_ANY})\b(?![’'-])", re.I),
    re.compile(rf"{P}\s+as\s+{_DET}{_GMOD}{G}[’']s?\s+{_TITLE_MOD}(?:{_ROLE_ANY})\b(?![’'-])", re.I),
    # "G spokesman X", "the G leader X", "G's leader X", "G's co-founder, X", "IS deputy caliph X",
    # "G foreign ministry spokesman X"
    re.compile(rf"{G}(?:[’']s?)?\s+{_TITLE_MOD}(?:{_ROLE_ANY})\s*,?\s*{P}", re.I),
    # "the leader of G, X" / "spokesman for G X"
    re.compile(rf"(?:{_ROLE_ANY})\s+(?:of|for)\s+(?:the\s+)?{G}\s*,?\s*{P}", re.I),
    # "X, who leads G" / "X founded G" / "X heads G"
    re.compile(rf"{P}\s*,?\s*(?:who\s+)?(?:(?P<leader>leads|led|heads|headed|commands|commanded|ran|runs)|"
               rf"(?P<founder>founded|co-founded|established|formed|set\s+up))\s+(?:the\s+)?{G}", re.I),
    # "G, led by X" / "G, founded by X" / "under the leadership of X"
    re.compile(rf"{G}[^⟨⟪.;]{{0,60}}?\b(?:(?P<leader>led|headed|run|commanded)|(?P<founder>founded|"
               rf"co-founded|established|formed))\s+by\s+(?:(?:[\w-]+|⟨\d+⟩)\s+){{0,4}}?{P}", re.I),
    # "G, whose leader X ...", "G said ..., its general secretary X told", "G ... after its jailed
    # founder, X, called": the group is the last one named, with no state body in between
    re.compile(rf"{G}\s*,\s*whose\s+{_DET}{_TITLE_MOD}(?:{_TITLE_ANY})\s*,?\s*{P}", re.I),
    re.compile(rf"{G}(?:(?!\b(?:army|military|government|police|forces|troops|state|ministry|authorities|"
               rf"country|officials?)\b)[^⟨⟪.;]){{0,150}}?(?:,|\bafter|\bwhen|\bas|\bwhile)\s+its\s+{_DET}"
               rf"{_TITLE_MOD}(?:{_TITLE_ANY})\s*,?\s*{P}", re.I),
    # "three G militants, including a top commander, X"
    re.compile(rf"{G}\s+(?:militants|fighters|members|rebels|insurgents|terrorists|cadres|gunmen)\s*,?\s*"
               rf"(?:including|among\s+them)\s+{_DET}(?:{_TITLE_ANY})\s*,?\s*{P}", re.I),
    # "a G commander known as 'Comrade X'"
    re.compile(rf"{G}(?:[’']s?)?\s+{_TITLE_MOD}(?:{_ROLE_ANY})\s+(?:known\s+as|identified\s+as|named|called|"
               rf"nicknamed|alias)\s+[“\"‘']?{P}", re.I),
    re.compile(rf"{G}[^⟨⟪.;]{{0,80}}?\bunder\s+the\s+(?P<leader>leadership|command)\s+of\s+(?:\w+\s+){{0,4}}?{P}", re.I),
    # "X led the group" with the group a description resolved earlier
    re.compile(rf"{P}\s+(?P<leader>led|leads|heads|headed)\s+{G}", re.I),
]
# "a senior G leader" is one of the group's commanders, and news calls him a leader too: both.
_SENIOR_LEADER = re.compile(
    r"\b(?:senior|high[- ]ranking|mid[- ]level)\s+(?:(?:⟨\d+⟩(?:[’']s?)?|[\w-]+)\s+){0,2}?(?:leaders?|chief)\b",
    re.I)
# "the LeJ chief" without a name: the person last named in a role of that group
_UNNAMED = re.compile(rf"\bthe\s+{G}\s+(?:{_ROLE_ANY})\b", re.I)


@dataclass
class RoleHit:
    person: str
    role: str
    group: str
    evidence: dict


def find_roles(ctx: Context, descriptions: list) -> list[RoleHit]:
    hits: list[RoleHit] = []
    seen: set[tuple[str, str, str]] = set()
    persons = sorted(
        ((s, e, ent.key) for ent in ctx.entities.values() if ent.type == PERSON for s, e in ent.mentions)
    )
    groups = sorted(
        [(m.start, m.end, m.key) for m in ctx.group_mentions]
        + [(d.start, d.end, d.key) for d in descriptions]
    )
    last_person_of: dict[str, str] = {}
    for sent in ctx.sentences():
        sp = [x for x in persons if x[0] >= sent.start_char and x[1] <= sent.end_char]
        sg = [x for x in groups if x[0] >= sent.start_char and x[1] <= sent.end_char]
        if not sg:
            continue
        masked, pkeys, gkeys = _mask(ctx.text, sent.start_char, sent.end_char, sp, sg)
        found: list[tuple[str, str, str]] = []
        if sp:
            for pattern in _PATTERNS:
                for m in pattern.finditer(masked):
                    role = next((k for k in ROLE_WORDS if m.groupdict().get(k)), None)
                    if role is None:
                        continue
                    person, group = pkeys[int(m.group("p"))], gkeys[int(m.group("g"))]
                    found.append((person, role, group))
                    if role == "leader" and _SENIOR_LEADER.search(masked, max(0, m.start() - 30), m.end()):
                        found.append((person, "commander", group))
        for m in _UNNAMED.finditer(masked):
            role = next((k for k in ROLE_WORDS if m.groupdict().get(k)), None)
            g = gkeys[int(m.group("g"))]
            if role in ("leader", "founder") and g in last_person_of and not sp:
                found.append((last_person_of[g], "leader", g))
        for person, role, group in found:
            if role == "member" and (person, "leader", group) in seen:
                continue
            key = (person, role, group)
            if key in seen:
                continue
            seen.add(key)
            last_person_of[group] = person
            hits.append(RoleHit(person, role, group, evidence(sent)))
    return hits


def _mask(text, start, end, persons, groups):
    spans = sorted([(s, e, "p", k) for s, e, k in persons] + [(s, e, "g", k) for s, e, k in groups])
    out, pkeys, gkeys, pos = [], [], [], start
    for s, e, kind, key in spans:
        if s < pos:
            continue
        out.append(text[pos:s])
        if kind == "p":
            out.append(f"⟪{len(pkeys)}⟫")
            pkeys.append(key)
        else:
            out.append(f"⟨{len(gkeys)}⟩")
            gkeys.append(key)
        pos = e
    out.append(text[pos:end])
    return "".join(out), pkeys, gkeys
