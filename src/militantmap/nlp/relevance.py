"""The relevance prefilter: can this article yield a group, a tie, a role or an event at all?
And within an article that can, which sentences can (`focus`)?

A cheap first pass over the raw text, before the parse: the gazetteer's name automaton (linear in
the text) and a vocabulary of conflict cues (data/relevance.json, one regex). An article with
neither is not parsed; it is stored as read and not relevant, and `ingest --reprocess` re-reads
it. Recall before speed: the cues are broad, and scripts/prefilter_recall.py checks on every
shared corpus that no article the full pipeline extracts something from is dropped.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    reason: str  # what made it relevant ("group: Boko Haram", "cue: ambush") or why not


@lru_cache(maxsize=1)
def _cue_regex() -> re.Pattern[str]:
    data = json.loads(resources.files("militantmap.data").joinpath("relevance.json").read_text("utf-8"))
    stems = {s for row in data["cues"] for s in row["stems"]}
    # At a word start only: "ban" is a cue, "urban" is not; the stem may continue ("bans").
    return re.compile(r"(?<![\w])" + _alternation(stems), re.IGNORECASE)


def _alternation(words: set[str]) -> str:
    """The words as one regex alternation that matches, at a position, the longest of them
    (as "w1|w2|..." sorted longest first does), factored by common prefix ("ab(?:duct|use)"):
    the regex engine tries the alternatives one by one at every position, and a flat list of a
    hundred words made these patterns the prefilter's main cost. Case-insensitive patterns
    only (the words are folded to lower case)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word.lower():
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        if "" in node:  # a word ends here: a longer one first (greedy), else this one
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return "(?:" + pattern(trie) + ")"


@lru_cache(maxsize=1)
def _proper_head_regex() -> re.Pattern[str]:
    """A capitalised word, then a head word that armed groups' names end with, as discovery
    reads them (data/group_discovery.json: "the Crimson Valley Front", "X Liberation Army")."""
    data = json.loads(resources.files("militantmap.data").joinpath("group_discovery.json").read_text("utf-8"))
    heads = sorted(data["heads"], key=len, reverse=True)
    return re.compile(r"\b[A-Z][\w'’-]+\s+(?:" + "|".join(re.escape(h) for h in heads) + r")\b")


def relevance(text: str) -> Verdict:
    cue = _cue_regex().search(text)
    if cue:
        return Verdict(True, f"cue: {cue.group(0).strip().lower()}")
    head = _proper_head_regex().search(text)
    if head:
        return Verdict(True, f"name: {head.group(0)}")
    from militantmap.nlp.gazetteer import get_gazetteer

    # (the names that need context too: "IIPB" counts where the parse's discovery may find the
    # other group that makes it a name; recall before speed)
    found = get_gazetteer().find_mentions(text, context=False)
    if found:
        return Verdict(True, f"group: {found[0].surface}")
    return Verdict(False, "no armed group named and no conflict vocabulary")


# -- sentence focus ---------------------------------------------------------------------------
# Within a relevant article, a sentence with no cue, no group name and no word that refers to a
# group or a role is blanked before the parse: it cannot state a group, a tie, a role or an event,
# and the parse is the dominant cost (in a mixed feed most sentences of a relevant story are
# about something else). Blanked with spaces, newlines kept, so every offset stays valid and the
# parser sees one whitespace token. Kept besides: the first sentence (headline or lede), and the
# sentence before a kept one that refers back ("It said ...", "His group ...") so pronouns and
# descriptions still find their antecedent. The role titles and event triggers of the rule
# tables count too (`_rule_words_regex`). scripts/prefilter_recall.py measures what this keeps
# of the facts of the full parse on every shared corpus (target: all of them).
_REFERS_WORDS = (r"group|organi[sz]ation|movement|outfit|network|spokes\w*|leader\w*|"
                 r"command\w*|found\w*|chief|emir|head\w*|member\w*|claim\w*|pledg\w*|allegian\w*|"
                 r"creat\w*|establish\w*|form|formed|forming|formation|set up|launch\w*|led|lead\w*|"
                 r"alli\w*|ally|rival\w*|split|wing|branch|affiliat\w*|"
                 # the words of events (data/patterns/events_triggers.jsonl, by stem)
                 r"attack\w*|bomb\w*|blast\w*|explo\w*|kill\w*|dead|death\w*|died|dies|wound\w*|"
                 r"injur\w*|shot|shoot\w*|gun\w*|fire\w*|kidnap\w*|abduct\w*|hostage\w*|arrest\w*|"
                 r"detain\w*|captur\w*|ban|bann\w*|bans|proscri\w*|designat\w*|outlaw\w*|raid\w*|"
                 r"strik\w*|airstrik\w*|offensive|operation\w*|assault\w*|ambush\w*|clash\w*|"
                 r"fight\w*|fought|battl\w*|massacre\w*|behead\w*|execut\w*|suicide|grenade\w*|"
                 r"rocket\w*|missile\w*|drone\w*|mortar\w*|IEDs?|mines?|landmine\w*|stormed|storm|"
                 r"seiz\w*|overr\w*|torch\w*|burn\w*|destroy\w*|murder\w*|slain|slay\w*|"
                 r"victim\w*|casualt\w*|toll|responsib\w*|blame\w*|accus\w*|suspect\w*|target\w*|"
                 r"crackdown\w*|hijack\w*|stab\w*|loot\w*|shell\w*|raz\w*|assassin\w*|lynch\w*|"
                 r"besieg\w*|slaughter\w*|hack\w*|sieg\w*|invad\w*|invasion\w*|war|wars|"
                 r"troops?|soldiers?|army|police|forces?")


