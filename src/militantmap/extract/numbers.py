"""Counts of people in news prose: "more than 60", "at least 12 people", "dozens", "twenty-three".

`parse_count` reads the first count in a short phrase (a toll phrase found by the extractor) and
says how exact it is, because "more than 60 dead" and "60 dead" are different facts. The word
numbers are hand-written: they are small, English-only and ours to tune.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Count", "parse_count", "word_to_int"]

# Counts beyond this are misreadings (phone numbers, ids, money), not tolls of an incident.
MAX_COUNT = 1_000_000
# Toll phrases are short; a long input is not a phrase and reading it would be slow and wrong.
MAX_CHARS = 300

EXACT, AT_LEAST, ABOUT, AT_MOST = "exact", "at_least", "about", "at_most"


@dataclass
class Count:
    value: int
    qualifier: str  # exact | at_least | about | at_most
    text: str       # the count as written, qualifier included ("more than 60")


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) | {"dozen"}

# Vague plurals: the smallest value the word can honestly mean, as a lower bound.
_VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
    "tens of thousands": 20000, "hundreds of thousands": 200000,
}

# Qualifiers that precede a number, longest first so "more than" wins over "more".
_QUALIFIERS: list[tuple[str, str]] = [
    (r"more\s+than", AT_LEAST), (r"at\s+least", AT_LEAST), (r"no\s+(?:fewer|less)\s+than", AT_LEAST),
    (r"upwards\s+of", AT_LEAST), (r"in\s+excess\s+of", AT_LEAST), (r"over", AT_LEAST),
    (r"well\s+over", AT_LEAST), (r"a\s+minimum\s+of", AT_LEAST),
    (r"nearly", AT_MOST), (r"almost", AT_MOST), (r"up\s+to", AT_MOST), (r"as\s+many\s+as", AT_MOST),
    (r"close\s+to", AT_MOST), (r"fewer\s+than", AT_MOST), (r"less\s+than", AT_MOST),
    (r"under", AT_MOST), (r"just\s+under", AT_MOST), (r"a\s+maximum\s+of", AT_MOST),
    (r"at\s+most", AT_MOST),
    (r"about", ABOUT), (r"around", ABOUT), (r"some", ABOUT), (r"roughly", ABOUT),
    (r"approximately", ABOUT), (r"approx\.?", ABOUT), (r"an\s+estimated", ABOUT),
    (r"estimated", ABOUT), (r"circa", ABOUT), (r"an?\s+approximate", ABOUT),
    (r"a\s+total\s+of", EXACT), (r"all", EXACT),
]
_QUALIFIER_RE = "|".join(q for q, _ in sorted(_QUALIFIERS, key=lambda q: -len(q[0])))
_QUALIFIER_OF = [(re.compile(rf"(?i)^{q}$"), kind) for q, kind in _QUALIFIERS]

_WORD_NUM = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|fou?rty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|a\s+hundred|a\s+thousand)"
)
# One number as written: digits (1,200 / 1.5 million) or a run of number words.
_NUMBER = (
    r"tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands"
    r"|(?:an?\s+|one\s+|half\s+a\s+|two\s+|three\s+|several\s+)?dozen"
    r"|(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million))?"
    rf"|{_WORD_NUM}(?:(?:\s+and\s+|[\s-]+){_WORD_NUM})*"
)
_COUNT = re.compile(
    rf"(?i)(?<![\w.,])(?:(?P<q>{_QUALIFIER_RE})\s+)?(?P<n>{_NUMBER})(?![\w]|[.,]\d)"
    r"(?P<post>\s*(?:-plus|\+|\s+or\s+more|\s+or\s+so))?"
)
# "N nouns and M ...": a counted noun (up to three words) then "and" or a comma.
_NOUN_AND = re.compile(r"(?i)\s+(?P<noun>(?:[a-z][\w'-]*\s+){0,2}?[a-z][\w'-]*)\s*(?:,\s*and|,|and)\s+")
# ... and the noun the last part counts: "seven crew members".
_NOUN = re.compile(r"(?i)\s+([a-z][\w'-]*)")
_NOT_NOUNS = {
    "and", "or", "of", "in", "on", "at", "were", "was", "are", "is", "have", "had", "has", "been",
    "killed", "wounded", "injured", "dead", "died", "including", "among", "with", "who", "which",
    "that", "to", "from", "by", "for", "as", "the", "while", "but", "when", "after", "before",
}
# A bare year is not a count: "killed in 2015" (only when a date preposition introduces it).
_YEAR_BEFORE = re.compile(r"(?i)\b(?:in|since|until|till|of|from|by|during|before|after|to)\s+$")
_ORDINAL_AFTER = re.compile(r"(?i)^(?:st|nd|rd|th)\b")


def word_to_int(text: str) -> int | None:
    """"twenty-three" -> 23, "one hundred and five" -> 105, "1,200" -> 1200, "a dozen" -> 12.

    None when the text is not a number as a whole (or is absurdly large)."""
    if not isinstance(text, str):
        return None
    s = text.strip().lower()
    if not s or len(s) > 80:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d{1,9}", s):
        value = int(s.replace(",", ""))
        return value if value <= MAX_COUNT else None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(hundred|thousand|million)", s)
    if m:
        value = round(float(m.group(1)) * _SCALES[m.group(2)])
        return value if value <= MAX_COUNT else None
    words = [w for w in re.split(r"[\s-]+", s) if w and w != "and"]
    if words and words[0] in ("a", "an", "one") and len(words) > 1 and words[1] in ("dozen", "hundred", "thousand", "million"):
        words[0] = "one"
    if words[:2] == ["half", "a"] and words[2:] == ["dozen"]:
        return 6
    if not words or any(w not in _NUMBER_WORDS and w != "one" for w in words):
        return None
    total, current, seen = 0, 0, False
    for w in words:
        if w in _UNITS:
            if current % 10 or (current % 100 and current % 100 < 20):
                return None  # "five three" is not a number
            current += _UNITS[w]
        elif w in _TENS:
            if current % 100:
                return None  # "twenty thirty"
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        else:  # thousand, million
            total += (current or 1) * _SCALES[w]
            current = 0
        seen = True
    value = total + current
    if not seen or value > MAX_COUNT:
        return None
    return value


def _value(number: str) -> tuple[int, str] | None:
    """The value of a matched number and the qualifier its own wording implies."""
    n = re.sub(r"\s+", " ", number.strip().lower())
    vague = _VAGUE.get(n)
    if vague is not None:
        return vague, AT_LEAST
    m = re.fullmatch(r"(a|an|one|half a|two|three|several) dozens?", n)
    if m:
        return {"a": 12, "an": 12, "one": 12, "half a": 6, "two": 24, "three": 36}.get(m.group(1), 36), (
            AT_LEAST if m.group(1) == "several" else ABOUT if m.group(1) in ("a", "an", "half a") else EXACT)
    if n == "dozen":
        return 12, ABOUT
    value = word_to_int(n)
    if value is None:
        return None
    return value, EXACT


def _qualifier(q: str | None, implied: str) -> str:
    if not q:
        return implied
    for pattern, kind in _QUALIFIER_OF:
        if pattern.match(q.strip()):
            if kind == EXACT:
                return implied
            # "about dozens" stays a lower bound; "more than a dozen" is a lower bound.
            return kind if implied in (EXACT, ABOUT) else implied
    return implied


def _counts(text: str) -> list[tuple[re.Match[str], int, str]]:
    out = []
    for m in _COUNT.finditer(text):
        number = m.group("n")
        if _ORDINAL_AFTER.match(text[m.end("n"):]):
            continue
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", number) and _YEAR_BEFORE.search(text[: m.start()]) and not m.group("q"):
            continue
        if re.fullmatch(r"\d+\.\d+", number):  # "2.5" alone is a measure, not a head count
            continue
        parsed = _value(number)
        if parsed is None:
            if re.match(r"\d", number):
                return []  # an absurd number: nothing trustworthy here
            continue
        value, implied = parsed
        qualifier = _qualifier(m.group("q"), implied)
        if m.group("post"):
            post = m.group("post").lower()
            qualifier = ABOUT if "so" in post else AT_LEAST
        out.append((m, value, qualifier))
    return out


def parse_count(text: str) -> Count | None:
    """The first count in a short phrase, with its qualifier; None when there is none.

    A conjunction of counted nouns is summed: "All 224 passengers and seven crew members" is 231.
    """
    if not isinstance(text, str):
        return None
    text = text[:MAX_CHARS]
    found = _counts(text)
    if not found:
        return None
    m, value, qualifier = found[0]
    end = m.end()
    # Sum "N nouns and M nouns": each part must name what it counts.
    for (cur, _, _), (nxt, v, q) in zip(found, found[1:]):
        joint = _NOUN_AND.fullmatch(text, cur.end(), nxt.start())
        if not joint or _not_noun(joint.group("noun")):
            break
        tail_end = _noun_end(text, nxt.end())
        if tail_end is None:
            break
        value += v
        if q != EXACT and qualifier == EXACT:
            qualifier = q
        end = tail_end
    if value > MAX_COUNT:
        return None
    return Count(value=value, qualifier=qualifier, text=text[m.start():end].strip())


def _noun_end(text: str, pos: int) -> int | None:
    """End of the (up to three-word) noun counted by the number ending at pos, if any."""
    end = None
    for _ in range(3):
        m = _NOUN.match(text, pos)
        if not m or m.group(1).lower() in _NOT_NOUNS:
            break
        end = pos = m.end()
    return end


def _not_noun(words: str) -> bool:
    return any(w.lower() in _NOT_NOUNS for w in words.split())
