"""Event structure rules: lists of examples, group pronouns, hedge scope, implicative control,
counter-attacks and headline parses.  Sentences are our own; actors are set by hand (see
``test_events_coder.code``)."""

from __future__ import annotations

from factionmap.events.coder import TITLE_CASE_FACTOR, EventCoder
from factionmap.events.lexicon import load_lexicon

from test_events_coder import ACTORS, code, find


def test_examples_of_a_generic_plural_subject_are_the_sources(nlp):
    event = find(code(nlp, "Countries such as Qatar and Turkey have backed the GNA."), "SUPPORT")
    assert set(event.source) == {"qat", "tur"} and event.target == ("gna",)


def test_examples_after_the_clause_are_a_looser_reading(nlp):
    plain = find(code(nlp, "Countries such as Qatar and Turkey have backed the GNA."), "SUPPORT")
    loose = find(code(nlp, "Some countries support Haftar for example Egypt and Russia."), "SUPPORT")
    assert set(loose.source) == {"egy", "rus"} and loose.target == ("haftar",)
    assert loose.confidence < plain.confidence


def test_examples_are_not_read_as_an_apposition_of_the_object(nlp):
    events = code(nlp, "Some countries support Haftar for example Egypt and Russia.")
    assert all(set(e.target) == {"haftar"} for e in events if e.type == "SUPPORT")


def test_a_named_subject_is_never_replaced_by_examples(nlp):
    event = find(code(nlp, "Egypt supports Haftar, for example with weapons."), "SUPPORT")
    assert event.source == ("egy",)


def test_a_group_pronoun_expands_to_every_member(nlp):
    doc = nlp("Qatar and Turkey met in Doha and they are backing the GNA.")
    for token in doc:
        token._.fm_actor = ACTORS.get(token.text)
    they = next(t for t in doc if t.lower_ == "they")
    they._.fm_actor, they._.fm_group = "tur", ("qat", "tur")
    doc._.fm_mentions, doc._.fm_quotes = [], []
    EventCoder(load_lexicon())(doc)
    backing = next(e for e in doc._.fm_events if e.trigger.text == "backing")
    assert set(backing.source) == {"qat", "tur"} and backing.target == ("gna",)


def test_a_hedge_scopes_over_its_own_clause_only(nlp):
    events = code(nlp, "Egypt backs the LNA while, at least at times, Turkey has supported Haftar.")
    by_source = {e.source: e for e in events if e.type == "SUPPORT"}
    assert by_source[("tur",)].hedged
    assert not by_source[("egy",)].hedged


def test_a_warning_someone_was_prompted_to_issue_was_issued(nlp):
    event = find(code(nlp, "The shelling prompted Egypt to issue a warning to the rebels."), "THREATEN")
    assert event.source == ("egy",) and event.target == ("reb",)
    assert not event.hypothetical


def test_an_act_someone_was_urged_to_do_stays_hypothetical(nlp):
    events = code(nlp, "Egypt urged Turkey to attack the rebels.")
    assert find(events, "REQUEST").target == ("tur",)
    assert all(e.hypothetical for e in events if e.source == ("tur",))


def test_a_counter_offensive_is_aimed_at_the_earlier_attacker_in_the_sentence(nlp):
    text = "The LNA attacked Tripoli on Monday, provoking a fierce counter-offensive by militias loyal to the GNA."
    counter = next(e for e in code(nlp, text) if e.trigger.text.startswith("counter"))
    assert counter.type == "ASSAULT" and counter.source == ("gna",) and counter.target == ("lna",)


def test_a_counterattack_is_aimed_at_the_attacker_of_the_previous_sentence(nlp):
    events = code(nlp, "The LNA shelled Tripoli. The GNA launched a counterattack on Tuesday.")
    counter = next(e for e in events if e.trigger.text == "counterattack")
    assert counter.source == ("gna",) and counter.target == ("lna",)


def test_an_attack_without_target_is_not_given_one(nlp):
    events = code(nlp, "The LNA shelled Tripoli. The GNA launched a campaign on Tuesday.")
    assert not any(e.source == ("gna",) and e.target == ("lna",) for e in events)


def _code_section(nlp, text: str, section: str):
    doc = nlp(text)
    doc._.fm_section = section
    for token in doc:
        token._.fm_actor = ACTORS.get(token.text)
    doc._.fm_mentions, doc._.fm_quotes = [], []
    EventCoder(load_lexicon())(doc)
    return doc._.fm_events


def test_title_case_headlines_lose_confidence(nlp):
    text = "Russia Threatens Ukraine With Sanctions Over Gas Deal"
    body = _code_section(nlp, text, "body")
    title = _code_section(nlp, text, "title")
    assert body
    assert len(title) <= len(body)
    for event in title:
        twin = next(e for e in body if e.trigger == event.trigger)
        assert event.confidence == round(twin.confidence * TITLE_CASE_FACTOR, 3)


def test_sentence_case_titles_keep_their_confidence(nlp):
    text = "Russia threatens Ukraine with sanctions over gas deal"
    body = _code_section(nlp, text, "body")
    title = _code_section(nlp, text, "title")
    assert [e.confidence for e in title] == [e.confidence for e in body] and title


def test_fighters_loyal_to_a_named_actor_fight_on_its_side(nlp):
    event = find(code(nlp, "Militias supporting the GNA attacked Haftar on Sunday."), "ASSAULT")
    assert event.source == ("gna",) and event.target == ("haftar",)


def test_a_sponsor_is_not_its_proxy(nlp):
    event = find(code(nlp, "Militias backed by Turkey attacked Haftar on Sunday."), "ASSAULT")
    assert event.source == ("militia",)


def test_a_generic_group_of_supporters_is_not_the_supported(nlp):
    event = find(code(nlp, "Some countries support Haftar for example Egypt and Russia."), "SUPPORT")
    assert "haftar" not in event.source


def test_an_agentless_arrest_is_done_by_the_country_it_happens_in(nlp):
    events = nlp("Two Russian journalists were arrested in Egypt on Monday.")._.fm_events
    arrest = next(e for e in events if e.trigger.text == "arrested")
    assert arrest.type == "COERCE" and arrest.source == ("EGY",)


def test_an_agentless_attack_in_a_country_has_no_source_guessed(nlp):
    events = nlp("Two Russian journalists were attacked in Egypt on Monday.")._.fm_events
    assert not any(e.source == ("EGY",) for e in events)


def test_condemning_an_attack_blames_its_doer(nlp):
    for text in ("Egypt condemned the attack on Kyiv by Russia.", "Egypt condemned Russia's attack on Kyiv."):
        event = find(code(nlp, text), "ACCUSE")
        assert event.source == ("egy",) and event.target == ("rus",), text


def test_a_meeting_between_two_parties_names_both(nlp):
    events = code(nlp, "Egypt said it would host a meeting between Haftar and the GNA.")
    assert any({"haftar", "gna"} <= set(e.target) for e in events), [(e.type, e.target) for e in events]
