"""Building the ``factionmap_actors`` component: gazetteer and phrase matchers."""

from __future__ import annotations


from spacy.language import Language
from spacy.matcher import PhraseMatcher

from factionmap.actors.data import descriptions
from factionmap.actors.gazetteer import Gazetteer, build_gazetteer
from factionmap.actors.resolver import ActorResolver
from factionmap.nlp import guarded

__all__ = ["build_resolver", "make_actor_resolver"]


def _surface_matcher(nlp: Language, gazetteer: Gazetteer) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    texts = sorted(gazetteer.surfaces)
    for text, doc in zip(texts, nlp.tokenizer.pipe(texts)):
        matcher.add(text, [doc])
    return matcher


def _description_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    texts = [f"{det} {phrase}" for phrase in sorted(descriptions()) for det in ("the", "this", "these")]
    matcher.add("description", list(nlp.tokenizer.pipe(texts)))
    return matcher


def build_resolver(nlp: Language, actor_files: list[str] | tuple[str, ...] = ()) -> ActorResolver:
    """The resolver for ``nlp``: bundled actors plus ``actor_files`` (later files override)."""
    gazetteer = build_gazetteer(tuple(str(p) for p in actor_files))
    return ActorResolver(gazetteer, _surface_matcher(nlp, gazetteer), _description_matcher(nlp))


def make_actor_resolver(nlp: Language, name: str, actor_files: list[str]):
    """spaCy factory of ``factionmap_actors`` (registered by :mod:`factionmap.pipeline`)."""
    return guarded(name, build_resolver(nlp, actor_files))
