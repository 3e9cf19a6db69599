"""Cut web boilerplate (cookie notices, comment forms, pleas, share and link lists) out of text.

Lines are classified, never edited: the cleaned text is the raw text with whole lines cut out,
and `removed` records the raw ranges that went, so offsets into the cleaned text map back to
the raw input. The rules are general (what a line says and what it looks like), and
conservative: a line that reads like reporting (killings, attacks, arrests) is kept unless it
is explicitly labelled as a link to another story ("Read more: ...").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["CleanText", "remove_boilerplate"]


@dataclass
class CleanText:
    text: str
    removed: list[tuple[int, int]]  # [start, end) ranges of the RAW input, sorted, disjoint
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _shift: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # For each removed range: its start in cleaned coordinates and the raw length cut so far.
        total = 0
        for start, end in self.removed:
            self._starts.append(start - total)
            total += end - start
            self._shift.append(total)

    def to_raw(self, offset: int) -> int:
        """Raw offset of the character at `offset` of the cleaned text (len(text) maps to the end
        of the raw input's last kept character, or past a trailing removed range)."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside the cleaned text (0..{len(self.text)})")
        i = bisect.bisect_right(self._starts, offset)
        return offset + (self._shift[i - 1] if i else 0)


# -- what a boilerplate line says ------------------------------------------------------------
# Phrases specific enough to condemn the line wherever they occur in it.
_STRONG = re.compile(
    r"(?i)"
    r"by\s+(?:continuing|using)\s+(?:to\s+(?:use|browse)\s+)?(?:this|our|the)\s+(?:site|website)"
    r"|(?:we|this\s+(?:site|website))\s+uses?\s+cookies|use\s+of\s+cookies|cookie\s+(?:policy|settings|preferences)"
    r"|accept\s+(?:all\s+)?cookies|manage\s+(?:your\s+)?(?:cookie|privacy)\s+(?:settings|preferences)"
    r"|your\s+email\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked"
    r"|save\s+my\s+name,?\s+email|comments?\s+are\s+closed|you\s+must\s+be\s+logged\s+in\s+to\s+post"
    r"|all\s+rights\s+reserved|©|\(c\)\s+\d{4}|copyright\s+(?:©\s*)?(?:\d{4}|\w+\s+\d{4})"
    r"|join\s+our\s+(?:whatsapp|telegram|signal)\s+(?:group|channel|community)"
    r"|follow\s+(?:us|this\s+link)\s+(?:on|to\s+join)|sign\s+up\s+(?:for|to)\s+(?:our|the)\s+\w*\s*newsletter"
    r"|subscribe\s+to\s+(?:our|the)\s+(?:\w+\s+)?(?:newsletter|channel|podcast)|subscribe\s+now"
    r"|newsletter\s+sign[\s-]?up|get\s+the\s+latest\s+news\s+(?:delivered|in\s+your\s+inbox)"
    r"|download\s+(?:our|the)\s+(?:\w+\s+)?app|skip\s+to\s+(?:main\s+)?content|accessibility\s+links"
    r"|an\s+official\s+website\s+of\s+the\s+united\s+states\s+government|official\s+websites\s+use\s+\.gov"
    r"|\.gov\s+website\s+belongs\s+to|secure\s+\.gov\s+websites|share\s+sensitive\s+information\s+only"
    r"|viewing\s+archived\s+content|archive\s+site\s+is\s+not\s+updated|links\s+may\s+not\s+function"
    r"|image_?pdf|javascript\s+(?:is\s+)?(?:disabled|required)|enable\s+javascript"
    r"|your\s+browser\s+(?:does\s+not|doesn't)\s+support|this\s+video\s+(?:is\s+)?(?:not\s+available|cannot)"
    r"|report\s+an\s+(?:error|issue)\s+(?:in|with)\s+this|click\s+here\s+to\s+(?:read|subscribe|download|join|learn)"
)
# Whole lines that are navigation, widgets or labels (the line is nothing else).
_LABEL = re.compile(
    r"(?i)^(?:[\W_]*)(?:"
    r"breaking\s+news|latest\s+news|top\s+stories|home(?:page)?|menu|search|main\s+menu|navigation|"
    r"skip\s+to\s+\w+(?:\s+\w+)?|jump\s+to\s+\w+(?:\s+\w+)?|back\s+to\s+top|"
    r"share(?:\s+(?:this|on)(?:\s+\w+)?)?|share\s+this\s+(?:article|story|post|page)|tweet|"
    r"print(?:\s+this\s+(?:page|article))?|email(?:\s+this)?|copy\s+link|link\s+copied|comments?|"
    r"\d+\s+comments?|leave\s+a\s+(?:reply|comment)|post\s+(?:a\s+)?comment|add\s+(?:a\s+)?comment|"
    r"cancel\s+reply|reply|log\s*in|sign\s*in|sign\s*up|register|subscribe|advertisement|"
    r"advertising|sponsored(?:\s+content)?|ad|ads|related|related\s+(?:articles?|stories|posts|"
    r"news|content|coverage|topics|links|video|videos)|more\s+(?:stories|news|videos|on\s+this\s+story)|"
    r"more\s+from\s+[\w\s]{1,30}|read\s+more|read\s+next|also\s+read|see\s+also|recommended(?:\s+for\s+you)?|"
    r"you\s+may\s+(?:also\s+)?like|you\s+might\s+(?:also\s+)?like|most\s+(?:read|popular|viewed|shared)|"
    r"trending(?:\s+now)?|popular\s+(?:now|stories)|editor'?s\s+picks?|tags?|topics?|filed\s+under|"
    r"media\s+note|press\s+releases?|image\s+caption|photo|video|listen|watch|audio|loading\.*|"
    r"toggle\s+navigation|close|open|next|previous|prev|next\s+(?:article|story|post)|"
    r"previous\s+(?:article|story|post)|facebook|twitter|whatsapp|telegram|linkedin|reddit|"
    r"pinterest|instagram|youtube|x|messenger|mail|rss|feedback|contact\s+us|about\s+us|"
    r"privacy(?:\s+policy)?|terms(?:\s+of\s+(?:use|service))?|cookies?(?:\s+policy)?|"
    r"for\s+current\s+information,?\s+go\s+to|support\s+(?:us|our\s+journalism)|donate(?:\s+now)?|"
    r"join\s+now|subscribe\s+now|sign\s+up\s+now|get\s+(?:the\s+)?app|follow\s+us"
    r")(?:[\W_]*)$"
)
# Lines that introduce a link to another story: the story they name is not this article's.
_LINK_PREFIX = re.compile(
    r"(?i)^[\W_]*(?:read\s+(?:more|also|next)|also\s+read|related(?:\s+(?:articles?|stories|news|story))?"
    r"|see\s+also|recommended|more\s+on\s+this|watch|listen|video|photos?|tags?|topics?|filed\s+under)"
    r"\s*[:|»›>\-–—]\s*\S"
)
_SOCIAL = re.compile(
    r"(?i)\b(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|pinterest|instagram|youtube|email|"
    r"e-mail|print|share|tweet|copy\s+link|messenger|sms|mail|x)\b"
)
# Pleas for money or sign-ups: a line with two or more of these cues is a plea.
_PLEA_CUE = re.compile(
    r"(?i)\b(?:journalism|subscri\w+|donat\w+|contribut\w+|support\s+(?:us|our|independent|quality)|"
    r"advertising\s+revenues?|ad\s+revenues?|paywall|our\s+readers|readers\s+like\s+you|"
    r"paying|membership|become\s+a\s+(?:member|patron|supporter)|reporters\s+and\s+editors|"
    r"independent\s+(?:journalism|media)|quality\s+journalism|free\s+press|keep\s+(?:our\s+)?journalism|"
    r"more\s+people\s+are\s+reading|newsletter|inbox|sign\s+up|premium|ad[\s-]?free)\b"
)
# Words of reporting: a line that has them is an article sentence, never boilerplate.
_REPORTING = re.compile(
    r"(?i)\b(?:kill\w*|dead|deaths?|died|wound\w*|injur\w*|attack\w*|bomb\w*|blast\w*|explo\w+|"
    r"shot|shoot\w*|gunm[ae]n|militant\w*|insurgen\w+|terroris\w+|jihad\w*|rebels?|fighters?|"
    r"abduct\w*|kidnap\w*|hostages?|arrest\w*|detain\w*|captur\w+|raid\w*|ambush\w*|clash\w*|"
    r"soldiers?|troops|police|army|military|security\s+forces|officials?\s+said|claimed|"
    r"responsibility|spokes(?:man|woman|person)|allegiance|faction|offensive|airstrikes?|drones?)\b"
)
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass
class _Line:
    start: int
    end: int        # end of the line including its newline
    text: str       # the line without its newline and surrounding spaces
    kind: str = ""  # "blank" | "keep" | "drop"


def _split(raw: str) -> list[_Line]:
    lines = []
    pos = 0
    for piece in raw.splitlines(keepends=True):
        end = pos + len(piece)
        body = piece.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029").strip()
        lines.append(_Line(pos, end, body, "blank" if not body else ""))
        pos = end
    return lines


# The tests below read each line several times (alone, then in its paragraph, then at the tail):
# the words and the reporting test of a line are kept for the next reading.
@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=4096)
def _is_reporting(text: str) -> bool:
    return len(_words(text)) >= 5 and bool(_REPORTING.search(text))


