"""Evaluation figures per kind of actor, on records written for this test."""

from __future__ import annotations

from factionmap.evaluate.plover import evaluate_plover
from factionmap.evaluate.re3d import mention_type
from factionmap.model import Actor, ActorProfile

RECORDS = [
    {"id": "t1", "text": "Russian President Vladimir Putin criticised Ukraine on Monday.",
     "events": [{"type": "ACCUSE", "source": [{"text": "Vladimir Putin", "country": "RUS", "sector": "GOV"}],
                 "target": [{"text": "Ukraine", "country": "UKR", "sector": None}]}]},
    {"id": "t2", "text": "Hamas fighters attacked an Israeli army post.",
     "events": [{"type": "ASSAULT", "source": [{"text": "Hamas", "country": "PSE", "sector": "REB"}],
                 "target": [{"text": "Israeli army", "country": "ISR", "sector": "MIL"}]}]},
]


def test_plover_reports_country_and_sector_accuracy_per_actor_kind(analyzer):
    report = evaluate_plover(RECORDS, analyzer)
    kinds = {(kind, key): (ok, total) for kind, key, ok, total in report.per_kind}
    assert kinds[("person", "country")] == (1, 1) and kinds[("person", "sector")] == (1, 1)
    assert ("state", "country") in kinds
    assert report.metrics()["country_accuracy_person"] == 1.0


def test_a_country_acting_is_an_organisation_for_re3d_and_a_place_a_location():
    russia = Actor(ActorProfile("RUS", "Russia", "RUS", "GOV", kind="country"), ())
    assert mention_type(russia, "metonym") == "Organisation"
    assert mention_type(russia, "alias") == "Location"
    assert mention_type(russia, "demonym") == "Nationality"
