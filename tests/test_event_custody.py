"""Who holds a detainee ("in X's custody", "in the custody of X") did what befell it (roles.tsv role-custody)."""

from __future__ import annotations


def _assaults(nlp, text):
    return [e for e in nlp(text)._.fm_events if e.type == "ASSAULT"]


def test_the_custodian_of_a_passive_patient_is_the_doer(nlp):
    doc = nlp("Two Lebanese fishermen were tortured while in the custody of Syrian military intelligence.")
    (event,) = [e for e in doc._.fm_events if e.type == "ASSAULT"]
    profiles = doc._.fm_profiles
    assert [profiles[a].country for a in event.source] == ["SYR"]
    assert all(profiles[a].country == "LBN" for a in event.target)


def test_the_place_of_custody_is_no_target(nlp):
    (event,) = _assaults(nlp, "Three Kenyan activists were beaten in Ugandan custody, their lawyer said.")
    assert event.source == ("UGA",) and "UGA" not in event.target
