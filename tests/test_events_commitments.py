"""Commitments (a subject's promise or threat of its own act is the frame's intent, the act stays
hypothetical), light verbs recomposed with the typed noun, and the codebook rows added with them.
Sentences written for these tests."""

from __future__ import annotations

from factionmap.events.completion import commitment, main_event
from factionmap.events.lexicon import load_lexicon
from factionmap.model import Document, Section


def analyse(analyzer, text):
    return analyzer.analyze_one(Document("t", text, (Section("body", 0, len(text)),)))


def names(analysis, ids):
    return {m.text for i in ids if analysis.actor(i) for m in analysis.actor(i).mentions}


def word(nlp, text, form):
    return next(t for t in nlp(text) if t.text == form)


# ---------------------------------------------------------------- the committing word
def test_the_word_that_commits_the_subject(nlp):
    lex = load_lexicon()
    assert commitment(word(nlp, "Chile said it will release the fishermen.", "release"), lex).text == "will"
    assert commitment(word(nlp, "Norway is willing to send engineers to Mozambique.", "send"), lex).text == "willing"
    assert commitment(word(nlp, "Brazil offered to send aircraft to Bolivia.", "send"), lex).lemma_ == "offer"
    assert commitment(word(nlp, "The rebels will lay down their arms and accept the amnesty.", "accept"), lex).text == "will"


def test_demanded_negated_conditional_and_decided_acts_commit_nobody(nlp):
    lex = load_lexicon()
    assert commitment(word(nlp, "The UN urged Serbia to withdraw its police.", "withdraw"), lex) is None
    assert commitment(word(nlp, "Peru said Bolivia must return the boats.", "return"), lex) is None
    assert commitment(word(nlp, "Chile said it will not release the fishermen.", "release"), lex) is None
    assert commitment(word(nlp, "Jordan announced it would ban the rallies.", "ban"), lex) is None
    assert commitment(word(nlp, "Turkey would have sent troops.", "sent"), lex) is None
    assert commitment(word(nlp, "The army prepared to resume shelling the villages.", "resume"), lex) is None


# ---------------------------------------------------------------- commitments in the pipeline
def test_a_promise_is_agree_beside_the_hypothetical_act(analyzer):
    analysis = analyse(analyzer, "Norway is willing to send military engineers to Mozambique.")
    agree = [e for e in analysis.events if e.type == "AGREE"]
    assert agree and "Norway" in names(analysis, agree[0].source)
    acts = [e for e in analysis.events if e.type != "AGREE"]
    assert all(e.hypothetical for e in acts)
    assert main_event(analysis.events).type == "AGREE"


def test_an_act_held_over_unless_is_a_threat(analyzer):
    analysis = analyse(analyzer, "Ecuador will expel the Mexican ambassador unless Mexico apologises, the foreign minister said.")
    assert "THREATEN" in {e.type for e in analysis.events}
    assert "AGREE" not in {e.type for e in analysis.events}


def test_a_demanded_act_is_no_commitment(analyzer):
    analysis = analyse(analyzer, "The European Union urged Serbia to withdraw its police from northern Kosovo.")
    assert "AGREE" not in {e.type for e in analysis.events}


# ---------------------------------------------------------------- light verbs and codebook rows
def test_calling_off_a_strike_is_the_concession(analyzer):
    analysis = analyse(analyzer, "Korean rail unions called off their strike after the government raised wages.")
    concede = [e for e in analysis.events if e.type == "CONCEDE"]
    assert concede and "called" in concede[0].trigger.text


def test_a_hyphenated_cease_fire_is_no_fire(analyzer):
    analysis = analyse(analyzer, "Israel and Hamas announced a cease-fire in Gaza.")
    types = {e.type for e in analysis.events}
    assert "ASSAULT" not in types and "RETREAT" in types


def test_backing_down_is_a_concession(analyzer):
    analysis = analyse(analyzer, "Macron backed down and withdrew the pension bill.")
    types = {e.type for e in analysis.events}
    assert "CONCEDE" in types and "SUPPORT" not in types



def test_the_release_of_a_prisoner_names_whom_it_frees(analyzer):
    analysis = analyse(analyzer, "A court in Ankara ordered the release of the Kurdish mayor.")
    concede = [e for e in analysis.events if e.type == "CONCEDE"]
    assert concede and "Kurdish mayor" in " ".join(names(analysis, concede[0].target))
    assert not any("Kurdish mayor" in n for n in names(analysis, concede[0].source))


def test_the_coder_reads_a_pledge_to_a_hostile_act_as_a_threat():
    from factionmap.training.dataset import coder_nlp  # the pipeline before the learned typer

    nlp = coder_nlp()
    doc = nlp("Mali pledged to fight the jihadists in Menaka.")
    assert {e.type for e in doc._.fm_events if e.trigger.text == "pledged"} == {"THREATEN"}
    doc = nlp("Senegal pledged to send doctors to Gambia.")
    assert "AGREE" in {e.type for e in doc._.fm_events if e.trigger.text == "pledged"}
