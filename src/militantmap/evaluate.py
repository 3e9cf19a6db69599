"""Score extractions against gold-annotated articles (../shared/corpus/SCHEMA.md).

`score` is pure: gold dicts and extraction dicts (../shared/extraction-format.md) in, an
EvalReport out. `evaluate` loads a gold directory, runs the extractor on its texts and scores.
Everything is micro-averaged over the directory; per-file details say what was missed and what
was wrongly found, so a developer can see why a score moved.

Matching rules (from the issue that asked for this command):
- groups: an extracted armed_group matches a gold group when any of its names equals any gold
  name after `norm_name`; one-to-one.
- relations: endpoints mapped to gold canonical names through the group matching; typed = same
  type and direction (symmetric types in either direction), untyped = unordered pair. Compared
  as sets per article: the gold annotates ties, and one tie stated twice is still one tie.
- roles: (person, role, group) with lenient person names (`same_person`); one-to-one.
- events: same type and overlapping sentence; one-to-one, ties broken by field agreement.
- gold items marked "optional" are neither required nor penalised.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from militantmap import schema
from militantmap.errors import ConfigError, InputError
from militantmap.schema import SYMMETRIC

__all__ = [
    "HEADLINE",
    "EvalReport",
    "article_from_gold",
    "corpus_sha256",
    "evaluate",
    "headline_scores",
    "load_gold",
    "norm_name",
    "read_floors",
    "same_person",
    "score",
    "split_of",
    "write_floors",
]

RELATION_TYPES = frozenset(schema.RELATION_TYPES)
ROLE_TYPES = frozenset(schema.ROLE_TYPES)
EVENT_TYPES = frozenset(schema.EVENT_TYPES)
PRF_KEYS = ("groups", "relations_typed", "relations_untyped", "roles", "events")
FIELDS = ("location", "killed", "date", "perpetrators")

# The metrics the quality gate pins (name -> path into EvalReport.metrics).
HEADLINE: dict[str, tuple[str, str]] = {
    "groups_f1": ("groups", "f1"),
    "relations_typed_f1": ("relations_typed", "f1"),
    "roles_f1": ("roles", "f1"),
    "events_f1": ("events", "f1"),
    "event_location_acc": ("event_fields", "location"),
    "event_killed_acc": ("event_fields", "killed"),
    "event_date_acc": ("event_fields", "date"),
    "event_perpetrators_acc": ("event_fields", "perpetrators"),
}

# The dev set is split by id into a part developers read (to write rules from) and a part they
# only score: a rule that helps the read part and not the scored part fits sentences, not
# constructions. The scored part is the blind-annotated articles d101-d130 with an odd number
# (15 of 42 files); everything else (s001-s002, d001-d010, the even d1xx) is the read part.
# Fixed by id, so that nobody "moves" an article after reading it. Floors are pinned on the
# scored part (tests/eval_floors.json).
SPLITS = ("all", "read", "scored")


def split_of(article_id: str) -> str:
    """'scored' or 'read' for a dev article id (see SPLITS)."""
    m = re.fullmatch(r"d1(\d\d)", article_id)
    return "scored" if m and int(m.group(1)) % 2 == 1 else "read"


# Matching weights: any match of a required gold item outweighs every possible rearrangement of
# optional matches and tie-break bonuses, so the one-to-one matching first maximises true
# positives, then lets extra extractions absorb optional gold items, then prefers agreeing pairs.
_W_REQUIRED = 10**6
_W_OPTIONAL = 10**3
_W_BONUS = 999


# -- normalisation -------------------------------------------------------------------------------
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb\u0060\u00b4\u2032"
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DROP = re.compile(f"[\\s{re.escape(_APOSTROPHES + _HYPHENS)}]+")
_LEADING_THE = re.compile(r"^the[\s" + re.escape(_HYPHENS) + r"]+")


def norm_name(name: str) -> str:
    """Case-, space-, hyphen-, apostrophe- and leading-'the'-insensitive form of a name.

    >>> norm_name("The Lashkar-e-Jhangvi") == norm_name("lashkar e jhangvi")
    True
    """
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    s = _LEADING_THE.sub("", s)
    return _DROP.sub("", s)


# Titles and particles that alone say nothing about who a person is ("Mullah" vs "Mullah Omar").
_NAME_FILLERS = frozenset({
    "mullah", "mulla", "maulana", "maulvi", "sheikh", "shaikh", "sheik", "haji", "hafiz", "mufti",
    "qari", "imam", "commander", "gen", "general", "col", "colonel", "maj", "major", "capt",
    "captain", "lt", "mr", "mrs", "ms", "dr", "bin", "ibn", "al", "el", "ul", "e", "i",
})
_TOKEN = re.compile(r"[^\W_]+")


def _name_tokens(name: str) -> list[str]:
    s = unicodedata.normalize("NFKC", name).casefold()
    s = re.sub(f"[{re.escape(_APOSTROPHES)}]", "", s)
    return _TOKEN.findall(s)


def same_person(a: str, b: str) -> bool:
    """Lenient person-name match: equal after normalisation, or the tokens of one name are a
    suffix or a subset of the other's ("Fazlullah" ~ "Mullah Fazlullah", "Hamza" ~ "Hamza bin
    Ladin"). The shorter name must keep a token that is not a title or particle."""
    if norm_name(a) == norm_name(b):
        return True
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not [t for t in short if t not in _NAME_FILLERS]:
        return False
    return long_[-len(short):] == short or set(short) <= set(long_)


