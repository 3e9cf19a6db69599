#!/usr/bin/env python3
"""Recall of the relevance prefilter (nlp/relevance.py) on every shared corpus.

    .venv/bin/python scripts/prefilter_recall.py [--shared ../shared] [--json]

For each corpus, every article is extracted with the prefilter off; an article from which the full
pipeline extracts a group, a tie, a role or an event is "extractable". Recall is the share of
extractable articles the prefilter passes (target: 100%); also reported, the share of all articles
it sends past the parser (what it saves).

Then the sentence focus (nlp/relevance.focus: in the articles the prefilter passes, the sentences
that cannot hold a fact are blanked before the parse): every fact of the full parse (group, tie with
its polarity and modality, role, event with its sentence, perpetrators, date, place and toll) must
also come out of the focused parse. Reported: the facts, the share kept, and the share of the
passed articles' words the parser still reads.
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


def _facts(out: dict) -> set[tuple]:
    names = {e["id"]: e["name"] for e in out.get("entities", [])}
    facts: set[tuple] = {("group", e["name"]) for e in out.get("entities", []) if e["type"] == "armed_group"}
    facts |= {("tie", names[r["subject"]], r["type"], names[r["object"]], r["polarity"], r["modality"])
              for r in out.get("relations", [])}
    facts |= {("role", names[r["person"]], r["role"], names[r["group"]]) for r in out.get("roles", [])}
    facts |= {("event", e["type"], e["evidence"]["start"], tuple(sorted(names[p] for p in e["perpetrators"])),
               e["date"], json.dumps(e["location"], sort_keys=True), json.dumps(e["killed"], sort_keys=True))
              for e in out.get("events", [])}
    return facts


def measure_focus(shared: Path) -> dict:
    from militantmap.extract.pipeline import Extractor
    from militantmap.nlp.relevance import focus, relevance

    ex = Extractor()
    report = {}
    for name, arts in corpora(shared).items():
        results = {}
        for on in (False, True):
            ex.focus = on
            results[on] = ex.extract_batch(arts)
        total = kept = words = read = 0
        lost: list[str] = []
        for art, full, focused in zip(arts, results[False], results[True]):
            if "error" in full or not full["article"].get("relevant", True):
                continue
            f, g = _facts(full), _facts(focused)
            total += len(f)
            kept += len(f & g)
            lost += [f"{art.id}: {x}" for x in sorted(f - g, key=str)]
            words += len(full["article"]["text"].split())
            read += len(focus(full["article"]["text"]).split()) if relevance(full["article"]["text"]).relevant else 0
        report[name] = {"facts": total, "kept": round(kept / total, 4) if total else None,
                        "words_read": round(read / words, 3) if words else None, "lost": lost}
    return report


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
    focused = measure_focus(args.shared)
    if args.json:
        print(json.dumps({"prefilter": report, "focus": focused}, indent=2))
    else:
        for name, r in report.items():
            print(f"{name:8} articles {r['articles']:4}  extractable {r['extractable']:4}  recall {r['recall']}"
                  f"  skipped {r['skipped_share']}  missed {r['missed'][:10]}")
        for name, r in focused.items():
            print(f"{name:8} focus: facts {r['facts']:5}  kept {r['kept']}  words parsed {r['words_read']}"
                  f"  lost {r['lost'][:5]}")
    ok = all(r["recall"] in (None, 1.0) for r in report.values())
    return 0 if ok and all(r["kept"] in (None, 1.0) for r in focused.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
