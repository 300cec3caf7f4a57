"""The learned event typer: proposals and decisions, roles and flags from the parse, the component."""

from __future__ import annotations

import numpy as np
import pytest

from factionmap.events.typemodel import NONE, EventTypeModel, Head, ModelNotTrained, bundled_model_dir
from factionmap.events.typer import (
    Candidate,
    CoderEvent,
    SentenceView,
    decide,
    flags,
    load_cues,
    propose,
    role_actors,
    score,
)
from factionmap.model import PLOVER_TYPES, Document, Section

CLASSES = (*PLOVER_TYPES, NONE)


def _row(**probs: float) -> np.ndarray:
    row = np.full(len(CLASSES), 1e-3)
    for name, value in probs.items():
        row[CLASSES.index(name)] = value
    return row / row.sum()


def _view() -> SentenceView:
    candidates = (Candidate(1, 5, 10, True, True), Candidate(4, 20, 28, True, False))
    return SentenceView("x" * 40, 0, candidates, (CoderEvent(0, "AID", 0, 0.9, True, True),))


def test_proposals_keep_retype_and_add():
    probs = np.stack([_row(SANCTION=0.9, AID=0.05, none=0.05), _row(ASSAULT=0.6, none=0.4)])
    proposals = propose(_view(), probs, CLASSES)
    assert {(p.type, p.coder) for p in proposals} == {("AID", 0), ("SANCTION", 0), ("ASSAULT", None)}
    # A confidence model that trusts the model's probability at the trigger (feature 1).
    weights = np.array([0.0, 1.0, 0, 0, 0, 0, 0, 0, 0])
    chosen = decide(proposals, score(proposals, weights), threshold=0.5, keep_floor=0.1, add_beside=0.7)
    # AID is confidently contradicted (0.05 < keep floor): retyped; ASSAULT (0.6) is not confident
    # enough to be added beside a kept event.
    assert sorted((p.type, p.coder) for p, _ in chosen) == [("SANCTION", 0)]
    chosen = decide(proposals, score(proposals, weights), threshold=0.5, keep_floor=0.1, add_beside=0.55)
    assert sorted((p.type, p.coder) for p, _ in chosen) == [("ASSAULT", None), ("SANCTION", 0)]


def test_weak_coder_event_is_kept_above_the_floor():
    probs = np.stack([_row(SANCTION=0.7, AID=0.2, none=0.1), _row(none=0.9)])
    proposals = propose(_view(), probs, CLASSES)
    chosen = decide(proposals, score(proposals, np.array([0.0, 1.0, 0, 0, 0, 0, 0, 0, 0])), 0.5, 0.1, 0.7)
    assert [(p.type, round(v, 2)) for p, v in chosen] == [("AID", 0.2)]


def test_added_event_of_a_type_already_kept_is_not_repeated():
    view = SentenceView("x" * 40, 0, _view().candidates, (CoderEvent(0, "ASSAULT", 0, 0.9, True, True),))
    probs = np.stack([_row(ASSAULT=0.9), _row(ASSAULT=0.8)])
    proposals = propose(view, probs, CLASSES)
    assert [(p.type, p.coder) for p in proposals] == [("ASSAULT", 0)]


def test_nothing_reaches_a_high_threshold():
    probs = np.stack([_row(none=0.9, AID=0.1), _row(none=0.95)])
    proposals = propose(_view(), probs, CLASSES)
    assert decide(proposals, score(proposals, np.array([0.0, 1.0, 0, 0, 0, 0, 0, 0, 0])), 0.9) == []


def _doc(nlp, text):
    return nlp(text)


def test_roles_by_dependency(nlp):
    doc = _doc(nlp, "Russia attacked Ukraine with drones.")
    verb = next(t for t in doc if t.lemma_ == "attack")
    source, target = role_actors(verb)
    assert source == ["RUS"] and target == ["UKR"]
    doc = _doc(nlp, "Ukraine was attacked by Russia.")
    verb = next(t for t in doc if t.lemma_ == "attack")
    assert role_actors(verb) == (["RUS"], ["UKR"])


