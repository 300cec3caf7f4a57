"""Event coder rules, one sentence per rule.

The parse comes from the session pipeline; actors are set on tokens by the
test itself (``ACTORS`` below) so these tests exercise the coder alone.
"""

from __future__ import annotations

import pytest

from factionmap.events.coder import EventCoder
from factionmap.events.lexicon import LexiconError, load_lexicon, parse_lexicon
from factionmap.model import Quote

#: surface word → actor id, applied to every token with that text.
ACTORS = {
    "Russia": "rus", "Russian": "rus", "Moscow": "rus", "Ukraine": "ukr", "Kyiv": "ukr",
    "Tripoli": "tripoli", "LNA": "lna", "GNA": "gna", "Haftar": "haftar", "Egypt": "egy",
    "Emirates": "are", "France": "fra", "Turkey": "tur", "Washington": "usa", "States": "usa",
    "United": "usa", "Mali": "mli", "Libya": "lby", "Qatar": "qat", "Gaza": "gaza", "minister": "min",
    "Minister": "min", "militias": "militia", "Militias": "militia", "Israel": "isr", "Syria": "syr",
    "Sudan": "sdn", "Iran": "irn", "Britain": "gbr", "rebels": "reb", "Pakistan": "pak", "India": "ind",
}


def code(nlp, text: str, *, pronouns: dict[str, str] | None = None, quotes=()):
    doc = nlp(text)
    mapping = {**ACTORS, **(pronouns or {})}
    for token in doc:
        token._.fm_actor = mapping.get(token.text)
    doc._.fm_mentions = []
    doc._.fm_quotes = list(quotes)
    EventCoder(load_lexicon())(doc)
    return doc._.fm_events


def find(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.source, e.target) for e in events]}"
    return found[0]


def test_active_verb(nlp):
    event = find(code(nlp, "Russia attacked Ukraine on Monday."), "ASSAULT")
    assert (event.source, event.target) == (("rus",), ("ukr",))
    assert event.trigger.text == "attacked"
    assert event.context == "military"


def test_passive_voice(nlp):
    event = find(code(nlp, "Tripoli was attacked by the LNA."), "ASSAULT")
    assert (event.source, event.target) == (("lna",), ("tripoli",))


def test_coordinated_sources(nlp):
    event = find(code(nlp, "Egypt, the Emirates and France have supported Haftar."), "SUPPORT")
    assert set(event.source) == {"egy", "are", "fra"}
    assert event.target == ("haftar",)


def test_nominal_possessive(nlp):
    event = find(code(nlp, "Russia's support for Haftar has grown."), "SUPPORT")
    assert (event.source, event.target) == (("rus",), ("haftar",))


def test_nominal_by_phrase(nlp):
    event = find(code(nlp, "The assault on Tripoli by the LNA has failed."), "ASSAULT")
    assert (event.source, event.target) == (("lna",), ("tripoli",))


def test_light_verb(nlp):
    event = find(code(nlp, "The LNA mounted an assault on Tripoli."), "ASSAULT")
    assert (event.source, event.target) == (("lna",), ("tripoli",))


def test_in_favour_of(nlp):
    event = find(code(nlp, "Russia is tipping the balance in Libya in favour of Haftar."), "SUPPORT")
    assert (event.source, event.target) == (("rus",), ("haftar",))


def test_call_on_to_gives_request_and_embedded_event(nlp):
    events = code(nlp, "The United States calls on the LNA to end its offensive on Tripoli.", pronouns={"its": "lna"})
    request = find(events, "REQUEST")
    assert (request.source, request.target) == (("usa",), ("lna",))
    assault = find(events, "ASSAULT")
    assert (assault.source, assault.target) == (("lna",), ("tripoli",))


def test_participial_modifier(nlp):
    event = find(code(nlp, "The offensive provoked a response by militias supporting the GNA."), "SUPPORT")
    assert (event.source, event.target) == (("militia",), ("gna",))


def test_relative_clause(nlp):
    event = find(code(nlp, "Qatar sent money to militias that support the GNA."), "SUPPORT")
    assert (event.source, event.target) == (("militia",), ("gna",))


def test_modifier_search_loyal_to(nlp):
    event = find(code(nlp, "Turkey is backing forces loyal to the GNA."), "SUPPORT")
    assert (event.source, event.target) == (("tur",), ("gna",))


