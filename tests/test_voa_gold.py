"""The VOA gold set (eval/voa, scripts/voa_gold.py): every packed file unpacks against the shared
feed into a gold file the evaluator accepts, its sentences where the annotators put them; and the
pack/unpack round trip keeps every annotation."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from militantmap.evaluate import load_gold

REPO = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("voa_gold", REPO / "scripts" / "voa_gold.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_packed_file_unpacks_into_valid_gold(shared_dir, tmp_path):
    voa = _script()
    packed = sorted(voa.GOLD.glob("*.json"))
    assert packed, "eval/voa holds no gold file"
    assert voa.unpack(tmp_path, shared_dir) == 0
    golds, errors = load_gold(tmp_path)
    assert not errors, [f"{e.source}: {e.reason}" for e in errors]
    assert len(golds) == len(packed)
    stories = voa.stories(shared_dir)
    for g in golds:
        assert g["text"] == stories[g["id"]]["text"]
        for key in ("relations", "roles", "events"):
            for item in g[key]:
                assert item["sentence"].strip() and item["sentence"] in g["text"]


def test_pack_then_unpack_gives_back_the_annotation(shared_dir, tmp_path, monkeypatch):
    voa = _script()
    stories = voa.stories(shared_dir)
    sid, story = next(iter(stories.items()))
    first = story["text"].split(". ")[0] + "."
    annotated = {"id": sid, "url": story["url"], "publisher": "Voice of America", "title": story["title"],
                 "published": story["published"][:10], "lang": "en",
                 "groups": [{"name": "Islamic State", "aliases": ["IS"]}], "relations": [], "roles": [],
                 "events": [{"type": "attack", "date": None, "location": None, "perpetrators": [],
                             "killed": None, "sentence": " ".join(first.split())},
                            {"type": "attack", "date": None, "location": None, "perpetrators": [],
                             "killed": None, "sentence": "A sentence no story holds."}]}
    src, out = tmp_path / "src", tmp_path / "gold"
    src.mkdir()
    (src / f"{sid}.json").write_text(json.dumps(annotated), encoding="utf-8")
    monkeypatch.setattr(voa, "GOLD", tmp_path / "packed")
    assert voa.pack(src, shared_dir) == 1          # the sentence no story holds is reported ...
    packed = json.loads((voa.GOLD / f"{sid}.json").read_text(encoding="utf-8"))
    assert "text" not in packed and len(packed["events"]) == 1   # ... and left out
    assert "sentence" not in packed["events"][0]
    assert voa.unpack(out, shared_dir) == 0
    back = json.loads((out / f"{sid}.json").read_text(encoding="utf-8"))
    assert " ".join(back["events"][0]["sentence"].split()) == " ".join(first.split())


def test_a_span_outside_the_story_is_refused():
    voa = _script()
    with pytest.raises(ValueError, match="outside the story"):
        voa.unpack_one({"id": "x", "relations": [], "roles": [],
                        "events": [{"type": "attack", "sentence_at": [5, 500]}]}, {"text": "short text"})
