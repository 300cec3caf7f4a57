"""The HTTP API with FastAPI's test client: every endpoint, bad parameters, ingest, pagination."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from factionmap.api import ServeSettings, create_app
from webapp_support import build_db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, analyzer):
    return build_db(tmp_path_factory.mktemp("api") / "sample.db", analyzer)


@pytest.fixture()
def client(sample_db, tmp_path, analyzer):
    db = tmp_path / "api.db"
    shutil.copy(sample_db, db)
    app = create_app(ServeSettings(db=db), analyzer=analyzer)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def test_read_endpoints(client):
    health = client.get("/api/health").json()
    assert health["ok"] and health["events"] > 0
    docs = client.get("/api/documents", params={"limit": 2}).json()
    assert len(docs["items"]) == 2 and docs["next_cursor"] and docs["total"] >= 4
    more = client.get("/api/documents", params={"limit": 2, "cursor": docs["next_cursor"]}).json()
    assert {d["id"] for d in more["items"]}.isdisjoint(d["id"] for d in docs["items"])
    doc = client.get(f"/api/documents/{docs['items'][0]['id']}").json()
    assert doc["sections"] and doc["text"] and "names" in doc
    actors = client.get("/api/actors", params={"q": "rapid"}).json()
    assert actors[0]["id"] == "SDN-RSF"
    actor = client.get("/api/actors/SDN-RSF").json()
    assert actor["code"] == "SDNMIL" and actor["opponents"] and actor["timeline"]
    events = client.get("/api/events", params={"actor": "SDN-RSF", "type": "ASSAULT,ACCUSE"}).json()
    assert events["items"] and all(e["type"] in ("ASSAULT", "ACCUSE") for e in events["items"])
    assert client.get("/api/timeline", params={"of": "SDN-RSF", "period": "month"}).json()
    assert client.get("/api/sources").json()["relations"]
    assert client.get("/api/outlets").json()
    contradictions = client.get("/api/contradictions").json()
    assert isinstance(contradictions["contradictions"], list)
    assert all(a in contradictions["names"] for c in contradictions["contradictions"] for a in c["actors"])


def test_events_pagination_is_stable(client):
    seen, cursor = [], None
    while True:
        page = client.get("/api/events", params={"limit": 7, **({"cursor": cursor} if cursor else {})}).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    every = client.get("/api/events", params={"limit": 500}).json()
    assert seen == [e["id"] for e in every["items"]] and len(seen) == every["total"]


def test_network_edge_and_camps(client):
    net = client.get("/api/network", params={"camps": 2}).json()
    assert net["edges"] and {n["camp"] for n in net["nodes"]} >= {0, 1}
    assert len(net["camps"]["camps"]) == 2
    edge = client.get("/api/edge", params={"source": "ARE", "target": "SDN-RSF"}).json()
    assert any("supplied weapons to the RSF" in e["sentence"]["text"] for e in edge["items"])
    item = edge["items"][0]
    assert item["voice"] in ("author", "speaker", "commenter") and item["trigger"]["text"]
    camps = client.get("/api/camps").json()
    assert set(camps) == {"camps", "unassigned", "frustration", "violations"}
    scoped = client.get("/api/camps", params={"actor": "SDN-RSF"}).json()
    scoped_ids = {a["id"] for c in scoped["camps"] for a in c["actors"]} | {a["id"] for a in scoped["unassigned"]}
    every = {a["id"] for c in camps["camps"] for a in c["actors"]} | {a["id"] for a in camps["unassigned"]}
    assert "SDN-RSF" in scoped_ids and scoped_ids <= every
    ego = client.get("/api/network", params={"actor": "SDN-RSF", "hops": 1}).json()
    assert "camps" not in ego and all("camp" not in n for n in ego["nodes"])
    neighbours = {e["target"] if e["source"] == "SDN-RSF" else e["source"]
                  for e in net["edges"] if "SDN-RSF" in (e["source"], e["target"])}
    assert ego["nodes"] and {n["id"] for n in ego["nodes"]} <= neighbours | {"SDN-RSF"}


def test_export_and_docs(client):
    graphml = client.get("/api/export", params={"format": "graphml"})
    assert graphml.status_code == 200 and b"<graphml" in graphml.content
    tables = client.get("/api/export", params={"format": "csv"})
    assert tables.status_code == 200 and tables.content[:2] == b"PK"
    assert "/api/network" in client.get("/openapi.json").json()["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs/assets/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text and "http" not in page.text.split("<body>")[0]


@pytest.mark.parametrize("url, param", [
    ("/api/events?since=2019-02-30", "since"), ("/api/events?limit=0", "limit"), ("/api/events?sign=up", "sign"),
    ("/api/events?type=HUG", "type"), ("/api/events?cursor=%23%23", "cursor"), ("/api/network?hops=2", "hops"),
    ("/api/network?min_confidence=2", "min_confidence"), ("/api/timeline?of=SDN-RSF&period=year", "period"),
    ("/api/export?format=pdf", "format"), ("/api/camps?k=0", "k"), ("/api/timeline", "of"),
])
def test_bad_parameters_are_named(client, url, param):
    response = client.get(url)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["param"] == param and param in body["error"]


def test_not_found(client):
    assert client.get("/api/documents/zzz").status_code == 404
    assert "nobody" in client.get("/api/actors/nobody").json()["error"]
    assert client.get("/api/events", params={"actor": "nobody-at-all"}).status_code == 404
    ambiguous = client.get("/api/documents/d")
    assert ambiguous.status_code in (400, 404)


def test_ingest_json_upload_and_repeat(client):
    text = "Turkey sent drones to the Government of National Accord in Tripoli, officials said."
    first = client.post("/api/ingest", json={"text": text, "title": "Drones", "source": "Test Wire"})
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["new"] and body["id"] and body["findings"]["title"] == "Drones"
    again = client.post("/api/ingest", json={"text": text, "title": "Drones", "source": "Test Wire"})
    assert again.status_code == 200 and not again.json()["new"]
    upload = client.post("/api/ingest", files={"file": ("page.html", b"<html><body><p>Egypt backed the army.</p></body></html>", "text/html")})
    assert upload.status_code == 201, upload.text
    assert client.get(f"/api/documents/{body['id']}").json()["source"] == "Test Wire"
    assert client.get("/api/outlets").json()[0]["outlet"] in ("Test Wire", "Example Wire", "Horn Dispatch")


@pytest.mark.parametrize("payload, param", [
    ({"text": "a", "url": "http://example.org"}, "text"), ({}, "text"), ({"text": 3}, "text"),
    ({"text": "x", "colour": "red"}, "colour"), ([1, 2], "body"),
])
def test_ingest_bad_bodies(client, payload, param):
    response = client.post("/api/ingest", json=payload)
    assert response.status_code == 400 and response.json()["param"] == param
    assert client.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"}).status_code == 400