def _is_plea(text: str) -> bool:
    """Two distinct cues make a short line a plea; a long paragraph needs three."""
    cues = len({m.group(0).lower() for m in _PLEA_CUE.finditer(text)})
    return cues >= (2 if len(_words(text)) <= 25 else 3)


def _is_social_row(text: str) -> bool:
    """"Facebook Twitter WhatsApp Email" or "Share | Tweet | Print": only share widgets."""
    words = _words(text)
    if not words or len(words) > 12:
        return False
    rest = _SOCIAL.sub(" ", text)
    return len(_SOCIAL.findall(text)) >= 2 and not _words(re.sub(r"(?i)\b(?:on|via|this|article|story|page|link|and)\b", " ", rest))


def _is_link_row(text: str) -> bool:
    """"Home | World | Asia | Pakistan": short items separated by bars or bullets."""
    items = [i for i in re.split(r"[|•·»›]", text) if i.strip()]
    return len(items) >= 3 and all(len(_words(i)) <= 4 for i in items) and not _SENTENCE_END.search(text)


def _classify(line: _Line) -> bool:
    """True when the line, read alone, is boilerplate."""
    text = line.text
    if _LINK_PREFIX.match(text) and len(_words(text)) <= 30:
        return True
    if _LABEL.match(text) or _is_social_row(text) or _is_link_row(text):
        return True
    if _is_reporting(text):
        return False
    if _STRONG.search(text):
        return True
    return _is_plea(text)


