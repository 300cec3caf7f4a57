"""The fast paths give what the plain ones give: bulk gazetteer keys, the trigger lookup by
bisection, and the typer's overlapped pipe (encoding in a worker thread)."""

from __future__ import annotations

import pytest

from factionmap.events.timeplace import _token_at
from factionmap.events.typer import EventTyper, TyperOptions
from factionmap.geo.gazetteer import Gazetteer, Place, _keys, bulk_keys

NAMES = [
    "Aleppo", "The Hague", "the", "", "Deir ez-Zor", "Al-Hasakah", "al Hasakah", "Ḩalab", "São Paulo",
    "Côte d’Ivoire", "O'Brien  Town", "  Tripoli ", "İstanbul", "ΚΑΛΑΜΆΣ", "ash Shaykh Maskin", "THE THE", "Ma'arrat al-Nu'man",
    "Ar-Raqqah", "--", "Zürich", "Qamishli/Qamishlo",
]


def test_bulk_keys_are_the_keys_of_each_name():
    assert bulk_keys(NAMES) == [_keys(n) for n in NAMES]
    assert bulk_keys(["a\nb", "Homs"]) == [_keys("a\nb"), _keys("Homs")]  # a line break: one by one


def _plain_index(places: list[Place]) -> dict[str, list[tuple[str, bool]]]:
    index: dict[str, list[tuple[str, bool]]] = {}
    for place in places:
        seen: set[str] = set()
        for primary, name in ((True, place.name), *((False, a) for a in place.alternates)):
            for key in _keys(name):
                if key not in seen:
                    seen.add(key)
                    index.setdefault(key, []).append((place.name, primary))
    return index


def test_gazetteer_index_matches_a_name_by_name_index():
    places = [
        Place("Ar Raqqah", "city", "SYR", "SY.04", alternates=("Raqqa", "al-Raqqah", "Raqqah")),
        Place("Raqqa", "admin1", "SYR", "SY.04"),
        Place("Aleppo", "city", "SYR", alternates=("Halab", "Ḩalab", "Aleppo")),
        Place("The Hague", "city", "NLD", alternates=("Den Haag", "'s-Gravenhage")),
    ]
    gazetteer = Gazetteer(places)
    got = {k: [(p.name, primary) for p, primary in v] for k, v in gazetteer._by_key.items()}
    assert got == _plain_index(places)
    names, keys = gazetteer._country_keys("SYR")
    assert set(names) == set(keys) and "raqqa" in keys and not any(k.startswith("~") for k in names)
    assert gazetteer._country_keys("NLD")[1]["hague"] == [(places[3], True)]
    assert gazetteer._country_keys("FRA") == ([], {})


def test_token_at_by_bisection_is_the_token_holding_the_character(nlp):
    doc = nlp.make_doc("Rebels  shelled Idlib, the U.N. said.\n\nNo one was hurt.")
    starts = [t.idx for t in doc]
    for char in range(-1, len(doc.text) + 2):
        plain = next((t for t in doc if t.idx <= char < t.idx + max(1, len(t))), None)
        assert _token_at(doc, char, starts) == plain
        assert _token_at(doc, char) == plain


TEXTS = [
    "Russian forces fired dozens of missiles at Kyiv overnight, killing four civilians.",
    "The finance ministry met bankers in Paris.",
    "Washington accused Iran of supplying the Houthis with drones.",
    "The EU adopted a package of sanctions against Russia on Monday.",
    "Protesters marched in Lagos.",
    "Turkey and Qatar signed a defence agreement in Doha.",
    "Israeli jets struck targets in Gaza City after rockets were fired at Sderot.",
]


def _coded(nlp):
    """Docs up to the rule coder (the typer and what follows it not yet run)."""
    later = ["factionmap_event_typer", "factionmap_figures", "factionmap_timeplace"]
    return list(nlp.pipe(TEXTS, disable=later))


def _events(docs):
    return [[(e.type, e.source, e.target, e.trigger, e.confidence, e.negated, e.hedged) for e in d._.fm_events or ()]
            for d in docs]


@pytest.mark.parametrize("batch_size", [1, 3])
def test_overlapped_pipe_types_as_the_inline_pipe(nlp, batch_size):
    inline = EventTyper(TyperOptions(batch_size=batch_size, overlap=False))
    overlapped = EventTyper(TyperOptions(batch_size=batch_size, overlap=True))
    expected = _events(inline.pipe(_coded(nlp), batch_size=1))
    got = _events(overlapped.pipe(_coded(nlp), batch_size=1))
    assert got == expected
    assert any(events for events in got)


def test_overlapped_pipe_keeps_the_other_docs_when_one_fails(nlp):
    typer = EventTyper(TyperOptions(batch_size=3, overlap=True))
    original = typer._type_sentence

    def failing(sent, events, view, probs):
        if "Paris" in sent.text:
            raise RuntimeError("boom")
        return original(sent, events, view, probs)

    typer._type_sentence = failing
    docs = list(typer.pipe(_coded(nlp), batch_size=1))
    assert [d.text for d in docs] == TEXTS
    assert any("boom" in e for e in docs[1]._.fm_errors or ())
    assert not any(docs[n]._.fm_errors for n in (0, 2, 3))
    expected = _events(EventTyper(TyperOptions(overlap=False)).pipe(_coded(nlp)))
    assert [events for n, events in enumerate(_events(docs)) if n != 1] == [e for n, e in enumerate(expected) if n != 1]


def test_a_sentence_given_twice_is_encoded_once_and_reads_the_same():
    from factionmap.events.typemodel import SentenceEncoder, bundled_model_dir

    encoder = SentenceEncoder(bundled_model_dir())
    texts = ["Russia attacked Ukraine.", "Turkey and Qatar signed a deal.", "Russia attacked Ukraine."]
    out = encoder.encode(texts)
    assert out[0][0] is out[2][0] and not out[0][0].flags.writeable
    alone = encoder.encode(["Russia attacked Ukraine."])[0]
    assert (alone[0] == out[0][0]).all() and (alone[1] == out[0][1]).all()
    assert out[1][0].shape[1] == out[1][1].shape[0]
