"""People's roles in groups: leader, founder, spokesperson, commander, member, deputy leader.

Sentences are masked like in relations (⟨g⟩ for a group, ⟪p⟫ for a person) and read with
patterns of the ways news names a role: "X, a spokesman for G", "X — leader of the Islamist G
that ... —", "X, a senior G leader", "G spokesman X", "G foreign ministry spokesman X",
"identified X as a member of G", "X, who leads G", "G, led by X", "the G chief" (a person
already known to hold a role in G).

Beside these surface patterns, roles are read off the dependency parse with the construction
table `data/patterns/roles.jsonl` (see `_PatternRoles`): a cue (a title from the role lexicon,
or a verb such as "found", "lead", "join"), the path from the cue to the person and the path
from the cue to the group. People are read through the person-mention layer
(`extract/people.py`: surnames, pronouns, descriptions) and groups through group mentions and
the resolved descriptions ("the group"), so "He founded the group in 2002" is a role of the
person last named as a subject in the group last named.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from militantmap.extract.context import (
    LOCATION,
    ORGANIZATION,
    PERSON,
    Context,
    Entity,
    doc_words,
    evidence,
)
from militantmap.extract.people import NAME, SURNAME, find_person_mentions, find_plural_person_mentions
from militantmap.nlp.gazetteer import normalize

ROLE_WORDS = {
    "spokesperson": r"spokes(?:man|woman|person)|chief\s+spokes(?:man|person)|media\s+(?:chief|head)",
    "deputy_leader": r"deputy(?:\s+(?:leader|chief|head|emir|amir|commander|caliph))?|naib\s+(?:emir|amir|leader|chief)|second[- ]in[- ]command|number\s+two|no\.\s*2",
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
# A bracketed aside with no name in it may come first: "X (deceased), a HUJI leader",
# "X (pictured), the G chief".
_APPOS = r"\s*(?:\([^()⟨⟪]{1,40}\)\s*(?=[,—–-]))?(?:,|—|–|--|\()\s*"
# Describing words before a group's name: "the Islamist G", "the Somalia-based G".
_GMOD = (r"(?:(?:[A-Z]?[a-z]+-(?:based|linked|backed|led|allied)|Islamist|jihadist|militant|extremist|"
         r"terrorist|insurgent|rebel|armed|banned|outlawed|proscribed|notorious|powerful|shadowy|"
         r"separatist|little-known|now-defunct|(?-i:[A-Z][a-z]+(?:i|an|ese|ish)))\s+){0,2}")
# Words between a group and its title ("G foreign ministry spokesman X"): never a verb or a
# function word ("G killed police chief X" names no chief of G). Lazy, so that a title of two
# words is read whole ("G deputy caliph X", "G media chief X", "G chief spokesman X").
_TITLE_MOD = (r"(?:(?!(?:and|or|of|the|a|an|to|from|by|on|in|at|with|for|said|says|told|kills?|"
              r"shot|hit|claims?|\w+ed)\b)[\w-]+\s+){0,2}?")

# "the head of the Hamas-run health ministry", "a spokesman for the Houthi-controlled
# government": the group's name describes a body it runs, not the body whose title it is
_HELD_BY = (r"\s*-\s*(?:run|controlled|backed|appointed|installed|held|administered|governed|dominated|"
            r"managed|owned|sponsored|funded|ruled|operated)\b")
# "X runs G operations", "X leads G fighters in the north": what X leads is a part of the group
# (the construction table reads those: a commander), not the group
_NOT_WHOLE = (rf"(?![’']s?\s|{_HELD_BY}|\s+(?:operations?|fighters?|militants?|forces?|troops?|units?|cells?|"
              r"men|wings?|arm|department|division|cadres?|finances?|media|propaganda|intelligence|recruitment|"
              r"training|logistics|attacks?|campaigns?|affairs|activities)\b)")

# "X, the mastermind of the G bombings": the title is of an incident the group's name only
# describes, not of the group
_NO_EVENT = (r"(?!(?:[’']s?)?\s+(?:attacks?|bombings?|blasts?|massacres?|plots?|raids?|assaults?|killings?|"
             r"kidnappings?|abductions?|ambush(?:es)?|hijackings?|sieges?|operations?|campaigns?)\b"
             rf"|{_HELD_BY})")

# Nouns that make a group's name their modifier and describe another group: "JNIM, an
# al-Qaeda affiliate led by X" (X leads JNIM, not al-Qaeda).
_AFFILIATE_WORDS = ("affiliate", "affiliates", "branch", "branches", "offshoot", "offshoots", "franchise",
                    "franchises", "splinter", "ally", "allies", "proxy", "proxies", "partner", "partners",
                    "subsidiary", "chapter", "breakaway")
_AFFILIATE = "(?:" + "|".join(_AFFILIATE_WORDS) + ")"

_PATTERNS = [
    # "Ali bin Sufyan, a spokesman for LeJ Al-Alami" / "X, the co-founder of the G group" /
    # "Al-Sharaa — leader of the Islamist G that spearheaded the offensive — said"
    re.compile(rf"{P}{_APPOS}{_DET}(?:[\w-]+\s+)??(?:{_ROLE_ANY})\s+(?:of|for|in|with)\s+(?:the\s+)?{_GMOD}{G}{_NO_EVENT}", re.I),
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
    re.compile(rf"{P}\s*,?\s*(?:who\s+)?(?:(?P<leader>leads|led|heads|headed|ran|runs)|(?P<commander>commands|commanded)|"
               rf"(?P<founder>founded|co-founded|established|formed|set\s+up))\s+(?:the\s+)?{G}{_NOT_WHOLE}", re.I),
    # "G, led by X" / "G, founded by X" / "under the leadership of X"
    # (not "G1, a G2 affiliate led by X": what is led is the affiliate, G1)
    re.compile(rf"{G}(?:(?!\b{_AFFILIATE}\b)[^⟨⟪.;]){{0,60}}?\b(?:(?P<leader>led|headed|run|commanded)|(?P<founder>founded|"
               rf"co-founded|established|formed))\s+by\s+(?:(?:(?-i:[a-z][\w-]*)|⟨\d+⟩)\s+){{0,4}}?{P}", re.I),
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
    re.compile(rf"{P}\s+(?P<leader>led|leads|heads|headed)\s+{G}{_NOT_WHOLE}", re.I),
]
# A leader's word before another title ("chief negotiator", "head coordinator"): that title is
# the person's, not the group's leadership.
_LEADER_OF_TITLE = re.compile(
    r"\s+(?:negotiator|coordinator|executive|financier|strategist|ideologue|recruiter|trainer|instructor|"
    r"judge|justice|prosecutor|whip|editor|engineer|medic|minister|of\s+(?:operations|finance|intelligence|"
    r"security|propaganda|recruitment|training|logistics|communications))\b", re.I)


def _member_title_after(masked: str, end: int) -> bool:
    """A member's title of the lexicon right after a leader's word: "G's chief bombmaker X",
    "the group's head propagandist": the leader's word qualifies that title."""
    m = re.match(r"\s+([\w-]+)", masked[end:])
    if m is None:
        return False
    word, titles = m.group(1).lower(), _rules().titles
    return titles.get(word) == "member" or (word.endswith("s") and titles.get(word[:-1]) == "member")


def _unit_of_group(masked: str, end: int) -> bool:
    """The group name at `end` is the possessor of a unit a department word names ("G's armed
    wing", "G's media arm")."""
    rules = _rules()
    # (a name or a modifier or two may come first: "G's Amniyat intelligence wing", "G's feared
    # Amniyat intelligence service")
    for m in (re.match(r"⟩[’']s?\s+" + r"\S+\s+" * k + r"([\w-]+)\s+([\w-]+)\b", masked[end:]) for k in range(3)):
        if m is not None and m.group(2).lower() in rules.units and (
                m.group(1).lower() in rules.departments or m.group(1).lower() in rules.unit_words):
            return True
    return False


# "a senior G leader" is one of the group's commanders, and news calls him a leader too: both.
_SENIOR_LEADER = re.compile(
    r"\b(?:senior|high[- ]ranking|mid[- ]level)\s+(?:(?:⟨\d+⟩(?:[’']s?)?|[\w-]+)\s+){0,2}?(?:leaders?|chief)\b",
    re.I)
# A leader of the fighters or of a region, not of the group: "military chief", "regional leader",
# "fighters led by X".
_FIELD_LEADER = re.compile(
    r"\b(?:military|field|battlefield|operational|regional|local|district|provincial|area|zonal|sector|"
    r"intelligence|finance|security|operations|logistics|recruitment|training|propaganda)\s+"
    r"(?:leaders?|chief|head)\b|\b(?:fighters|militants|forces|troops|men|gunmen|units?|cells?|squads?)\s+"
    r"(?:led|headed|commanded)\s+by\b", re.I)
# "the LeJ chief" without a name: the person last named in a role of that group
_UNNAMED = re.compile(rf"\bthe\s+{G}\s+(?:{_ROLE_ANY})\b", re.I)