def _short_unpunctuated(text: str) -> bool:
    return len(_words(text)) <= 6 and not _SENTENCE_END.search(text) and not _is_reporting(text)


def remove_boilerplate(raw: str) -> CleanText:
    """Cut boilerplate lines out of `raw`; the result's `removed` holds the raw ranges cut."""
    if not isinstance(raw, str) or not raw:
        return CleanText(text="" if not isinstance(raw, str) else raw, removed=[])
    lines = _split(raw)
    content = [ln for ln in lines if ln.kind != "blank"]
    for ln in content:
        ln.kind = "drop" if _classify(ln) else "keep"
    _drop_plea_blocks(lines)
    _drop_link_lists(content)
    _drop_tail(content)
    return _cut(raw, lines)


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    paras: list[list[_Line]] = [[]]
    for ln in lines:
        if ln.kind == "blank":
            if paras[-1]:
                paras.append([])
        else:
            paras[-1].append(ln)
    return [p for p in paras if p]


def _drop_plea_blocks(lines: list[_Line]) -> None:
    """A paragraph whose lines are pleas goes as a whole, as does the paragraph right after a
    plea heading ("Support our journalism") when it carries a plea cue itself."""
    paras = _paragraphs(lines)
    for i, para in enumerate(paras):
        text = " ".join(ln.text for ln in para)
        if any(_is_reporting(ln.text) for ln in para):
            continue
        heading_before = i > 0 and all(ln.kind == "drop" for ln in paras[i - 1]) and _PLEA_CUE.search(
            " ".join(ln.text for ln in paras[i - 1]))
        if _is_plea(text) or (heading_before and _PLEA_CUE.search(text)):
            for ln in para:
                ln.kind = "drop"
        elif len(para) == 1 and len(_words(text)) <= 8 and _PLEA_CUE.search(text) and not _SENTENCE_END.search(text):
            # A short plea heading ("Be Part of Quality Journalism") followed by a plea.
            nxt = paras[i + 1] if i + 1 < len(paras) else []
            if nxt and _is_plea(" ".join(ln.text for ln in nxt)):
                para[0].kind = "drop"


