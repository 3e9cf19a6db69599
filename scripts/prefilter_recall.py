#!/usr/bin/env python3
"""Recall of the relevance prefilter (nlp/relevance.py) on every shared corpus.

    .venv/bin/python scripts/prefilter_recall.py [--shared ../shared] [--json]

For each corpus, every article is extracted with the prefilter off; an article from which the full
pipeline extracts a group, a tie, a role or an event is "extractable". Recall is the share of
extractable articles the prefilter passes (target: 100%); also reported, the share of all articles
it sends past the parser (what it saves).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def corpora(shared: Path) -> dict[str, list]:
    from militantmap.article import Article
    from militantmap.sources.walk import iter_articles

    def arts(paths):
        return [a for a in iter_articles(paths) if isinstance(a, Article)]

    out = {"dev": arts([shared / "corpus" / "dev"]), "voa": arts([shared / "corpus" / "voa" / "voa_stories.jsonl"]),
           "seeds": arts([shared / "seeds"])}
    for name, rel in (("mmp", "corpus/mmp/relationships.jsonl"), ("un1267", "corpus/un1267/narratives.jsonl")):
        rows = [json.loads(x) for x in (shared / rel).read_text(encoding="utf-8").splitlines() if x.strip()]
        out[name] = [Article(text=r["text"], id=str(r.get("id") or r.get("ref"))) for r in rows]
    return out


def measure(shared: Path) -> dict:
    from militantmap.extract import extract_many
    from militantmap.extract.pipeline import Extractor
    from militantmap.nlp.relevance import relevance

    ex = Extractor.default()
    ex.prefilter = False
    report = {}
    for name, arts in corpora(shared).items():
        extractable = passed = skipped = 0
        missed = []
        for art, out in zip(arts, extract_many(arts)):
            if "error" in out:
                continue
            verdict = relevance(out["article"]["text"])
            skipped += not verdict.relevant
            has = any(e["type"] == "armed_group" for e in out["entities"]) or out["relations"] \
                or out["roles"] or out["events"]
            if has:
                extractable += 1
                passed += verdict.relevant
                if not verdict.relevant:
                    missed.append(art.id)
        report[name] = {"articles": len(arts), "extractable": extractable,
                        "recall": round(passed / extractable, 4) if extractable else None,
                        "skipped_share": round(skipped / len(arts), 3) if arts else None,
                        "missed": missed}
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    report = measure(args.shared)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name, r in report.items():
            print(f"{name:8} articles {r['articles']:4}  extractable {r['extractable']:4}  recall {r['recall']}"
                  f"  skipped {r['skipped_share']}  missed {r['missed'][:10]}")
    return 0 if all(r["recall"] in (None, 1.0) for r in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