def test_a_stative_passive_has_its_subject_as_the_doer(nlp):
    stative = load_cues().stative
    doc = _doc(nlp, "Chile is committed to helping Bolivia.")
    word = next(t for t in doc if t.lower_ == "committed")
    assert role_actors(word, stative)[0] == ["CHL"]
    doc = _doc(nlp, "Peru was attacked by Chile.")
    verb = next(t for t in doc if t.lemma_ == "attack")
    assert role_actors(verb, stative) == (["CHL"], ["PER"])  # a plain passive keeps its patient


def test_a_custodian_is_the_doer_and_a_patient_verb_harms_its_subject(nlp):
    cues = load_cues()
    doc = _doc(nlp, "A Nigerian journalist died in Ghanaian police custody.")
    verb = next(t for t in doc if t.lemma_ == "die")
    assert role_actors(verb, cues.stative, cues.patient, cues.custody) == (["GHACOP"], ["NGAMED"])
    doc = _doc(nlp, "Three Kenyan activists were beaten in Ugandan custody.")
    verb = next(t for t in doc if t.lower_ == "beaten")
    source, target = role_actors(verb, cues.stative, cues.patient, cues.custody)
    assert source == ["UGA"] and "UGA" not in target
    assert "UGA" in role_actors(verb)[1]  # without the custody cue the holder reads as a target


def test_an_object_noun_is_stated_with_its_verb(nlp):
    from factionmap.events.typer import _stated_by

    doc = _doc(nlp, "Chile launched an inquiry into the killings.")
    assert _stated_by(next(t for t in doc if t.lower_ == "inquiry")).text == "launched an inquiry"
    assert _stated_by(next(t for t in doc if t.lower_ == "launched")).text == "launched"


def test_flags_from_parse_and_cues(nlp):
    cues = load_cues()
    doc = _doc(nlp, "Russia did not attack Ukraine.")
    assert flags(next(t for t in doc if t.lemma_ == "attack"), cues)[0] is True
    doc = _doc(nlp, "Russia will reportedly attack Ukraine.")
    negated, hedged, hypothetical = flags(next(t for t in doc if t.lemma_ == "attack"), cues)
    assert (negated, hedged, hypothetical) == (False, True, True)


def test_cue_file_rows_are_checked(tmp_path):
    bad = tmp_path / "cues.tsv"
    bad.write_text("hedge\treportedly\nwobbly\tword\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cues.tsv:2"):
        load_cues([str(bad)])


def test_pipeline_places_the_typer_after_the_coder(nlp):
    names = nlp.pipe_names
    assert names.index("factionmap_events") < names.index("factionmap_event_typer") < names.index("factionmap_figures")


def test_model_is_lazy_and_reports_missing_artefacts(tmp_path):
    model = EventTypeModel(tmp_path)  # no I/O yet
    with pytest.raises(ModelNotTrained, match="event_typer.npz"):
        model.predict([("Russia attacked Ukraine.", [(7, 15)])])
    assert (bundled_model_dir() / "minilm-l6.int8.onnx").is_file()


def test_head_round_trips(tmp_path):
    head = Head(("A", NONE), np.eye(2, dtype=np.float32), np.zeros(2, np.float32), np.zeros(2, np.float32),
                np.ones(2, np.float32), np.arange(9.0), {"threshold": 0.4})
    head.save(tmp_path / "h.npz")
    loaded = Head.load(tmp_path / "h.npz")
    assert loaded.classes == ("A", NONE) and loaded.meta == {"threshold": 0.4}
    assert np.allclose(loaded.probabilities(np.array([[3.0, 0.0]])), head.probabilities(np.array([[3.0, 0.0]])))


def _analyze(analyzer, texts):
    docs = [Document(str(n), t, (Section("body", 0, len(t)),)) for n, t in enumerate(texts)]
    return list(analyzer.analyze(docs))


def test_typer_events_keep_evidence_and_are_deterministic_across_batches(analyzer):
    text = "Russian forces fired dozens of missiles at Kyiv overnight, killing four civilians."
    alone = _analyze(analyzer, [text])[0]
    batched = _analyze(analyzer, ["The finance ministry met bankers in Paris.", text, "Protesters marched in Lagos."])[1]
    assert [(e.type, e.source, e.target, e.confidence) for e in alone.events] == \
        [(e.type, e.source, e.target, e.confidence) for e in batched.events]
    assert any(e.type == "ASSAULT" for e in alone.events)
    for event in alone.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.sentence.start <= event.trigger.start < event.sentence.end
        assert 0.0 < event.confidence <= 1.0


