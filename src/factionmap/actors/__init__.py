"""Actors: recognise mentions and resolve them to coded actors.

The spaCy component built by :func:`make_actor_resolver` sets
``doc._.fm_mentions``, ``doc._.fm_profiles``, ``token._.fm_actor`` and, on a pronoun standing for
several actors ("Qatar and Turkey ... they"), ``token._.fm_group``.

Actor ids: known actors keep their actor-file id (``RUS`` for the Russian
state, ``LBY-LNA``, ``person-khalifa-haftar``); generic agents are coded
``<country><sector>`` (``USAMIL``, ``LBYCVL``; a state's ``GOV`` is the country
actor itself, so "a US official" is ``USA``); places are ``loc-<slug>`` and
other unknown names ``x-<slug>``, the same in every document.  The actor file
format is documented in :mod:`factionmap.actors.data`.
"""

from __future__ import annotations

from factionmap.actors.component import make_actor_resolver
from factionmap.actors.data import ActorEntry, ActorFileError, load_actor_file
from factionmap.actors.gazetteer import build_gazetteer, slug
from factionmap.actors.resolver import generic_id
from factionmap.actors.unresolved import unresolved_names, unresolved_stubs

__all__ = [
    "ActorEntry",
    "ActorFileError",
    "build_gazetteer",
    "generic_id",
    "load_actor_file",
    "make_actor_resolver",
    "slug",
    "unresolved_names",
    "unresolved_stubs",
]
