"""Golden outputs: the full extraction JSON of a handful of articles we wrote ourselves
(tests/golden/*.txt), compared field by field with the checked-in tests/golden/*.json.

Any change in what the extractor reads from them shows here as a diff to review. When the change
is wanted, regenerate and read the diff before committing:
    .venv/bin/python tests/test_golden.py --update
The extractor's version string is left out of the comparison (it changes with every release).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden")
CASES = sorted(GOLDEN.glob("*.txt"))


def _extract(path: Path) -> dict:
    from militantmap.article import Article
    from militantmap.extract import extract

    out = extract(Article(text=path.read_text(encoding="utf-8"), id=path.stem, source=str(path)))
    out.pop("extractor", None)
    return out


def _diff(want: object, got: object, where: str = "$") -> list[str]:
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for k in sorted(set(want) | set(got)):
            if k not in got:
                out.append(f"{where}.{k}: missing")
            elif k not in want:
                out.append(f"{where}.{k}: unexpected {json.dumps(got[k])[:120]}")
            else:
                out += _diff(want[k], got[k], f"{where}.{k}")
        return out
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [d for i, (a, b) in enumerate(zip(want, got)) for d in _diff(a, b, f"{where}[{i}]")]
    if want != got:
        return [f"{where}: want {json.dumps(want)[:160]}, got {json.dumps(got)[:160]}"]
    return []


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 5
    assert all(p.with_suffix(".json").is_file() for p in CASES), "run: python tests/test_golden.py --update"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_extraction_matches_its_golden_file(path: Path) -> None:
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(_extract(path)))
    diffs = _diff(want, got)
    assert not diffs, (f"{path.name}: the extraction changed (review, then regenerate with "
                       f"`python tests/test_golden.py --update`):\n  " + "\n  ".join(diffs[:30]))


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_golden.py --update")
    for p in CASES:
        p.with_suffix(".json").write_text(
            json.dumps(_extract(p), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print("wrote", p.with_suffix(".json").name)