def _drop_link_lists(content: list[_Line]) -> None:
    """After a "Related articles" / "Read more" heading, the story titles that follow are links."""
    for i, ln in enumerate(content):
        if ln.kind != "drop" or len(_words(ln.text)) > 6 or not re.search(
            r"(?i)\b(?:related|read\s+more|also\s+read|more\s+(?:stories|news|from|on)|recommended|"
            r"you\s+may|you\s+might|most\s+(?:read|popular|viewed)|trending|see\s+also|read\s+next|"
            r"latest\s+news|top\s+stories|editor'?s\s+picks?)", ln.text):
            continue
        for nxt in content[i + 1:]:
            if nxt.kind == "drop":
                continue
            words = _words(nxt.text)
            if len(words) > 16 or (len(words) >= 8 and re.search(r"[.!?]\W*$", nxt.text)):
                break  # a sentence: the list has ended
            nxt.kind = "drop"


def _drop_tail(content: list[_Line]) -> None:
    """At the end of the text, short unpunctuated lines (widget labels, tags, credits) go, up to
    the last line that reads as a sentence."""
    for ln in reversed(content[1:]):  # the first line is the title, never a tail
        if ln.kind == "drop":
            continue
        if _short_unpunctuated(ln.text) and len(_words(ln.text)) <= 4:
            ln.kind = "drop"
            continue
        break


def _cut(raw: str, lines: list[_Line]) -> CleanText:
    """Cut dropped lines, with the blank lines they leave behind, out of the raw text."""
    drop = [False] * len(lines)
    kept = [i for i, ln in enumerate(lines) if ln.kind == "keep"]
    for i, ln in enumerate(lines):
        if ln.kind == "drop":
            drop[i] = True
    if not kept:
        drop = [True] * len(lines)
    else:
        first, last = kept[0], kept[-1]
        # Before the first kept line: if anything there was dropped, the blanks go with it.
        if any(lines[i].kind == "drop" for i in range(first)):
            for i in range(first):
                drop[i] = True
        # After the last kept line: everything goes (trailing whitespace included).
        for i in range(last + 1, len(lines)):
            drop[i] = True
        # Between kept lines: keep one run of blank lines as the paragraph break.
        for a, b in zip(kept, kept[1:]):
            gap = range(a + 1, b)
            if not any(lines[i].kind == "drop" for i in gap):
                continue
            lead = [i for i in _run(lines, a + 1, b)]
            trail = [i for i in _run(lines, b - 1, a, step=-1)]
            keep_blank = set(lead or trail)
            for i in gap:
                drop[i] = i not in keep_blank
    ranges: list[tuple[int, int]] = []
    for i, ln in enumerate(lines):
        if not drop[i]:
            continue
        if ranges and ranges[-1][1] == ln.start:
            ranges[-1] = (ranges[-1][0], ln.end)
        else:
            ranges.append((ln.start, ln.end))
    # Trailing whitespace of the last kept line goes too (the text ends with its last word).
    pieces = []
    pos = 0
    for s, e in ranges:
        pieces.append(raw[pos:s])
        pos = e
    pieces.append(raw[pos:])
    text = "".join(pieces)
    stripped = text.rstrip()
    if len(stripped) < len(text):
        cut = len(text) - len(stripped)
        # the whitespace sits just before the trailing range (or at the very end of raw)
        end = ranges[-1][0] if ranges and ranges[-1][1] == len(raw) else len(raw)
        start = end - cut
        if ranges and ranges[-1][1] == len(raw):
            ranges[-1] = (start, ranges[-1][1])
        else:
            ranges.append((start, end))
        text = stripped
    return CleanText(text=text, removed=ranges)


def _run(lines: list[_Line], start: int, stop: int, step: int = 1) -> list[int]:
    """Indices of the blank lines directly next to a kept line, walking from `start`."""
    out = []
    for i in range(start, stop, step):
        if lines[i].kind != "blank":
            break
        out.append(i)
    return out