def test_an_added_violent_event_without_a_doer_in_a_disaster_sentence_is_dropped(nlp):
    from factionmap.events.typer import EventTyper
    from factionmap.model import Event, TextSpan

    typer = EventTyper()
    quake = next(nlp("A powerful earthquake killed more than 300 villagers in the mountains.").sents)
    raid = next(nlp("Soldiers killed more than 300 villagers in the mountains.").sents)

    def added(sent, etype="ASSAULT", source=()):
        return Event(etype, tuple(source), ("villagers",), TextSpan(0, 1, "x"), TextSpan(0, len(sent.text), sent.text))

    assert typer._nonpolitical(quake, added(quake))
    assert not typer._nonpolitical(quake, added(quake, source=("army",)))  # a doer is named: not a disaster
    assert not typer._nonpolitical(quake, added(quake, etype="AID"))
    assert not typer._nonpolitical(raid, added(raid))


def test_fitted_thresholds_are_read_from_the_heads_meta(nlp):
    """``threshold``, ``keep_floor`` and ``add_beside`` come from the head's meta (fitted by ``train``)."""
    from factionmap.events.typer import EventTyper
    from factionmap.model import Event, TextSpan

    sent = next(nlp("Germany sent tanks to Ukraine and shelled Russian positions.").sents)
    sent_tok, shell_tok = (next(t for t in sent if t.text == w) for w in ("sent", "shelled"))
    candidates = tuple(Candidate(t.i, t.idx, t.idx + len(t), True, True) for t in (sent_tok, shell_tok))
    coder = Event("AID", ("DEU",), ("UKR",), TextSpan(sent_tok.idx, sent_tok.idx + 4, "sent"),
                  TextSpan(sent.start_char, sent.end_char, sent.text), confidence=0.9)
    view = SentenceView(sent.text, sent.start_char, candidates, (CoderEvent(0, "AID", 0, 0.9, True, True),))
    probs = np.stack([_row(SANCTION=0.9, AID=0.05, none=0.05), _row(ASSAULT=0.6, none=0.4)])

    def typed(**meta: float) -> list[str]:
        typer = EventTyper()
        typer.model._head = Head(CLASSES, np.zeros((2, len(CLASSES))), np.zeros(len(CLASSES)), np.zeros(2),
                                 np.ones(2), np.array([0.0, 1.0, 0, 0, 0, 0, 0, 0, 0]), meta)
        return sorted(e.type for e in typer._type_sentence(sent, [coder], view, probs))

    # AID scores 0.05: kept above a floor of 0.01, retyped to SANCTION under a floor of 0.1.
    assert typed(threshold=0.5, keep_floor=0.01, add_beside=0.7) == ["AID"]
    assert typed(threshold=0.5, keep_floor=0.1, add_beside=0.7) == ["SANCTION"]
    # ASSAULT (0.6) is added beside the kept event only when add_beside lets it.
    assert typed(threshold=0.5, keep_floor=0.1, add_beside=0.55) == ["ASSAULT", "SANCTION"]
    assert typed(threshold=0.95, keep_floor=0.1, add_beside=0.55) == []


def test_a_negating_verb_negates_its_complement_not_its_subject(nlp):
    cues = load_cues()
    doc = _doc(nlp, "Talks between Chad and Niger failed to reach a deal on the border.")
    talks = next(t for t in doc if t.lower_ == "talks")
    assert flags(talks, cues)[0] is False
    doc = _doc(nlp, "Chad refused to attack Niger.")
    attack = next(t for t in doc if t.lemma_ == "attack")
    assert flags(attack, cues)[0] is True


def test_a_verb_governing_a_coder_trigger_does_not_echo_its_type():
    """"Kenya hoped to sign a pact": the model reads the signing's type on "hoped" as well; the added
    event would state the complement's act as the hoping, so it is not proposed."""
    candidates = (Candidate(1, 6, 11, True, True, governs=(1,)), Candidate(3, 15, 19, True, True))
    view = SentenceView("x" * 40, 0, candidates, (CoderEvent(0, "AGREE", 1, 0.9, True, True),))
    probs = np.stack([_row(SUPPORT=0.7, none=0.3), _row(SUPPORT=0.6, AGREE=0.3, none=0.1)])
    assert ("SUPPORT", None) not in {(p.type, p.coder) for p in propose(view, probs, CLASSES)}
    probs = np.stack([_row(REJECT=0.7, none=0.3), _row(SUPPORT=0.6, AGREE=0.3, none=0.1)])
    assert ("REJECT", None) in {(p.type, p.coder) for p in propose(view, probs, CLASSES)}


