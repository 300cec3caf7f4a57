"""Places: the trimmed GeoNames gazetteer, place mentions in a parsed sentence, and
Mordecai-style disambiguation by the document's countries, population and admin level.

* :mod:`factionmap.geo.gazetteer` — :class:`Place`, :class:`Gazetteer` (bundled
  ``data/geo/places.tsv.gz`` and ``features.tsv``, extendable with files of the same columns);
* :mod:`factionmap.geo.resolve` — :class:`GeoContext`, :func:`rank`, :func:`resolve_name`;
* :mod:`factionmap.geo.mentions` — :func:`place_mentions` in a spaCy ``Doc``, :func:`dateline`;
* :mod:`factionmap.geo.distance` — :func:`haversine_km`, :func:`near`.
"""

from factionmap.geo.distance import haversine_km, near
from factionmap.geo.gazetteer import Gazetteer, GazetteerError, Place, default_gazetteer, name_key
from factionmap.geo.mentions import PlaceMention, dateline, place_mentions
from factionmap.geo.resolve import GeoContext, Ranked, place_point, rank, resolve_name

__all__ = [
    "Gazetteer",
    "GazetteerError",
    "GeoContext",
    "Place",
    "PlaceMention",
    "Ranked",
    "dateline",
    "default_gazetteer",
    "haversine_km",
    "name_key",
    "near",
    "place_mentions",
    "place_point",
    "rank",
    "resolve_name",
]
