"""Issue 10, item 6: the filtered network as GEXF and STIX 2.1 from the UI (the exporters of
`militantmap export`, limited to the groups and ties of the view), and bad `expand` values."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from stix2validator import ValidationOptions, validate_string

from militantmap.web import create_app

pytestmark = pytest.mark.shared
STRICT = ValidationOptions(strict=True, enforce_refs=True,
                           disabled="uuid-check,relationship-types,extref-hashes")


@pytest.fixture(scope="module")
def client(dev_store):
    with TestClient(create_app(dev_store), base_url="http://127.0.0.1:8000") as c:
        yield c


def test_gexf_of_a_filtered_view_holds_its_ties_only(client):
    view = client.get("/api/graph", params={"type": "rivals"}).json()
    response = client.get("/network.gexf", params={"type": "rivals"})
    assert response.status_code == 200
    assert 'attachment; filename="network.gexf"' == response.headers["content-disposition"]
    root = ET.fromstring(response.content)
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    nodes = [n for n in root.iter() if n.tag.endswith("}node")]
    assert len(edges) == len(view["edges"]) > 0
    assert {e.get("id") for e in edges} == {e["id"] for e in view["edges"]}
    assert len(nodes) == len(view["nodes"])
    everything = ET.fromstring(client.get("/network.gexf").content)
    assert len([e for e in everything.iter() if e.tag.endswith("}edge")]) > len(edges)


def test_stix_of_a_filtered_view_is_valid_and_limited(client):
    params = {"type": ["allegiance_to", "faction_of"], "min_confidence": "0.3"}
    view = client.get("/api/graph", params=params).json()
    text = client.get("/network.stix.json", params=params).text
    result = validate_string(text, STRICT)
    assert result.is_valid, [str(e) for e in result.errors]
    bundle = json.loads(text)
    # One relationship per tie of the view (groups also get located-at their country).
    rels = [o for o in bundle["objects"] if o["type"] == "relationship"
            and o["relationship_type"] != "located-at"]
    assert len(rels) == len(view["edges"]) > 0
    actors = [o for o in bundle["objects"] if o["type"] in ("intrusion-set", "threat-actor", "identity")
              and o.get("name") not in (None, "militantmap")]
    assert len(actors) <= len(view["nodes"]) + 1
    assert not [o for o in bundle["objects"] if o["type"] in ("incident", "x-militantmap-incident")]


def test_expand_adds_ties_and_refuses_bad_values(client):
    narrow = client.get("/api/graph", params={"type": "rivals"}).json()
    wide = client.get("/api/graph", params={"type": "rivals", "expand": "ISIS"}).json()
    assert len(wide["edges"]) > len(narrow["edges"]) and wide["expanded"] == ["islamic-state"]
    assert {e["type"] for e in wide["edges"]} - {"rivals"}
    missing = client.get("/api/graph", params={"expand": "Islamic Stat"})
    assert missing.status_code == 404 and "Islamic State" in missing.json()["error"]["hint"]
    many = client.get("/api/graph", params=[("expand", f"g{i}") for i in range(51)])
    assert many.status_code == 422 and "expand" in many.json()["error"]["message"]
    page = client.get("/network", params={"expand": "<script>x</script>"})
    assert page.status_code == 404 and "<script>x</script>" not in page.text
