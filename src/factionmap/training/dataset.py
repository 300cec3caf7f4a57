"""Corpus sentences → training examples for the event-type model.

Each corpus sentence is parsed by the real pipeline up to the rule coder
(actors, quotes, events; the typer itself is left out).  Each spaCy sentence
of it becomes an :class:`Example`: the :class:`~factionmap.events.typer.SentenceView`
the typer would see (candidates and coder events), the gold class of every
candidate (the type of the gold event whose trigger it overlaps, else
``none``) and the gold types of the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factionmap.events.typemodel import NONE
from factionmap.events.typer import Candidate, SentenceView, candidate_tokens, role_actors, sentence_view
from factionmap.training.corpus import CorpusSentence

__all__ = ["Example", "build_examples", "coder_nlp"]


@dataclass(frozen=True)
class Example:
    """One spaCy sentence of a corpus line, with gold labels."""

    sentence_id: str
    view: SentenceView
    labels: tuple[str, ...]  # per candidate: a PLOVER type or "none"
    gold_types: frozenset[str]
    has_actor: bool


def coder_nlp(model: str | None = None):  # noqa: ANN201 - spacy Language
    """The pipeline without the learned typer (what the typer reads)."""
    from factionmap.pipeline import AnalyzeOptions, build_nlp

    nlp = build_nlp(AnalyzeOptions(model=model))
    if "factionmap_event_typer" in nlp.pipe_names:
        nlp.remove_pipe("factionmap_event_typer")
    return nlp


def build_examples(sentences: Sequence[CorpusSentence], nlp=None, batch_size: int = 64) -> list[Example]:  # noqa: ANN001
    """Parse every corpus sentence and build its examples (one per spaCy sentence)."""
    nlp = nlp or coder_nlp()
    out: list[Example] = []
    for record, doc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=batch_size)):
        events = list(doc._.fm_events or ())
        for sent in doc.sents:
            inside = [e for e in events if sent.start_char <= e.trigger.start < sent.end_char]
            view = sentence_view(sent, inside)
            has_actor = view is not None
            if view is None:
                view = _bare_view(sent)
                if view is None:
                    continue
            golds = [e for e in record.events if sent.start_char <= e.trigger.start < sent.end_char]
            labels = tuple(_label(c, golds) for c in view.candidates)
            out.append(Example(record.id, view, labels, frozenset(e.type for e in golds), has_actor))
    return out


def _bare_view(sent) -> SentenceView | None:  # noqa: ANN001
    """A view of a sentence without actor mentions (still useful to learn types from)."""
    tokens = candidate_tokens(sent)
    if not tokens:
        return None
    candidates = []
    for token in tokens:
        source, target = role_actors(token)
        candidates.append(Candidate(token.i, token.idx, token.idx + len(token), bool(source), bool(target)))
    return SentenceView(sent.text, sent.start_char, tuple(candidates), ())


def _label(cand: Candidate, golds) -> str:  # noqa: ANN001
    for gold in golds:
        if cand.start < gold.trigger.end and cand.end > gold.trigger.start:
            return gold.type
    return NONE