def test_negation(nlp):
    assert find(code(nlp, "Egypt did not attack Libya."), "ASSAULT").negated


def test_denial_negates_embedded_event(nlp):
    event = find(code(nlp, "Turkey denied arming the militias."), "AID")
    assert event.negated and event.target == ("militia",)


def test_hedge_adverb(nlp):
    assert find(code(nlp, "Russia reportedly armed Haftar."), "AID").hedged


def test_hedge_phrase(nlp):
    event = find(code(nlp, "Egypt and — at least at times — France have supported Haftar."), "SUPPORT")
    assert event.hedged


def test_threat_is_not_the_threatened_act(nlp):
    events = code(nlp, "Washington threatened to impose sanctions on Moscow.")
    assert [e.type for e in events] == ["THREATEN"]
    assert events[0].source == ("usa",) and events[0].target == ("rus",)


def test_future_is_hypothetical(nlp):
    event = find(code(nlp, "France will deploy troops to Mali."), "MOBILIZE")
    assert event.hypothetical and event.target == ("mli",)
    assert not find(code(nlp, "France deployed troops to Mali."), "MOBILIZE").hypothetical


def test_reported_speech_is_asserted_by_speaker(nlp):
    event = find(code(nlp, "The minister said that Russia attacked Ukraine."), "ASSAULT")
    assert event.asserted_by == "min"
    assert find(code(nlp, "Russia attacked Ukraine."), "ASSAULT").asserted_by == "author"


def test_quote_span_is_asserted_by_quote_speaker(nlp):
    text = 'He added: "Russia attacked Ukraine."'
    quote = Quote("min", "He", "Russia attacked Ukraine.", text.index("Russia"), len(text) - 1)
    assert find(code(nlp, text, quotes=[quote]), "ASSAULT").asserted_by == "min"


def test_must_after_speech_verb_is_a_request(nlp):
    event = find(code(nlp, "Britain said that Sudan must return the helicopter."), "REQUEST")
    assert (event.source, event.target) == (("gbr",), ("sdn",))


def test_mode_from_modifier(nlp):
    event = find(code(nlp, "Israel carried out air raids on Gaza."), "ASSAULT")
    assert event.mode == "aerial" and event.target == ("gaza",)


def test_mode_from_lexicon(nlp):
    assert find(code(nlp, "Pakistan deported the rebels."), "COERCE").mode == "deport"


def test_no_event_without_actors(nlp):
    assert code(nlp, "The weather attacked nobody in particular.") == []


def test_confidence_is_lower_for_weaker_evidence(nlp):
    direct = find(code(nlp, "Russia attacked Ukraine."), "ASSAULT")
    nominal = find(code(nlp, "The fighting between Russia and Ukraine goes on, and Russia's offensive on Ukraine too."), "ASSAULT")
    assert 0.0 < nominal.confidence <= direct.confidence < 1.0


def test_offsets_point_at_trigger(nlp):
    text = "Yesterday Russia shelled Kyiv."
    event = find(code(nlp, text), "ASSAULT")
    assert text[event.trigger.start : event.trigger.end] == "shelled"
    assert event.mode == "heavy-weapons"
    assert text[event.sentence.start : event.sentence.end] == text


