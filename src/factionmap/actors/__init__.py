"""Actors: recognise mentions and resolve them to coded actors.

The spaCy component built by :func:`make_actor_resolver` sets
``doc._.fm_mentions``, ``doc._.fm_profiles`` and ``token._.fm_actor``.
"""

from __future__ import annotations

from factionmap.actors.component import make_actor_resolver

__all__ = ["make_actor_resolver"]
