"""The ``factionmap_actors`` spaCy component (see :mod:`factionmap.actors.resolver`)."""

from __future__ import annotations

from factionmap.actors.factory import build_resolver, make_actor_resolver
from factionmap.actors.resolver import ActorResolver

__all__ = ["ActorResolver", "build_resolver", "make_actor_resolver"]
