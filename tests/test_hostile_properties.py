"""Property tests over hostile text (issue 11, item 6): the cleaner, the number and date parsers
and the extraction entry point never raise (but InputError for unusable input), never take
longer than a budget, and every offset they give points into the text. Example counts are kept
small: CPU is shared, and spaCy is slow per example."""
from __future__ import annotations

import datetime as dt
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from militantmap.article import Article
from militantmap.errors import InputError

CALL_BUDGET = 10.0  # seconds for one call on a few kB: a stall (quadratic, catastrophic regex) blows it

# Words and marks hostile text is made of: group names, numbers and dates in every form, runs of
# punctuation, control characters, other scripts, and boilerplate cues.
PIECES = ["Boko Haram", "al-Shabaab", "ISIS", "the Taliban", "Hamas", "said", "claimed", "killed",
          "attacked", "at least", "more than", "99999999999999999999999", "1e400", "-5", "0",
          "twenty", "thousand", "million", "31/31/2021", "February 30", "99999", "last Friday",
          "(", ")", "[[[[", "]]]]", "((((((((((((((((((((", "....", "!!!!", "—", "\u200b", "\u202e",
          "\x00", "\x0c", "\r\n", "\n\n", "\t", " ", ".", ",", "\"", "'", "©", "Share", "Read more:",
          "Подробнее", "داعش", "中文", "🙂", "https://x.example/a?b=1", "<b>", "&amp;"]
hostile_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=80).map("".join)
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _timed(fn, *args):
    started = time.monotonic()
    out = fn(*args)
    took = time.monotonic() - started
    assert took < CALL_BUDGET, f"{fn.__name__} took {took:.1f} s"
    return out


@FEW
@given(hostile_text)
def test_the_cleaner_keeps_offsets_valid(raw):
    from militantmap.clean.boilerplate import remove_boilerplate
    from militantmap.clean.tokens import MAX_PUNCT_RUN, defuse_punctuation_runs

    cleaned = _timed(remove_boilerplate, raw)
    last = 0
    for start, end in cleaned.removed:
        assert last <= start <= end <= len(raw)
        last = end
    assert len(cleaned.text) == len(raw) - sum(e - s for s, e in cleaned.removed)
    for offset in (0, len(cleaned.text) // 2, len(cleaned.text)):
        assert 0 <= cleaned.to_raw(offset) <= len(raw)
    defused, _ = _timed(defuse_punctuation_runs, cleaned.text)
    assert len(defused) == len(cleaned.text)  # offsets into the cleaned text stay valid
    import re
    assert not re.search(r"[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1), defused)


@FEW
@given(hostile_text)
def test_the_number_parser_gives_a_storable_count_or_none(text):
    from militantmap.extract.numbers import parse_count

    count = _timed(parse_count, text)
    if count is not None:
        assert isinstance(count.value, int) and 0 <= count.value < 2**63  # fits the store's INTEGER
        assert count.qualifier in ("exact", "at_least", "about", "at_most")


@FEW
@given(hostile_text, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))))
def test_the_date_parser_gives_a_real_date_or_none(text, published):
    from militantmap.extract.dates import resolve_date

    r = _timed(resolve_date, text[:200], published)
    if r.iso is not None:
        parts = [int(p) for p in r.iso.split("-")]
        assert 1 <= parts[0] <= 9999
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))))
def test_extraction_never_fails_and_every_offset_points_into_the_text(text, published):
    from militantmap.extract.pipeline import Extractor

    extractor = Extractor.default()
    try:
        out = _timed(extractor.extract, Article(text=text, published=published, source="hypothesis"))
    except InputError:
        return  # unusable input (empty, NUL bytes): reported by name, as it should be
    body = out["article"]["text"]
    for ent in out["entities"]:
        for start, end in ent["mentions"]:
            assert 0 <= start < end <= len(body)
    for kind in ("relations", "roles", "events"):
        for fact in out[kind]:
            ev = fact["evidence"]
            assert 0 <= ev["start"] <= ev["end"] <= len(body)
            assert body[ev["start"]:ev["end"]] == ev["sentence"]
    for ev in out["events"]:
        for key in ("killed", "wounded"):
            if ev[key] is not None:
                assert 0 <= ev[key]["value"] < 2**63