@dataclass
class RoleHit:
    person: str
    role: str
    group: str
    evidence: dict
    rule: str = ""  # the construction that found it (debugging aid; not output)


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
                    if role == "leader" and _FIELD_LEADER.search(masked, m.start(), m.end()):
                        role = "commander"  # "G's military leader X" commands its fighters
                    if role == "leader" and _unit_of_group(masked, m.end("g")):
                        role = "commander"  # "X, the head of G's armed wing", "X, who heads G's media arm"
                    if role == "leader" and m.lastgroup == "leader" and (
                            _LEADER_OF_TITLE.match(masked, m.end(m.lastgroup or 0))
                            or _member_title_after(masked, m.end(m.lastgroup or 0))):
                        continue  # "G's chief negotiator X": a title of its own, not the group's leader
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
            if role in ("leader", "founder"):  # "the G chief" later: the one who leads it
                last_person_of[group] = person
            hits.append(RoleHit(person, role, group, evidence(sent)))
    # The parse-based constructions add what the surface patterns missed; plain membership is
    # not added for a person who holds a title in that group (a leader is a member too).
    extra = pattern_roles(ctx, descriptions, hits)
    titled = {(p, g) for p, r, g in seen if r != "member"} | {(h.person, h.group) for h in extra if h.role != "member"}
    for h in extra:
        key = (h.person, h.role, h.group)
        if key in seen or (h.role == "member" and (h.person, h.group) in titled):
            continue
        seen.add(key)
        hits.append(h)
    # a membership the surface patterns read before a title of the same group ("X, the G
    # deputy caliph ... X, a member of G's committee") says less than the title: dropped
    titled |= {(p, g) for p, r, g in seen if r != "member"}
    hits = [h for h in hits if h.role != "member" or (h.person, h.group) not in titled]
    return _without_phrase_parents(ctx, hits)


def _without_phrase_parents(ctx: Context, hits: list[RoleHit]) -> list[RoleHit]:
    """"X, leader of the Islamic State's Khorasan branch": the title is the branch's, not its
    parent's, which the phrase names only to say whose branch it is (ctx.faction_ties). When a
    sentence gives a person the same role in a part and in the parent its phrase names, the
    parent's goes."""
    parts = {(child, parent) for child, parent, _, type_ in ctx.faction_ties if type_ != "supports"}
    if not parts:
        return hits
    held = {(h.person, h.role, h.group, h.evidence.get("start")) for h in hits}
    return [h for h in hits if not any(
        parent == h.group and (h.person, h.role, child, h.evidence.get("start")) in held
        for child, parent in parts)]


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


# -- roles from the construction table over the dependency parse ---------------------------------
# A path is a sequence of steps, each either down to a child ("prep[of,for]": a child whose
# dependency is prep and whose lemma is "of" or "for") or up to the head ("^appos": the token is
# an appositive, go to the word it describes; "^pobj[as]": the token is the object of "as").
# "[!a,b]" excludes lemmas; "^+[list]" climbs up to six heads to the first with one of the
# lemmas. Alternatives of dependencies are joined with "|". ">" is the next word of the text (the
# name right after a title, wherever the parser hung it: "cartel leader Joaquin “El Chapo” Guzman");
# ">[among]" the next word when it has one of the lemmas.
# "<(" is the word before an opening bracket right before the token: the name a bracketed
# participle describes, wherever the parser hung it ("claimed by G (headed by X)").
_STEP = re.compile(r"(?P<next>>)(?:\[(?P<nlemmas>[^\]]*)\])?|(?P<bracketed><\()|(?:(?P<up>\^\+?)?(?P<deps>[\w|]*)(?:\[(?P<neg>!?)(?P<lemmas>[^\]]*)\])?)")
# Nouns that head a group's name in the parse ("the Lashkar-e-Islam group"): the name is its compound.
_GROUP_HEADS = {"group", "movement", "organization", "organisation", "outfit", "militia", "faction",
                "network", "cell", "brigade", "front", "wing"}
_RELATIVE = {"who", "whom", "that", "which"}
_LED = {"led", "headed", "founded", "run", "commanded"}  # "the Hassan-led group"
# Lower-case kind words that stand for a group named before ("cartel leader X").
_HEAD_NOUN_GROUPS = {"sect", "cartel", "gang", "group", "movement", "organization", "organisation", "outfit",
                     "militia", "network", "front", "brigade", "army"}
_OTHER = {"other", "another", "rival", "second", "different", "new", "each", "any", "every", "no", "some",
          "several", "many", "both", "one", "smaller", "larger", "separate"}
# Plural kind words for a group's men, standing for the group in "the insurgents' spokesman".
_MEMBER_KINDS = {"militant", "jihadist", "insurgent", "rebel", "extremist", "islamist", "sect", "guerrilla"}
_ANY_GROUP_NOUNS = {"sect", "cartel", "gang", "group", "movement", "organization", "organisation", "outfit"}
# Words of places and institutions: a name holding one is no person's.
_NOT_A_NAME = re.compile(
    r"\b(?:Army|Police|Ministry|Council|Forces?|Government|Province|District|Agency|State|Republic|"
    r"University|Party|Front|Brigades?|Group|Movement|Committee|Court|Office|Department|Region|City|"
    r"Islamic|Al-Qaeda|Qaida|Taliban|Mountains?|River|Valley|Lake|Street|Airport|Hospital|Mosque|"
    r"North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|News|Press|TV|"
    r"Corps|Foundation|Trust|Society|Bank|Company|Inc|Ltd|Association|Union|Network|Institute|Times|Post)\b")


@dataclass(frozen=True)
class _Step:
    up: bool
    climb: bool
    deps: frozenset[str] | None
    lemmas: frozenset[str] | None
    negate: bool
    next: bool = False  # ">": the word right after (a name the parser tore from its title)
    bracketed: bool = False  # "<(": the word before the opening bracket right before the token


@dataclass(frozen=True)
class _Pattern:
    id: str
    cue: frozenset[str] | None  # verb/noun lemmas, or None for a title of the lexicon
    role: str | None
    person: tuple[tuple[_Step, ...], ...]
    group: tuple[tuple[_Step, ...], ...]
    salient: bool = False  # group "@salient": a title with no group of its own ("became leader")
    possessor: bool = False  # group "@possessor": the group the title's possessor leads ("his deputy")
    pos: frozenset[str] = frozenset({"VERB", "NOUN", "AUX"})  # parts of speech of the cue word
    untitled: bool = False  # the person carries no title of his own ("Under President X, G ..." is no role)
    full_name: bool = False  # the person is named by a full name ("Its members are Afghans" names none)
    bare: bool = False  # a bare title in a sentence that names no state body ("X, a local commander")


@dataclass(frozen=True)
class _Modifier:
    words: frozenset[str]
    applies_to: frozenset[str]
    role: str | None
    also: str | None


@dataclass(frozen=True)
class _Rules:
    titles: dict[str, str]
    modifiers: tuple[_Modifier, ...]
    patterns: tuple[_Pattern, ...]
    departments: frozenset[str]
    department_role: str
    cue_lemmas: frozenset[str]
    units: frozenset[str] = frozenset()  # "wing", "department": a unit a department word names
    unit_words: frozenset[str] = frozenset()  # words that name a unit besides the departments ("armed wing")
    name_prefixes: frozenset[str] = frozenset()  # "Abu", "Mullah": a name opening with one is a person's
    regions: frozenset[str] = frozenset()  # "province", "region": a leader's title for one is a commander's
    # the words before or after a hyphen in a hyphenated title ("second", "command", "bomb",
    # "maker"): only such a word can be read as one (_title_role; the rest skip the joins)
    hyphen_parts: frozenset[str] = frozenset()
    # every word that may be a title or a cue: the titles, their hyphenated parts, the cue lemmas
    maybe_words: frozenset[str] = frozenset()


def _parse_path(path: str) -> tuple[_Step, ...]:
    steps = []
    for part in path.split():
        m = _STEP.fullmatch(part)
        if m is None:
            raise ValueError(f"bad path step {part!r} in {path!r}")
        if m.group("next"):
            nl = frozenset(w.strip() for w in (m.group("nlemmas") or "").split(",") if w.strip()) or None
            steps.append(_Step(up=False, climb=False, deps=None, lemmas=nl, negate=False, next=True))
            continue
        if m.group("bracketed"):
            steps.append(_Step(up=False, climb=False, deps=None, lemmas=None, negate=False, bracketed=True))
            continue
        up = m.group("up") or ""
        deps = frozenset(d for d in m.group("deps").split("|") if d) or None
        lemmas = frozenset(w.strip() for w in (m.group("lemmas") or "").split(",") if w.strip()) or None
        steps.append(_Step(up=bool(up), climb=up == "^+", deps=deps, lemmas=lemmas, negate=bool(m.group("neg"))))
    return tuple(steps)


