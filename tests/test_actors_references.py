"""Plural pronouns for groups, affiliated forces, context-dependent descriptions, civilian targets:
each rule on sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read(nlp):
    return nlp


def mentions(doc, text: str):
    return [m for m in doc._.fm_mentions if m.text == text]


def ids_at(doc, text: str, nth: int = 0) -> list[str]:
    """Actor ids of the mentions at the ``nth`` occurrence of ``text`` (a group gives several)."""
    spans = sorted({(m.start, m.end) for m in mentions(doc, text)})
    assert len(spans) > nth, f"no mention {text!r} in {[m.text for m in doc._.fm_mentions]}"
    return [m.actor_id for m in doc._.fm_mentions if (m.start, m.end) == spans[nth]]


def token(doc, text: str, nth: int = 0):
    return [t for t in doc if t.text == text][nth]


# -- 1. plural pronouns for a coordination ---------------------------------------------------------

def test_they_after_a_coordination_stands_for_every_actor(read):
    doc = read("Qatar and Turkey met on Monday, and they are backing the GNA.")
    they = token(doc, "they")
    assert they._.fm_group == ("QAT", "TUR")
    assert they._.fm_actor == "QAT"
    assert ids_at(doc, "they") == ["QAT", "TUR"]
    assert all(m.rule == "pronoun" for m in mentions(doc, "they"))


def test_group_pronoun_carries_on_to_the_next_sentence(read):
    doc = read("Egypt and the UAE armed the militia. They also sent advisers. They denied it later.")
    assert token(doc, "They", 0)._.fm_group == ("EGY", "ARE")
    assert token(doc, "They", 1)._.fm_group == ("EGY", "ARE")


def test_previous_clause_subject_is_preferred_to_a_recent_plural(read):
    doc = read("The rebels met Qatar and Turkey in Doha, where they demanded more weapons.")
    they = token(doc, "they")
    assert they._.fm_group == ()
    assert they._.fm_actor == mentions(doc, "rebels")[0].actor_id


def test_subject_of_the_previous_sentence_is_preferred(read):
    doc = read("Qatar and Turkey armed the rebels. They also sent advisers.")
    assert token(doc, "They")._.fm_group == ("QAT", "TUR")


def test_object_pronoun_is_not_its_own_clause_subject(read):
    doc = read("Qatar and Turkey armed the rebels and trained them.")
    them = token(doc, "them")
    assert them._.fm_group == () and them._.fm_actor == mentions(doc, "rebels")[0].actor_id


def test_coordinated_persons_are_a_group(read):
    doc = read("Putin and Erdogan met in Sochi. They agreed on a ceasefire.")
    assert token(doc, "They")._.fm_group == ("person-vladimir-putin", "person-recep-tayyip-erdogan")


def test_an_organisation_close_by_is_they(read):
    doc = read("Britain stands with the government and people of Iraq. The attack shows the desperation "
               "of Daesh as they see their caliphate crumble.")
    assert token(doc, "they")._.fm_actor == "IS" and token(doc, "they")._.fm_group == ()


def test_single_pronoun_has_no_group(read):
    doc = read("Vladimir Putin arrived in Ankara. He met Turkish officials.")
    assert all(t._.fm_group == () for t in doc)


def test_place_name_is_not_a_misspelt_person(read):
    doc = read("Yahya Sinwar spoke. Fighting went on near Sinjar, and Sinwer left.")
    assert ids_at(doc, "Sinjar") != ["person-yahya-sinwar"]
    assert ids_at(doc, "Sinwer") == ["person-yahya-sinwar"]
