"""Unknown actors as stub entries of an actor file: library function and `actors --unresolved -f jsonl`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from factionmap.actors.data import parse_actor_lines
from factionmap.actors.unresolved import stub_entry, unresolved_stubs
from factionmap.cli import build_app
from factionmap.model import Actor, ActorProfile, Document, DocumentAnalysis, Mention, Section
from factionmap.store import Store

TEXT = "Russia and the Ghost Brigade met Ivo Marek."


def _db(tmp_path):
    known = ActorProfile("RUS", "Russia", "RUS", "GOV", kind="country")
    ghost = ActorProfile("x-ghost-brigade", "Ghost Brigade", "LBY", "REB", kind="group", known=False)
    marek = ActorProfile("x-ivo-marek", "Ivo Marek", None, None, kind="person", known=False)
    actors = (Actor(known, (Mention(0, 6, "Russia", "RUS", "alias", 1.0),)),
              Actor(ghost, (Mention(11, 28, "the Ghost Brigade", "x-ghost-brigade", "ner", 0.5),
                            Mention(11, 28, "the Ghost Brigade", "x-ghost-brigade", "ner", 0.5))),
              Actor(marek, (Mention(33, 42, "Ivo Marek", "x-ivo-marek", "ner", 0.5),)))
    doc = Document("doc-1", TEXT, (Section("body", 0, len(TEXT)),))
    path = tmp_path / "fm.db"
    with Store(path) as store:
        store.add(DocumentAnalysis(doc, actors, ()))
    return path


def test_stub_entries_are_valid_actor_file_lines(tmp_path):
    with Store(_db(tmp_path)) as store:
        stubs = unresolved_stubs(store)
    assert [s["id"] for s in stubs] == ["LBY-GHOST-BRIGADE", "person-ivo-marek"]  # most mentioned first
    assert stubs[0] == {"id": "LBY-GHOST-BRIGADE", "name": "Ghost Brigade", "country": "LBY", "sector": "REB",
                        "kind": "group", "aliases": []}
    entries = parse_actor_lines([json.dumps(s) for s in stubs], "stubs.jsonl")
    assert entries[1].kind == "person" and entries[1].roles == ()
    assert stub_entry({"name": "Front X", "kind": "bogus"})["kind"] == "organisation"


def test_cli_prints_stubs_as_jsonl(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr("factionmap.pipeline.build_nlp", lambda options=None: nlp)
    result = CliRunner().invoke(build_app(), ["actors", "--db", str(_db(tmp_path)), "--unresolved", "-f", "jsonl",
                                              "--limit", "1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["name"] == "Ghost Brigade"
