"""Issue 10: a directed tie reads in its own direction in every view (one function,
schema.tie_text): the CLI's ties and timeline, the group page's History, the tie page and the API."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from militantmap import schema
from militantmap.article import Article
from militantmap.cli import main
from militantmap.store import ingest_articles

SENTENCE = ("Jamaat-ul-Ahrar, a breakaway faction of the Tehrik-i-Taliban Pakistan, said on Monday "
            "that it would keep fighting in Mohmand.")


def test_tie_text_keeps_the_direction_from_either_side():
    assert schema.tie_text("JuA", "faction_of", "TTP") == "JuA is a faction of TTP"
    assert schema.tie_text("JuA", "faction_of", "TTP", viewpoint="JuA") == "JuA is a faction of TTP"
    assert schema.tie_text("JuA", "faction_of", "TTP", viewpoint="TTP") == "TTP has as a faction JuA"
    assert schema.tie_text("A", "supports", "B", viewpoint="B") == "B is supported by A"
    assert schema.tie_text("A", "rivals", "B", viewpoint="B") == "B is a rival of A"
    assert schema.tie_text("A", "allegiance_to", "B", "negated") == "denied: A pledges allegiance to B"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('dir') / 's.db'}"
    import datetime as dt
    summary = ingest_articles(db, [Article(text=SENTENCE, id="a1", published=dt.date(2024, 3, 4))])
    assert summary.new == 1
    return db


def _ties(db: str) -> list[dict]:
    out = CliRunner().invoke(main, ["ties", "Tehrik-i-Taliban Pakistan", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_every_view_reads_the_faction_tie_the_same_way(store):
    ties = [t for t in _ties(store) if t["type"] == "faction_of"]
    assert ties, "the extractor found no faction tie in the test sentence"
    t = ties[0]
    assert t["subject"]["name"] == "Jamaat-ul-Ahrar" and t["object"]["name"] == "Tehrik-i-Taliban Pakistan"
    runner = CliRunner()
    cli_ties = runner.invoke(main, ["ties", "TTP", "--db", store]).output
    assert "Jamaat-ul-Ahrar is a faction of Tehrik-i-Taliban Pakistan" in cli_ties
    for name, want in [("TTP", "Tehrik-i-Taliban Pakistan has as a faction Jamaat-ul-Ahrar"),
                       ("Jamaat-ul-Ahrar", "Jamaat-ul-Ahrar is a faction of Tehrik-i-Taliban Pakistan")]:
        line = runner.invoke(main, ["timeline", name, "--db", store]).output
        assert want in line, line
        assert "Tehrik-i-Taliban Pakistan is a faction of" not in line

    from fastapi.testclient import TestClient

    from militantmap.web import create_app

    client = TestClient(create_app(store), base_url="http://127.0.0.1:8000")
    resp = client.get("/api/timeline/TTP")
    assert resp.status_code == 200, resp.text
    api = resp.json()
    texts = [i["text"] for i in (api["items"] if isinstance(api, dict) else api)]
    assert any("Tehrik-i-Taliban Pakistan has as a faction Jamaat-ul-Ahrar" in x for x in texts), texts
    page = client.get(f"/ties/{t['id']}").text
    assert "Jamaat-ul-Ahrar is a faction of Tehrik-i-Taliban Pakistan" in page
