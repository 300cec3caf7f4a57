"""Options of the Ray engine: where the cluster is, how many actors, how much each asks for."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RayOptions"]


@dataclass(frozen=True)
class RayOptions:
    """How ``ingest --engine ray`` runs.

    ``address`` is ``None`` for a local Ray started (and stopped) by the run
    itself, ``"auto"`` for the cluster this machine belongs to (``ray start
    --head``), or ``ray://host:10001`` for a remote one.  ``num_workers`` is
    the size of the actor pool, each actor holding one pipeline (model loaded
    once per actor).  ``actor_cpus`` is the most one actor reserves: fractional,
    and cut further where the pool would leave no CPU for a read task (a pool
    of whole-CPU actors on 2 CPUs starves the reads and never finishes).
    ``batch_size`` inputs (fewer where they are long: the local engine's
    chunks, :mod:`factionmap.store.chunks`) go to an actor per call and come
    back as one message.  ``num_cpus`` and ``object_store_mb`` size a local
    Ray only (``None``: Ray's defaults, i.e. every core).
    """

    address: str | None = None
    num_workers: int = 2
    actor_cpus: float = 0.9
    batch_size: int = 32
    num_cpus: int | None = None
    object_store_mb: int | None = 256

    def __post_init__(self) -> None:
        if self.num_workers < 1:
            raise ValueError(f"num_workers must be at least 1 (got {self.num_workers})")
        if not 0 < self.actor_cpus:
            raise ValueError(f"actor_cpus must be positive (got {self.actor_cpus})")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1 (got {self.batch_size})")
