"""Scale: coding a corpus on a Ray cluster (``ingest --engine ray``), results into the store or Parquet.

Ray is optional (``pip install 'factionmap[ray]'``); it is imported only when a
run starts, so importing this package costs nothing without it.
"""

from __future__ import annotations

from factionmap.scale.engine import RayEngineError, analyze_ray, ingest_ray, plan_sources, ray_session
from factionmap.scale.options import RayOptions

__all__ = ["RayEngineError", "RayOptions", "analyze_ray", "ingest_ray", "plan_sources", "ray_session"]
