"""The gazetteer of armed groups: load it, look names up, and find group mentions in text.

The data (`militantmap/data/gazetteer.json`) is built by `scripts/build_gazetteer.py` from public
sanctions lists, the Stanford MMP names and a hand-curated file; see docs/gazetteer.md.

Matching works on word tokens, not characters: a name matches only whole words, and the
comparison ignores case, diacritics, apostrophes and the hyphen/space/dot differences that
transliterations vary on ("Lashkar-e-Jhangvi" == "Lashkar e Jhangvi", "Da’ish" == "Daish").
Three case rules keep short and generic names from matching ordinary words:

1. Acronym-like alias words ("IS", "LeJ", "TTP", "ISWAP": two or more capitals, or all capitals)
   and aliases that are one short word (<= 5 characters: "Hamas", "Isis", "M23") must appear
   exactly as listed or in full upper case: "IS" never matches "is", "LeJ" matches "LEJ" but not
   "lej" or "Lej". "Isis" is listed on purpose (British outlets write it so); "isis" is not.
2. Generic English words that an alias capitalises ("State", "Front", "Army", ...) must be
   capitalised in the text too, so "an Islamic state" is not the Islamic State.
3. In running text (`find_mentions`) a match needs at least one capital letter, so all-lowercase
   phrases are never names; and a name glued to a preceding "al-"/"el-" is part of a longer
   Arabic name that the gazetteer does not know ("Abdul-Malik al-Houthi" is a person, not the
   Houthis).

A trailing lowercase "group" after a name is a description, not part of the name: in "the Islamic
State group" the mention is "Islamic State". A capitalised "Group" that belongs to the name
("Abu Sayyaf Group") stays in the span. Likewise a possessive followed by a lowercase part noun
ends the name before it: "Islamic State's Sahel affiliate" mentions the Islamic State (the
extractor reads the affiliate off the phrase), while "Islamic State's Khorasan Province" is one
name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from militantmap.errors import ConfigError, InputError

# (U+0091/U+0092: cp1252 quotes decoded as C1 controls in scraped text, "People\x92s")
_APOSTROPHES = "'`’‘ʼʻ´′\u0091\u0092"
# A word: letters/digits (Unicode, with combining marks for decomposed text), possibly joined by
# apostrophes inside it ("Qa'ida", "Da’ish"). Everything else separates words.
_WORD = r"(?:[^\W_]|[\u0300-\u036f])+"
# A backslash before an apostrophe is an escape left in scraped text ("al-Jama\\'a"): part of it.
_TOKEN_RE = re.compile(rf"{_WORD}(?:\\?[{_APOSTROPHES}]{_WORD})*")
_APOS_RE = re.compile(f"\\\\?[{_APOSTROPHES}]")
_POSSESSIVE_RE = re.compile(rf"\\?[{_APOSTROPHES}][sS]$")
# What may stand between two words of one name: spaces and at most one line break, hyphens and
# dashes, underscores, slashes, parentheses, or a dot not followed by a space ("A.Q." but not
# "Islamic State. West Africa ...").
_GAP_RE = re.compile(r"(?:[ \t\u00a0\-‐‑‒–—_/()]|\.(?!\s)|\r?\n(?![ \t]*\r?\n))*")
# Between the words of a name that is itself written with commas ("Return, Reclamation,
# Rehabilitation"); accepted only for such names, so a list "Hamas, Islamic Jihad" stays two.
_COMMA_GAP_RE = re.compile(r",[ \t\u00a0]*")

# Ordinary English words that are also parts of names: when an alias capitalises one of these,
# the text must capitalise it too ("Islamic State", not "an Islamic state").
STRICT_CASE_WORDS = frozenset(
    {
        "state",
        "emirate",
        "caliphate",
        "jihad",
        "movement",
        "front",
        "army",
        "party",
        "resistance",
        "council",
        "union",
        "base",
        "youth",
        "organization",
        "organisation",
        "forces",
        "force",
        "courts",
        "revolution",
        "province",
        "brigade",
        "brigades",
        "committee",
        "committees",
        "league",
        "legion",
        "alliance",
        "corps",
        "division",
        "guard",
        "guards",
        # an ordinary word of news ("a Libyan dawn raid"), a name's word only capitalised
        "dawn",
    }
)
# What context an alias needs in running text (docs/gazetteer.md, "Ambiguous names"): none; a
# conflict cue or a group named firmly (contextual_aliases); a group named firmly (initialisms).
NO_CONTEXT, CONTEXT, NEAR_GROUP = 0, 1, 2
# A short alias is matched case-sensitively when it is one word of at most this many characters.
SHORT_ALIAS_MAX = 5
# Articles that glue to the next word in Arabic names.
_ARABIC_ARTICLES = frozenset({"al", "el"})
_FUZZY_MIN_CHARS = 8
# The Arabic article as a trie key ("el", "ad", "ash" ... fold to "al": data/transliteration.json).
_ARTICLE_KEYS = frozenset({"al"})


def _fold(token: str) -> str:
    """Strip a possessive "'s", apostrophes and diacritics; keep case. ("People's" -> "People":
    the possessive goes on both sides, so "People's Protection Units" and "al-Shabab's" match.)"""
    token = _POSSESSIVE_RE.sub("", token) if len(token) > 2 else token
    decomposed = unicodedata.normalize("NFKD", _APOS_RE.sub("", token))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _token_keys(raw: str) -> tuple[str, str, int | None]:
    """(loose key, folded form, offset of a possessive "'s" or None) of one word of running
    text: memoised, since the words of news repeat and folding is most of a scan's cost."""
    pm = _POSSESSIVE_RE.search(raw) if len(raw) > 2 else None
    folded = _fold(raw)
    return _loose(folded.casefold()), folded, pm.start() if pm else None