def test_the_parties_a_noun_names_with_between_are_its_actors(nlp):
    """"Talks between Serbia and Kosovo", "the meeting between Chile and Peru ended": the parties of
    an event noun, also when the noun is a verb's subject."""
    doc = _doc(nlp, "Talks between Serbia and Kosovo resumed in Brussels.")
    talks = next(t for t in doc if t.lower_ == "talks")
    assert set(role_actors(talks)[0]) == {"SRB", "XKX"}
    verb = next(t for t in doc if t.lemma_ == "resume")
    assert set(role_actors(verb)[0]) == {"SRB", "XKX"}


def test_a_stance_verb_does_not_pass_its_subject_to_the_deed_it_names(nlp):
    """"Amnesty condemned the arrests": the arrests are not Amnesty's; "imposed sanctions" are the EU's."""
    from factionmap.events.typer import _stated_by

    stance = frozenset({"condemn"})
    doc = _doc(nlp, "Norway condemned the arrests of students in Minsk.")
    arrests = next(t for t in doc if t.lower_ == "arrests")
    assert "NOR" in role_actors(arrests)[0]  # without the stance list the condemner reads as the doer
    assert "NOR" not in role_actors(arrests, stance=stance)[0]
    assert _stated_by(arrests, stance).text == "arrests"
    doc = _doc(nlp, "Norway imposed new sanctions on Belarus.")
    sanctions = next(t for t in doc if t.lower_ == "sanctions")
    assert role_actors(sanctions, stance=stance)[0] == ["NOR"]
    assert _stated_by(sanctions, stance).text == "imposed new sanctions"


def test_refusal_cues_tell_a_refused_act_from_a_negated_refusal(nlp):
    from factionmap.events.arguments import held_by_condition
    from factionmap.events.typer import refuses

    cues = load_cues()
    doc = _doc(nlp, "The miners said they will not end the strike until wages rise.")
    end = next(t for t in doc if t.lemma_ == "end")
    assert flags(end, cues)[0] and not refuses(end, cues) and not held_by_condition(end, cues.future)
    doc = _doc(nlp, "Chile did not reject the proposal.")
    assert refuses(next(t for t in doc if t.lemma_ == "reject"), cues)
    doc = _doc(nlp, "Peru would not sign the accord if the vote failed.")
    assert held_by_condition(next(t for t in doc if t.lemma_ == "sign"), cues.future)


def test_a_negated_act_the_model_reads_as_a_refusal_is_an_asserted_rejection(nlp):
    """The model's REJECT on "will not end the strike" is the refusal: it happened, so it is neither
    negated nor hypothetical; "did not reject" stays a negated rejection."""
    from factionmap.events.typer import EventTyper, sentence_view

    typer = EventTyper()
    for text, word, negated in (("Bolivian miners said they will not end the strike until the mine reopens.", "end", False),
                                ("The Bolivian miners did not reject the offer.", "reject", True)):
        sent = next(_doc(nlp, text).sents)
        view = sentence_view(sent, [])
        cand = next(c for c in view.candidates if sent.doc[c.i].lemma_ == word)
        event = typer._added(sent, cand, "REJECT", 0.9)
        assert (event.negated, event.hypothetical) == (negated, False)


def test_an_event_noun_under_in_takes_the_doer_of_the_verb_above_it_unless_that_verb_witnesses(nlp):
    """"approved a rise in grants": the approver gives them; "reported a rise in attacks": the
    reporter did not attack (cues.tsv ``stance``, ``witness``)."""
    from factionmap.events.typer import EventTyper

    stance = EventTyper().stance_verbs
    doc = _doc(nlp, "Norway approved a large rise in grants to Chad.")
    grants = next(t for t in doc if t.lower_ == "grants")
    assert role_actors(grants, stance=stance) == (["NOR"], ["TCD"])
    doc = _doc(nlp, "Norway reported a rise in attacks on Chad.")
    attacks = next(t for t in doc if t.lower_ == "attacks")
    assert "NOR" not in role_actors(attacks, stance=stance)[0]