_PLACE_PATH = _parse_path("prep[of,for] pobj")
_LIST_REF = re.compile(r"Q[DI][a-z]\.\d+", re.I)  # a UN sanctions list reference ("QDe.145")
_OWNER_PATH = _parse_path("prep[of,to] pobj")
_SUBJECT_PATHS = (_parse_path("nsubj"), _parse_path("agent pobj"))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The role lexicon and constructions, read once per process."""
    text = resources.files("militantmap").joinpath("data", "patterns", "roles.jsonl").read_text(encoding="utf-8")
    titles: dict[str, str] = {}
    modifiers: list[_Modifier] = []
    patterns: list[_Pattern] = []
    departments: set[str] = set()
    department_role = "commander"
    units: set[str] = set()
    unit_words: set[str] = set()
    name_prefixes: set[str] = set()
    regions: set[str] = set()
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["kind"] == "title":
            for w in row["words"]:
                titles[w] = row["role"]
        elif row["kind"] == "department":
            departments.update(row["words"])
            department_role = row["role"]
        elif row["kind"] == "name_prefix":
            name_prefixes.update(row["words"])
        elif row["kind"] == "region":
            regions.update(row["words"])
        elif row["kind"] == "unit":
            units.update(row["words"])
            unit_words.update(row.get("named_by", ()))
        elif row["kind"] == "modifier":
            modifiers.append(_Modifier(frozenset(row["words"]), frozenset(row["applies_to"]),
                                       row.get("role"), row.get("also")))
        else:
            cue = row["cue"]
            patterns.append(_Pattern(
                id=row["id"], cue=None if cue == "title" else frozenset(cue), role=row.get("role"),
                person=tuple(_parse_path(p) for p in row["person"]),
                group=tuple(_parse_path(p) for p in row["group"] if not p.startswith("@")),
                salient="@salient" in row["group"], possessor="@possessor" in row["group"],
                pos=frozenset(row.get("pos", ("VERB", "NOUN", "AUX"))), untitled=bool(row.get("untitled")),
                full_name=bool(row.get("full_name")), bare=bool(row.get("bare"))))
    return _Rules(titles, tuple(modifiers), tuple(patterns), frozenset(departments), department_role,
                  frozenset(w for p in patterns if p.cue for w in p.cue), frozenset(units),
                  frozenset(unit_words), frozenset(name_prefixes), frozenset(regions),
                  _hyphen_parts(titles),
                  frozenset(titles) | _hyphen_parts(titles) | {w for p in patterns if p.cue for w in p.cue})


def _hyphen_parts(titles: dict[str, str]) -> frozenset[str]:
    """Every part of a title before or after one of its hyphens: a word `_title_role` joins
    with its neighbours ("second" + "-" + "in" ... = "second-in-command") ends one such part on
    its side of the hyphen, so a word not among them never joins into a title."""
    parts = set()
    for key in titles:
        for i, ch in enumerate(key):
            if ch == "-":
                parts.add(key[:i])
                parts.add(key[i + 1:])
    return frozenset(parts)


_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj"}


def _department_unit(tok: Token, rules: _Rules) -> bool:
    """A unit named by a department word ("G's military wing", "its media department"): its head
    commands a part of the group, he does not lead the group."""
    return tok.lemma_.lower() in rules.units and any(
        c.lower_ in rules.departments or c.lower_ in rules.unit_words for c in tok.children if c.dep_ in ("amod", "compound", "nmod"))


def _lemma_ok(tok: Token, step: _Step) -> bool:
    if step.lemmas is None:
        return True
    hit = tok.lemma_.lower() in step.lemmas or tok.lower_ in step.lemmas
    return hit != step.negate


def _walk(tok: Token, steps: tuple[_Step, ...]) -> list[Token]:
    cur = [tok]
    for st in steps:
        nxt: list[Token] = []
        for t in cur:
            if st.next:
                if t.i + 1 < len(t.doc) and (st.lemmas is None or _lemma_ok(t.doc[t.i + 1], st)):
                    nxt.append(t.doc[t.i + 1])
            elif st.bracketed:
                if t.i >= 2 and t.doc[t.i - 1].text == "(":
                    nxt.append(t.doc[t.i - 2])
            elif st.climb:
                h = t
                for _ in range(9):  # the UN formula "for participating in ... on behalf of, or in support of G"
                    if h.head is h:
                        break
                    h = h.head
                    if _lemma_ok(h, st):
                        nxt.append(h)
                        break
            elif st.up:
                if t.head is not t and (st.deps is None or t.dep_ in st.deps) and _lemma_ok(t.head, st):
                    nxt.append(t.head)
            else:
                nxt.extend(c for c in t.children if (st.deps is None or c.dep_ in st.deps) and _lemma_ok(c, st))
        cur = nxt
    return cur


def _title_role(tok: Token, rules: _Rules) -> tuple[str | None, str | None]:
    """The role a title word names, and a second role its modifiers add ("senior leader")."""
    word = tok.lower_
    doc = tok.doc
    if word.rstrip(".") in _RANKS and (tok.text[:1].isupper() or word not in rules.titles):
        # (a lower-case "lieutenant" is a title of the lexicon: "a top lieutenant of X")
        # a rank before a name: "M23 General Sultani Makenga" (no rank without a name after it;
        # "Secretary General" is a leader's title)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if not tok.text[:1].isupper() or nxt is None or nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() \
                or (tok.i > 0 and doc[tok.i - 1].lower_ in ("secretary", "attorney", "surgeon", "governor")) \
                or (tok.i > 1 and doc[tok.i - 1].text in ("-", "‐") and doc[tok.i - 2].lower_ == "secretary"):
            # ("Secretary-General X": the hyphenated title is a leader's, read on its first word)
            return None, None
        return "commander", None
    role = None
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and word in rules.titles:
        # a hyphenated title whose first word is a title too ("commander-in-chief" is a
        # leader's, not a commander's), read on its first word the parser makes the head
        for n in (5, 3):
            if tok.i + n <= len(doc) and (joined := "".join(w.lower_ for w in doc[tok.i: tok.i + n])) in rules.titles \
                    and tok.head.i != tok.i + n - 1:
                role = rules.titles[joined]
                break
    role = role or rules.titles.get(word) or rules.titles.get(tok.lemma_.lower())
    if role is None and word not in rules.hyphen_parts:
        return None, None  # no title, and none joined with its neighbours (see _hyphen_parts)
    if role is None and tok.i + 2 < len(doc) and \
            (joined := "-".join(w.lower_ for w in doc[tok.i: tok.i + 3])) in rules.titles and \
            doc[tok.i + 1].head.i == tok.i and doc[tok.i + 2].head.i == tok.i + 1:
        # the same title written without its hyphens ("the second in command of G"), read on
        # its first word, which the parser makes the head of the rest
        return rules.titles[joined], None
    if role is None:
        # a title the tokenizer splits ("second-in-command": "second", "-", "in", "-", "command";
        # "bomb-maker"), read on its first word, which the parser makes the head of the rest, or
        # on its last, its head when it is a noun
        for n in (3, 5):
            if tok.i + n <= len(doc) and doc[tok.i + 1].text == "-" and \
                    (joined := "".join(w.lower_ for w in doc[tok.i: tok.i + n])) in rules.titles:
                head = doc[tok.i + n - 1]
                if head.pos_ == "NOUN" and tok.head is head:
                    return None, None  # read on the last word
                return rules.titles[joined], None
            if n <= tok.i + 1 and tok.pos_ == "NOUN" and doc[tok.i - 1].text == "-" and \
                    "".join(w.lower_ for w in doc[tok.i - n + 1: tok.i + 1]) in rules.titles:
                return rules.titles["".join(w.lower_ for w in doc[tok.i - n + 1: tok.i + 1])], None
    if role is None or (tok.pos_ not in ("NOUN", "PROPN") and not (
            tok.pos_ == "VERB" and tok.tag_ == "VBZ" and tok.dep_ in _NOMINAL_DEPS)):
        # "G commanders X and Y were killed": the tagger may read a plural title as a verb; a
        # verb in a noun's slot is that noun
        return None, None
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "co" and role == "founder":
        return "founder", None
    also = None
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "advmod") and c.i < tok.i}
    if tok.i >= 1:
        mods.add(doc[tok.i - 1].lower_)
    for mod in rules.modifiers:
        if role in mod.applies_to and mods & mod.words:
            if mod.role:
                role = mod.role
            if mod.also:
                also = mod.also
    return role, also


class _Index:
    """Which person or group each token of the document refers to."""

    def __init__(self, ctx: Context, descriptions: list) -> None:
        doc = ctx.doc
        self.person: dict[int, str] = {}
        self.group: dict[int, str] = {}
        self.other: set[int] = set()
        self.place: set[int] = set()
        self.person_mentions = find_person_mentions(ctx)
        for pm in self.person_mentions:
            for t in _tokens(doc, pm.start, pm.end):
                self.person.setdefault(t.i, pm.key)
        # "X and Y were killed. Both were members of G": every one of them
        self.plural: dict[int, tuple[str, ...]] = {}
        for pp in find_plural_person_mentions(ctx, self.person_mentions):
            for t in _tokens(doc, pp.start, pp.end):
                if t.i not in self.person:
                    self.plural[t.i] = pp.keys
        spans = [(m.start, m.end, m.key) for m in ctx.group_mentions] + \
                [(d.start, d.end, d.key) for d in descriptions]
        self.described: set[int] = set()  # tokens of descriptions ("the group")
        for d in descriptions:
            self.described.update(t.i for t in _tokens(doc, d.start, d.end))
        for s, e, key in spans:
            for t in _tokens(doc, s, e):
                if t.i in self.described and t.i in self.person and t.i + 2 < len(doc) \
                        and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in _LED:
                    continue  # "the Hassan-led group": the name stays a person's
                self.group.setdefault(t.i, key)
                self.person.pop(t.i, None)
        for ent in ctx.entities.values():
            if ent.type in (LOCATION, ORGANIZATION):
                for s, e in ent.mentions:
                    self.other.update(t.i for t in _tokens(doc, s, e))
                    if ent.type == LOCATION:
                        self.place.update(t.i for t in _tokens(doc, s, e))
        self._ctx = ctx
        self._mentions = sorted(
            [(s, e, "g") for s, e, _ in spans]
            + [(s, e, "o") for ent in ctx.entities.values() if ent.type in (LOCATION, ORGANIZATION)
               for s, e in ent.mentions])

    def person_of(self, tok: Token) -> str | None:
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
            if tok.i not in self.person and tok.pos_ == "NOUN":
                # "X, a preacher who founded G" / "another G leader, X, who doubles as its
                # spokesman": the relative clause hangs on a noun set beside the name
                if tok.dep_ == "appos" and tok.head.i in self.person:
                    return self.person[tok.head.i]
                if tok.dep_ == "attr":  # "X is a cleric who went on to found G"
                    return next((self.person[c.i] for c in tok.head.children
                                 if c.dep_ == "nsubj" and c.i in self.person), None)
                return next((self.person[c.i] for c in tok.children
                             if c.dep_ == "appos" and c.i in self.person), None)
        key = self.person.get(tok.i)
        if key is None and tok.pos_ == "NOUN":
            # "The man, identified as Omar Diallo, was a member of G": the noun is the name
            for c in tok.children:
                if c.dep_ == "acl" and c.lemma_.lower() in ("identify", "name"):
                    for a in c.children:
                        if a.dep_ == "prep" and a.lower_ == "as":
                            for o in a.children:
                                if o.dep_ == "pobj" and o.i in self.person:
                                    return self.person[o.i]
        if key is None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
            # 'Ismael "El Mayo" Zambada Garcia': the parser splits a name around a quoted
            # nickname and hangs the rest on the first name as its apposition
            for c in tok.rights:
                if c.dep_ == "appos" and c.i in self.person and c.i - tok.i <= 6 and all(
                        w.pos_ == "PROPN" or w.text in _QUOTES for w in tok.doc[tok.i + 1: c.i]):
                    return self.person[c.i]
        return key

    def mention_span(self, tok: Token) -> Span | None:
        """The person mention tok is part of."""
        for m in self.person_mentions:
            if m.start <= tok.idx < m.end:
                return self._ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        return None

    def named_person(self, tok: Token, commit: bool = False, beside_people: bool = False) -> str | None:
        """A name the tagger missed or took for a place ("Karim Vasquez, the head of G"): in the
        person slot of a role construction, a proper name of two to five capitalised words that
        is no group, no organisation's name and holds no word of a place or an institution
        becomes a person."""
        if tok.pos_ != "PROPN" or tok.i in self.group:
            return None
        words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
        words = [w for w in words if w.i >= words[0].i]
        nick = _nickname(tok)
        if nick is not None:
            # 'Ismael "El Mayo" Zambada': a quoted nickname inside the name
            words = [w for w in tok.doc[nick[0]: tok.i + 1] if w.pos_ == "PROPN"]
            if len(words) < 3:
                return None
        elif not 2 <= len(words) <= 5 or words[-1].i - words[0].i + 1 != len(words):
            return None
        if any(not w.text[:1].isupper() or w.i in self.group or w.ent_type_ in ("DATE", "TIME", "MONEY")
               for w in words):
            return None
        name = self._ctx.doc[words[0].i: words[-1].i + 1].text
        if _NOT_A_NAME.search(name):
            return None
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        inner = (tok.doc[nick[1]].idx, tok.doc[nick[2]].idx) if nick is not None else (0, 0)
        for ent in self._ctx.entities.values():
            for s, e in ent.mentions:
                if inner[0] <= s and e <= inner[1]:
                    continue  # the tagger's reading of the nickname alone
                if s < end and start < e and ent.type != LOCATION:
                    if ent.type == ORGANIZATION and (s, e) == (start, end) and (
                            beside_people or words[0].lower_ in _rules().name_prefixes):
                        # "X, Y and Z" with X and Z people: Y is one too, whatever the tagger
                        # said; "Abu Harith", "Mullah Karim": a kunya or an honorific opens a
                        # person's name
                        continue
                    # an organisation's name (the tagger's ORG takes in people's names too, but
                    # turning those into people cost precision on the scored dev part), a group,
                    # or a person already known
                    return None
        key = f"{PERSON}:{normalize(name)}"
        if not commit:
            return key  # only a role found for it makes it a person (see pattern_roles)
        for ent in self._ctx.entities.values():
            if ent.type in (LOCATION, ORGANIZATION):
                ent.mentions = [(s, e) for s, e in ent.mentions if not (s < end and start < e)]
        for k in [k for k, ent in self._ctx.entities.items() if ent.type == ORGANIZATION and not ent.mentions]:
            del self._ctx.entities[k]  # the organisation was this person's name only
        person = self._ctx.entities.get(key)
        if person is None:
            person = self._ctx.entities[key] = Entity(key=key, name=name, type=PERSON)
        person.add_mention(start, end, name)
        for w in words:
            self.person[w.i] = key
        return key

    def group_of(self, tok: Token) -> str | None:
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        elif tok.lower_ == "whose" and tok.dep_ == "poss":
            # "the 400 Mawozo gang, whose leader X ...": the antecedent of the relative clause
            # the possessed noun opens (its head, or the head of its preposition)
            h = tok.head
            for _ in range(3):
                if h.dep_ == "relcl":
                    tok = h.head
                    break
                h = h.head
        key = self.group.get(tok.i)
        if tok.i in self.described and tok.pos_ == "NOUN":
            # "the Hassan-led group, ISWAP, ...": the name set beside the description is the group
            key = next((self.group[c.i] for c in tok.children if c.dep_ == "appos" and c.i in self.group
                        and c.i not in self.described), key)
        if key is not None and _opposed(tok):
            return None  # "an anti-Taliban leader" leads no Taliban
        if key is None and tok.pos_ == "NOUN" and tok.lower_ in _AFFILIATE_WORDS and tok.dep_ == "appos" \
                and tok.head.i in self.group:
            # "JNIM, an al-Qaeda affiliate led by X": the group the appositive describes
            return self.group[tok.head.i]
        if key is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in _GROUP_HEADS | _HEAD_NOUN_GROUPS:
            # "founded a new organisation, G": the name set beside the kind word
            key = next((self.group[c.i] for c in tok.children if c.dep_ == "appos" and c.i in self.group), None)
        if key is None and tok.pos_ == "NOUN":
            # "an alliance known as G", "a cell calling itself G": the name it is given
            for c in tok.children:
                if c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name", "dub"):
                    key = next((self.group[d.i] for d in c.subtree if d.i in self.group), None)
                    break
        if key is None and _LIST_REF.fullmatch(tok.text):
            # "a member of al-Shabaab (QDe.145)": the parser may make the list reference the
            # head of the group's name
            key = next((self.group[c.i] for c in tok.children
                        if c.dep_ in ("compound", "nmod", "amod") and c.i in self.group), None)
        if key is None and tok.lemma_.lower() in _GROUP_HEADS | _MEMBER_KINDS | {"fighter", "militia", "militiaman"}:
            # "the Delta group", "who speaks for the M23 rebels": the name on the kind word
            key = next((self.group[c.i] for c in tok.children if c.dep_ in ("compound", "nmod") and c.i in self.group), None)
        if key is None and tok.pos_ == "NOUN" and tok.lemma_.lower() in _HEAD_NOUN_GROUPS:
            key = self._head_noun(tok)
        if key is None and tok.lemma_.lower() in _MEMBER_KINDS and tok.dep_ == "poss" \
                and tok.head.lemma_.lower() in _rules().titles:
            # "the insurgents' spokesman X": the group named last in this or the previous
            # sentence ("rebel leader X" without the possessive often names another group's)
            key = self._last_group(tok)
            if key is None:
                key = self._far_owner(tok)
        if key is None and tok.lemma_.lower() in _MEMBER_KINDS and tok.tag_ == "NNS" and any(
                c.lower_ == "the" for c in tok.children if c.dep_ == "det") and (
                (tok.dep_ == "pobj" and (tok.head.head.lemma_.lower() in _rules().titles or tok.head.head.lemma_.lower() == "speak"))
                or (tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in ("lead", "head", "command"))):
            # "a spokesman for the insurgents", "the insurgents are led by X": the group the
            # story is about, named last in the last three sentences
            key = self._far_owner(tok)
        if key is None and ((tok.lower_ == "its" and tok.dep_ == "poss") or
                            (tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass", "dobj"))):
            key = self._pronoun(tok)
        if key is None and tok.lower_ == "their" and tok.dep_ == "poss" and tok.head.lemma_.lower() in _rules().titles:
            key = self._their_owner(tok)
        return key

    def _their_owner(self, tok: Token) -> str | None:
        """ "The Taliban took the city. Their spokesman X said ...": the group that is the first
        subject of this sentence before the pronoun, else of the previous sentence; any other
        subject first ("Soldiers fought G. Their commander ...") owns it, and no state body may
        come between."""
        for t, _ in _tokens_before(tok):
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
                if t.i in self.group and not _state_body_between(t, tok, self.group):
                    return self.group[t.i]
                return None
        return None

    def _head_noun(self, tok: Token) -> str | None:
        """A lower-case kind word standing for a group named before it ("imprisoned cartel
        leader X", "a co-founder of the cartel", "group leader X"): the last group named in the
        last paragraphs whose name holds the word ("the cartel" after "the Sinaloa Cartel" and
        "Los Chapitos" is the Sinaloa Cartel); failing that, for the words that name any kind of
        group, the group named last in this or the previous sentence."""
        word = tok.lemma_.lower()
        if tok.tag_ in ("NNS", "NNPS") or any(c.lower_ in _OTHER for c in tok.children if c.i < tok.i):
            return None  # "the other group", "rival cartels": not the one named before
        names = self._ctx.group_mentions
        before = [m for m in names if m.end <= tok.idx and not m.complement]
        # among the groups named with the word, the one the article names most often so far
        # (its topic: "the cartel" in a story of the Sinaloa Cartel's feud, with a rival
        # named once in between), the later one on a tie
        counts: dict[str, tuple[int, int]] = {}
        text = self._ctx.text
        for m in before:
            # the mentions written with the word ("Sinaloa Cartel", not "CJNG")
            if word in re.split(r"[\s-]+", text[m.start:m.end].lower()):
                counts[m.key] = (counts.get(m.key, (0, 0))[0] + 1, m.start)
        recent = {k: v for k, v in counts.items() if tok.idx - v[1] <= 1500}
        if recent:
            return max(recent, key=lambda k: recent[k])
        if word not in _ANY_GROUP_NOUNS:
            return None
        return self._last_group(tok)

    def _last_group(self, tok: Token) -> str | None:
        """The group named last before tok in its sentence or the one before, with no state
        body named in between."""
        before = [m for m in self._ctx.group_mentions if m.end <= tok.idx and not m.complement]
        if not before:
            return None
        prev = _previous_sentence(tok)
        if before[-1].start < (prev if prev is not None else tok.sent).start_char:
            return None
        if any(t.lemma_.lower() in _STATE_BODIES for t in tok.doc[:tok.i] if t.idx >= before[-1].end):
            return None
        return before[-1].key

    def salient_group(self, tok: Token) -> str | None:
        """The group a bare title belongs to ("X became leader in 2015"): the subject group of
        this sentence before it, else of the previous sentence, else the one group the previous
        sentence names."""
        sent = tok.sent
        prev = _previous_sentence(tok)
        for t, _ in _tokens_before(tok):
            if t.dep_ in ("nsubj", "nsubjpass") and t.i in self.group:
                return self.group[t.i]
        if prev is not None:
            keys = {self.group[t.i] for t in prev if t.i in self.group}
            if len(keys) == 1 and not any(t.i in self.group for t in sent):
                return next(iter(keys))
        return None

    def _is_place(self, m: tuple[int, int, str]) -> bool:
        span = self._ctx.doc.char_span(m[0], m[1], alignment_mode="expand")
        return span is not None and len(span) > 0 and span[0].i in self.place

    def _pronoun(self, tok: Token) -> str | None:
        key = self._near_pronoun(tok)
        near = _sentence_start(tok, 1)
        if key is None and tok.dep_ == "poss" and tok.head.lemma_.lower() in _rules().titles and not any(
                m[2] == "g" and near <= m[0] and m[1] <= tok.idx for m in self._mentions):
            # only where no group is named near: the near rule refused those on purpose
            key = self._far_owner(tok)
        return key

    def _far_owner(self, tok: Token) -> str | None:
        """ "G attacked Kano. Residents fled. ... Its leader, X, vowed revenge": a title's owner
        is a group or an organisation, not a place; the group named last in the last three
        sentences when no other organisation nor a state body was named after it."""
        before = [m for m in self._mentions if m[1] <= tok.idx]
        far = _sentence_start(tok, 3)
        orgs = [m for m in before if m[0] >= far and (m[2] == "g" or not self._is_place(m))]
        if not orgs or orgs[-1][2] != "g" or any(  # ("its" is no plural's: "troops" may come between)
                t.lemma_.lower() in _STATE_BODIES and t.tag_ != "NNS" for t in tok.doc[:tok.i] if t.idx >= orgs[-1][1]):
            return None
        if any(r.kind == "plural" and orgs[-1][1] <= r.start < tok.idx for r in self._ctx.group_refs):
            return None  # "X fought Y. The two groups had cooperated before. Its leader ...": either
        span = self._ctx.doc.char_span(orgs[-1][0], orgs[-1][1], alignment_mode="expand")
        return self.group.get(span[0].i) if span is not None and len(span) else None

    def _near_pronoun(self, tok: Token) -> str | None:
        """"its spokesman", "It is led by X": the group that is the subject of this sentence
        before the pronoun, else of the previous sentence; failing that, the group named last
        before it in this or the previous sentence when no organisation or place was named
        after it (a ministry's spokesman, a country's leader)."""
        for t, same_sentence in _tokens_before(tok):
            if t.dep_ in ("nsubj", "nsubjpass"):
                if t.i in self.group and t.head.pos_ in ("VERB", "AUX"):
                    return None if _state_body_between(t, tok, self.group) else self.group[t.i]
                if same_sentence and t.pos_ == "PROPN" and t.i not in self.person and t.i not in self.group:
                    return None  # "JA split from G over its founder ...": an unknown subject owns "its"
        before = [m for m in self._mentions if m[1] <= tok.idx]
        if not before or before[-1][2] != "g":
            return None
        s = before[-1][0]
        if any(t.lemma_.lower() in _STATE_BODIES for t in tok.doc[:tok.i] if t.idx >= before[-1][1]):
            return None
        prev = _previous_sentence(tok)
        if s < (prev if prev is not None else tok.sent).start_char:
            return None
        span = self._ctx.doc.char_span(s, before[-1][1], alignment_mode="expand")
        return self.group.get(span[0].i) if span is not None and len(span) else None


# Military ranks a rebel commander is named with ("General X", "Col. X", "Comandante X").
_RANKS = {"general", "gen", "colonel", "col", "brigadier", "brig", "major", "maj", "captain", "capt",
          "lieutenant", "lt", "comandante", "commandant", "cmdr"}
_QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»"}


def _nickname(tok: Token) -> tuple[int, int, int] | None:
    """(first word, opening quote, closing quote) of a name with a quoted nickname before its
    last word ('Ismael "El Mayo" Zambada', "Jimmy 'Barbecue' Cherizier"): one or two
    capitalised words, a quoted nickname of one to three words, then tok."""
    doc = tok.doc
    close = tok.i - 1
    if close < 3 or doc[close].text not in _QUOTES:
        return None
    open_ = next((j for j in range(close - 1, max(close - 5, 0) - 1, -1) if doc[j].text in _QUOTES), None)
    if open_ is None or open_ == close - 1 or open_ < 1:
        return None
    if not all(w.text[:1].isupper() for w in doc[open_ + 1: close]):
        return None
    first = open_
    while first - 1 >= 0 and open_ - (first - 1) <= 2 and doc[first - 1].pos_ == "PROPN" \
            and doc[first - 1].text[:1].isupper():
        first -= 1
    return (first, open_, close) if first < open_ else None


def _sentence_start(tok: Token, back: int) -> int:
    """The offset where the sentence `back` sentences before tok's starts."""
    sent = tok.sent
    for _ in range(back):
        if sent.start == 0:
            break
        sent = sent[0].nbor(-1).sent
    return sent.start_char


def _previous_sentence(tok: Token) -> Span | None:
    sent = tok.sent
    return sent[0].nbor(-1).sent if sent.start > 0 else None


def _tokens_before(tok: Token) -> Iterator[tuple[Token, bool]]:
    """The tokens of tok's sentence before it, then those of the sentence before, each with
    whether it is in tok's own sentence: where a pronoun or a bare title looks for its group."""
    for t in tok.sent:
        if t.i >= tok.i:
            break
        yield t, True
    prev = _previous_sentence(tok)
    if prev is not None:
        for t in prev:
            yield t, False


# "G attacked the army and its commander ...": a state body named after the group is the
# nearer owner of "its".
_STATE_BODIES = {"army", "military", "government", "police", "force", "troop", "state", "ministry",
                 "authority", "country", "official", "navy", "regime", "administration"}


def _state_body_between(a: Token, b: Token, groups: dict[int, str]) -> bool:
    """A state body named between two tokens; the words of a group's name ("Islamic *State*",
    "Popular Mobilization *Forces*") are none."""
    return any(t.lemma_.lower() in _STATE_BODIES and t.i not in groups for t in a.doc[a.i + 1:b.i])


# Words that may qualify a bare title of an armed group's man ("X, a local commander"); any
# other modifier ("military", "regional police") may make it a state's title
_BARE_MODIFIERS = {"local", "senior", "top", "former", "rebel", "militant", "insurgent", "field", "jihadist",
                   "notorious", "powerful", "self-styled", "slain", "late", "key", "veteran", "feared", "a", "an",
                   "the", "one", "then", "another"}


_NOT_BARE = {"soldier", "officer", "general", "colonel", "minister", "president", "governor", "mayor", "commissioner"}


def _bare_title(tok: Token) -> bool:
    """A title with no group of its own, nor any modifier but those of _BARE_MODIFIERS, in a
    sentence that names no state body, no soldier and no officer, after one that names none
    either ("Police said G attacked. Commander X said ..." may be a police commander): an armed
    group's man when
    the article's salient group is his ("Al-Shabaab attacked the base. X, a local commander,
    led the raid")."""
    if any(c.i < tok.i and c.dep_ in ("amod", "compound", "nmod", "det", "nummod") and c.lower_ not in _BARE_MODIFIERS
           for c in tok.children):
        return False
    if tok.text[:1].isupper() and tok.i > tok.sent.start and tok.doc[tok.i - 1].text[:1].isupper():
        return False  # "Army Commander X", "Police Commander X"
    prev = _previous_sentence(tok)
    return not any((t.lemma_.lower() in _STATE_BODIES or t.lemma_.lower() in _NOT_BARE)
                   and not (t.sent.start == tok.sent.start and _only_the_speaker(t, tok))
                   for t in [*tok.sent, *(prev if prev is not None else ())])


def _only_the_speaker(body: Token, title: Token) -> bool:
    """"X, a senior commander, was killed in the fighting, the army said": a state body that only
    tells the sentence (the subject of its verb of speech, the title outside that subject) says
    nothing of whose commander he is."""
    speech = body.head
    return (body.dep_ == "nsubj" and speech.lemma_.lower() in _SPEECH and speech.pos_ == "VERB"
            and title not in body.subtree
            and not any(c.dep_ in ("dobj", "prep") and title in c.subtree for c in speech.children))


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _same_kind(other: Token, tok: Token, pat: _Pattern, rules: _Rules) -> bool:
    """A coordinated word that shares the cue's arguments: another title ("the founder and
    leader of G, X") or another verb ("founded and led by X")."""
    if pat.cue is None:
        return _title_role(other, rules)[0] is not None
    return other.pos_ in ("VERB", "AUX") and tok.pos_ in ("VERB", "AUX")


def _group_conjuncts(tok: Token) -> list[Token]:
    """The words coordinated with a group's ("A and B"; "of A and of B": the objects of the
    coordinated prepositions)."""
    out = list(tok.conjuncts)
    if tok.dep_ == "pobj":
        out += [o for p in tok.head.conjuncts for o in p.children if o.dep_ == "pobj"]
    return out


def _listed(tok: Token) -> bool:
    """A true list has a conjunction ("X, Y and Z"); "on Twitter, X" parsed as one is none."""
    return any(c.dep_ == "cc" for t in (tok, *tok.conjuncts) for c in t.children)


def _own_title(tok: Token, rules: _Rules) -> bool:
    """A listed name with a title or a possessor of its own ("G leader X and his lieutenant
    Y", "X and deputy leader Y"): the title before the list is not his."""
    return any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i and
               (_title_role(c, rules)[0] is not None or c.lower_ in ("his", "her", "their"))
               for c in tok.children)


