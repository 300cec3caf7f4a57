"""The Ray engine against the local one: docs/s with 1 and 2 workers/actors on the same corpus,
and the CPU seconds each kind of process spends per 1,000 documents.

A generated JSONL (``bench/workers.py``'s templates, fixed seed, default 2,000
documents) is ingested four times, each into a fresh database through the same
``Store`` and each run in a process of its own: ``local 1`` and ``local 2``
(``ingest_sources(workers=N)``, what ``ingest --workers N`` runs) and ``ray 1``
and ``ray 2`` (``ingest_ray`` with an N-actor pool, what ``ingest --engine ray
--num-workers N`` runs, on a local Ray the run starts with the engine's own
settings).  Each run reports:

- ``start``: interpreter, imports and, for Ray, ``ray.init`` and a warm-up that
  starts Ray Data's helper actors (detached: a cluster keeps them between runs),
  before the engine is called; not part of the rate (``whole``: the rate with it);
- ``engine``: from calling the engine to the last document stored (model loads in
  the workers or actors included, for both engines) and ``docs/s`` over it: the
  rate the acceptance compares;
- ``steady``: docs/s from the 10th percent of documents stored to the last (no
  start-up, no model load at all);
- CPU seconds per 1,000 documents, over the engine time, of each kind of
  process (``bench/proctree.py``, from ``/proc``): the driver (reads for the
  local engine, the Ray Data executor for Ray, and the one SQLite writer for
  both), the coders (local workers or Ray actors; with ``local 1`` the driver
  codes too), Ray Data's read tasks, its helper actors, the raylet, the GCS and
  other Ray daemons (agents, log and autoscaler monitors; the fork server is
  "other").  ``overhead`` is all but the coders: the work that competes with
  coding.  It holds fixed costs (imports on first use, the actors' start), so it
  falls per document as runs grow; compare runs of the same size.

    python bench/ray.py [--documents 2000] [--runs "ray 2,ray 1,local 2,local 1"] [--budget 570]

The three runs the acceptance compares go first; ``local 1`` (not compared by the
acceptance) is skipped, with a note, where its estimate (from ``ray 1``) would
take the whole bench past ``--budget`` seconds.

Acceptance (issue 14): ``ray 2`` >= 1.7x ``ray 1`` and >= 0.85x ``local 2`` (engine
docs/s; the steady and whole ratios are printed beside it).  On a machine shared with other work the rates move with its load (the
load average is printed); the CPU seconds per document move much less.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from proctree import KINDS, TreeCPU
from workers import write_corpus

#: Run order: the three runs the acceptance compares first, each ratio printed once its runs are done.
RUNS = {"ray 2": ("ray", 2), "ray 1": ("ray", 1), "local 2": ("local", 2), "local 1": ("local", 1)}
TARGETS = (("ray 2", "ray 1", 1.7), ("ray 2", "local 2", 0.85), ("local 2", "local 1", None))
SAMPLE_S = 0.5  # /proc readings between the phases (a process that ends loses at most this)


# -- the measured process ------------------------------------------------------------------


def _phase(name: str) -> None:
    """Tell the bench a phase begins, and wait until it has read every process's CPU."""
    print(f"@phase {name} {time.monotonic():.6f}", flush=True)
    sys.stdin.readline()


class _Echo:
    """The warm-up's actor: returns its batch."""

    def __call__(self, batch: dict) -> dict:
        return batch


def warm_up(ray: Any) -> None:
    """Start what Ray Data starts once per cluster: its detached helper actors (stats, autoscaling
    coordinator, actor locations) and its modules, by a two-row dataset through a one-actor pool.
    A cluster keeps them between runs; a run on it starts only its own actors."""
    import ray.data

    ray.data.DataContext.get_current().enable_progress_bars = False
    ray.data.range(2, override_num_blocks=2).map_batches(
        _Echo, compute=ray.data.ActorPoolStrategy(size=1), num_cpus=0.5, batch_size=1).materialize()


