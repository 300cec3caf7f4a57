"""The resolver's passes, one module each, over the shared :class:`factionmap.actors.state._State`."""

from __future__ import annotations

from factionmap.actors.passes.gazetteer import GazetteerPass
from factionmap.actors.passes.acronyms import AcronymPass
from factionmap.actors.passes.entities import EntityPass
from factionmap.actors.passes.fuzzy import FuzzyPass
from factionmap.actors.passes.titles import TitlePass
from factionmap.actors.passes.compounds import CompoundPass
from factionmap.actors.passes.context import ContextPass
from factionmap.actors.passes.places import PlacePass
from factionmap.actors.passes.references import ReferencePass
from factionmap.actors.passes.displaced import DisplacedPass
from factionmap.actors.passes.unattributed import UnattributedPass
from factionmap.actors.passes.possessives import PossessivePass

__all__ = ["GazetteerPass", "AcronymPass", "EntityPass", "FuzzyPass", "TitlePass", "CompoundPass", "ContextPass", "PlacePass", "ReferencePass", "DisplacedPass",
           "UnattributedPass", "PossessivePass"]