@lru_cache(maxsize=65536)
def _norm_token(token: str) -> str:
    # memoised (bounded): names are normalized again and again, by the extractor and the store
    return _fold(token).casefold()


_REPEAT_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1)
def _transliteration() -> dict[str, str]:
    """data/transliteration.json as {collapsed variant: key}: the word-level spelling
    equivalences of group names ("Mujahedeen"/"Mujahideen", "-e-"/"-i-", "Tehreek"/"Tehrik")."""
    path = resources.files("militantmap").joinpath("data", "transliteration.json")
    rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
    table: dict[str, str] = {}
    for row in rows:
        for variant in row["variants"]:
            table[_REPEAT_RE.sub(r"\1", variant)] = row["key"]
    return table


def _loose(word: str) -> str:
    """The trie key of a normalized word: runs of one letter collapsed, because
    transliterations double letters at will ("Islamiyya"/"Islamiya", "Shabaab"/"Shabab",
    "al-Haqq"/"al-Haq", "Jama'a"/"Jama'"), then the transliteration table folds the variants of
    one word ("Mujahedeen"/"Mujahideen", "-e-"/"-i-"). Case rules still compare the exact
    forms, so an acronym is never matched by a near spelling."""
    if len(word) >= 7 and word.endswith(("oun", "oon")):
        # the Arabic plural -un written -oun (French) or -oon: "Mourabitoun", "Murabitoon",
        # "Fatemiyoun" are "Murabitun", "Fatemiyun"
        word = word[:-3] + "un"
    collapsed = _REPEAT_RE.sub(r"\1", word)
    return _transliteration().get(collapsed, collapsed)


_T = TypeVar("_T", bound=tuple)


def _spelled_first(terminals: list[_T], words: list[str]) -> list[_T]:
    """The groups of one matching key, those whose alias is spelled as the text (up to case and
    doubled letters) first: the transliteration table may fold two groups that differ only by
    spelling ("Jaysh al-Mujahideen" in Iraq, "Jaysh al-Mujahedeen" in Syria) onto one key, and
    the text's own spelling then decides."""
    if len(terminals) < 2:
        return terminals
    text_form = [_REPEAT_RE.sub(r"\1", w.casefold()) for w in words]

    def spelled(t: _T) -> bool:
        return [_REPEAT_RE.sub(r"\1", form.casefold()) for form, _ in t[1]] == text_form

    return sorted(terminals, key=lambda t: not spelled(t))


