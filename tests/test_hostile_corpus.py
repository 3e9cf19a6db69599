"""A hostile-input corpus of our own (issue 11, item 6), generated here (no binaries committed):
`militantmap ingest` of the folder exits 0 with a report naming each bad input and its reason,
stores every good article and line, reads nothing outside the folder and finishes within a
budget a hang would blow (not a timing benchmark)."""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

REPO = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 900  # minutes: a hang (a FIFO, a quadratic tokenizer, a 300 MB read) blows it
OUTSIDE = "OUTSIDE-SECRET-7f3a"  # a word only the files outside the folder hold

GOOD = {  # file name -> a phrase of its text that must be stored
    "good1.txt": "Boko Haram fighters attacked a military base near Maiduguri on Monday",
    "good2.html": "Al-Shabaab claimed responsibility for the bombing in Mogadishu",
    "good3.json": "The Taliban said they had captured the district of Kunduz",
    "latin1-ok.txt": "Rebels of the M23 movement seized Goma, officials in Kinshasa said",
    "brackets.txt": "Hamas said it fired rockets at Israel after the raid",
    "absurd-numbers.txt": "militants killed 99999999999999999999999999 people",
    "bad-date.json": "Jamaat Nusrat al-Islam wal-Muslimin attacked soldiers in Mali",
}
GOOD_LINES = {  # JSONL ids that must be stored
    "line-ok-1", "line-ok-2", "line-bad-date", "line-after-huge",
}
BAD = {  # path relative to the folder -> words its reason must contain
    "empty.txt": "empty",
    "binary.txt": "binary",
    "image.txt": "binary",
    "cp1252.txt": "not UTF-8",
    "nul.txt": "NUL",
    "malformed.json": "malformed JSON",
    "list.json": "expected a JSON object",
    "wrong-types.json": '"text" must be a string',
    "deep.json": "nested too deeply",
    "mixed.jsonl:2": "malformed JSON",
    "mixed.jsonl:3": "expected a JSON object",
    "mixed.jsonl:4": '"text" must be a string',
    "mixed.jsonl:6": "nested too deeply",
    "mixed.jsonl:7": 'no "text"',
    "huge-line.jsonl:1": "line longer than",
    "truncated.warc.gz": "could not be read to the end",
    "notes.pdf": "unsupported file type",
    "link-out.txt": "outside the ingested directory",
    "link-dir-out": "outside the ingested directory",
    "pipe.txt": "FIFO",
}


def _warc_gz(records: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n in range(records):
        html = (f"<html><head><title>Story {n}</title></head><body><article><p>"
                f"Story {n}. The Islamic State claimed an attack in Syria that killed {n + 3} "
                "soldiers, according to a statement.</p>" * 5 + "</article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"https://news.example.com/{n}", "response",
                                                      payload=io.BytesIO(html), http_headers=headers))
    return out.getvalue()


