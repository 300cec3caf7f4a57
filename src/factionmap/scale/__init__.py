"""Scale: coding a corpus on a Ray cluster (``ingest --engine ray``), results into the store or Parquet.

Ray is optional (``pip install 'factionmap[ray]'``); it is imported only when a
run starts, so importing this package costs nothing without it.  The names
below load their module on first use (PEP 562), so the CLI can read
:class:`RayOptions`' defaults without importing the engine and its readers.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["RayEngineError", "RayOptions", "analyze_ray", "ingest_ray", "plan_sources", "ray_session"]

_HOMES = {"RayOptions": "options", "RayEngineError": "engine", "analyze_ray": "engine", "ingest_ray": "engine",
          "plan_sources": "engine", "ray_session": "engine"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'factionmap.scale' has no attribute {name!r}")
    return getattr(importlib.import_module(f"factionmap.scale.{_HOMES[name]}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
