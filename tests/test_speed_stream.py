"""The analyzer's streaming paths give what analysing each document alone gives: the typer and the
components after it run as one stream over all batches, a batch's encoding is shared between the
worker thread and the pipeline's thread, and the encoder keeps its last texts."""

from __future__ import annotations

import threading

import numpy as np

from factionmap.document import build_document
from factionmap.events.typer import _SharedPrediction
from factionmap.events.typemodel import SentenceEncoder, bundled_model_dir
from factionmap.model import RawInput
from factionmap.pipeline import AnalyzeOptions, Analyzer

SENTENCES = [
    "Russian forces fired dozens of missiles at Kyiv overnight, killing four civilians.",
    "Washington accused Iran of supplying the Houthis with drones.",
    "The EU adopted a package of sanctions against Russia on Monday.",
    "Turkey and Qatar signed a defence agreement in Doha.",
    "Egypt called on Ethiopia to halt the filling of the dam.",
    "The Rapid Support Forces shelled El Fasher, the army said.",
]


def _documents(count: int) -> list:
    texts = [" ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(1 + n % 3)) for n in range(count)]
    return [build_document(RawInput(name=f"doc-{n}.txt", content=text)) for n, text in enumerate(texts)]


def test_streamed_batches_analyse_as_each_document_alone(nlp):
    documents = _documents(40)  # small analyzer batches, more than one typer batch
    streamed = list(Analyzer(nlp, AnalyzeOptions(batch_size=3)).analyze(documents))
    alone = Analyzer(nlp)
    assert [r.to_record() for r in streamed] == [alone.analyze_one(d).to_record() for d in documents]
    assert [r.document.name for r in streamed] == [d.name for d in documents]
    assert any(r.events for r in streamed)


def test_shared_prediction_gives_the_chunks_in_order_whoever_takes_them():
    work = list(range(50))
    seen: set[str] = set()

    def predict(chunk):
        seen.add(threading.current_thread().name)
        return [np.full((1, 2), item) for item in chunk]

    shared = _SharedPrediction(predict, work, chunk=4)
    helper = threading.Thread(target=shared.run, name="helper")
    helper.start()
    shared.run()
    helper.join()
    assert [int(p[0, 0]) for p in shared.results()] == work
    assert seen <= {"helper", threading.current_thread().name}
    empty = _SharedPrediction(predict, [])
    empty.run()
    assert empty.results() == []


def test_encoder_keeps_its_last_texts_and_reads_them_the_same():
    encoder = SentenceEncoder(bundled_model_dir(), cache_size=2)
    first = encoder.encode(["Russia attacked Ukraine."])[0]
    assert encoder.encode(["Russia attacked Ukraine."])[0][0] is first[0]  # kept: not encoded again
    encoder.encode(["Turkey signed a deal.", "Qatar mediated talks."])  # pushes the first text out
    assert "Russia attacked Ukraine." not in encoder._cache and len(encoder._cache) == 2
    again = encoder.encode(["Russia attacked Ukraine."])[0]
    assert again[0] is not first[0] and np.array_equal(again[0], first[0]) and np.array_equal(again[1], first[1])


def test_fuzzy_lookups_are_remembered_and_answer_the_same():
    from factionmap.geo.gazetteer import Gazetteer, Place

    gazetteer = Gazetteer([Place("Ar Raqqah", "city", "SYR", alternates=("Raqqah",)), Place("Aleppo", "city", "SYR")])
    first = gazetteer.fuzzy("Raqqa", ["SYR"])
    assert [p.name for p, _ in first] == ["Ar Raqqah"]
    first.clear()  # a caller's list is its own
    assert gazetteer.fuzzy("Raqqa", ("SYR",)) == gazetteer.fuzzy("Raqqa", ["SYR"]) != []
    assert len(gazetteer._fuzzy_found) == 1 and gazetteer.fuzzy("Raqqa", ["FRA"]) == []


def test_remembered_lemmas_are_spacys_lemmas(nlp):
    from factionmap.nlp import load_spacy
    from factionmap.pipeline import _remember_lemmas

    text = ("Sudan's army said on Monday it had retaken Omdurman; the RSF denied it. "
            "Officials were meeting in Jeddah, as 40 people fled the fighting and 3,000 were hurt.")
    plain = load_spacy()
    expected = [(t.text, t.lemma_) for t in plain(text)]
    assert [(t.text, t.lemma_) for t in nlp(text)] == expected  # the analyzer's pipeline remembers them
    _remember_lemmas(plain)
    lemmatize = plain.get_pipe("lemmatizer").lemmatize
    _remember_lemmas(plain)  # once only
    assert plain.get_pipe("lemmatizer").lemmatize is lemmatize
    assert [(t.text, t.lemma_) for t in plain(text)] == expected == [(t.text, t.lemma_) for t in plain(text)]
