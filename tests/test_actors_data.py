"""Actor files: validation with file and line in errors, user files extending the bundled data."""

from __future__ import annotations

import json

import pytest

from factionmap.actors import ActorFileError, build_gazetteer, load_actor_file, slug, unresolved_names
from factionmap.actors.data import bundled_actors, countries
from factionmap.actors.factory import build_resolver
from factionmap.model import Actor, ActorProfile, Document, DocumentAnalysis, Mention, Section


def write(tmp_path, lines):
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bundled_data_is_valid_and_covers_conflicts():
    ids = {e.id for e in bundled_actors()}
    for needed in ("LBY-GNA", "LBY-LNA", "person-khalifa-haftar", "SDN-RSF", "HOUTHIS", "HAMAS", "WAGNER",
                   "IS", "TALIBAN", "COD-M23", "AL-SHABAAB", "NATO", "AU", "UN"):
        assert needed in ids
    by_iso = {c.iso3: c for c in countries()}
    assert len(by_iso) >= 249
    assert "Emirati" in by_iso["ARE"].demonyms and "Downing Street" in by_iso["GBR"].metonyms


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"name": "No id"}', "'id' is required"),
        ('{"id": "a", "name": "A", "country": "Libya"}', "'country' must be"),
        ('{"id": "a", "name": "A", "kind": "robot"}', "'kind' must be"),
        ('{"id": "a", "name": "A", "aliases": "B"}', "'aliases' must be a list"),
        ('{"id": "a", "name": "A", "colour": "red"}', "unknown key"),
    ],
)
def test_invalid_lines_are_reported_with_file_and_line(tmp_path, line, message):
    path = write(tmp_path, ["# my actors", "", line])
    with pytest.raises(ActorFileError) as err:
        load_actor_file(path)
    assert f"{path}:3" in str(err.value) and message in str(err.value)


def test_duplicate_ids_and_missing_file(tmp_path):
    path = write(tmp_path, ['{"id": "a", "name": "A"}', '{"id": "a", "name": "B"}'])
    with pytest.raises(ActorFileError, match="duplicate id 'a'.*line 1"):
        load_actor_file(path)
    with pytest.raises(ActorFileError, match="not found"):
        load_actor_file(tmp_path / "absent.jsonl")


def test_user_actor_file_adds_actors(tmp_path, nlp):
    entry = {"id": "ZZ-FRONT", "name": "Northern Salt Front", "country": "NER", "sector": "REB",
             "kind": "group", "acronyms": ["NSF"], "affiliations": []}
    path = write(tmp_path, [json.dumps(entry)])
    resolver = build_resolver(nlp, [str(path)])
    doc = resolver(nlp("The NSF ambushed a patrol near Agadez."))
    found = {m.actor_id: doc._.fm_profiles[m.actor_id] for m in doc._.fm_mentions}
    assert found["ZZ-FRONT"].country == "NER" and found["ZZ-FRONT"].sector == "REB"
    assert "ZZ-FRONT" in build_gazetteer((str(path),)).entries and "ZZ-FRONT" not in build_gazetteer().entries


def test_slug_is_stable():
    assert slug("The Zarnovian Council's") == "zarnovian-council"
    assert slug("Sécurité Générale") == "securite-generale"


def test_unresolved_names_counts_unknown_actors():
    doc = Document(id="d", text="", sections=(Section("body", 0, 0),))
    unknown = Actor(ActorProfile("x-salt-front", "Salt Front", known=False),
                    (Mention(0, 4, "Salt Front", "x-salt-front", "ner"), Mention(9, 11, "it", "x-salt-front", "pronoun")))
    known = Actor(ActorProfile("RUS", "Russia"), (Mention(0, 6, "Russia", "RUS"),))
    analyses = [DocumentAnalysis(doc, (unknown, known)), DocumentAnalysis(doc, (unknown,))]
    assert unresolved_names(analyses) == [("Salt Front", 2)]
    assert unresolved_names(analyses, min_count=3) == []