def child(name: str, jsonl: str, db: str, documents: int) -> None:
    """One run: start-up, then the engine over ``jsonl`` into ``db`` with phase marks."""
    engine, n = RUNS[name]
    from factionmap.scale import RayOptions, ingest_ray, ray_session
    from factionmap.store import Store
    from factionmap.store.runner import ingest_sources

    marks = {1: "first", max(1, documents // 10): "tenth", documents: "done"}
    stored = 0

    def on_result(result: Any, is_new: bool) -> None:
        nonlocal stored
        stored += 1
        if stored in marks:
            _phase(marks[stored])

    options = RayOptions(num_workers=n)
    with Store(db) as store, (ray_session(options) if engine == "ray" else contextlib.nullcontext()) as ray:
        if ray is not None:
            warm_up(ray)
        _phase("ready")
        if engine == "ray":
            summary = ingest_ray(store, [jsonl], ray_options=options, on_result=on_result)
        else:
            summary = ingest_sources(store, [jsonl], workers=n, on_result=on_result)
    print("@summary " + json.dumps({"new": summary.new, "failures": len(summary.failures)}), flush=True)


# -- the bench -------------------------------------------------------------------------------


def _lines(stream: Any, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


def measure(name: str, jsonl: Path, db: Path, documents: int) -> dict[str, Any]:
    """Run ``name`` in a child process, reading its tree's CPU at each phase and every SAMPLE_S."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, __file__, "--child", name, str(jsonl), str(db), str(documents)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"})
    tree, lines = TreeCPU(proc.pid), queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    phases: dict[str, tuple[float, dict]] = {}
    summary: dict[str, Any] = {}
    while True:
        try:
            line = lines.get(timeout=SAMPLE_S)
        except queue.Empty:
            tree.sample()
            continue
        if line is None:
            break
        if line.startswith("@phase "):
            _, phase, at = line.split()
            phases[phase] = (float(at), tree.sample())
            proc.stdin.write("\n")
            proc.stdin.flush()
        elif line.startswith("@summary "):
            summary = json.loads(line.split(" ", 1)[1])
    stderr = proc.stderr.read()
    if proc.wait() != 0 or "done" not in phases:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return _figures(tree, phases, started, documents, summary)


def _figures(tree: TreeCPU, phases: dict, started: float, documents: int, summary: dict) -> dict[str, Any]:
    (ready, at_ready), (tenth, _), (done, _) = phases["ready"], phases["tenth"], phases["done"]
    engine = done - ready
    cpu = {kind: 1000 * seconds / documents for kind, seconds in tree.by_kind(at_ready, phases["done"][1]).items()}
    return {"start": ready - started, "engine": engine, "first": phases["first"][0] - ready, "rate": documents / engine, "whole": documents / (done - started),
            "steady": (documents - documents // 10) / max(done - tenth, 1e-9), "cpu": cpu,
            "stored": summary.get("new", 0), "failures": summary.get("failures", 0)}


def report(name: str, f: dict[str, Any], load: float) -> None:
    cpu = f["cpu"]
    overhead = sum(seconds for kind, seconds in cpu.items() if kind != "coder")
    if name == "local 1":
        overhead = float("nan")  # the driver codes, reads and writes: not separable
    print(f"  {name:8s} start {f['start']:5.1f} s  engine {f['engine']:6.1f} s (first document {f['first']:.1f} s)"
          f"  {f['rate']:6.1f} docs/s"
          f"  steady {f['steady']:6.1f}  whole {f['whole']:6.1f} docs/s  ({f['stored']} stored, {f['failures']} failed; load {load:.2f})")
    print("           CPU s / 1k docs: " + "  ".join(f"{kind} {cpu[kind]:.1f}" for kind in KINDS if cpu[kind] >= 0.05)
          + f"  | total {sum(cpu.values()):.1f}, overhead (not coders) {overhead:.1f}", flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        here = str(Path(__file__).resolve().parent)  # this file is "ray.py": last, so "import ray" finds Ray
        sys.path.remove(here)
        sys.path.append(here)  # (the local workers' fork server imports this file again: proctree, workers)
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--runs", default=",".join(RUNS), help="which runs, comma-separated (default: all four)")
    parser.add_argument("--budget", type=float, default=570.0,
                        help="seconds: a later run that would end after this is skipped (default 570)")
    args = parser.parse_args()
    figures: dict[str, dict[str, Any]] = {}
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp, "corpus.jsonl")
        write_corpus(jsonl, args.documents)
        print(f"{args.documents} generated documents; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
        for name in (n.strip() for n in args.runs.split(",")):
            if (guess := _guess(figures, name, args.documents)) and time.monotonic() - began + guess > args.budget:
                print(f"  {name:8s} skipped: about {guess:.0f} s more would pass the {args.budget:.0f} s budget"
                      f" (--budget, or --runs '{name}' alone)", flush=True)
                continue
            load = os.getloadavg()[0]
            figures[name] = measure(name, jsonl, Path(tmp, f"{name.replace(' ', '-')}.db"), args.documents)
            report(name, figures[name], load)
            ratios(figures, name)
    print(f"load average now {os.getloadavg()[0]:.2f}; {time.monotonic() - began:.0f} s in all")


def _guess(figures: dict[str, dict[str, Any]], name: str, documents: int) -> float | None:
    """Seconds ``name`` would take, from the other engine's run at the same parallelism (if done)."""
    engine, n = RUNS[name]
    other = figures.get(f"{'ray' if engine == 'local' else 'local'} {n}")
    return other["start"] + documents / other["rate"] if other else None


def ratios(figures: dict[str, dict[str, Any]], last: str) -> None:
    """The ratios the run ``last`` completes, printed as soon as both sides are measured."""
    for a, b, target in TARGETS:
        if last in (a, b) and a in figures and b in figures:
            engine, steady = figures[a]["rate"] / figures[b]["rate"], figures[a]["steady"] / figures[b]["steady"]
            whole = figures[a]["whole"] / figures[b]["whole"]
            verdict = "" if target is None else f"  target >= {target}x: {'met' if engine >= target else 'NOT met'}"
            print(f"  => {a} / {b}: {engine:.2f}x engine docs/s ({steady:.2f}x steady, {whole:.2f}x whole){verdict}",
                  flush=True)
            if a.startswith("ray 2") and b == "ray 1":
                _ceiling(figures[a], figures[b])


def _ceiling(two: dict[str, Any], one: dict[str, Any]) -> None:
    """What the CPU allows: all cores busy at ``ray 2``'s CPU seconds per document, against ``ray 1``'s rate
    (coders that each cost more per document when two run, and an overhead that ``ray 1`` runs on a spare
    core, both lower it)."""
    cores = os.cpu_count() or 1
    per_doc = sum(two["cpu"].values()) / 1000
    if per_doc <= 0:
        return
    coder_two, coder_one = two["cpu"].get("coder", 0.0), one["cpu"].get("coder", 0.0)
    rise = f"; a coder's CPU per document is {coder_two / coder_one:.2f}x that with one" if coder_one else ""
    print(f"     CPU-bound ceiling of ray 2 / ray 1 here: {cores / per_doc / one['rate']:.2f}x "
          f"({cores} cores at {per_doc * 1000:.1f} CPU ms per document{rise})", flush=True)


if __name__ == "__main__":
    main()
