"""Bring corpus and held-out labels to the PLOVER codebook's CAMEO roots (one-time, idempotent).

Usage: python3 scripts/codebook_align.py [--write] FILE.jsonl ...

The project's first corpus writers coded some constructions by a house convention that differs
from the codebook PLOVER was derived from (CAMEO 2.0, whose roots PLOVER merges). This script
rewrites those labels by rule, printing every change; without ``--write`` it only prints.

- CAMEO 057 "sign formal agreement" and 054 "grant diplomatic recognition / establish relations"
  and 055 "apologise" sit under root 05 (diplomatic cooperation) = PLOVER SUPPORT: an AGREE whose
  trigger signs, inks, initials, concludes or ratifies an agreement (a ceasefire or truce named in
  the trigger or just after it excepted: CAMEO 0871, a yield), or that reaches / strikes a deal, and an AGREE or COOPERATE that
  establishes, restores or normalises relations, become SUPPORT; an apology coded CONCEDE becomes
  SUPPORT. Future or hypothetical signings stay AGREE (CAMEO 03, intent).
- CAMEO 074 "provide military protection or peacekeeping" is root 07 = AID (mode military): a
  deployment of peacekeepers coded MOBILIZE becomes AID.
- CAMEO 191 "impose blockade" and 192 "occupy territory" are root 19 (fight) = ASSAULT: a siege or
  blockade coded COERCE (a declared "state of siege" excepted: an emergency decree) becomes
  ASSAULT; occupations of territory are listed by id (the trigger alone does not say whether a
  building or a territory was taken).
- CAMEO 03 "express intent to cooperate": a pledge is AGREE by the pledger besides the pledged act;
  a hypothetical cooperative event governed by "pledged / promised / vowed / committed to /
  offered to" gains an AGREE with that trigger.
- CAMEO 128 "defy norms, law" is root 12 = REJECT: defying (or acting in defiance of) a ban, curfew,
  law, order, ruling, court or the police is REJECT by the defier, besides the act done in defiance
  (a protest, a march); an event whose trigger is the defying word itself becomes REJECT.
- CAMEO 116 "find guilty or liable (legally)" is root 11 (disapprove) = ACCUSE, and a prison term is
  CAMEO 173 (detain, under root 17) = COERCE: the house code SANCTION mode "convict" becomes ACCUSE
  mode "legal" when its trigger convicts or finds guilty, and COERCE (mode "detain"; null for a death
  sentence) when it jails or sentences; executions and disqualifications keep their code.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SIGN = re.compile(r"\b(sign(s|ed|ing)?|ink(s|ed)?|initiall?(ed|s)?|conclud\w*|ratif\w*)\b")
REACH = re.compile(r"\b(reach(ed|es)?|str(uck|ike)|clinch(ed)?|seal(ed)?)\b.*\b(deal|agreement|accord|pact|treaty)")
AGREED_TEXT = re.compile(r"^agree[sd]? (on )?(the|a|an|its|their) ([\w-]+ ){0,4}(deal|agreement|accord|treaty|pact|text|framework)\b")
NOUN_DONE = re.compile(r"^(the |a )?[\w -]*(deal|agreement|accord|treaty|pact) (signed|reached)$")
TRUCE = re.compile(r"ceasefire|cease-fire|truce|cessation|armistice|moratorium")
RELATIONS = re.compile(r"\b(establish\w*|restor\w*|normali[sz]\w*)\b.*\b(ties|relations)\b|^normali[sz]ation( deal| accords?)?$")
APOLOGY = re.compile(r"\bapolog")
PEACEKEEPING = re.compile(r"peacekeep")
DEPLOY = re.compile(r"deploy|sen[dt]|dispatch|contribut|arriv|serv")
SIEGE = re.compile(r"blockad|besieg|siege")
PLEDGE = re.compile(r"\b(pledged|pledges|promised|promises|vowed|vows|committed to|offered to|offers to)\b")
DEFY = re.compile(r"\b(defy|defies|defied|defying|in defiance of)\b(?=[^.;]{0,40}\b(ban|bans|curfew|law|laws|order|orders|ruling|court|police|injunction|decree|prohibition|restrictions)\b)", re.I)
GUILTY = re.compile(r"convict|guilty|^found$|upheld [\w ]*charges")
JAILED = re.compile(r"sentenc|jail|prison|serving|terms?\b")
DEATH = re.compile(r"death")
WITHDRAW = re.compile(r"withdr[ae]w|pull(s|ed|ing)? out|recall")
MISSION_STAFF = re.compile(r"peacekeep|monitors|observers|inspectors|aid (workers|agencies|staff)")
COOPERATIVE = {"AID", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT", "SUPPORT"}
OCCUPIED = {"D-2216", "E-0357", "E-0538", "F-0031", "F-0706", "F-0802", "F-0868", "F-0717",
            "F-0216", "F-0222", "H-0284", "H-0315", "H-0363", "H-0436", "H-0229"}
OCCUPY = re.compile(r"occup|took (full )?(control|over)|retook")


def _text(span: object) -> str:
    """The string of a span written as a string or as ``{"text", "n"}``."""
    return (span.get("text") if isinstance(span, dict) else span) or ""


def _retype(rid: str, event: dict, sentence: str) -> str | None:
    """The codebook type for one event, or None when it stays."""
    kind, trigger = event["type"], _text(event.get("trigger")).lower()
    at = sentence.lower().find(trigger) if trigger else -1
    context = sentence.lower()[at:at + len(trigger) + 40] if at >= 0 else trigger
    if kind != "REJECT" and DEFY.search(sentence) and DEFY.search(sentence).group(1).lower() == trigger:
        return "REJECT"
    if kind == "AGREE" and not event.get("hypothetical") and not TRUCE.search(context):
        if SIGN.search(trigger) or REACH.search(trigger) or NOUN_DONE.match(trigger) or AGREED_TEXT.match(context):
            return "SUPPORT"
    if kind in ("AGREE", "COOPERATE") and not event.get("hypothetical") and RELATIONS.search(trigger):
        return "SUPPORT"
    if kind == "CONCEDE" and APOLOGY.search(trigger):
        return "SUPPORT"
    if kind == "SANCTION" and event.get("mode") == "convict":
        if GUILTY.search(trigger):
            return "ACCUSE"
        if JAILED.search(trigger):
            return "COERCE"
    if kind == "RETREAT" and WITHDRAW.search(trigger) and MISSION_STAFF.search(context):
        return "SANCTION"
    if kind == "MOBILIZE" and PEACEKEEPING.search(sentence.lower()) and DEPLOY.search(trigger):
        return "AID"
    if kind == "COERCE" and SIEGE.search(trigger) and "state of siege" not in trigger:
        return "ASSAULT"
    if kind in ("COERCE", "MOBILIZE") and rid in OCCUPIED and OCCUPY.search(trigger):
        return "ASSAULT"
    return None


def _pledge(record: dict) -> dict | None:
    """An AGREE for the first pledge word governing a hypothetical cooperative event."""
    text, events = record["text"], record["events"]
    match = PLEDGE.search(text)
    if match is None or any(e["type"] == "AGREE" for e in events):
        return None
    for event in events:
        trigger = _text(event.get("trigger"))
        at = text.find(trigger) if trigger else -1
        if event["type"] in COOPERATIVE and event.get("hypothetical") and at >= match.start():
            return {"type": "AGREE", "mode": None, "source": event["source"], "target": event["target"],
                    "trigger": match.group(0), "negated": bool(event.get("negated")),
                    "hedged": bool(event.get("hedged")), "hypothetical": False,
                    "asserted_by": event.get("asserted_by", "author")}
    return None


def _defiance(record: dict) -> dict | None:
    """A REJECT by the defier for "defying a ban / curfew / law / order ..." (none if coded already)."""
    match = DEFY.search(record["text"])
    if match is None or any(e["type"] == "REJECT" for e in record["events"]):
        return None
    doers = [e for e in record["events"] if e.get("source") and not e.get("hypothetical")
             and e["type"] not in ("THREATEN", "REQUEST", "ACCUSE")]  # a warned-of defiance is no act
    if not doers:
        return None
    return {"type": "REJECT", "mode": None, "source": doers[0]["source"], "target": [],
            "trigger": match.group(1), "negated": False, "hedged": bool(doers[0].get("hedged")),
            "hypothetical": False, "asserted_by": doers[0].get("asserted_by", "author")}


def align(record: dict) -> list[str]:
    """Rewrite one record in place; the changes, as lines to print."""
    changes = []
    for event in record["events"]:
        new = _retype(record["id"], event, record["text"])
        if new:
            changes.append(f"{event['type']}→{new} {_text(event.get('trigger'))!r}")
            event["type"] = new
            if new == "AID":
                event["mode"] = "military"
            elif new == "ACCUSE":
                event["mode"] = "legal"
            elif new == "SANCTION":
                event["mode"] = "expel"
            elif new == "COERCE":
                event["mode"] = None if DEATH.search(_text(event.get("trigger")).lower()) else "detain"
            elif new in ("SUPPORT", "ASSAULT", "REJECT"):
                event["mode"] = None
    added = _pledge(record)
    if added:
        record["events"].append(added)
        changes.append(f"+AGREE {added['trigger']!r}")
    defied = _defiance(record)
    if defied:
        record["events"].append(defied)
        changes.append(f"+REJECT {defied['trigger']!r}")
    return changes


def main(argv: list[str]) -> int:
    write = "--write" in argv
    for name in (a for a in argv if a != "--write"):
        path, lines, changed = Path(name), [], 0
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else None
            changes = align(record) if record else []
            if changes:
                changed += 1
                print(f"{name} {record['id']}: {'; '.join(changes)} | {record['text'][:90]}")
                line = json.dumps(record, ensure_ascii=False)
            lines.append(line)
        if write and changed:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
