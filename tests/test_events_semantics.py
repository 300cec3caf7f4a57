"""Semantics users rely on: whose act an accusation or a denial reports, stopped aid, disasters,
hedged attribution, projectiles and light verbs.

Sentences are written for these tests; actors are set on tokens by ``test_events_coder.code``.
"""

from __future__ import annotations

import pytest

from test_events_coder import code, find

EXTRA = {"Houthis": "houthi", "Hezbollah": "hzb", "EU": "eu", "Minsk": "blr", "Belarus": "blr", "Japan": "jpn", "Congress": "usa", "Brazil": "bra", "Argentina": "arg", "army": "mmr", "Myanmar": "mmr", "their": "reb"}


def events_of(nlp, text):
    return code(nlp, text, pronouns=EXTRA)


def triples(events):
    return {(e.type, e.source, e.target) for e in events}


# ---------------------------------------------------------------- accusations
def test_accusation_content_is_the_accused_act_reported_by_the_accuser(nlp):
    events = events_of(nlp, "Washington accused Iran of supplying the Houthis.")
    accuse = find(events, "ACCUSE")
    assert (accuse.source, accuse.target, accuse.asserted_by) == (("usa",), ("irn",), "author")
    aid = find(events, "AID")
    assert (aid.source, aid.target) == (("irn",), ("houthi",))
    assert aid.hedged and aid.asserted_by == "usa"
    assert ("AID", ("usa",), ("houthi",)) not in triples(events)


def test_accused_attack_is_hedged_and_never_the_accusers(nlp):
    events = events_of(nlp, "Turkey accused Syria of shelling the rebels near the border.")
    attack = find(events, "ASSAULT")
    assert attack.source == ("syr",) and attack.target == ("reb",)
    assert attack.hedged and attack.asserted_by == "tur"
    assert not any(e.type == "ASSAULT" and e.source == ("tur",) for e in events)


def test_blaming_for_a_deed_names_the_blamed_as_its_doer(nlp):
    events = events_of(nlp, "Pakistan blamed India for arming the rebels.")
    aid = find(events, "AID")
    assert aid.source == ("ind",) and aid.asserted_by == "pak" and aid.hedged


# ---------------------------------------------------------------- denials
def test_a_denied_act_is_negated_and_asserted_by_the_denier(nlp):
    events = events_of(nlp, "Moscow denied shelling Kyiv on Sunday.")
    attack = find(events, "ASSAULT")
    assert attack.source == ("rus",) and attack.negated and attack.asserted_by == "rus"


def test_a_denied_that_clause_is_negated_and_asserted_by_the_denier(nlp):
    events = events_of(nlp, "Israel denied that its jets had bombed Gaza.")
    attack = find(events, "ASSAULT")
    assert attack.negated and attack.asserted_by == "isr"


# ---------------------------------------------------------------- stopped aid
@pytest.mark.parametrize("text, target", [
    ("The United States paused military aid to Ukraine.", "ukr"),
    ("Japan froze development assistance to Sudan after the coup.", "sdn"),
    ("Britain cut off humanitarian aid to the rebels.", "reb"),
    ("France halted its financial support and aid to Mali.", "mli"),
])
def test_stopping_aid_is_a_sanction_of_mode_aid_not_aid(nlp, text, target):
    events = events_of(nlp, text)
    assert not any(e.type == "AID" and not e.negated for e in events), triples(events)
    sanction = find(events, "SANCTION")
    assert target in sanction.target and sanction.mode == "aid"


def test_stopping_to_fund_a_party_is_a_sanction(nlp):
    events = events_of(nlp, "Qatar stopped funding the militias last year.")
    assert not any(e.type == "AID" for e in events)
    assert find(events, "SANCTION").target == ("militia",)


def test_aid_itself_is_still_aid(nlp):
    assert find(events_of(nlp, "Britain sent military aid to Ukraine."), "AID").target == ("ukr",)


# ---------------------------------------------------------------- disasters, accidents, crime
@pytest.mark.parametrize("text", [
    "An earthquake killed more than 3,000 people in Turkey.",
    "A bus crash killed 12 people in Pakistan on Friday.",
    "Twenty people were killed in floods in India.",
    "Heavy storms destroyed hundreds of homes in Libya.",
    "A cholera outbreak has killed 40 people in Sudan.",
])
def test_a_nonpolitical_cause_gives_no_assault(nlp, text):
    events = events_of(nlp, text)
    assert not any(e.type == "ASSAULT" for e in events), triples(events)


def test_a_political_killer_still_assaults(nlp):
    assert find(events_of(nlp, "The rebels killed 12 people in Mali."), "ASSAULT").source == ("reb",)


# ---------------------------------------------------------------- hedged attribution
@pytest.mark.parametrize("text", [
    "According to intelligence officials, Iran supplied drones to Russia.",
    "According to leaked documents, Qatar funded the militias.",
    "Russia reportedly shelled Kyiv overnight.",
    "Iran allegedly armed the Houthis.",
    "Iran is believed to have armed the Houthis.",
])
def test_unattributed_or_secret_sources_hedge(nlp, text):
    events = events_of(nlp, text)
    assert events and all(e.hedged for e in events), [(e.type, e.hedged) for e in events]


def test_a_plain_statement_is_not_hedged(nlp):
    assert not find(events_of(nlp, "Iran supplied drones to Russia."), "AID").hedged


# ---------------------------------------------------------------- projectiles and light verbs
@pytest.mark.parametrize("text, source, target", [
    ("Russia fired 60 missiles and 190 drones at Ukraine.", "rus", "ukr"),
    ("Hezbollah launched rockets into Israel on Tuesday.", "hzb", "isr"),
    ("Syria dropped barrel bombs on the rebels.", "syr", "reb"),
])
def test_projectiles_launched_at_a_target_are_an_assault(nlp, text, source, target):
    attack = find(events_of(nlp, text), "ASSAULT")
    assert attack.source == (source,) and attack.target == (target,)