def test_user_lexicon_extends_bundled(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("snub\tverb\tREJECT\t-\tdiplomatic\t0.9\nbrand new\tphrase\tACCUSE\n", encoding="utf-8")
    lexicon = load_lexicon((str(extra),))
    assert lexicon.verbs["snub"].strength == 0.9
    assert lexicon.phrases["brand"][0].type == "ACCUSE"
    assert "attack" in lexicon.verbs


def test_bad_lexicon_row_names_the_file_and_line():
    with pytest.raises(LexiconError, match=r"mine.tsv:2: unknown PLOVER type 'HUG'"):
        parse_lexicon([("# comment", "mine.tsv:1"), ("hug\tverb\tHUG", "mine.tsv:2")])


def test_missing_lexicon_file_is_named(tmp_path):
    with pytest.raises(LexiconError, match="nope.tsv"):
        load_lexicon((str(tmp_path / "nope.tsv"),))


def test_announced_coercive_act_is_a_threat(nlp):
    event = find(code(nlp, "Pakistan said it would expel the Indian diplomats.", pronouns={"it": "pak", "Indian": "ind"}), "THREATEN")
    assert event.hypothetical and event.source == ("pak",) and event.target == ("ind",)


def test_announced_visit_is_a_promise(nlp):
    event = find(code(nlp, "France will visit Mali in June."), "AGREE")
    assert event.hypothetical and event.target == ("mli",)


def test_background_nominal_is_not_an_event(nlp):
    events = code(nlp, "Turkey closed the border with Iran because of the fighting between Russia and Ukraine.")
    assert not [e for e in events if e.type == "ASSAULT"]


@pytest.mark.parametrize("text", ["", "   ", "!!! ???", "attack attack attack", "“Support” — for; by: on."])
def test_odd_text_codes_without_error(nlp, text):
    doc = nlp(text)
    assert doc._.fm_errors is None or not any("events" in e for e in doc._.fm_errors)
    assert isinstance(doc._.fm_events, list)


def test_component_in_pipeline_sets_events_with_local_offsets(nlp):
    text = "Residents said Russia bombed Kyiv overnight."
    doc = nlp(text)
    events = [e for e in doc._.fm_events if e.type == "ASSAULT"]
    assert events and text[events[0].trigger.start : events[0].trigger.end] == "bombed"
    assert events[0].mode == "aerial"


def test_stative_be_opposed_is_active(nlp):
    event = find(code(nlp, "Israel is opposed to French mediation.", pronouns={"French": "fra"}), "REJECT")
    assert (event.source, event.target) == (("isr",), ("fra",))


def test_protest_takes_target_from_its_purpose(nlp):
    events = code(nlp, "Rebels staged demonstrations to demand reforms by Sudan.", pronouns={"Rebels": "reb"})
    protest = find(events, "PROTEST")
    assert (protest.source, protest.target) == (("reb",), ("sdn",))
    assert not [e for e in events if e.type == "REQUEST"]


def test_promised_act_is_not_coded_as_done(nlp):
    events = code(nlp, "France promised to continue military aid to Mali.")
    assert [e.type for e in events] == ["AGREE"]
    assert events[0].target == ("mli",)


def test_trigger_noun_modifying_a_non_event_is_ignored(nlp):
    events = code(nlp, "Turkey funded pressure groups in France.")
    assert not [e for e in events if e.type == "REQUEST"]


def test_trigger_noun_modifying_an_event_frame_counts(nlp):
    event = find(code(nlp, "Qatar launched a mediation effort between Egypt and Turkey."), "CONSULT")
    assert event.source == ("qat",) and set(event.target) == {"egy", "tur"}


def test_coordination_parsed_as_modifier_is_expanded(nlp):
    events = code(nlp, "The Sudanese government and SPLM/A have agreed to allow access.",
                  pronouns={"Sudanese": "sdn", "government": "sdn", "SPLM": "splm", "/": "splm", "A": "splm"})
    assert set(find(events, "AGREE").source) == {"sdn", "splm"}


EXTRA = {"ISIL": "isil", "Daesh": "isil", "Iraq": "irq", "Iraqi": "irq", "Kurdish": "kurd", "Coalition": "coal",
         "coalition": "coal", "Houthi": "houthi", "militias": "houthi"}


def test_backed_party_fights_its_own_fight(nlp):
    events = code(nlp, "Britain has backed the Kurdish fighters in their campaign to defeat ISIL.",
                  pronouns={**EXTRA, "fighters": "kurd", "their": "kurd"})
    assault = find(events, "ASSAULT")
    assert assault.source[0] == "kurd" and assault.target == ("isil",)


def test_member_of_a_coalition_acts_with_it(nlp):
    events = code(nlp, "Britain, as part of the Coalition, is working to defeat Daesh.", pronouns=EXTRA)
    assert set(find(events, "ASSAULT").source) == {"gbr", "coal"}


def test_at_the_hands_of_names_the_attacker(nlp):
    events = code(nlp, "Iraqi villagers suffered terribly at the hands of ISIL.", pronouns={**EXTRA, "villagers": "irq"})
    event = find(events, "ASSAULT")
    assert (event.source, event.target) == (("isil",), ("irq",))


def test_participle_with_agent_is_passive_support(nlp):
    events = code(nlp, "Houthi militias backed by Iran fired missiles at Israel.", pronouns=EXTRA)
    support = find(events, "SUPPORT")
    assert (support.source, support.target) == (("irn",), ("houthi",))


def test_attack_claimed_by_a_group_makes_it_the_killer(nlp):
    events = code(nlp, "Two bombings, claimed by Daesh, killed dozens of Iraqi civilians.",
                  pronouns={**EXTRA, "civilians": "irq"})
    kill = [e for e in events if e.type == "ASSAULT" and e.trigger.text == "killed"]
    assert kill and kill[0].source == ("isil",)


def test_coordinated_verbs_share_their_object(nlp):
    events = code(nlp, "The regime used barrel bombs to kill and maim civilians in Aleppo.",
                  pronouns={"regime": "syr", "civilians": "cvl", "Aleppo": "alp"})
    event = find(events, "ASSAULT")
    assert (event.trigger.text, event.source, event.target) == ("kill", ("syr",), ("cvl",))


def test_freeing_a_place_from_an_enemy_targets_the_enemy(nlp):
    events = code(nlp, "Iraqi forces liberated the town of Sinjar from ISIL control.", pronouns=EXTRA)
    event = find(events, "ASSAULT")
    assert (event.source, event.target) == (("irq",), ("isil",))


def test_pressing_someone_to_stop_makes_them_the_doer(nlp):
    events = code(nlp, "France urged Russia to press Syria to cease airstrikes on Aleppo.", pronouns={"Aleppo": "alp"})
    strikes = find(events, "ASSAULT")
    assert strikes.source == ("syr",)


def test_reacting_to_an_attack_is_not_doing_it(nlp):
    events = code(nlp, "The minister responded to the attack in Gaza.")
    assert not [e for e in events if e.type == "ASSAULT" and "min" in e.source]


def test_backer_with_a_purpose_shares_it_with_the_backed(nlp):
    events = code(nlp, "Britain stands by Iraq to defeat ISIL.", pronouns=EXTRA)
    assault = find(events, "ASSAULT")
    assert set(assault.source) == {"irq", "gbr"} and assault.target == ("isil",)


def test_acts_of_terror_of_a_relative_owner(nlp):
    events = code(nlp, "They condemned ISIL, whose acts of terror in France shocked Europe.",
                  pronouns={**EXTRA, "France": "fra"})
    assault = find(events, "ASSAULT")
    assert assault.source == ("isil",) and assault.target == ("fra",)


def test_weapons_used_against_a_people(nlp):
    events = code(nlp, "Syria has used chemical weapons against rebels.")
    assault = find(events, "ASSAULT")
    assert (assault.source, assault.target) == (("syr",), ("reb",))


def test_prohibited_act_is_negated(nlp):
    events = code(nlp, "Iran is prohibited from providing weapons to rebels.")
    assert all(e.negated for e in events if e.type == "AID")


def test_continuing_to_act_is_not_hypothetical(nlp):
    events = code(nlp, "France will continue to support Mali.")
    event = find(events, "SUPPORT")
    assert not event.hypothetical and event.target == ("mli",)


def test_claimed_attack_is_blamed_on_its_claimant(nlp):
    events = code(nlp, "Israel condemned the attack in Gaza claimed by Hamas.", pronouns={"Hamas": "hamas"})
    accuse, assault = find(events, "ACCUSE"), find(events, "ASSAULT")
    assert accuse.target == ("hamas",) and assault.source == ("hamas",)


def test_meeting_place_is_no_partner(nlp):
    events = code(nlp, "Russia held talks with Turkey in Qatar.")
    consult = find(events, "CONSULT")
    assert consult.target == ("tur",)


def test_announced_decision_is_the_act(nlp):
    events = code(nlp, "France announced it would impose sanctions on Syria.")
    assert [e.type for e in events if e.target == ("syr",)] == ["SANCTION"]


def test_announced_future_act_stays_a_threat(nlp):
    events = code(nlp, "France announced that it will impose sanctions on Syria.")
    assert [e.type for e in events if e.target == ("syr",)] == ["THREATEN"]


def test_a_place_can_receive_a_concession(nlp):
    doc = nlp("Sudan's government lifted a state of emergency in West Darfur State.")
    concede = [e for e in doc._.fm_events if e.type == "CONCEDE"]
    assert concede and concede[0].target and concede[0].target[0].startswith("loc-")