def _by_first_letter(alternatives: list[str]) -> str:
    """An alternation of regexes (each starting with a letter, none with "|" or a group inside)
    grouped by their first letter, in their order within each group: "a(?:ttack\\w*|lli\\w*)|..."
    is the same pattern for a case-insensitive search, and the engine tries a few alternatives
    at each word start instead of all of them."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        assert alt[:1].isalpha() and "(" not in alt, alt
        groups.setdefault(alt[0].lower(), []).append(alt[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()) + ")"


_REFERS = re.compile(r"(?i)\b" + _by_first_letter(_REFERS_WORDS.split("|")) + r"\b")
_REFERS_BACK = re.compile(r"\b(?:[Ii]ts?|[Tt]hey|[Tt]heir|[Tt]hem|[Hh]e|[Hh]is|[Ss]he|[Hh]er|[Tt]he group)\b")
# a sentence ends at . ! ? or : (a heading that opens a list) before whitespace, or at a blank
# line; a single line break is wrapped text ("has been indicted in the\nUnited States")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*(?=\s)|\n[ \t]*\n")
# a period that ends an abbreviation, not a sentence ("the U.S. state of", "Ms. Alinejad")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|"
                           r"Sen|Rep|Gov|Pres|Prof|Rev|Sr|Jr|St|Mt|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
                           r"Sep|Sept|Oct|Nov|Dec|Inc|Co|Corp|Ltd|vs|etc|approx|est)\.)$")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if m.group(0).startswith(".") and _ABBREVIATION.search(text, start, end):
            continue  # "U.S." goes on
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=1)
def _rule_words_regex() -> re.Pattern[str]:
    """The cue words of the rule tables themselves (role titles, event trigger lemmas), as
    word-start stems: a row a newcomer adds to those tables is kept in focus without a change
    here. (Tie cues are not needed: a tie needs two groups, and a sentence that names a group is
    kept; many tie cues are common verbs, "take", "give", "work", that would keep everything.)"""
    stems: set[str] = set()
    patterns = resources.files("militantmap.data").joinpath("patterns")
    for name, fields in (("roles.jsonl", ("words",)), ("events_triggers.jsonl", ("lemmas", "objects"))):
        for line in patterns.joinpath(name).read_text("utf-8").splitlines():
            if not line.startswith("{"):
                continue
            row = json.loads(line)
            if name == "roles.jsonl" and row.get("kind") != "title":
                continue  # modifiers and departments ("senior", "media", "security") are no role
            for field in fields:
                values = row.get(field) or []
                stems.update(v.lower() for v in ([values] if isinstance(values, str) else values)
                             if isinstance(v, str) and len(v) >= 3)
    # a lemma matches its inflections from the start ("pledge" -> "pledged"); a final "e" or
    # "y" is dropped so "ally" matches "allied" and "merge" "merging"
    forms = {re.sub(r"[ey]$", "", w) if len(w) > 4 else w for w in stems}
    return re.compile(r"(?<![\w])" + _alternation(forms), re.IGNORECASE)


def _sentence_relevant(sentence: str) -> bool:
    # (the cheapest tests, and those that most often hold, first)
    if (_cue_regex().search(sentence) or _rule_words_regex().search(sentence)
            or _proper_head_regex().search(sentence) or _REFERS.search(sentence)):
        return True
    from militantmap.nlp.gazetteer import get_gazetteer

    return bool(get_gazetteer().find_mentions(sentence))


def focus(text: str) -> str:
    """The text with the sentences that cannot hold a fact blanked (same length)."""
    spans = _sentences(text)
    if len(spans) < 3:
        return text
    keep = [i == 0 or text[a:b].rstrip().endswith(":") or _sentence_relevant(text[a:b])
            for i, (a, b) in enumerate(spans)]
    for i in range(1, len(spans)):
        if keep[i] and not keep[i - 1] and _REFERS_BACK.search(text[spans[i][0]:spans[i][1]]):
            keep[i - 1] = True
    if all(keep):
        return text
    out = list(text)
    for (a, b), k in zip(spans, keep):
        if not k:
            for j in range(a, b):
                if out[j] != "\n":
                    out[j] = " "
    return "".join(out)