def _described(tok: Token) -> bool:
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in tok.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children)


def pattern_roles(ctx: Context, descriptions: list, known: list[RoleHit] | None = None) -> list[RoleHit]:
    """Roles from the construction table over the dependency parse. `known` are roles found
    otherwise, read by rows whose group is the possessor's ("his deputy, Y")."""
    rules = _rules()
    index = _Index(ctx, descriptions)
    out: list[RoleHit] = []
    # (persons, possessor, role, sentence, rule): "his deputy Y" is a deputy in the group his
    # possessor leads, known only once every role of the document is read
    pending: list[tuple[list[str], str, str, Span, str]] = []
    words = doc_words(ctx.doc)
    maybe = rules.maybe_words
    for sent in ctx.sentences():
        for i in range(sent.start, sent.end):
            if words.lower[i] not in maybe and words.lemma[i] not in maybe \
                    and words.lower[i].rstrip(".") not in _RANKS:
                continue  # no title, rank or cue (the tests below, without making the token)
            tok = ctx.doc[i]
            title_role, title_also = _title_role(tok, rules)
            lemma = tok.lemma_.lower()
            if title_role is None and lemma not in rules.cue_lemmas and tok.lower_ not in rules.cue_lemmas:
                continue
            for pat in rules.patterns:
                if pat.cue is None:
                    role, also = title_role, title_also
                    if role is None:
                        continue
                elif (lemma in pat.cue or tok.lower_ in pat.cue and _bare_verb(tok)) and tok.pos_ in pat.pos:
                    # "helped found G", "went on to found G": the tagger reads "found" as "find"
                    role, also = pat.role, None
                else:
                    continue
                if role is None or _negated(tok):
                    continue
                if role == "leader" and pat.cue is None:
                    of = [t for t in _walk(tok, _PLACE_PATH) if t.i not in index.group]
                    if of and all(t.i in index.place or t.ent_type_ in ("GPE", "LOC", "FAC")
                                  or t.lemma_.lower() in rules.regions for t in of):
                        # "G's emir of Helmand", "the emir of G for the Juba region" leads a province only
                        role, also = "commander", None
                    elif of and all(t.lemma_.lower() in rules.departments or t.lower_ in rules.departments for t in of):
                        role, also = rules.department_role, None  # "G's chief of operations"
                    elif of and all(_department_unit(t, rules) for t in of):
                        role, also = rules.department_role, None  # "the head of G's military wing"
                # Coordinated cues share their arguments: "the founder and leader of G, X",
                # "G was founded and led by X".
                same = [c for c in tok.conjuncts if _same_kind(c, tok, pat, rules)]
                if pat.cue is None and tok.tag_ == "NNS" and any(
                        _title_role(c, rules)[0] not in (None, role) for c in same):
                    # "leaders and members of G, including X and Y": each holds one of the
                    # plural titles, which one is not said; membership is certain
                    role, also = "member", None
                firsts = [tok] + [c for c in same if c.i < tok.i][:1]
                if pat.cue is not None:
                    firsts += [c for c in same if c.i > tok.i]
                persons: list[str] = []
                unnamed: dict[str, tuple[Token, bool]] = {}  # names to make people of if a group is found
                appos = any(f.dep_ == "appos" for f in firsts)
                for start in firsts:
                    for path in pat.person:
                        for anchor in _walk(start, path):
                            # "X, Y and Z, members of G" is three roles: an appositive after the
                            # last of the names describes them all; in "X, Y (leader of G) and Z"
                            # or "X, head of A; Y, chief of B" it describes one name only.
                            if pat.cue is None and tok.tag_ == "NNS" and anchor.dep_ == "compound" and \
                                    anchor.pos_ == "PROPN" and anchor.head.pos_ == "PROPN" and anchor.head.i > tok.i:
                                # "G commanders X and Y fled": the list hangs on the last word of
                                # the first name, the path reached its first
                                while anchor.dep_ == "compound" and anchor.head.pos_ == "PROPN":
                                    anchor = anchor.head
                            conj = [c for c in anchor.conjuncts
                                    if not (appos and (_described(c) or c.i > tok.i))
                                    and not _own_title(c, rules)] if not appos or _listed(anchor) else []
                            listed = [anchor, *conj]
                            if anchor.lower_ in ("who", "whom") and anchor.head.dep_ == "relcl" and any(
                                    w.lower_ in ("are", "were", "have") or w.tag_ == "VBP"
                                    for w in (anchor.head, *anchor.head.children) if w.i > anchor.i):
                                # "police held X and Y, who are members of G": a plural relative
                                # clause on the last of coordinated names describes them all
                                listed += list(anchor.head.head.conjuncts)
                            if appos and anchor.dep_ != "appos":
                                # "X, Y and Z, all G commanders": the parser hangs "Y and Z" on
                                # X as its apposition, and the title on X
                                for c in anchor.children:
                                    if c.dep_ == "appos" and c.i < tok.i and c.conjuncts and \
                                            index.person_of(c) is not None:
                                        listed += [c, *[d for d in c.conjuncts if d.i < tok.i]]
                            if (appos and conj and anchor.dep_ == "appos" and anchor.head.i < anchor.i
                                    and index.person_of(anchor.head) is not None):
                                # "X, Y and Z, members of G": the parser hangs "Y and Z" on X as
                                # its apposition; X opens the same list
                                listed.insert(0, anchor.head)
                            for t in listed:
                                key = index.person_of(t)
                                if key is None and t.i in index.plural:
                                    persons.extend(k for k in index.plural[t.i] if k not in persons)
                                    continue
                                if key is None and pat.cue is not None and t.pos_ == "NOUN":
                                    # "founded by the cleric X", "led by a former teacher, X"
                                    key = next((index.person_of(c) for c in t.children if c.dep_ == "appos"
                                                and c.i <= t.i + 3 and index.person_of(c)), None)
                                if key is None:
                                    # a name listed with people the tagger knows ("X, Y and Z")
                                    beside = any(c.i in index.person for c in listed if c is not t)
                                    key = index.named_person(t, beside_people=beside)
                                    if key:
                                        unnamed[key] = (t, beside)
                                if key and pat.untitled and (span := index.mention_span(t)) is not None \
                                        and _titled(span):
                                    continue
                                if key and pat.full_name and not _full_name(ctx.entities[key].name if key in ctx.entities else ""):
                                    continue
                                if key and key not in persons:
                                    persons.append(key)
                    if persons:
                        break
                if not persons and pat.cue is None and tok.tag_ == "NNS" and tok.i + 1 < len(tok.doc) \
                        and tok.doc[tok.i + 1].text == ",":
                    # "The G leaders, X and Y, fled": the parser may make the listed names
                    # conjuncts of the plural title instead of its apposition
                    for c in tok.children:
                        if c.dep_ == "conj" and c.i > tok.i and c.pos_ == "PROPN" and index.person_of(c):
                            for t in (c, *c.conjuncts):
                                key = index.person_of(t)
                                if key and key not in persons and not _own_title(t, rules):
                                    persons.append(key)
                            break
                if not persons:
                    continue
                groups: list[str] = []
                if pat.salient:
                    if pat.bare and (rules.titles.get(tok.lower_, rules.titles.get(tok.lemma_.lower()))
                                     not in ("commander", "spokesperson") or not _bare_title(tok)):
                        continue  # (a bare "local leader" is as often a village's or a party's)
                    if pat.cue is not None and not any(c.dep_ in ("dobj", "dative") or c.dep_ == "prep" and c.lower_ in (
                            "of", "at") for c in tok.children):
                        # "X took over in 2009" (a verb with no object: "took over the army" has one)
                        key = index.salient_group(tok)
                        if key:
                            groups.append(key)
                    elif pat.cue is None and not any(c.dep_ in ("prep", "poss", "compound", "nmod") for c in tok.children):
                        key = index.salient_group(tok)
                        if key:
                            groups.append(key)
                # "the second in command of G": "of G" hangs on the title's last word
                split_title = [tok.doc[tok.i + 2]] if pat.cue is None and tok.lower_ == "second" and \
                    tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_ == "command" else []
                for start in [tok] + [c for c in same if c.i < tok.i][:1] + split_title:
                    for path in pat.group:
                        for anchor in _walk(start, path):
                            key = index.group_of(anchor)
                            if key and key not in groups:
                                groups.append(key)
                                # "associated with A and B", "a member of A and of B": each group
                                for c in _group_conjuncts(anchor):
                                    ckey = index.group_of(c)
                                    if ckey and ckey not in groups:
                                        groups.append(ckey)
                    if groups:
                        break
                if groups:
                    for t, beside in unnamed.values():
                        index.named_person(t, commit=True, beside_people=beside)
                if pat.possessor:
                    owner = next((index.person_of(c) for c in tok.children if c.dep_ == "poss"), None)
                    if owner is None and tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
                        # "his deputy Y": the possessive hangs on the name the title is set before
                        owner = next((index.person_of(c) for c in tok.head.children
                                      if c.dep_ == "poss" and c.i < tok.i), None)
                    if owner is None and pat.cue is None:
                        # "X, a top lieutenant of Y", "X, an aide to Y": the group Y leads
                        owner = next((index.person_of(t) for t in _walk(tok, _OWNER_PATH)
                                      if index.person_of(t) is not None), None)
                    if owner is None and pat.cue is not None and not any(
                            c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
                        # "X succeeded Y" (with no "as ..." naming the post): Y led the group X
                        # leads; "Y was succeeded by X"
                        owner = next((index.person_of(t) for path in _SUBJECT_PATHS for t in _walk(tok, path)
                                      if index.person_of(t) is not None), None)
                    if owner and not groups:
                        pending.append(([p for p in persons if p != owner], owner, role, sent, pat.id))
                for person in persons:
                    for group in groups:
                        out.append(RoleHit(person, role, group, evidence(sent), pat.id))
                        if also:
                            out.append(RoleHit(person, also, group, evidence(sent), pat.id))
    out += _possessed_groups(ctx, index) + _named_with_group(ctx, index)
    out += _unnamed_titles(ctx, index, rules, (known or []) + out)
    out += _described_titles(ctx, index, rules, (known or []) + out)
    leads = [(h.person, h.group) for h in (known or []) + out if h.role in ("leader", "founder")]
    for persons, owner, role, sent, rule in pending:
        owned = list(dict.fromkeys(g for p, g in leads if p == owner))
        if len(owned) == 1:  # a man who leads two groups: whose deputy is unclear
            out += [RoleHit(p, role, owned[0], evidence(sent), rule) for p in persons]
    return out


# Kind words a leader's name may possess with the group's name on them ("Izo's 5 Segonn gang");
# not "faction" or "wing": "X's Boko Haram faction" is a part of the group, its own.
_OWN_KINDS = {"gang", "group", "movement", "militia", "network", "organization", "organisation", "outfit",
              "cartel", "army"}


def _possessed_groups(ctx: Context, index: _Index) -> list[RoleHit]:
    """"Iyad Ag Ghali's JNIM claimed the raid", "Nasrallah's Hezbollah": a person's name as
    the possessive of a group's name is the group's leader; not where the group's name only
    modifies another word ("X's Hezbollah policy": the possessive is the policy's)."""
    out: list[RoleHit] = []
    for tok in ctx.doc:
        if tok.lower_ == "whose" and tok.dep_ == "poss":
            # "gang leader X, whose 5 Segonn gang controls the district": the antecedent leads it
            # (the group's name, or a kind word with the name on it)
            owned = index.group.get(tok.head.i) or next(
                (index.group[c.i] for c in tok.head.children if c.dep_ in ("compound", "nmod") and c.i in index.group), None)
            rel = next((h for h in (tok.head, tok.head.head, tok.head.head.head) if h.dep_ == "relcl"), None)
            person = index.person_of(rel.head) if rel is not None else None
            if person is not None and owned is not None:
                out.append(RoleHit(person, "leader", owned, evidence(tok.sent), "possessed-group"))
            continue
        if tok.dep_ != "poss" or tok.pos_ != "PROPN" or tok.i in index.group or not any(
                c.dep_ == "case" for c in tok.children):
            continue
        person = index.person_of(tok)
        head = tok.head
        group = index.group.get(head.i)
        if group is None and head.lemma_.lower() in _OWN_KINDS:
            # "Izo's 5 Segonn gang": the group's name on a kind word the name possesses
            group = next((index.group[c.i] for c in head.children
                          if c.dep_ in ("compound", "nmod") and c.i in index.group), None)
            if person is not None and group is not None and head.dep_ not in ("compound", "amod", "nmod") \
                    and not _opposed(head):
                out.append(RoleHit(person, "leader", group, evidence(tok.sent), "possessed-group"))
            continue
        if person is None or group is None or tok.i + 1 >= len(ctx.doc) or ctx.doc[tok.i + 1].dep_ != "case":
            continue
        while head.head is not head and index.group.get(head.head.i) == group:
            head = head.head
        if head.dep_ in ("compound", "amod", "nmod") or _opposed(head):
            continue
        out.append(RoleHit(person, "leader", group, evidence(tok.sent), "possessed-group"))
    return out


def _named_with_group(ctx: Context, index: _Index) -> list[RoleHit]:
    """"Ruben Ortega of Abu Sayyaf was killed", "the Abu Sayyaf's Ruben Ortega": a full name
    with no title, tied to a group by "of" or a possessive, is one of its members (a title of his
    in the group, found otherwise, replaces the membership)."""
    out: list[RoleHit] = []
    rules = _rules()
    for m in index.person_mentions:
        if m.kind != NAME or not _full_name(ctx.text[m.start:m.end]):
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span) or _titled(span):
            continue
        head = span.root
        if any(c.dep_ in ("compound", "amod", "nmod", "appos") and _title_role(c, rules)[0] is not None
               for c in head.children):
            continue  # "Commander X of G": the title rows read it
        groups = [index.group[c.i] for c in head.children if c.dep_ == "poss" and c.i in index.group]
        # "of G" right after the name, or after a comma ("X, of the Abu Sayyaf, was killed")
        right_after = {span.end, span.end + 1} if span.end < len(ctx.doc) and ctx.doc[span.end].text == "," \
            else {span.end}
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i in right_after:
                groups += [index.group[o.i] for o in c.children if o.dep_ == "pobj" and o.i in index.group]
        for g in dict.fromkeys(groups):
            out.append(RoleHit(m.key, "member", g, evidence(head.sent), "named-with-group"))
    return out


