"""The seed op-ed against ``seed-expected.json``: events, figures, quotes, sections, aliases, voice."""

from __future__ import annotations

import time
from typing import Any

from factionmap.evaluate.common import Miss, SeedCheck, SeedReport, _default_analyzer, _describe
from factionmap.evaluate.re3d import _overlaps
from factionmap.model import DocumentAnalysis, Event, RawInput


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def _strip_article(text: str) -> str:
    text = _norm(text)
    for prefix in ("the ", "a ", "an "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.removesuffix("'s")


def _find(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    if start < 0:
        return None
    return start, start + len(evidence)


def _actor_matches(analysis: DocumentAnalysis, actor_id: str, expected: dict[str, Any]) -> bool:
    """Country (and sector when given) agree, or a mention's text overlaps the expected text."""
    actor = analysis.actor(actor_id)
    if actor is None:
        return False
    want = _strip_article(expected.get("text") or "")
    for mention in actor.mentions:
        got = _strip_article(mention.text)
        if got and want and (got in want or want in got):
            return True
    country, sector = expected.get("country"), expected.get("sector")
    if country and actor.profile.country == country:
        return not sector or actor.profile.sector == sector
    return False


def _seed_event_ok(analysis: DocumentAnalysis, event: Event, expected: dict[str, Any], span) -> bool:
    types = expected["type"] if isinstance(expected["type"], list) else [expected["type"]]
    if event.type not in types:
        return False
    if span is not None and not any(_overlaps((s.start, s.end), span) for s in (event.evidence or (event.sentence,))):
        return False
    for side in ("source", "target"):
        for want in expected.get(side) or ():
            if not any(_actor_matches(analysis, a, want) for a in getattr(event, side)):
                return False
    return True


def _seed_events(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    text = analysis.document.text
    checks = []
    for item in expected.get("events") or ():
        span = _find(text, item.get("evidence") or "")
        ok = any(_seed_event_ok(analysis, e, item, span) for e in analysis.events)
        label = f"{item['type']} {[a['text'] for a in item.get('source') or ()]} -> {[a['text'] for a in item.get('target') or ()]}"
        near = [_describe(analysis, e) for e in analysis.events if span and _overlaps((e.sentence.start, e.sentence.end), span)]
        checks.append(SeedCheck("events", label, ok, "; ".join(near) or "no event in that sentence"))
    return checks


def _seed_figures(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    checks = []
    for item in expected.get("figures") or ():
        def ok(f) -> bool:
            if f.kind != item.get("kind") or f.value != item.get("value"):
                return False
            return not item.get("qualifier") or f.qualifier == item["qualifier"]

        found = ", ".join(f"{f.kind}={f.value}/{f.qualifier}" for f in analysis.figures)
        checks.append(SeedCheck("figures", item.get("evidence", ""), any(ok(f) for f in analysis.figures), found))
    return checks


def _seed_quotes(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    text = analysis.document.text
    checks = []
    for item in expected.get("quotes") or ():
        span = _find(text, item.get("evidence") or "")
        speaker = _strip_article(item.get("speaker") or "")

        def ok(q) -> bool:
            if span and not _overlaps((q.start, q.end), span):
                return False
            if bool(q.direct) != bool(item.get("direct", q.direct)):
                return False
            return speaker in _strip_article(q.speaker_text) or _strip_article(q.speaker_text) in speaker

        found = "; ".join(f"{q.speaker_text!r} direct={q.direct}" for q in analysis.quotes)
        checks.append(SeedCheck("quotes", f"{item.get('speaker')}: {item.get('evidence')}", any(ok(q) for q in analysis.quotes), found))
    return checks


def _seed_sections(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    text = analysis.document.text
    checks = []
    for item in expected.get("sections") or ():
        span = _find(text, item.get("evidence") or "")
        kind = item.get("kind")
        ok = span is not None and any(
            s.kind == kind and s.start <= span[0] and span[1] <= s.end for s in analysis.document.sections
        )
        kinds = [s.kind for s in analysis.document.sections if span and _overlaps((s.start, s.end), span)]
        checks.append(SeedCheck("sections", f"{kind}: {item.get('evidence')}", ok, f"found in {kinds or 'no section'}"))
    return checks


def _alias_ids(analysis: DocumentAnalysis, alias: str) -> set[str]:
    want = _strip_article(alias)
    exact = {a.id for a in analysis.actors for m in a.mentions if _strip_article(m.text) == want}
    if exact:
        return exact
    span = _find(analysis.document.text, alias)
    if span is None:
        return set()
    return {a.id for a in analysis.actors for m in a.mentions if span[0] <= m.start and m.end <= span[1]}


def _seed_aliases(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    checks = []
    text = analysis.document.text
    for group in expected.get("aliases") or ():
        present = [alias for alias in group if alias in text]  # a listed alias may not occur in this text
        found = {alias: _alias_ids(analysis, alias) for alias in present}
        ids = set().union(*found.values())
        ok = bool(found) and all(found.values()) and len(ids) == 1
        detail = "; ".join(f"{alias}: {sorted(v) or 'not found'}" for alias, v in found.items())
        checks.append(SeedCheck("aliases", " / ".join(group), ok, detail))
    return checks


def _seed_comment_voice(analysis: DocumentAnalysis) -> list[SeedCheck]:
    bad = [e for e in analysis.events if e.section == "comment" and e.asserted_by == "author"]
    detail = "; ".join(_describe(analysis, e) for e in bad)
    return [SeedCheck("comment_voice", "no comment event asserted by the author", not bad, detail)]


def evaluate_seed(expected: dict[str, Any], analyzer=None, *, name: str = "seed") -> SeedReport:
    """Check the seed op-ed against seed-expected.json, page structure included."""
    from factionmap.document import build_document

    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    document = build_document(RawInput(name=str(expected.get("id") or name), content=expected["text"]))
    analysis = analyzer.analyze_one(document)
    checks = (
        _seed_events(analysis, expected)
        + _seed_figures(analysis, expected)
        + _seed_quotes(analysis, expected)
        + _seed_sections(analysis, expected)
        + _seed_aliases(analysis, expected)
        + _seed_comment_voice(analysis)
    )
    rid = str(expected.get("id") or name)
    misses = tuple(Miss(rid, c.kind, f"{c.expected} | {c.detail}") for c in checks if not c.ok)
    return SeedReport("seed", 1, round(time.perf_counter() - started, 2), tuple(checks), misses)


def analyze_seed(expected: dict[str, Any], analyzer=None) -> DocumentAnalysis:
    """The seed's analysis as evaluate_seed reads it (for tests that look deeper)."""
    from factionmap.document import build_document

    analyzer = _default_analyzer(analyzer)
    return analyzer.analyze_one(build_document(RawInput(name=str(expected.get("id")), content=expected["text"])))