@pytest.mark.parametrize("text", [
    "Russia fired the defence minister.",
    "Japan launched a weather satellite.",
])
def test_launching_without_a_projectile_and_a_target_is_no_assault(nlp, text):
    assert not any(e.type == "ASSAULT" for e in events_of(nlp, text))


@pytest.mark.parametrize("text, etype, source, target", [
    ("The EU adopted a package of sanctions against Russia.", "SANCTION", "eu", "rus"),
    ("Britain imposed a new round of sanctions on Iran.", "SANCTION", "gbr", "irn"),
    ("Russia launched a wave of attacks on Ukraine.", "ASSAULT", "rus", "ukr"),
    ("Israel carried out airstrikes on Gaza.", "ASSAULT", "isr", "gaza"),
    ("Iran and Qatar held talks in Doha.", "CONSULT", "irn", None),
])
def test_light_verb_with_an_event_noun(nlp, text, etype, source, target):
    event = find(events_of(nlp, text), etype)
    assert source in event.source
    if target is not None:
        assert target in event.target


def test_a_light_verb_yields_to_the_event_it_carries(nlp):
    events = events_of(nlp, "Congress approved military aid to Ukraine.")
    assert find(events, "AID").target == ("ukr",)
    assert not any(e.type == "CONCEDE" for e in events)


# ---------------------------------------------------------------- refusals
@pytest.mark.parametrize("text", [
    "Iran and Britain failed to reach an agreement on the nuclear deal.",
    "France will not lift the ban on Mali.",
    "Egypt refused to cooperate with Turkey.",
])
def test_a_refused_or_failed_cooperative_act_is_a_rejection(nlp, text):
    events = events_of(nlp, text)
    reject = find(events, "REJECT")
    assert not reject.negated
    assert not reject.hypothetical  # the refusal is stated now, "will not" included
    assert not any(e.type in ("AGREE", "CONCEDE", "COOPERATE") and e.negated for e in events)


def test_a_refusal_held_by_a_condition_stays_hypothetical(nlp):
    """"would not lift the ban if ...": no refusal has happened yet."""
    reject = find(events_of(nlp, "France would not lift the ban on Mali if Russia stayed."), "REJECT")
    assert not reject.negated and reject.hypothetical


def test_a_denied_cooperative_act_stays_negated(nlp):
    events = events_of(nlp, "Iran denied arming the rebels.")
    aid = find(events, "AID")
    assert aid.negated and aid.asserted_by == "irn"
    assert not any(e.type == "REJECT" and e.target == ("reb",) for e in events)


@pytest.mark.parametrize("text, etype, source, target", [
    ("Britain voiced strong support for Ukraine.", "SUPPORT", "gbr", "ukr"),
    ("Pakistan pledged full support for Qatar.", "SUPPORT", "pak", "qat"),
    ("Iran cancelled talks with Britain.", "REJECT", "irn", "gbr"),
    ("Egypt called off the deal with Sudan.", "REJECT", "egy", "sdn"),
    ("Qatar sued Egypt at the international court.", "ACCUSE", "qat", "egy"),
])
def test_codebook_verbs_and_light_verbs(nlp, text, etype, source, target):
    event = find(events_of(nlp, text), etype)
    assert source in event.source and target in event.target


@pytest.mark.parametrize("text, source, target", [
    ("France gave 300 million euros to Mali.", "fra", "mli"),
    ("Japan sent food and medicine to Sudan.", "jpn", "sdn"),
    ("Iran gave Russia hundreds of drones.", "irn", "rus"),
])
def test_money_and_goods_given_to_a_party_are_aid(nlp, text, source, target):
    aid = find(events_of(nlp, text), "AID")
    assert source in aid.source and target in aid.target


@pytest.mark.parametrize("text", [
    "Brazil beat Argentina 2-0 in the World Cup qualifier.",
    "Pakistan crushed India in the cricket final.",
])
def test_sport_is_no_assault(nlp, text):
    assert not any(e.type == "ASSAULT" for e in events_of(nlp, text))


@pytest.mark.parametrize("text", [
    "Nine people were killed when a building collapsed in Libya.",
    "Twelve people were killed when an earthquake struck Pakistan.",
])
def test_a_disaster_clause_gives_no_assault(nlp, text):
    assert not any(e.type == "ASSAULT" for e in events_of(nlp, text))


def test_a_killing_in_an_attack_clause_stays_an_assault(nlp):
    events = events_of(nlp, "Nine people were killed when Russia shelled Kyiv.")
    assert any(e.type == "ASSAULT" and e.source == ("rus",) for e in events)


@pytest.mark.parametrize("text, source", [
    ("The army imposed martial law in Myanmar.", "mmr"),
    ("Sudan declared a state of emergency in Khartoum.", "sdn"),
])
def test_emergency_rule_is_coercion(nlp, text, source):
    assert source in find(events_of(nlp, text), "COERCE").source


def test_a_release_without_its_releaser_is_still_a_concession(nlp):
    concede = find(events_of(nlp, "Two Russian sailors were released from captivity in Libya."), "CONCEDE")
    assert concede.target == ("rus",) and concede.mode == "release"


@pytest.mark.parametrize("text, source, target", [
    ("Qatar spurned an offer of talks from Egypt.", "qat", None),
    ("The rebels will not end their boycott of the talks.", "reb", None),
])
def test_refusals_are_rejections(nlp, text, source, target):
    reject = find(events_of(nlp, text), "REJECT")
    assert source in reject.source and (target is None or target in reject.target)