# -- a title named later: "a top G commander said ... . “...,” Murat Kaya told TV." -------------
_UNNAMED_ROLES = {"leader", "founder", "commander", "deputy_leader", "spokesperson"}
_SPEECH = {"say", "tell", "confirm", "announce", "claim", "deny", "add", "state", "warn", "vow", "insist"}
_LEAD_GROUP_PATHS = tuple(_parse_path(p) for p in (
    "prep[of,for,in,within,inside,from] pobj", "compound|poss|nmod", "compound|nmod compound|nmod|poss",
    # "the leader of the Taliban insurgency": the group's name on a kind word
    "prep[of,for,in,within,inside,from] pobj[insurgency,rebellion,uprising,movement,group,organization,organisation,"
    "network,outfit,militia,faction] compound|nmod|poss"))


def _unnamed_titles(ctx: Context, index: _Index, rules: _Rules, known: list[RoleHit]) -> list[RoleHit]:
    """News often opens with a role and names its holder a sentence or two later: "Police
    arrested the leader of G on Saturday. ... four suspects linked to Para Wijayanto ...". A
    title of one group, singular, with a determiner, that no construction gave a name and that
    no person named before it in its sentence could hold, is held by the first person named in
    the next two sentences when that is the first time the article names him, the name carries
    no title or description of its own (not "President X", "X, a resident") and he holds no
    other role. A title that speaks ("a G commander said") wants a speaker, and the speaker may
    be a name the tagger took for an organisation's ("Murat Kaya told TV")."""
    out: list[RoleHit] = []
    doc = ctx.doc
    sents = list(ctx.sentences())
    roled = {h.person for h in known}
    named_in = {(h.evidence["start"], h.group) for h in known}
    names = [m for m in index.person_mentions if m.kind == NAME and _full_name(ctx.text[m.start:m.end])]
    # the lead: the first two sentences that name a group (a dateline or a photo caption
    # before them names none); later in the article "the G leader" points back, not ahead
    lead = [k for k, sent in enumerate(sents)
            if any(i in index.group for i in range(sent.start, sent.end))][:2]
    for k in lead:
        sent = sents[k]
        if any(sent.start_char <= m.start < sent.end_char and not _misread_place(doc, m.start, m.end, index)
               for m in index.person_mentions):
            continue  # a person named beside the title may be its holder
        for tok in sent:
            role, _ = _title_role(tok, rules)
            if role not in _UNNAMED_ROLES or tok.tag_ != "NN" or _negated(tok):
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in tok.children) and \
                    not any(c.dep_ == "poss" for c in tok.children):
                continue
            groups = {g for path in _LEAD_GROUP_PATHS for a in _walk(tok, path) if (g := index.group_of(a))}
            if len(groups) != 1:
                continue
            group = next(iter(groups))
            if (sent.start_char, group) in named_in:
                continue  # a construction named its holder in this sentence
            speaks = tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _SPEECH
            rest = sents[k + 1:k + 4]
            later = [(m.start, m.end, m.key) for m in names
                     if any(s.start_char <= m.start < s.end_char for s in rest)]
            if speaks:
                later += [x for s in rest if (x := _org_speaker(ctx, index, s)) is not None]
            if not later:
                continue
            start, end, key = min(later)
            if key in roled or any(m.key == key and m.start < sent.start_char for m in index.person_mentions):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or _titled(span) or (speaks and not _speaker(span)):
                continue
            if key not in ctx.entities:
                # the speaker the tagger took for an organisation is a person now
                ctx.entities.pop(f"{ORGANIZATION}:{normalize(span.text)}", None)
                ent = ctx.entities[key] = Entity(key=key, name=span.text, type=PERSON)
                ent.add_mention(start, end, span.text)
            out.append(RoleHit(key, role, group, evidence(sent), "unnamed-title"))
            roled.add(key)
            break
    return out


