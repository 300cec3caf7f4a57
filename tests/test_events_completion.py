"""Roles read by frame after the typer, clause levels and the main event of a sentence, and the
general role mechanisms (event-noun objects, issued documents, purpose addressees, datelines,
meeting participants, voiced stances).  Sentences written for these tests."""

from __future__ import annotations

from factionmap.events.completion import EventCompletion, clause_level, main_event, trigger_head
from factionmap.events.arguments import dateline_end, in_dateline
from factionmap.events.lexicon import load_lexicon
from factionmap.model import Document, Event, Section, TextSpan


def analyse(analyzer, text):
    return analyzer.analyze_one(Document("t", text, (Section("body", 0, len(text)),)))


def names(analysis, ids):
    return {m.text for i in ids if analysis.actor(i) for m in analysis.actor(i).mentions}


def roles(analysis):
    return [(e.type, names(analysis, e.source), names(analysis, e.target)) for e in analysis.events]


def has_role(analysis, source=None, target=None, types=None):
    return any(
        (source is None or source in s) and (target is None or target in t) and (types is None or ty in types)
        for ty, s, t in roles(analysis)
    )


# ---------------------------------------------------------------- clause levels, main event
def event(etype, level, confidence):
    span = TextSpan(0, 1, "x")
    return Event(type=etype, source=("A",), target=("B",), trigger=span, sentence=span,
                 confidence=confidence, clause_level=level)


def test_main_event_is_the_shallowest_then_the_most_confident():
    events = [event("AID", 1, 0.9), event("SANCTION", 0, 0.6), event("COERCE", 3, 0.99)]
    assert main_event(events).type == "SANCTION"
    assert main_event([event("AID", 2, 0.4), event("ACCUSE", 2, 0.8)]).type == "ACCUSE"
    assert main_event([]) is None


def test_clause_levels_follow_the_parse(nlp):
    lex = load_lexicon()
    doc = nlp("Norway suspended fuel deliveries to the army and freed a pilot the rebels had seized.")
    level = {t.text: clause_level(t, lex) for t in doc}
    assert level["suspended"] == 0 and level["freed"] == 0  # the root and its conjunct
    assert level["deliveries"] == 1  # a noun argument of the root
    assert level["seized"] > level["deliveries"]  # a relative clause is background


def test_reported_content_counts_as_main(nlp):
    lex = load_lexicon()
    doc = nlp("The ministry said its jets struck a depot near the border.")
    struck = next(t for t in doc if t.text == "struck")
    assert clause_level(struck, lex) == 0


def test_trigger_head_is_the_word_the_span_hangs_by(nlp):
    doc = nlp("Chile held talks with Peru.")
    start = doc.text.index("held")
    assert trigger_head(doc, start, doc.text.index("with") - 1).text == "held"


def test_pipeline_events_carry_their_level(analyzer):
    analysis = analyse(analyzer, "Norway suspended fuel deliveries to the Congolese army on Tuesday.")
    assert analysis.events
    main = main_event(analysis.events)
    assert main.clause_level == 0 and main.trigger.text.startswith("suspended")


# ---------------------------------------------------------------- completion by frame
def test_an_empty_side_is_read_by_the_frame_of_the_event_type(nlp):
    doc = nlp("Ethiopian troops overran a rebel base in northern Tigray.")
    start = doc.text.index("overran")
    bare = Event(type="ASSAULT", source=(), target=(), trigger=TextSpan(start, start + 7, "overran"),
                 sentence=TextSpan(0, len(doc.text), doc.text))
    doc._.fm_events = [bare]
    EventCompletion(load_lexicon())(doc)
    done = doc._.fm_events[0]
    actor = {t.text: t._.fm_actor for t in doc}
    assert actor["Ethiopian"] in done.source
    assert actor["Tigray"] in done.target


def test_a_side_already_found_is_kept(nlp):
    doc = nlp("Ethiopian troops overran a rebel base in northern Tigray.")
    start = doc.text.index("overran")
    kept = Event(type="ASSAULT", source=("someone",), target=("elsewhere",),
                 trigger=TextSpan(start, start + 7, "overran"), sentence=TextSpan(0, len(doc.text), doc.text))
    doc._.fm_events = [kept]
    EventCompletion(load_lexicon())(doc)
    assert doc._.fm_events[0].source == ("someone",) and doc._.fm_events[0].target == ("elsewhere",)


# ---------------------------------------------------------------- role mechanisms
def test_an_event_noun_object_lends_its_target(analyzer):
    analysis = analyse(analyzer, "Canada lifted its trade embargo against Venezuela last year.")
    assert has_role(analysis, source="Canada", target="Venezuela")


def test_a_participle_on_an_issued_document_is_said_by_the_issuer(analyzer):
    analysis = analyse(analyzer, "Human Rights Watch published a report accusing the Burmese army of burning villages.")
    assert has_role(analysis, source="Human Rights Watch", target="the Burmese army", types={"ACCUSE"})


def test_an_addressed_act_done_for_a_purpose_is_addressed_to_the_object(analyzer):
    analysis = analyse(analyzer, "Algeria summoned the French envoy to complain about the remarks.")
    assert any("Algeria" in s and any("envoy" in x for x in t) for _, s, t in roles(analysis))


def test_object_control_is_no_addressee(analyzer):
    analysis = analyse(analyzer, "The EU urged Serbia to condemn the attack.")
    assert not any(ty == "ACCUSE" and "Serbia" in t for ty, _, t in roles(analysis))


def test_dateline_is_found_and_is_no_argument(nlp, analyzer):
    doc = nlp("THE HAGUE, Netherlands -- A UN prosecutor charged a Serbian general with war crimes.")
    assert in_dateline(doc[1]) and not in_dateline(doc[6])
    assert doc[dateline_end(doc[0].sent)].text == "A"
    assert dateline_end(nlp("Russia, China and Iran held talks.")[0].sent) == 0
    analysis = analyse(analyzer, doc.text)
    assert analysis.events and not any("HAGUE" in s or "Netherlands" in s for _, s, _ in roles(analysis))


def test_meeting_participants_are_the_governing_subject(analyzer):
    analysis = analyse(analyzer, "The Qatari emir attended an Arab League summit in Cairo on Sunday.")
    assert has_role(analysis, source="Qatari emir", target="Arab League", types={"CONSULT"})


def test_a_voiced_stance_has_the_speaker_as_a_source(analyzer):
    analysis = analyse(analyzer, "President Ruto expressed Kenya's condemnation of the coup in Niger.")
    assert has_role(analysis, source="President Ruto", types={"ACCUSE"})
    assert has_role(analysis, source="Kenya", types={"ACCUSE"})
