"""CPU seconds of a process tree, by kind of process, read from ``/proc`` (Linux; empty elsewhere).

Not a benchmark itself: ``bench/ray.py`` uses it.  :class:`TreeCPU` follows one
root process and everything below it (Ray's ``gcs_server`` and ``raylet`` are
started by the driver, Ray workers and actors by the raylet, local workers by a
fork server).  Each :meth:`TreeCPU.sample` records every live process's own
user+system time, keyed by (pid, start time) so a reused pid is a new process;
a process that ends between two samples keeps its last reading, so what it did
after that sample is lost (sample often, and at the moments that matter).
:meth:`TreeCPU.by_kind` sums the readings by kind, :func:`kind_of` naming it
from the command line Ray and multiprocessing set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["KINDS", "TreeCPU", "kind_of"]

PROC = Path("/proc")
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

#: Report order.  ``coder``: the processes that code documents (Ray actors, local workers);
#: ``read task``: Ray workers running tasks (reading, re-blocking) or idle; ``data actor``: Ray
#: Data's own helper actors (stats, autoscaling coordinator, actor locations); ``ray daemon``:
#: the dashboard and runtime-env agents, log monitor, autoscaler monitor and the like.
KINDS = ("driver", "coder", "read task", "data actor", "raylet", "gcs", "ray daemon", "other")
DATA_ACTORS = ("_StatsActor", "ActorLocationTracker", "_AutoscalingCoordinatorActor")
RAY_AGENTS = ("DashboardAgent", "RuntimeEnvAgent")


def kind_of(cmdline: str, ppid_kind: str | None, is_root: bool) -> str:
    """The kind of a process from its command line (Ray names its workers ``ray::<what>``)."""
    if is_root:
        return "driver"
    if "MapWorker" in cmdline or "_Coder" in cmdline or ppid_kind == "fork server":
        return "coder"
    if "multiprocessing.forkserver" in cmdline:
        return "fork server"  # reported with "other": it only forks the local workers
    if cmdline.startswith("ray::"):
        name = cmdline[5:].split(" ", 1)[0]
        return "data actor" if name in DATA_ACTORS else "ray daemon" if name in RAY_AGENTS else "read task"
    program = Path(cmdline.split(" ", 1)[0]).name
    if program in ("gcs_server", "raylet"):
        return "gcs" if program == "gcs_server" else "raylet"
    if "/ray/" in cmdline:  # a script of the ray package (log monitor, agents, autoscaler monitor)
        return "ray daemon"
    return "other"


def _stat(pid: str) -> tuple[int, int, float] | None:
    """(ppid, start time, own CPU seconds) of one process, or None when it is gone."""
    try:
        fields = (PROC / pid / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), int(fields[19]), (int(fields[11]) + int(fields[12])) / TICK


def _cmdline(pid: str) -> str:
    try:
        return (PROC / pid / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


@dataclass
class TreeCPU:
    """Readings of one process tree: CPU seconds and kind per process, keyed by (pid, start time)."""

    root: int
    readings: dict[tuple[int, int], float] = field(default_factory=dict)
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)

    def sample(self) -> dict[tuple[int, int], float]:
        """Read every process at or below ``root`` now; returns a copy of all readings so far."""
        stats: dict[int, tuple[int, int, float]] = {}
        children: dict[int, list[int]] = {}
        for entry in PROC.iterdir() if PROC.is_dir() else ():
            if entry.name.isdigit() and (stat := _stat(entry.name)) is not None:
                stats[int(entry.name)] = stat
                children.setdefault(stat[0], []).append(int(entry.name))
        kind_of_pid: dict[int, str] = {}
        frontier = [self.root] if self.root in stats else []
        while frontier:
            pid = frontier.pop()
            ppid, start, cpu = stats[pid]
            key = (pid, start)
            kind = self.kinds.get(key)
            if kind not in ("coder", "driver", "gcs", "raylet", "data actor"):  # a worker's title follows its work
                kind = kind_of(_cmdline(str(pid)), kind_of_pid.get(ppid), pid == self.root)
            kind_of_pid[pid] = self.kinds[key] = kind
            self.readings[key] = cpu
            frontier.extend(children.get(pid, ()))
        return dict(self.readings)

    def by_kind(self, since: dict[tuple[int, int], float] | None = None,
                until: dict[tuple[int, int], float] | None = None) -> dict[str, float]:
        """CPU seconds by kind between two :meth:`sample` results (default: from nothing, to now)."""
        totals = dict.fromkeys(KINDS, 0.0)
        for key, cpu in (self.readings if until is None else until).items():
            kind = self.kinds[key]
            totals[kind if kind in totals else "other"] += cpu - (since or {}).get(key, 0.0)
        return totals