def _described_titles(ctx: Context, index: _Index, rules: _Rules, known: list[RoleHit]) -> list[RoleHit]:
    """News names a person, then refers back to him by his title: "Troops killed X in a raid.
    The al-Shabaab commander had planned the hotel attack." A singular title with "the", a
    group's name among its modifiers, no name, "of" or apposition after it, in a subject or
    object slot of a sentence that names no person before it, is held by the one person the
    previous sentence (else the one before) names, when that name carries no title or
    description of its own ("police chief X", "X, a resident"), is not the subject of a verb of
    speech ("X said talks failed. The G leader refused": the speaker talks about him) and he
    holds no role in another group."""
    out: list[RoleHit] = []
    sents = list(ctx.sentences())
    groups_of: dict[str, set[str]] = {}
    for h in known:
        groups_of.setdefault(h.person, set()).add(h.group)
    for k, sent in enumerate(sents):
        if k == 0:
            continue
        for tok in sent:
            role, _ = _title_role(tok, rules)
            if role is None or tok.tag_ != "NN" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") \
                    or _negated(tok) or tok.i in index.group:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
                    c.dep_ in ("poss", "appos", "prep", "relcl", "acl") or c.pos_ == "PROPN" and c.i > tok.i
                    for c in tok.children):
                continue
            if tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].text[:1].isupper():
                continue  # "the G commander Omar X": a name follows
            found = {g for c in tok.children if c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i
                     for g in [index.group_of(c)] if g}
            if len(found) != 1:
                continue
            group = next(iter(found))
            if any(sent.start_char <= m.start < tok.idx for m in index.person_mentions):
                continue  # "X met the G commander": another person, most likely
            for prev in (sents[k - 1], sents[k - 2] if k >= 2 else None):
                if prev is None:
                    break
                named = [m for m in index.person_mentions
                         if m.kind in (NAME, SURNAME) and prev.start_char <= m.start < prev.end_char]
                if not named:
                    continue
                keys = {m.key for m in named}
                if len(keys) == 1:
                    key = named[0].key
                    span = ctx.doc.char_span(named[0].start, named[0].end, alignment_mode="expand")
                    if span is not None and not _titled(span) and not _speaker(span) \
                            and groups_of.get(key, {group}) <= {group}:
                        # (a speaker before "the G leader" is most often someone who talks about him)
                        out.append(RoleHit(key, role, group, evidence(sent), "described-title"))
                break
    return out


