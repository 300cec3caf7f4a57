"""Great-circle distances for ``--near PLACE --radius KM``."""

from __future__ import annotations

import math

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "near"]

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def near(lat: float | None, lon: float | None, centre: tuple[float, float], radius_km: float) -> bool:
    """True when the point lies within ``radius_km`` of ``centre``; False for a point without coordinates."""
    if lat is None or lon is None:
        return False
    return haversine_km(lat, lon, centre[0], centre[1]) <= radius_km
