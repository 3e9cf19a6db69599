"""Paths and stores as given (issue 11, item 5): no FIFO or device is ever opened, unreadable
files and folders are reported, the JSONL line limit holds while reading, and `serve` refuses a
store the CLI refuses before it starts."""
from __future__ import annotations

import json
import os
import threading
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from militantmap.errors import InputError
from militantmap.sources import files
from militantmap.sources.walk import iter_articles, iter_paths

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _reasons(items) -> dict[str, str]:
    return {Path(i.source).name: i.reason for i in items if isinstance(i, InputError)}


def _finishes(fn, seconds: float = 20):
    """fn() in a thread; fails instead of hanging the suite when fn blocks (a FIFO open)."""
    out: list = []

    def run() -> None:
        try:
            out.append((fn(), None))
        except Exception as err:  # noqa: BLE001 - re-raised in the test's thread
            out.append((None, err))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert out, f"did not finish in {seconds} s (blocked on a FIFO?)"
    if out[0][1] is not None:
        raise out[0][1]
    return out[0][0]


@needs_fifo
def test_a_fifo_in_a_folder_or_given_by_name_is_never_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Al-Shabaab attacked a base in Somalia.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.jsonl")
    os.mkfifo(folder / "pipe.warc.gz")
    items = _finishes(lambda: list(iter_articles([folder, folder / "pipe.txt"])))
    reasons = _reasons(items)
    for name in ("pipe.txt", "pipe.jsonl", "pipe.warc.gz"):
        assert "FIFO" in reasons[name] and "not opened" in reasons[name], reasons
    assert sum(1 for i in items if not isinstance(i, InputError)) == 1
    with pytest.raises(InputError, match="FIFO"):
        _finishes(lambda: files.read_article(folder / "pipe.txt"))


def test_a_device_is_never_read(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    reasons = _reasons(_finishes(lambda: list(iter_articles(["/dev/zero"]))))
    assert "device" in reasons["zero"]


def test_an_unreadable_folder_is_reported_not_skipped_silently(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):  # as for a folder without read permission (tests may run as root)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_paths([tmp_path]))
    reasons = _reasons(items)
    assert "folder cannot be read (Permission denied)" in reasons["locked"]
    assert tmp_path / "ok" / "a.txt" in items


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    real_open = os.open

    def deny(p, *args, **kwargs):
        if str(p) == str(path):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    reasons = _reasons(iter_articles([tmp_path]))
    assert reasons["a.txt"].startswith("cannot be read (Permission denied)")


def test_a_long_jsonl_line_is_skipped_without_reading_it_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "g", "text": "Boko Haram attacked Maiduguri."})
    with path.open("w", encoding="utf-8") as fh:
        fh.write(good + "\n")
        fh.write(json.dumps({"id": "huge", "text": "x" * (30 * 1024 * 1024)}) + "\n")
        fh.write(good.replace('"g"', '"h"') + "\n")
        fh.write("y" * (3 * 1024 * 1024))  # a last long line without a newline
    tracemalloc.start()
    try:
        items = list(files.iter_jsonl(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"{peak:,} bytes held at once"
    assert [n for n, _ in items] == [1, 2, 3, 4]
    assert [i.id for _, i in items if not isinstance(i, InputError)] == ["g", "h"]
    errors = {n: i.reason for n, i in items if isinstance(i, InputError)}
    assert errors[2].startswith("line longer than 1,048,576 bytes") and "skipped" in errors[2]
    assert errors[4].startswith("line longer than")


def test_serve_refuses_a_store_the_cli_refuses(tmp_path, monkeypatch):
    """A newer schema, a file that is not SQLite, an unreachable server: refused before serving,
    with the store's message, never a server that answers 500 everywhere."""
    import sqlite3

    import uvicorn

    from militantmap.cli import main
    from militantmap.store.db import get_engine

    started: list = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(a))
    newer = tmp_path / "newer.db"
    get_engine(f"sqlite:///{newer}")
    get_engine.cache_clear()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    runner = CliRunner()
    for url, says in [(f"sqlite:///{newer}", "newer militantmap"),
                      (f"sqlite:///{junk}", "not a militantmap store"),
                      ("postgresql://mm:secret@127.0.0.1:9/none", "cannot open the store")]:
        result = runner.invoke(main, ["serve", "--db", url])
        assert result.exit_code != 0 and says in result.output, (url, result.output)
        assert "secret" not in result.output
        assert "Traceback" not in result.output
    assert not started