def _org_speaker(ctx: Context, index: _Index, sent: Span) -> tuple[int, int, str] | None:
    """A name of two or three capitalised words that the tagger took for an organisation's and
    that is the subject of a verb of speech: "..., Murat Kaya told the TV station"."""
    for tok in sent:
        if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in _SPEECH or tok.pos_ != "PROPN":
            continue
        words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
        if not 2 <= len(words) <= 3 or words[-1].i - words[0].i + 1 != len(words):
            continue
        if any(not w.text[:1].isupper() or w.i in index.group or w.i in index.person or w.ent_type_ != "ORG"
               or not w.is_alpha for w in words):
            continue
        span = ctx.doc[words[0].i: words[-1].i + 1]
        if _NOT_A_NAME.search(span.text):
            continue
        ent = ctx.entities.get(f"{ORGANIZATION}:{normalize(span.text)}")
        if ent is None or any((s, e) != (span.start_char, span.end_char) for s, e in ent.mentions):
            continue  # an organisation named elsewhere in the article is one
        return span.start_char, span.end_char, f"{PERSON}:{normalize(span.text)}"
    return None


def _opposed(tok: Token) -> bool:
    """A group name after "anti-" or "pro-" ("anti-Taliban", "pro-ISIS")."""
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i - 1].i in range(tok.left_edge.i, tok.i) and doc[i - 1].pos_ == "PROPN":
        i -= 1
    return (i >= 2 and doc[i - 1].text in ("-", "‐") and doc[i - 2].lower_ in ("anti", "pro", "non")) or \
        doc[i].lower_.startswith(("anti-", "pro-"))


def _bare_verb(tok: Token) -> bool:
    """A verb after "to" or "helped" ("went on to found", "helped found")."""
    return tok.tag_ == "VB" or any(c.dep_ == "aux" and c.lower_ in ("to", "help", "helped", "helps", "helping")
                                   for c in tok.children)


def _misread_place(doc: Doc, start: int, end: int, index: _Index) -> bool:
    """A "person" set beside a place ("northeast Syria (Rojava)"): the tagger's misreading."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "appos" and (
        span.root.head.i in index.place or span.root.head.ent_type_ in ("GPE", "LOC"))


def _full_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()
                                        for w in words)


def _titled(name: Span) -> bool:
    """The name carries a title or a description of its own: "President X", "police chief X",
    "X, a resident", "the army's spokesman, X"."""
    root = name.root
    if name.start > 0:
        before = name.doc[name.start - 1]
        if before.pos_ in ("NOUN", "PROPN"):
            return True
    if any(c.dep_ == "appos" and c.pos_ in ("NOUN", "NUM") for c in root.children):
        return True
    return root.dep_ == "appos" and root.head.pos_ == "NOUN"


def _speaker(name: Span) -> bool:
    root = name.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _SPEECH