def _norm_text(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).split())


def _norm_place(s: str | None) -> str:
    return norm_name(s) if s else ""


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    # Empty denominators are vacuously perfect (nothing claimed, nothing to find); F1 in the
    # 2tp/(2tp+fp+fn) form equals the harmonic mean wherever that is defined.
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return {"p": p, "r": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _acc(correct: int, n: int) -> float | None:
    return correct / n if n else None


# -- gold loading ---------------------------------------------------------------------------------
class _GoldProblem(Exception):
    """What is wrong with a gold file's content; load_gold turns it into an InputError."""


def _check_str(obj: dict, key: str, where: str, nullable: bool = False) -> None:
    if key not in obj:
        raise _GoldProblem(f"{where}: missing field {key!r}")
    v = obj[key]
    if v is None and nullable:
        return
    if not isinstance(v, str) or (not nullable and not v.strip()):
        raise _GoldProblem(f"{where}: field {key!r} must be a non-empty string, got {v!r}")


def _check_names(values: Any, where: str) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _GoldProblem(f"{where}: must be a list of strings")


def _validate_gold(g: Any) -> None:
    """Raise _GoldProblem naming the first problem; the scorer relies on everything checked here."""
    if not isinstance(g, dict):
        raise _GoldProblem("top level must be a JSON object")
    _check_str(g, "id", "article")
    _check_str(g, "text", "article")
    for key in ("url", "title", "publisher", "published"):
        if g.get(key) is not None and not isinstance(g[key], str):
            raise _GoldProblem(f"article: field {key!r} must be a string or null")
    if g.get("published"):
        try:
            dt.date.fromisoformat(g["published"])
        except ValueError:
            raise _GoldProblem(f"article: published {g['published']!r} is not YYYY-MM-DD") from None
    for key in ("groups", "relations", "roles", "events"):
        if not isinstance(g.get(key), list):
            raise _GoldProblem(f"missing list field {key!r}")
        if not all(isinstance(item, dict) for item in g[key]):
            raise _GoldProblem(f"{key}: every item must be a JSON object")

    names: set[str] = set()
    for i, grp in enumerate(g["groups"]):
        where = f"groups[{i}]"
        _check_str(grp, "name", where)
        _check_names(grp.get("aliases", []), f"{where}.aliases")
        names.add(grp["name"])

    def known(name: Any, where: str) -> None:
        if name not in names:
            raise _GoldProblem(f"{where}: {name!r} is not the name of a group in 'groups'")

    for i, rel in enumerate(g["relations"]):
        where = f"relations[{i}]"
        for key in ("subject", "object", "type", "polarity", "modality", "sentence"):
            _check_str(rel, key, where)
        if rel["type"] not in RELATION_TYPES:
            raise _GoldProblem(f"{where}: unknown relation type {rel['type']!r}")
        known(rel["subject"], f"{where}.subject")
        known(rel["object"], f"{where}.object")
    for i, role in enumerate(g["roles"]):
        where = f"roles[{i}]"
        for key in ("person", "role", "group"):
            _check_str(role, key, where)
        if role["role"] not in ROLE_TYPES:
            raise _GoldProblem(f"{where}: unknown role {role['role']!r}")
        known(role["group"], f"{where}.group")
    for i, ev in enumerate(g["events"]):
        where = f"events[{i}]"
        _check_str(ev, "type", where)
        _check_str(ev, "sentence", where)
        if ev["type"] not in EVENT_TYPES:
            raise _GoldProblem(f"{where}: unknown event type {ev['type']!r}")
        _check_str(ev, "location", where, nullable=True)
        _check_str(ev, "date", where, nullable=True)
        if "killed" not in ev:
            raise _GoldProblem(f"{where}: missing field 'killed'")
        k = ev["killed"]
        if k is not None and (isinstance(k, bool) or not isinstance(k, int)):
            raise _GoldProblem(f"{where}: killed must be an integer or null, got {k!r}")
        if "perpetrators" not in ev:
            raise _GoldProblem(f"{where}: missing field 'perpetrators'")
        _check_names(ev["perpetrators"], f"{where}.perpetrators")
        for j, p in enumerate(ev["perpetrators"]):
            known(p, f"{where}.perpetrators[{j}]")


def load_gold(gold_dir: Path, split: str = "all") -> tuple[list[dict], list[InputError]]:
    """Read every *.json gold file of a directory, in name order (only the `split` part of it:
    see `split_of`).

    Returns the valid gold dicts (each with its path under "_source") and one InputError per
    unusable file; a missing or empty directory raises InputError.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), "no such directory", "give the directory of gold *.json files")
    if split not in SPLITS:
        raise InputError(split, f"no such split (one of {', '.join(SPLITS)})")
    paths = sorted(p for p in gold_dir.glob("*.json") if p.is_file()
                   and (split == "all" or split_of(p.stem) == split))
    if not paths:
        raise InputError(str(gold_dir), "contains no *.json gold files",
                         "see ../shared/corpus/SCHEMA.md for the format")
    golds: list[dict] = []
    errors: list[InputError] = []
    for path in paths:
        try:
            g = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as err:
            errors.append(InputError(str(path), f"not UTF-8 text ({err.reason})"))
            continue
        except json.JSONDecodeError as err:
            errors.append(InputError(str(path), f"malformed JSON: {err.msg} at line {err.lineno}, "
                                                f"column {err.colno}"))
            continue
        except OSError as err:
            errors.append(InputError(str(path), f"cannot read: {err.strerror or err}"))
            continue
        try:
            _validate_gold(g)
        except _GoldProblem as err:
            errors.append(InputError(str(path), f"not a gold file: {err}",
                                     "see ../shared/corpus/SCHEMA.md"))
            continue
        g["_source"] = str(path)
        golds.append(g)
    return golds, errors


def article_from_gold(g: dict):  # -> Article (imported lazily: keeps this module light)
    from militantmap.article import Article

    published = dt.date.fromisoformat(g["published"]) if g.get("published") else None
    return Article(text=g["text"], id=g["id"], url=g.get("url"), title=g.get("title"),
                   publisher=g.get("publisher"), published=published,
                   source=g.get("_source", g["id"]))


# -- one-to-one matching --------------------------------------------------------------------------
def _match(gold_items: Sequence[Any], ext_items: Sequence[Any],
           compatible: Callable[[Any, Any], bool],
           required: Callable[[Any], bool],
           bonus: Callable[[Any, Any], float] | None = None) -> dict[int, int]:
    """Maximum-weight one-to-one matching; returns {gold index: extracted index}.

    networkx's blossom algorithm is deterministic for a graph built in a fixed order, and the
    integer weights avoid float ties deciding the outcome.
    """
    import networkx as nx

    graph = nx.Graph()
    for gi, g in enumerate(gold_items):
        for xi, x in enumerate(ext_items):
            if not compatible(g, x):
                continue
            base = _W_REQUIRED if required(g) else _W_OPTIONAL
            extra = round(_W_BONUS * max(0.0, min(1.0, bonus(g, x)))) if bonus else 0
            graph.add_edge(("g", gi), ("x", xi), weight=base + extra)
    pairs: dict[int, int] = {}
    for a, b in nx.max_weight_matching(graph):
        (_, gi), (_, xi) = (a, b) if a[0] == "g" else (b, a)
        pairs[gi] = xi
    return dict(sorted(pairs.items()))


@dataclass
class _Outcome:
    """Result of matching one category in one article."""

    tp: list[tuple[Any, Any]] = field(default_factory=list)   # (gold, extracted) required pairs
    fn: list[Any] = field(default_factory=list)                 # required gold not found
    fp: list[Any] = field(default_factory=list)                 # extracted, matching nothing
    ignored: int = 0                                            # extracted matching only optional gold
    pairs: dict[int, int] = field(default_factory=dict)         # gold index -> extracted index


def _outcome(gold_items: Sequence[Any], ext_items: Sequence[Any],
             compatible: Callable[[Any, Any], bool], required: Callable[[Any], bool],
             bonus: Callable[[Any, Any], float] | None = None) -> _Outcome:
    pairs = _match(gold_items, ext_items, compatible, required, bonus)
    out = _Outcome(pairs=pairs)
    for gi, g in enumerate(gold_items):
        if not required(g):
            continue
        if gi in pairs:
            out.tp.append((g, ext_items[pairs[gi]]))
        else:
            out.fn.append(g)
    matched_to = {xi: gi for gi, xi in pairs.items()}
    for xi, x in enumerate(ext_items):
        if xi in matched_to:
            out.ignored += not required(gold_items[matched_to[xi]])
        # An extra extraction that fits only an optional gold item (even one already taken) is
        # not penalised; one that fits only required items already taken is a duplicate: it is.
        elif any(compatible(g, x) and not required(g) for g in gold_items):
            out.ignored += 1
        else:
            out.fp.append(x)
    return out


def _is_required(item: dict) -> bool:
    return not item.get("optional", False)


# -- the extraction side --------------------------------------------------------------------------
@dataclass
class _ExtView:
    """An extraction dict made easy to score: entity names and their gold canonical names."""

    text: str
    entities: dict[str, dict]
    groups: list[dict]                       # armed_group entities, in output order
    canon: dict[str, str]                    # entity id -> gold canonical name (or "?name")
    error: str | None = None

    def name(self, eid: Any) -> str:
        ent = self.entities.get(eid) if isinstance(eid, str) else None
        return str(ent.get("name") or eid) if ent else str(eid)

    def forms(self, eid: Any) -> list[str]:
        ent = self.entities.get(eid) if isinstance(eid, str) else None
        return _entity_forms(ent) if ent else [str(eid)]

    def group(self, eid: Any) -> str:
        # An endpoint that matches no gold group keeps its own name, marked, so it can never
        # equal a gold name by accident but still reads well in the false-positive list.
        return self.canon.get(eid, f"?{self.name(eid)}") if isinstance(eid, str) else f"?{eid}"


def _entity_forms(ent: dict) -> list[str]:
    forms = [ent.get("name")] + list(ent.get("aliases") or [])
    return [f for f in forms if isinstance(f, str) and f.strip()]


def _gold_forms(grp: dict) -> set[str]:
    return {norm_name(f) for f in [grp["name"], *grp.get("aliases", [])] if f.strip()}


def _ext_view(ext: dict, gold: dict) -> tuple[_ExtView, _Outcome]:
    article: dict = ext["article"] if isinstance(ext.get("article"), dict) else {}
    entities = {e["id"]: e for e in ext.get("entities") or [] if isinstance(e, dict) and "id" in e}
    groups = [e for e in entities.values() if e.get("type") == "armed_group"]
    gold_groups = gold["groups"]
    gforms = [_gold_forms(g) for g in gold_groups]

    def compatible(gi: int, ent: dict) -> bool:
        return bool(gforms[gi] & {norm_name(f) for f in _entity_forms(ent)})

    def bonus(gi: int, ent: dict) -> float:
        # Prefer the extracted entity whose canonical name is the gold one, then the one
        # sharing the most spellings with it.
        names = {norm_name(f) for f in _entity_forms(ent)}
        same_name = norm_name(str(ent.get("name") or "")) == norm_name(gold_groups[gi]["name"])
        return 0.5 * same_name + 0.5 * len(names & gforms[gi]) / max(1, len(gforms[gi]))

    outcome = _outcome(range(len(gold_groups)), groups, compatible,
                       lambda gi: _is_required(gold_groups[gi]), bonus)
    canon = {groups[xi]["id"]: gold_groups[gi]["name"] for gi, xi in outcome.pairs.items()}
    # Entities left out of the one-to-one matching (a duplicate node, or a group typed as an
    # organisation) already cost a group false positive; their relations should still count,
    # so they map to the first gold group sharing a spelling.
    for eid, ent in entities.items():
        if eid in canon:
            continue
        names = {norm_name(f) for f in _entity_forms(ent)}
        for gi, forms in enumerate(gforms):
            if names & forms:
                canon[eid] = gold_groups[gi]["name"]
                break
    view = _ExtView(text=str(article.get("text") or ""), entities=entities, groups=groups,
                    canon=canon, error=ext.get("error") if isinstance(ext.get("error"), str) else None)
    outcome.tp = [(gold_groups[gi], ent) for gi, ent in outcome.tp]
    outcome.fn = [gold_groups[gi] for gi in outcome.fn]
    return view, outcome


# -- relations ------------------------------------------------------------------------------------
def _rel_key(subj: str, typ: str, obj: str) -> tuple[str, str, str]:
    if typ in SYMMETRIC and obj < subj:
        subj, obj = obj, subj
    return (subj, typ, obj)


def _pair_key(subj: str, obj: str) -> tuple[str, str]:
    return (subj, obj) if subj <= obj else (obj, subj)


def _sentence_overlap(gold_sentence: str, ev: Any, text: str) -> float:
    """How much the extracted evidence overlaps the gold sentence, in [0, 1]; 0 = not at all.

    Offsets are used when the gold sentence can be found in the extraction's text (the
    extractor's sentence splitting may differ from the annotator's); otherwise string
    containment after whitespace normalisation decides.
    """
    if not isinstance(ev, dict):
        return 0.0
    start, end, sent = ev.get("start"), ev.get("end"), ev.get("sentence")
    pos = text.find(gold_sentence) if text and gold_sentence else -1
    if pos >= 0 and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        best = 0.0
        while pos >= 0:  # the same sentence may occur more than once
            g_end = pos + len(gold_sentence)
            inter = min(end, g_end) - max(start, pos)
            if inter > 0:
                best = max(best, inter / max(end - start, g_end - pos))
            pos = text.find(gold_sentence, pos + 1)
        return best
    if isinstance(sent, str) and sent.strip():
        a, b = _norm_text(gold_sentence), _norm_text(sent)
        if a and b and (a in b or b in a):
            return min(len(a), len(b)) / max(len(a), len(b))
    return 0.0


def _score_relations(gold: dict, ext: dict, view: _ExtView) -> dict[str, Any]:
    # Gold and extracted relations as sets of keys; a key is required if any gold statement of
    # it is. The statements behind a key are kept to compare polarity and modality.
    g_typed: dict[tuple, list[dict]] = {}
    g_pairs: dict[tuple, list[dict]] = {}
    for rel in gold["relations"]:
        g_typed.setdefault(_rel_key(rel["subject"], rel["type"], rel["object"]), []).append(rel)
        g_pairs.setdefault(_pair_key(rel["subject"], rel["object"]), []).append(rel)
    x_typed: dict[tuple, list[dict]] = {}
    x_pairs: dict[tuple, list[dict]] = {}
    for rel in ext.get("relations") or []:
        if not isinstance(rel, dict):
            continue
        s, o = view.group(rel.get("subject")), view.group(rel.get("object"))
        x_typed.setdefault(_rel_key(s, str(rel.get("type")), o), []).append(rel)
        x_pairs.setdefault(_pair_key(s, o), []).append(rel)

    def outcome(g_keys: dict, x_keys: dict) -> _Outcome:
        gk, xk = list(g_keys), list(x_keys)
        return _outcome(gk, xk, lambda a, b: a == b,
                        lambda k: any(_is_required(r) for r in g_keys[k]))

    typed = outcome(g_typed, x_typed)
    untyped = outcome(g_pairs, x_pairs)

    attr_errors: list[dict] = []
    pol_ok = mod_ok = 0
    for key, _ in typed.tp:
        g_rels = [r for r in g_typed[key] if _is_required(r)]
        # Compare the statements that share a sentence, if any; never pick by agreement, which
        # would flatter the accuracy.
        pairs = [(g, x) for g in g_rels for x in x_typed[key]]
        g, x = max(pairs, key=lambda p: _sentence_overlap(p[0]["sentence"], p[1].get("evidence"),
                                                          view.text))
        pol_ok += x.get("polarity") == g["polarity"]
        mod_ok += x.get("modality") == g["modality"]
        if x.get("polarity") != g["polarity"] or x.get("modality") != g["modality"]:
            attr_errors.append({
                "relation": _fmt_rel(key),
                "gold": {"polarity": g["polarity"], "modality": g["modality"]},
                "extracted": {"polarity": x.get("polarity"), "modality": x.get("modality")},
                "sentence": g["sentence"],
            })
    return {"typed": typed, "untyped": untyped, "pol_ok": pol_ok, "mod_ok": mod_ok,
            "attr_n": len(typed.tp), "attr_errors": attr_errors}


def _fmt_rel(key: tuple) -> str:
    s, t, o = key
    return f"{s} --{t}--> {o}" if t not in SYMMETRIC else f"{s} <-{t}-> {o}"


# -- roles ----------------------------------------------------------------------------------------
def _score_roles(gold: dict, ext: dict, view: _ExtView) -> _Outcome:
    g_keys: dict[tuple, list[dict]] = {}
    for role in gold["roles"]:
        g_keys.setdefault((role["person"], role["role"], role["group"]), []).append(role)
    x_keys: dict[tuple, tuple[str, tuple[str, ...], str, str]] = {}
    for role in ext.get("roles") or []:
        if not isinstance(role, dict):
            continue
        pid = role.get("person")
        key = (str(pid), str(role.get("role")), view.group(role.get("group")))
        x_keys.setdefault(key, (view.name(pid), tuple(view.forms(pid)), key[1], key[2]))
    xs = list(x_keys.values())

    def compatible(gk: tuple, x: tuple) -> bool:
        return gk[1] == x[2] and gk[2] == x[3] and any(same_person(gk[0], f) for f in x[1])

    def bonus(gk: tuple, x: tuple) -> float:
        return 1.0 if any(norm_name(gk[0]) == norm_name(f) for f in x[1]) else 0.0

    out = _outcome(list(g_keys), xs, compatible,
                   lambda k: any(_is_required(r) for r in g_keys[k]), bonus)
    return out


# -- events ---------------------------------------------------------------------------------------
def _x_location(ev: dict) -> str | None:
    loc = ev.get("location")
    if isinstance(loc, dict):
        loc = loc.get("name")
    return loc if isinstance(loc, str) and loc.strip() else None


def _x_killed(ev: dict) -> int | None:
    k = ev.get("killed")
    if isinstance(k, dict):
        k = k.get("value")
    return k if isinstance(k, int) and not isinstance(k, bool) else None


def _location_ok(gold: str | None, got: str | None) -> bool:
    g, x = _norm_place(gold), _norm_place(got)
    if not g or not x:
        return not g and not x
    return g == x or g in x or x in g


def _field_checks(g: dict, x: dict, view: _ExtView) -> dict[str, tuple[bool, Any, Any]]:
    """field -> (correct, gold value, extracted value) for one matched event pair."""
    loc = _x_location(x)
    killed = _x_killed(x)
    date = x.get("date") if isinstance(x.get("date"), str) else None
    perps = sorted({view.group(p) for p in x.get("perpetrators") or []})
    return {
        "location": (_location_ok(g["location"], loc), g["location"], loc),
        "killed": (g["killed"] == killed, g["killed"], killed),
        "date": (g["date"] == date, g["date"], date),
        "perpetrators": (set(g["perpetrators"]) == set(perps), sorted(g["perpetrators"]), perps),
    }


def _target_similarity(a: Any, b: Any) -> float:
    ta = set(_name_tokens(a)) if isinstance(a, str) else set()
    tb = set(_name_tokens(b)) if isinstance(b, str) else set()
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _score_events(gold: dict, ext: dict, view: _ExtView) -> tuple[_Outcome, list[dict]]:
    g_events = gold["events"]
    x_events = [e for e in ext.get("events") or [] if isinstance(e, dict)]

    def compatible(g: dict, x: dict) -> bool:
        return g["type"] == x.get("type") and _sentence_overlap(
            g["sentence"], x.get("evidence"), view.text) > 0

    def bonus(g: dict, x: dict) -> float:
        # Several gold events may share one sentence: pair each with the extraction that agrees
        # with it on location, target and date; the overlap only breaks the last ties.
        checks = _field_checks(g, x, view)
        loc = 1.0 if checks["location"][0] and g["location"] else 0.0
        date = 1.0 if checks["date"][0] and g["date"] else 0.0
        return (0.35 * loc + 0.3 * _target_similarity(g.get("target"), x.get("target"))
                + 0.25 * date + 0.1 * _sentence_overlap(g["sentence"], x.get("evidence"), view.text))

    out = _outcome(g_events, x_events, compatible, _is_required, bonus)
    return out, [_field_checks(g, x, view) for g, x in out.tp]


# -- the report -----------------------------------------------------------------------------------
def _describe_event(ev: dict, view: _ExtView | None = None) -> str:
    if view is None:
        where, date, sentence = ev.get("location"), ev.get("date"), ev.get("sentence", "")
    else:
        evid: dict = ev["evidence"] if isinstance(ev.get("evidence"), dict) else {}
        where, date, sentence = _x_location(ev), ev.get("date"), evid.get("sentence") or ""
    short = sentence if len(sentence) <= 90 else sentence[:87] + "..."
    return f"{ev.get('type')} @ {where or '-'} ({date or 'no date'}): {short}"


def _metrics(counts: dict[str, list[int]], fields: dict[str, int], n_fields: int,
             pol: int, mod: int, n_attr: int) -> dict[str, dict]:
    m: dict[str, dict] = {k: _prf(*counts[k]) for k in PRF_KEYS}
    m["event_fields"] = {f: _acc(fields[f], n_fields) for f in FIELDS}
    m["event_fields"]["n"] = n_fields
    m["relation_polarity_acc"] = {"acc": _acc(pol, n_attr), "n": n_attr}
    m["relation_modality_acc"] = {"acc": _acc(mod, n_attr), "n": n_attr}
    return m


@dataclass
class _Tally:
    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in PRF_KEYS})
    fields: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    n_fields: int = 0
    pol: int = 0
    mod: int = 0
    n_attr: int = 0

    def add(self, other: _Tally) -> None:
        for k in PRF_KEYS:
            self.counts[k] = [a + b for a, b in zip(self.counts[k], other.counts[k])]
        for f in FIELDS:
            self.fields[f] += other.fields[f]
        self.n_fields += other.n_fields
        self.pol += other.pol
        self.mod += other.mod
        self.n_attr += other.n_attr

    def metrics(self) -> dict[str, dict]:
        return _metrics(self.counts, self.fields, self.n_fields, self.pol, self.mod, self.n_attr)


@dataclass
class EvalReport:
    metrics: dict[str, dict]                 # micro-averaged over every scored file
    files: list[dict]                        # per-file metrics and what went wrong
    errors: list[InputError] = field(default_factory=list)   # gold files that could not be used

    def to_dict(self) -> dict:
        return {"n_files": len(self.files), "metrics": self.metrics, "files": self.files,
                "errors": [{"source": e.source, "reason": e.reason} for e in self.errors]}

    def format_text(self, verbose: bool = False) -> str:
        head = f"militantmap evaluate: {len(self.files)} file(s) scored"
        if self.errors:
            head += f", {len(self.errors)} bad gold file(s) skipped"
        lines = [head, ""]
        lines.append(f"{'':<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
        for key in PRF_KEYS:
            m = self.metrics[key]
            lines.append(f"{key:<18}{m['p']:>7.3f}{m['r']:>7.3f}{m['f1']:>7.3f}"
                         f"{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
        lines.append("")
        ef = self.metrics["event_fields"]
        lines.append(f"event fields (over {ef['n']} matched events): "
                     + "  ".join(f"{f} {_fmt_acc(ef[f])}" for f in FIELDS))
        pol, mod = self.metrics["relation_polarity_acc"], self.metrics["relation_modality_acc"]
        lines.append(f"relation attributes (over {pol['n']} typed matches): "
                     f"polarity {_fmt_acc(pol['acc'])}  modality {_fmt_acc(mod['acc'])}")
        for err in self.errors:
            lines.append(f"skipped {err}")
        if verbose:
            for f in self.files:
                lines.extend(_format_file(f))
        return "\n".join(lines) + "\n"


def _fmt_acc(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def _format_file(f: dict) -> list[str]:
    m = f["metrics"]
    out = ["", f"== {f['id']} ({f['source']})  "
           + "  ".join(f"{k} F1 {m[k]['f1']:.2f}" for k in ("groups", "relations_typed", "roles",
                                                           "events"))]
    if f.get("extraction_error"):
        out.append(f"  extraction error: {f['extraction_error']}")
    labels = {"groups": "group", "relations_typed": "relation", "relations_untyped": "pair",
              "roles": "role", "events": "event"}
    for key, label in labels.items():
        for item in f["misses"][key]:
            out.append(f"  miss {label}: {item}")
        for item in f["false_positives"][key]:
            out.append(f"  false {label}: {item}")
    for e in f["event_field_errors"]:
        out.append(f"  wrong event {e['field']}: gold {e['gold']!r}, got {e['extracted']!r}"
                   f" [{e['event']}]")
    for e in f["relation_attr_errors"]:
        out.append(f"  wrong relation attributes: {e['relation']} gold {e['gold']}, "
                   f"got {e['extracted']}")
    return out


def _score_one(gold: dict, ext: dict) -> tuple[_Tally, dict]:
    view, groups = _ext_view(ext, gold)
    rels = _score_relations(gold, ext, view)
    roles = _score_roles(gold, ext, view)
    events, checks = _score_events(gold, ext, view)

    tally = _Tally()
    outcomes = {"groups": groups, "relations_typed": rels["typed"],
                "relations_untyped": rels["untyped"], "roles": roles, "events": events}
    for key, o in outcomes.items():
        tally.counts[key] = [len(o.tp), len(o.fp), len(o.fn)]
    field_errors = []
    for (g, _), check in zip(events.tp, checks):
        for f in FIELDS:
            ok, gv, xv = check[f]
            tally.fields[f] += ok
            if not ok:
                field_errors.append({"field": f, "gold": gv, "extracted": xv,
                                     "event": _describe_event(g)})
    tally.n_fields = len(events.tp)
    tally.pol, tally.mod, tally.n_attr = rels["pol_ok"], rels["mod_ok"], rels["attr_n"]

    misses = {
        "groups": [g["name"] for g in groups.fn],
        "relations_typed": [_fmt_rel(k) for k in rels["typed"].fn],
        "relations_untyped": [" / ".join(k) for k in rels["untyped"].fn],
        "roles": [f"{p} ({r} of {grp})" for p, r, grp in roles.fn],
        "events": [_describe_event(e) for e in events.fn],
    }
    false_positives = {
        "groups": [str(e.get("name")) for e in groups.fp],
        "relations_typed": [_fmt_rel(k) for k in rels["typed"].fp],
        "relations_untyped": [" / ".join(k) for k in rels["untyped"].fp],
        "roles": [f"{name} ({r} of {grp})" for name, _, r, grp in roles.fp],
        "events": [_describe_event(e, view) for e in events.fp],
    }
    detail = {
        "id": gold["id"],
        "source": gold.get("_source", gold["id"]),
        "metrics": tally.metrics(),
        "ignored_optional": {k: o.ignored for k, o in outcomes.items()},
        "misses": misses,
        "false_positives": false_positives,
        "event_field_errors": field_errors,
        "relation_attr_errors": rels["attr_errors"],
    }
    if view.error:
        detail["extraction_error"] = view.error
    return tally, detail


def score(gold: list[dict], extractions: list[dict]) -> EvalReport:
    """Score extractions against gold articles, paired by position. Pure: no extraction, no I/O.

    Gold dicts must be valid (as `load_gold` returns them); extraction dicts follow
    ../shared/extraction-format.md, or are {"id", "error"} records, which score as empty.
    """
    if len(gold) != len(extractions):
        raise ValueError(f"score: {len(gold)} gold articles but {len(extractions)} extractions")
    total = _Tally()
    files = []
    for g, x in zip(gold, extractions):
        tally, detail = _score_one(g, x if isinstance(x, dict) else {})
        total.add(tally)
        files.append(detail)
    return EvalReport(metrics=total.metrics(), files=files)


def evaluate(gold_dir: Path, progress: bool = False, split: str = "all") -> EvalReport:
    """Load a gold directory, run the extractor on its texts and score the result.

    Bad gold files are skipped and listed in EvalReport.errors; a missing or empty directory,
    or one without any usable file, raises InputError.
    """
    golds, errors = load_gold(Path(gold_dir), split)
    if not golds:
        raise InputError(str(gold_dir), "no usable gold file ("
                         + "; ".join(str(e) for e in errors) + ")")
    try:
        from militantmap.extract import extract_many
    except ImportError as err:
        raise ConfigError(f"the extractor cannot be imported ({err})",
                          "reinstall militantmap in this environment: pip install -e .") from None
    articles = [article_from_gold(g) for g in golds]
    stream: Iterable[dict] = extract_many(articles)
    if progress:
        stream = _with_progress(stream, len(articles))
    report = score(golds, list(stream))
    report.errors = errors
    return report


def _with_progress(stream: Iterable[dict], total: int) -> Iterable[dict]:
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("extracting", total=total)
        for item in stream:
            bar.advance(task)
            yield item


# -- the quality gate's floors -------------------------------------------------------------------
def corpus_sha256(gold_dir: Path, split: str = "all") -> str:
    """One hash over the names and bytes of every *.json file of a directory (of one split of
    it), in name order."""
    h = hashlib.sha256()
    for path in sorted(Path(gold_dir).glob("*.json")):
        if split != "all" and split_of(path.stem) != split:
            continue
        h.update(path.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).hexdigest().encode("ascii") + b"\n")
    return h.hexdigest()


def headline_scores(report: EvalReport) -> dict[str, float]:
    """The scores the gate pins; an undefined accuracy (nothing matched) counts as 0."""
    out = {}
    for name, (section, key) in HEADLINE.items():
        value = report.metrics[section][key]
        out[name] = float(value) if value is not None else 0.0
    return out


def read_floors(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"cannot read the floors file ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("floors"), dict) \
            or not isinstance(data.get("corpus_sha256"), str):
        raise InputError(str(path), "not a floors file (needs 'corpus_sha256' and 'floors')")
    return data


def write_floors(report: EvalReport, gold_dir: Path, path: Path, split: str = "all") -> dict:
    """Pin the report's headline scores as the gate's floors, next to the corpus hash.

    Scores are rounded down to 4 decimals so that a float wobble in the last digit cannot fail
    the gate, while any real loss does.
    """
    data = {
        "about": "Quality floors for tests/test_eval_gate.py. Re-pin on purpose with: "
                 "militantmap evaluate ../shared/corpus/dev --split scored "
                 "--write-floors tests/eval_floors.json",
        "corpus": str(gold_dir),
        "split": split,
        "corpus_sha256": corpus_sha256(gold_dir, split),
        "n_files": len(report.files),
        "floors": {k: math.floor(v * 10_000) / 10_000 for k, v in headline_scores(report).items()},
    }
    Path(path).write_text(json.dumps(data, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return data
