#!/usr/bin/env python3
"""Does a change keep the extraction byte for byte? Dump `militantmap extract --format jsonl` of
every shared corpus (dev, seeds, UN 1267, VOA, MMP) with one checkout, then with another, and
compare. For speed work, where the output must not move (issue 9).

    PYTHONPATH=/path/to/old/src python scripts/same_output.py dump /tmp/before
    PYTHONPATH=src python scripts/same_output.py dump /tmp/after
    python scripts/same_output.py compare /tmp/before /tmp/after

`compare` prints one line a corpus (identical, or how many lines differ) and never an article's
text: the scored dev articles are not to be read.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPORA = ("dev", "seeds", "un", "voa", "mmp")


def _inputs(folder: Path) -> None:
    """The corpora as JSONL batches (id, text and the article fields the extractor reads)."""
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, rows: list[dict]) -> None:
        (folder / f"{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")

    corpus = SHARED / "corpus"
    lines = (corpus / "mmp" / "relationships.jsonl").read_text(encoding="utf-8").splitlines()
    write("mmp", [{"id": r["id"], "text": r["text"]} for r in map(json.loads, lines)])
    lines = (corpus / "un1267" / "narratives.jsonl").read_text(encoding="utf-8").splitlines()
    write("un", [{"id": r["ref"], "text": r["text"]} for r in map(json.loads, lines)])
    dev = []
    for path in sorted((corpus / "dev").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        dev.append({k: d[k] for k in ("id", "text", "published", "url", "title", "publisher") if d.get(k) is not None})
    write("dev", dev)
    write("seeds", [{"id": p.name, "text": p.read_text(encoding="utf-8")} for p in sorted((SHARED / "seeds").glob("*.txt"))])
    (folder / "voa.jsonl").write_bytes((corpus / "voa" / "voa_stories.jsonl").read_bytes())


def dump(out: Path) -> None:
    inputs = out / "inputs"
    _inputs(inputs)
    for name in CORPORA:
        with open(out / f"{name}.jsonl", "wb") as f:
            subprocess.run([sys.executable, "-m", "militantmap", "extract", "--format", "jsonl",
                            str(inputs / f"{name}.jsonl")], stdout=f, check=True)
        print(f"{name}: dumped", file=sys.stderr)


def compare(a: Path, b: Path) -> int:
    differ = 0
    for name in CORPORA:
        left = (a / f"{name}.jsonl").read_bytes().splitlines()
        right = (b / f"{name}.jsonl").read_bytes().splitlines()
        n = sum(x != y for x, y in zip(left, right)) + abs(len(left) - len(right))
        differ += n
        print(f"{name}: {'identical' if n == 0 else f'{n} line(s) differ'} ({len(left)} articles)")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"] and len(sys.argv) == 3:
        dump(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
