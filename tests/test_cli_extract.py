"""`militantmap extract` as a user runs it: files, stdin, batches and bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Militants attack checkpoint in Kunar\n\n"
    "Fighters of the Tehreek-e-Taliban Pakistan (TTP) attacked a police checkpoint in Peshawar on "
    "Monday, killing at least four officers, a police official said. The TTP later claimed "
    "responsibility for the attack.\n"
)


def cli(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "militantmap", *args], input=data, capture_output=True, timeout=300
    )


@pytest.fixture(scope="module")
def article_file(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("cli") / "checkpoint.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_extract_text_file_to_json(article_file):
    r = cli("extract", str(article_file), "--published", "2024-05-08")
    assert r.returncode == 0, r.stderr.decode()
    ex = json.loads(r.stdout)
    assert ex["schema"] == "militantmap.extraction/1"
    assert ex["article"]["published"] == "2024-05-08"
    names = {e["name"] for e in ex["entities"] if e["type"] == "armed_group"}
    assert "Tehrik-i-Taliban Pakistan" in names or any("Taliban" in n for n in names)
    (attack,) = [e for e in ex["events"] if e["type"] == "attack"]
    assert attack["date"] == "2024-05-06"
    assert attack["killed"]["value"] == 4


def test_extract_is_byte_identical_twice(article_file):
    a = cli("extract", str(article_file), "--published", "2024-05-08")
    b = cli("extract", str(article_file), "--published", "2024-05-08")
    assert a.returncode == 0 and a.stdout == b.stdout


def test_extract_text_summary_for_a_person(article_file):
    r = cli("extract", str(article_file), "--format", "text")
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode()
    assert "Groups (" in out and "Events (" in out and "> " in out


def test_extract_stdin_json():
    doc = json.dumps({"id": "a1", "text": ARTICLE, "published": "2024-05-08", "title": "T"})
    r = cli("extract", "-", stdin=doc)
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout)["article"]["id"] == "a1"


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe" * 50, "binary"),
        ("latin1.txt", "Attaque à Gao, café".encode("latin-1"), "UTF-8"),
        ("broken.json", b'{"text": "unterminated', "JSON"),
    ],
)
def test_bad_single_file_exits_2_naming_the_file(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    r = cli("extract", str(p))
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert name in err
    assert reason.lower() in err.lower()
    assert "Traceback" not in err


def test_missing_file_is_a_clear_error(tmp_path):
    r = cli("extract", str(tmp_path / "nope.txt"))
    assert r.returncode == 2
    assert "nope.txt" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_jsonl_batch_keeps_order_ids_and_survives_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "first", "text": ARTICLE, "published": "2024-05-08"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "bad-date", "text": ARTICLE, "published": "32/13/2020"}),
        json.dumps({"id": "last", "text": "Al-Shabaab fighters ambushed a convoy near Afgoye on "
                                          "Friday, killing 6 soldiers.", "published": "2023-01-15"}),
    ]
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("extract", "--format", "jsonl", str(p))
    assert r.returncode == 0, r.stderr.decode()
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert len(out) == 5
    assert out[0]["article"]["id"] == "first"
    assert "error" in out[1]
    assert out[2]["id"] == "no-text" and "error" in out[2]
    # Issue 11: an unusable optional field is dropped with a warning; the text is still read.
    assert out[3]["article"]["id"] == "bad-date" and out[3]["article"]["published"] is None
    assert "32/13/2020" in r.stderr.decode() and "text kept" in r.stderr.decode()
    assert out[4]["article"]["id"] == "last"
    assert out[4]["events"] and out[4]["events"][0]["killed"]["value"] == 6


def test_html_input(tmp_path):
    html = (
        "<html><head><title>Blast in Quetta</title><script>alert(1)</script></head><body>"
        "<nav>Home | World | Subscribe</nav><article><h1>Blast in Quetta</h1><p>A suicide bomber "
        "from the Balochistan Liberation Army attacked a train station in Quetta on Saturday, "
        "killing 26 people, officials said.</p><p>The BLA claimed responsibility for the attack "
        "in a statement sent to reporters.</p></article></body></html>"
    )
    p = tmp_path / "quetta.html"
    p.write_text(html, encoding="utf-8")
    r = cli("extract", str(p), "--published", "2024-11-10")
    assert r.returncode == 0, r.stderr.decode()
    ex = json.loads(r.stdout)
    assert "alert(1)" not in ex["article"]["text"]
    assert any(e["type"] == "attack" and e["killed"]["value"] == 26 for e in ex["events"])