@pytest.fixture()
def hostile_folder(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{OUTSIDE}: Hezbollah fired rockets.", encoding="utf-8")
    (outside / "more.txt").write_text(f"{OUTSIDE}: the Houthis attacked a ship.", encoding="utf-8")

    w = lambda name, data: (root / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    # the good ones
    w("good1.txt", GOOD["good1.txt"] + ", the army said.\n")
    w("good2.html", f"<html><head><title>Mogadishu</title></head><body><article><p>"
                    f"{GOOD['good2.html']}, a spokesman said.</p></article></body></html>")
    w("good3.json", json.dumps({"id": "good3", "text": GOOD["good3.json"] + " on Friday.",
                                "published": "2021-08-08"}))
    w("latin1-ok.txt", GOOD["latin1-ok.txt"] + ".")  # ASCII is valid Latin-1 and UTF-8
    w("brackets.txt", "(" * 20000 + "\n" + GOOD["brackets.txt"] + ".\n" + "[{" * 5000)
    w("absurd-numbers.txt", f"On 31 February 99999, {GOOD['absurd-numbers.txt']} and wounded 1e400 "
                            "in an attack that Boko Haram claimed, at 10^999 degrees.")
    w("bad-date.json", json.dumps({"text": GOOD["bad-date.json"] + ".", "published": "31/31/2021",
                                   "title": 12345, "url": ["not", "a", "url"]}))
    # the bad ones
    w("empty.txt", b"")
    w("binary.txt", bytes(range(256)) * 40)
    w("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    w("cp1252.txt", "Caf\xe9 \u201cquoted\u201d: Boko Haram attacked.".encode("cp1252"))
    w("nul.txt", "Boko Haram\x00attacked\x00".encode())
    w("malformed.json", '{"text": "unclosed')
    w("list.json", json.dumps(["a", "list"]))
    w("wrong-types.json", json.dumps({"text": 5, "published": 20210101}))
    w("deep.json", "[" * 100_000 + "]" * 100_000)
    lines = [json.dumps({"id": "line-ok-1", "text": "ISIS claimed the bombing in Kabul, officials said."}),
             "{not json",
             json.dumps([1, 2, 3]),
             json.dumps({"id": "line-wrong-type", "text": {"nested": "object"}}),
             json.dumps({"id": "line-bad-date", "published": "2021-13-45",
                         "text": "The Taliban attacked a checkpoint in Helmand."}),
             "[" * 100_000,
             json.dumps({"id": "line-no-text", "title": "nothing else"}),
             "",
             json.dumps({"id": "line-ok-2", "text": "Al-Qaeda in the Arabian Peninsula attacked Aden."})]
    w("mixed.jsonl", "\n".join(lines) + "\n")
    with (root / "huge-line.jsonl").open("w", encoding="utf-8") as fh:  # a 30 MB line
        fh.write(json.dumps({"id": "huge", "text": "x " * (15 * 1024 * 1024 + 10)}) + "\n")
        fh.write(json.dumps({"id": "line-after-huge", "text": "Boko Haram attacked Damboa."}) + "\n")
    whole = _warc_gz(6)
    w("truncated.warc.gz", whole[: len(whole) * 2 // 3])
    w("deep.html", "<div>" * 50_000 + "<p>Deep text about nothing in particular.</p>" + "</div>" * 50_000)
    w("too-long.txt", "The group attacked. " * 30_000)
    w("notes.pdf", b"%PDF-1.4 not really")
    os.symlink(outside / "secret.txt", root / "link-out.txt")
    os.symlink(outside, root / "link-dir-out")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
    sub = root / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text("Boko Haram attacked Bama, residents said.", encoding="utf-8")
    os.symlink(sub / "inner.txt", root / "link-in.txt")  # inside the folder: followed
    return root


def test_ingest_of_the_hostile_corpus(hostile_folder: Path, tmp_path: Path):
    from militantmap.store.db import get_engine
    from militantmap.store.schema import articles

    db = f"sqlite:///{tmp_path / 'store.db'}"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "militantmap", "ingest", str(hostile_folder),
                           "--db", db, "--json"], env=env, capture_output=True, text=True,
                          timeout=BUDGET_SECONDS)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert took < BUDGET_SECONDS
    report = json.loads(done.stdout)
    reasons: dict[str, str] = {}
    for e in report["errors"]:
        source = e["source"]
        rel = source[len(str(hostile_folder)) + 1:] if source.startswith(str(hostile_folder)) else source
        reasons[rel] = e["reason"]
    for name, words in BAD.items():
        if name == "pipe.txt" and not hasattr(os, "mkfifo"):
            continue
        assert name in reasons, (name, sorted(reasons))
        assert words in reasons[name], (name, reasons[name])
    warned = {w["source"].rsplit("/", 1)[-1]: w["reason"] for w in report["warnings"]}
    assert "dropped" in warned["bad-date.json"] and "dropped" in warned["mixed.jsonl:5"], warned
    # over the size cap: read up to it, with a warning naming it (issue 9, item 5)
    assert "longer than" in warned["too-long.txt"] and "only the first" in warned["too-long.txt"]

    with get_engine(db).connect() as conn:
        stored = conn.execute(select(articles.c.article_key, articles.c.source, articles.c.text)).all()
    texts = "\n".join(r.text for r in stored)
    for name, phrase in GOOD.items():
        assert phrase in texts, (name, [r.source for r in stored])
    keys = {r.article_key for r in stored}
    assert GOOD_LINES <= keys, keys
    assert "Boko Haram attacked Bama" in texts  # the symlink inside the folder, or the file itself
    assert OUTSIDE not in texts  # nothing read from outside the folder
    assert "deep.html" in reasons or any(r.source.endswith("deep.html") for r in stored)
    # every input is accounted for: stored, known (a second copy) or reported
    assert report["new"] + report["known"] >= len(GOOD) + len(GOOD_LINES) + 1
