#!/usr/bin/env python3
"""The VOA gold set: hand annotations of the shared VOA feed, kept without the stories' text.

The annotations live in eval/voa/<id>.json in the gold schema of ../shared/corpus/SCHEMA.md,
except that they hold no article text: every "sentence" is stored as "sentence_at": [start, end],
character offsets into the story's text in ../shared/corpus/voa/voa_stories.jsonl (the repository
never copies article text). Two commands:

  python scripts/voa_gold.py unpack OUT_DIR [--shared ../shared]
      write schema-complete gold files (text and sentences joined back) into OUT_DIR, for
      `militantmap evaluate OUT_DIR`;
  python scripts/voa_gold.py pack SRC_DIR [--shared ../shared]
      turn annotator files (schema with "sentence" text, no "text") into eval/voa/*.json;
      a sentence not found verbatim in its story is reported and its item left out.

`make eval-voa` unpacks into a temporary directory and runs the evaluation.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "voa"
ITEM_LISTS = ("relations", "roles", "events")


def stories(shared: Path) -> dict[str, dict]:
    path = shared / "corpus" / "voa" / "voa_stories.jsonl"
    if not path.is_file():
        sys.exit(f"{path}: not found (give the shared directory with --shared)")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[str(row["id"])] = row
    return out


def _locate(sentence: str, text: str) -> tuple[int, int] | None:
    """Where the sentence stands in the text: verbatim, else with any run of whitespace."""
    pos = text.find(sentence)
    if pos >= 0:
        return pos, pos + len(sentence)
    words = sentence.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def _with_stories(folder: Path, shared: Path):  # -> Iterator[tuple[Path, dict, dict | None]]
    """Each gold file of a folder with its story (None when the feed has no such id)."""
    texts = stories(shared)
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        yield path, gold, texts.get(str(gold.get("id")))


def pack(src: Path, shared: Path) -> int:
    GOLD.mkdir(parents=True, exist_ok=True)
    problems = 0
    for path, gold, story in _with_stories(src, shared):
        if story is None:
            print(f"{path}: no VOA story with id {gold.get('id')!r}", file=sys.stderr)
            problems += 1
            continue
        gold.pop("text", None)
        for key in ITEM_LISTS:
            kept = []
            for item in gold.get(key, []):
                span = _locate(item.get("sentence") or "", story["text"])
                if span is None:
                    print(f"{path}: {key}: sentence not in the story, left out: {item.get('sentence')!r:.80}",
                          file=sys.stderr)
                    problems += 1
                    continue
                item.pop("sentence", None)
                kept.append({**item, "sentence_at": list(span)})
            gold[key] = kept
        (GOLD / path.name).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if problems else 0


def unpack_one(gold: dict, story: dict) -> dict:
    """One schema-complete gold file from a packed one and its story."""
    text = story["text"]
    out = {**gold, "text": text}
    for key in ITEM_LISTS:
        items = []
        for item in gold.get(key, []):
            start, end = item["sentence_at"]
            if not 0 <= start < end <= len(text):
                raise ValueError(f"{gold['id']}: {key}: sentence_at {item['sentence_at']} outside the story")
            items.append({**{k: v for k, v in item.items() if k != "sentence_at"}, "sentence": text[start:end]})
        out[key] = items
    return out


def unpack(out_dir: Path, shared: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for path, gold, story in _with_stories(GOLD, shared):
        if story is None:
            print(f"{path}: no VOA story with id {gold['id']!r} in {shared}", file=sys.stderr)
            return 1
        (out_dir / path.name).write_text(json.dumps(unpack_one(gold, story), ensure_ascii=False),
                                         encoding="utf-8")
        n += 1
    print(f"{n} gold file(s) written to {out_dir}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("pack", "unpack"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    return pack(args.dir, args.shared) if args.command == "pack" else unpack(args.dir, args.shared)


if __name__ == "__main__":
    sys.exit(main())