def _articleless_key(key: str) -> str:
    """The loose key of a normalized name less its words "al" (and their transliterated forms,
    "el", "ad", ...), or "" when fewer than two words remain."""
    words = [w for w in _loose_key(key).split(" ") if w not in _ARTICLE_KEYS]
    return " ".join(words) if len(words) >= 2 else ""


def _loose_key(key: str) -> str:
    """The loose form of a normalized name, word by word (the key of exact lookups)."""
    return " ".join(_loose(w) for w in key.split(" "))


def _tokens(name: str) -> list[str]:
    return _TOKEN_RE.findall(name)


@lru_cache(maxsize=32768)
def normalize(name: str) -> str:
    """The matching key of a name: casefolded, without diacritics or apostrophes, with every
    run of other punctuation and whitespace as one space, and without a leading "the".

    >>> normalize("Lashkar-e-Jhangvi") == normalize("lashkar e jhangvi")
    True
    >>> normalize("Da’ish"), normalize("al-Qa'ida"), normalize("The Taliban")
    ('daish', 'al qaida', 'taliban')
    """
    words = [_norm_token(t) for t in _tokens(name)]
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_acronym_word(word: str) -> bool:
    """True for alias words that must keep their case: two or more capitals ("LeJ", "ISWAP",
    "IS") or all capitals ("K" in "IS-K")."""
    folded = _fold(word)
    letters = [c for c in folded if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return bool(letters) and (upper >= 2 or upper == len(letters))


def _case_rules(alias: str) -> tuple[tuple[str, int], ...]:
    """Per alias word: (folded form, rule) with rule 0 = any case, 1 = exact or upper case,
    2 = must start with a capital."""
    words = _tokens(alias)
    if len(words) > 1 and words[0].casefold() == "the":
        words = words[1:]
    folded = [_fold(w) for w in words]
    if len(folded) == 1 and len(folded[0]) <= SHORT_ALIAS_MAX:
        return ((folded[0], 1),)
    rules = []
    for w in folded:
        if is_acronym_word(w):
            rules.append((w, 1))
        elif w[:1].isupper() and w.casefold() in STRICT_CASE_WORDS:
            rules.append((w, 2))
        else:
            rules.append((w, 0))
    return tuple(rules)


def _case_ok(rules: tuple[tuple[str, int], ...], words: list[str], *, generic: bool) -> bool:
    """Whether the text words (already folded, case kept) satisfy an alias's case rules.
    `generic` also applies rule 2 (generic words); lookups of a known name skip it."""
    for (form, rule), word in zip(rules, words):
        if rule == 1 and word != form and word != form.upper():
            return False
        if rule == 2 and generic and not word[:1].isupper():
            return False
    return True


@dataclass(frozen=True)
class GroupEntry:
    """One armed group of the gazetteer. `aliases` are the names matched in text: they include
    `name` unless it is too generic to find the group by ("Islamic Front"). `sources` are the
    source tags ("ofac-fto", "un-2015", "mmp", "curated"); `source_ids` the records
    ("ofac:6366", "un:QDe.004", "mmp:21")."""

    id: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    parent_relation: str | None  # faction | branch | province | wing | splinter
    country: str | None
    region: str | None
    ideology: str | None
    sources: tuple[str, ...]
    source_ids: tuple[str, ...] = ()
    # aliases matched in running text only with context (see _with_context)
    contextual_aliases: tuple[str, ...] = ()
    # acronyms the build made from the names' initials: matched only next to a group
    initialisms: tuple[str, ...] = ()
    # ties the sources state (UCDP splinters, alliances, joined groups, old names)
    background: tuple[BackgroundTie, ...] = ()


class BackgroundTie(NamedTuple):
    """A tie between two groups that a source list states (e.g. UCDP: "splinter_of"), or a
    previous name ("renamed_from", with `name` and no target). Background knowledge: a prior,
    never a fact that an article states."""

    rel: str  # splinter_of | split_from | alliance_member | joined | renamed_from
    target: str | None  # gazetteer id of the other group
    name: str | None  # the previous name, for renamed_from
    source: str  # source tag ("ucdp-22.1")
    source_id: str  # the source record ("ucdp:223")


class Mention(NamedTuple):
    """A gazetteer name found in a text: offsets are [start, end) into that text."""

    start: int
    end: int
    entry_id: str
    surface: str


# A word of the text: (start, end, loose normalized form (the trie key), folded form with its
# case, end without a possessive "'s").
_Tok = tuple[int, int, str, str, int]


class _Node:
    __slots__ = ("children", "terminals")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        # (entry index, case rules of the alias, the context it needs: NO_CONTEXT, CONTEXT
        # (a cue or a group) or NEAR_GROUP (a group))
        self.terminals: list[tuple[int, tuple[tuple[str, int], ...], int]] = []


def default_path() -> Path:
    return Path(str(resources.files("militantmap").joinpath("data", "gazetteer.json")))


def _entry_from_json(obj: Any, where: str) -> GroupEntry:
    if not isinstance(obj, dict):
        raise InputError(where, "a group must be a JSON object")
    for key in ("id", "name"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise InputError(where, f"group field '{key}' must be a non-empty string")
    # A hand-written file may leave out "aliases": then the name is the one alias.
    aliases = obj.get("aliases", [obj["name"]])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InputError(where, f"group '{obj['id']}': 'aliases' must be a list of strings")
    lists = {}
    for key in ("sources", "source_ids"):
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            raise InputError(where, f"group '{obj['id']}': '{key}' must be a list of strings")
        lists[key] = tuple(value)

    def opt(key: str) -> str | None:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"group '{obj['id']}': '{key}' must be a string or null")
        return value

    contextual = obj.get("contextual_aliases", [])
    initialisms = obj.get("initialisms", [])
    for key, value in (("contextual_aliases", contextual), ("initialisms", initialisms)):
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            raise InputError(where, f"group '{obj['id']}': '{key}' must be a list of strings")
    ties = []
    for t in obj.get("background", []) or []:
        if not isinstance(t, dict) or not isinstance(t.get("rel"), str):
            raise InputError(where, f"group '{obj['id']}': a background tie needs a 'rel'")
        ties.append(
            BackgroundTie(
                t["rel"], t.get("target"), t.get("name"), str(t.get("source", "")),
                str(t.get("source_id", "")),
            )
        )
    return GroupEntry(
        id=obj["id"],
        name=obj["name"],
        aliases=tuple(aliases),
        parent=opt("parent"),
        parent_relation=opt("parent_relation"),
        country=opt("country"),
        region=opt("region"),
        ideology=opt("ideology"),
        sources=lists["sources"],
        source_ids=lists["source_ids"],
        contextual_aliases=tuple(contextual),
        initialisms=tuple(initialisms),
        background=tuple(ties),
    )


class Gazetteer:
    """Armed groups by id, with exact, fuzzy and running-text name matching."""

    def __init__(self, entries: list[GroupEntry]) -> None:
        self._entries = list(entries)
        self._by_id = {e.id: e for e in self._entries}
        self._root = _Node()
        # normalized alias -> [(entry index, case rules)], in entry order: the first entry
        # listing a name wins when a hand-made file lists one twice.
        self._exact: dict[str, list[tuple[int, tuple[tuple[str, int], ...]]]] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_entry: list[int] = []
        self._by_name: dict[str, GroupEntry] | None = None
        self._bare: dict[str, int] | None = None
        for idx, entry in enumerate(self._entries):
            # The aliases are what is matched. They normally include the name; the build leaves
            # out a name too generic to find a group by ("Islamic Front").
            contextual = set(entry.contextual_aliases)
            initialisms = set(entry.initialisms)
            for alias in dict.fromkeys(v for a in entry.aliases for v in (a, *_date_swapped(a))):
                key = normalize(alias)
                if not key:
                    continue
                rules = _case_rules(alias)
                self._exact.setdefault(_loose_key(key), []).append((idx, rules))
                node = self._root
                for word in key.split(" "):
                    node = node.children.setdefault(_loose(word), _Node())
                need = (
                    NEAR_GROUP if alias in initialisms else CONTEXT if alias in contextual
                    else NO_CONTEXT
                )
                node.terminals.append((idx, rules, need))
                # Fuzzy matching only over names that are not case-sensitive: a near miss of an
                # acronym is just another word.
                if all(rule != 1 for _, rule in rules):
                    self._fuzzy_keys.append(key)
                    self._fuzzy_entry.append(idx)

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer JSON file (default: the one shipped in the package)."""
        file = Path(path) if path is not None else default_path()
        try:
            raw = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            if path is None:
                raise ConfigError(
                    f"the packaged gazetteer is missing ({file})",
                    "run `python scripts/build_gazetteer.py` or reinstall militantmap",
                ) from None
            raise InputError(str(file), "no such file") from None
        except OSError as exc:
            raise InputError(str(file), f"cannot read it: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(str(file), f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
        groups = data.get("groups") if isinstance(data, dict) else None
        if not isinstance(groups, list):
            raise InputError(str(file), "expected a JSON object with a 'groups' list")
        entries = [_entry_from_json(g, f"{file} group {i}") for i, g in enumerate(groups)]
        return cls(entries)

    # -- access -----------------------------------------------------------------------------
    def get(self, id: str) -> GroupEntry | None:
        return self._by_id.get(id)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[GroupEntry]:
        return iter(self._entries)

    def __contains__(self, id: object) -> bool:
        return id in self._by_id

    def children(self, id: str) -> list[GroupEntry]:
        """The groups whose parent is `id` (its factions, branches, provinces, wings)."""
        return [e for e in self._entries if e.parent == id]

    def ancestors(self, id: str) -> list[str]:
        """Parent, grandparent, ... of a group (empty for a top-level or unknown group)."""
        chain: list[str] = []
        entry = self._by_id.get(id)
        while entry is not None and entry.parent and entry.parent not in chain + [id]:
            chain.append(entry.parent)
            entry = self._by_id.get(entry.parent)
        return chain

    def background(self, id: str, incoming: bool = False) -> list[BackgroundTie]:
        """The ties the source lists state for a group (UCDP splinters, alliances, joined
        groups, previous names), as background knowledge: a prior for the extractor or the
        analyst, never a fact of an article. With `incoming`, also the ties other groups state
        towards this one (their `target` is `id`)."""
        entry = self._by_id.get(id)
        ties = list(entry.background) if entry is not None else []
        if incoming:
            ties += [t for e in self._entries if e.id != id for t in e.background if t.target == id]
        return ties

    # -- names ------------------------------------------------------------------------------
    def lookup(self, surface: str) -> GroupEntry | None:
        """The group whose name or alias is `surface` (normalized), or None. Acronym-like and
        short aliases must match in case ("IS" is found, "is" is not)."""
        found = self._lookup(surface)
        if found is None and _POSSESSIVE_RE.search(surface.strip()):
            found = self._lookup(_POSSESSIVE_RE.sub("", surface.strip()))
        return found

    def _lookup(self, surface: str) -> GroupEntry | None:
        key = normalize(surface)
        cands = self._exact.get(_loose_key(key)) if key else None
        if not cands:
            return None
        words = [_fold(w) for w in _tokens(surface)]
        if len(words) > len(key.split(" ")):  # a leading "the" that normalize dropped
            words = words[1:]
        for idx, rules in _spelled_first(cands, words):
            if _case_ok(rules, words, generic=False):
                return self._entries[idx]
        return None

    def by_name(self, name: str) -> GroupEntry | None:
        """The group whose display name is `name` (normalized), also when the name is too generic
        to be matched alone ("Revolutionary Action Movement"): for a text that defines it with
        its acronym. None when several groups have that name."""
        if self._by_name is None:
            table: dict[str, list[GroupEntry]] = {}
            for e in self._entries:
                table.setdefault(_loose_key(normalize(e.name)), []).append(e)
            self._by_name = {k: v[0] for k, v in table.items() if len(v) == 1}
        key = normalize(name)
        return self._by_name.get(_loose_key(key)) if key else None

    def fuzzy_lookup(self, surface: str, min_score: float = 90) -> GroupEntry | None:
        """The closest group name (rapidfuzz ratio >= min_score over normalized names), for
        spelling variants the gazetteer lacks ("Tehreek-i-Taliban Pakistan"). Exact matches
        come first. Only for names of two words or at least 8 characters, and None when two
        groups tie for the best score."""
        exact = self.lookup(surface)
        if exact is not None:
            return exact
        key = normalize(surface)
        if not key or (" " not in key and len(key) < _FUZZY_MIN_CHARS):
            return None
        bare = self._articleless().get(_articleless_key(key))
        if bare is not None:
            return self._entries[bare] if bare >= 0 else None
        from rapidfuzz import fuzz, process

        hits = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=min_score, limit=8
        )
        if not hits:
            return None
        best_score = hits[0][1]
        hits = [h for h in hits if h[1] >= best_score - 1e-9]
        best = {self._fuzzy_entry[i] for _, score, i in hits}
        if len(best) != 1 or not all(_distinct_words_agree(key, alias) for alias, _, _ in hits):
            return None
        return self._entries[best.pop()]

    def _articleless(self) -> dict[str, int]:
        """{a name's loose key without its Arabic articles: entry index, or -1 when two groups
        share it}, over the names matched case-insensitively, for keys of two words or more:
        transliterations write the article or leave it out at will ("Harakat al-Hazm" /
        "Harakat Hazm", "Jaish Islam" / "Jaish al-Islam")."""
        if self._bare is None:
            table: dict[str, int] = {}
            for key, idx in zip(self._fuzzy_keys, self._fuzzy_entry):
                bare = _articleless_key(key)
                if bare:
                    table[bare] = idx if table.get(bare, idx) == idx else -1
            self._bare = table
        return self._bare

    # -- running text -----------------------------------------------------------------------
    def find_mentions(self, text: str, context: bool = True) -> list[Mention]:
        """Every gazetteer name in `text`, left to right, longest match first, non-overlapping.
        Linear in the length of the text (a word trie, walked at most as deep as the longest
        name from each word). `context=False` keeps the names that need context without
        looking for it (the relevance prefilter: recall before precision)."""
        toks: list[_Tok] = []
        for m in _TOKEN_RE.finditer(text):
            start, end = m.start(), m.end()
            loose, folded, possessive_at = _token_keys(m.group(0))
            toks.append((start, end, loose, folded, start + possessive_at if possessive_at is not None else end))

        mentions: list[Mention] = []
        contextual: list[int] = []
        n = len(toks)
        i = 0
        starts = self._root.children
        while i < n:
            # no name begins with this word: no match here (as _longest_at would find), for
            # less than its cost on the many words that begin none
            best = self._longest_at(text, toks, i) if toks[i][2] in starts else None
            if best is None:
                i += 1
                continue
            j, idx, ctx = best
            start, end = toks[i][0], toks[j - 1][4]  # "al-Shabab's": the name ends before "'s"
            if text.count("(", start, end) > text.count(")", start, end) and text.startswith(
                ")", end
            ):
                end += 1  # "CPI (Maoist)": close the bracket the name opened
            mentions.append(Mention(start, end, self._entries[idx].id, text[start:end]))
            contextual.append(ctx)
            i = j
        if context and any(contextual):
            mentions = _with_context(text, mentions, contextual)
        return mentions

    def _longest_at(self, text: str, toks: list[_Tok], i: int) -> tuple[int, int, int] | None:
        """The longest accepted match starting at token i: (end token index, entry index,
        whether the alias needs context)."""
        if self._after_personal_name(text, toks, i):
            return None
        node = self._root
        accepted: list[tuple[int, int]] = []
        needs_context: dict[tuple[int, int], int] = {}
        j = i
        comma = False
        while j < len(toks):
            if j > i and _GAP_RE.fullmatch(text, _after_plural_possessive(text, toks[j - 1]),
                                          toks[j][0]) is None:
                if _COMMA_GAP_RE.fullmatch(text, toks[j - 1][1], toks[j][0]) is None:
                    break
                comma = True
            child = node.children.get(toks[j][2])
            if child is None:
                break
            node = child
            j += 1
            if node.terminals:
                words = [t[3] for t in toks[i:j]]
                if not any(c.isupper() for w in words for c in w):
                    continue
                if j - i == 1 and len(words[0]) <= 3 and _shouting(toks, i):
                    continue
                for idx, rules, ctx in _spelled_first(node.terminals, words):
                    if comma and not any("," in n for n in self._entries[idx].aliases):
                        continue
                    if _case_ok(rules, words, generic=True):
                        accepted.append((j, idx))
                        needs_context[(j, idx)] = ctx
                        break
        if not accepted:
            return None
        j, idx = accepted[-1]
        cut = _possessive_cut(text, toks, i, j, accepted)
        if cut is not None:
            return cut[0], cut[1], needs_context[cut]
        # "the Islamic State group": a lowercase trailing "group" describes the name.
        if toks[j - 1][3] == "group" and len(accepted) > 1:
            prev_j, prev_idx = accepted[-2]
            if prev_j == j - 1 and prev_idx == idx:
                return prev_j, prev_idx, needs_context[(prev_j, prev_idx)]
        return j, idx, needs_context[(j, idx)]

    @staticmethod
    def _after_personal_name(text: str, toks: list[_Tok], i: int) -> bool:
        """True for the "Houthi" of "Abdul-Malik al-Houthi": a word glued to "al-"/"el-" after a
        capitalised word is the end of an Arabic personal name, not a group name. (A group
        written with its article, "al-Shabaab", is listed with it and matches from "al".)"""
        if i < 2 or toks[i - 1][2] not in _ARABIC_ARTICLES:
            return False
        if text[toks[i - 1][1] : toks[i][0]] not in ("-", "‐", "‑"):
            return False
        before = toks[i - 2]
        gap = text[before[1] : toks[i - 1][0]]
        return before[3][:1].isupper() and gap in (" ", "-", "‐", "‑")


# A lowercase noun for a part of a group, after a name: "... Sahel affiliate", "... Yemen branch".
_PART_NOUN_RE = re.compile(
    r"[ \t\u00a0]+(?:affiliate|branch|wing|faction|province|franchise|chapter|offshoot|arm|cell|"
    r"unit)s?\b"
)


_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
           r"December)")
_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTHS})\s+(?P<d>\d{{1,2}})\b")
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTHS})\b")


def _date_swapped(alias: str) -> tuple[str, ...]:
    """A name holding a date in the other order, as British and American outlets write it:
    "March 23 Movement" is also "23 March Movement", "17 November" also "November 17"."""
    if not any(c.isdigit() for c in alias):
        return ()
    if (m := _MONTH_DAY.search(alias)) is not None:
        return (alias[: m.start()] + f"{m['d']} {m['m']}" + alias[m.end():],)
    if (m := _DAY_MONTH.search(alias)) is not None:
        return (alias[: m.start()] + f"{m['m']} {m['d']}" + alias[m.end():],)
    return ()


def _possessive_cut(
    text: str, toks: list[_Tok], i: int, j: int, accepted: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """"Islamic State's Sahel affiliate": the words after a possessive describe the possessed
    thing when a lowercase part noun follows them, even if the whole spells another alias
    ("Islamic State Sahel"); then the match is the complete name before the possessive. With no
    such noun the name goes on ("Islamic State's Khorasan Province", "Lord's Resistance Army")."""
    if not _PART_NOUN_RE.match(text, toks[j - 1][1]):
        return None
    for k in range(j - 2, i - 1, -1):
        if toks[k][4] < toks[k][1]:  # token k ends with a possessive
            shorter = [a for a in accepted if a[0] == k + 1]
            if shorter:
                return shorter[-1]
    return None


def _after_plural_possessive(text: str, tok: _Tok) -> int:
    """Where the gap after a token starts: past the apostrophe of a plural possessive
    ("Lions' Den", "Peoples' Army"), which belongs to the word, not to the gap."""
    end = tok[1]
    if end < len(text) and text[end] in _APOSTROPHES and tok[3][-1:] in ("s", "S"):
        return end + 1
    return end


def _shouting(toks: list[_Tok], i: int) -> bool:
    """An all-capitals neighbourhood ("WHAT IS HAPPENING"): there a 2-3 letter capitalised word
    is an ordinary word, not an acronym."""

    def caps(k: int) -> bool:
        if not 0 <= k < len(toks):
            return False
        w = toks[k][3]
        return len(w) >= 2 and w.isalpha() and w.isupper()

    if not toks[i][3].isupper():
        return False
    before, after = caps(i - 1), caps(i + 1)
    return (before and after) or (before and i + 1 == len(toks)) or (i == 0 and after)


# Particles of transliterated and Romance names ("Jamaat-ul-Mujahideen", "Frente de ..."):
# never the word that tells two groups apart.
_NAME_PARTICLES = frozenset(
    "ul ud ur ut us uz e i wal wa fi li bi bil lil de del la las los le les du des da di y et "
    "ash as ad at az ar an".split()
)


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """The generic words of group names (data/group_discovery.json, "generic_words")."""
    path = resources.files("militantmap").joinpath("data", "group_discovery.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["generic_words"])


def _distinct_words_agree(key: str, alias: str) -> bool:
    """Whether two normalized names that are close as strings also agree on their distinctive
    words: a shared generic tail makes "Marti National Liberation Front" close to "Moro National
    Liberation Front", but the word that tells the groups apart differs. Each distinctive word
    of either name needs a near spelling (ratio >= 75) among the other's words."""
    from rapidfuzz import fuzz

    generic = _generic_words() | _NAME_PARTICLES
    a = [w for w in key.split() if w not in generic]
    b = [w for w in alias.split() if w not in generic]
    if not a or not b:
        return a == b
    if len(a) == 1 and len(b) == 1 and " " not in key and " " not in alias:
        return True  # one word against one word: the ratio already compared them
    all_a, all_b = key.split(), alias.split()
    return all(any(fuzz.ratio(x, y) >= 75 for y in all_b) for x in a) and all(
        any(fuzz.ratio(y, x) >= 75 for x in all_a) for y in b
    )


# -- ambiguous names ----------------------------------------------------------------------------
# A sentence ends at . ! ? followed by space, or at a line break; not at the dot of an initial
# ("V. Balakumaran", "U.S. forces").
_SENT_END_RE = re.compile(r"(?<!\b[A-Z])[.!?][\"'’”)\]]*\s+|\n")


@lru_cache(maxsize=1)
def conflict_cue_re() -> re.Pattern[str]:
    """The conflict cues of data/group_context.json as one case-insensitive pattern."""
    path = resources.files("militantmap").joinpath("data", "group_context.json")
    rows = json.loads(path.read_text(encoding="utf-8"))["conflict_cues"]
    parts = sorted(
        (re.escape(r["cue"]) + (r"\b" if r.get("whole_word") else "") for r in rows),
        key=len,
        reverse=True,
    )
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), found by punctuation (no parse needed here)."""
    lo = max(0, start - 600)
    s = lo
    for found in _SENT_END_RE.finditer(text, lo, start):
        s = found.end()
    after = _SENT_END_RE.search(text, end, min(len(text), end + 600))
    return s, (after.start() + 1 if after else min(len(text), end + 600))


def _with_context(text: str, mentions: list[Mention], contextual: list[int]) -> list[Mention]:
    """The ambiguity rule (docs/gazetteer.md): a mention by a contextual alias (a one-word
    name or acronym that only an unvetted list gives, "MAS", "KDP", "Wagner") is kept only when
    the text also names that group by an unambiguous alias, or its sentence names another group
    unambiguously, or its sentence holds a conflict cue ("rebels", "attacked", "ceasefire").
    So "the ANC won the vote" names no armed group, "MAS gunmen killed two" does. An
    initialism the build made ("EROS") needs the group itself or another group: a cue is not
    enough."""
    firm = [m for m, c in zip(mentions, contextual) if not c]
    firm_ids = {m.entry_id for m in firm}
    cue = conflict_cue_re()
    out = []
    for m, c in zip(mentions, contextual):
        if c and m.entry_id not in firm_ids:
            s, e = _sentence_bounds(text, m.start, m.end)
            other = any(s <= f.start < e and f.entry_id != m.entry_id for f in firm)
            if not other and (c == NEAR_GROUP or not cue.search(text, s, e)):
                continue
        out.append(m)
    return out


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return Gazetteer.load()
