"""The Ray engine against the local one: docs/s with 1 and 2 workers/actors on the same corpus.

A generated JSONL (``bench/workers.py``'s templates, fixed seed, default 2,000
documents) is ingested four times into fresh databases, each a whole
``factionmap ingest`` process (interpreter, Ray start for the Ray engine,
model loads and the final commit included): ``--engine local --workers 1``,
``--workers 2``, ``--engine ray --num-workers 1`` and ``--num-workers 2``.
The Ray runs start their own local Ray (every core of this machine).

    python bench/ray.py [--documents 2000]

Acceptance (issue 14): Ray with 2 actors >= 1.7x its 1-actor rate and >= 0.85x the
local engine's rate with 2 workers.  On a machine shared with other work the
ratios, not the rates, are what to read (the load average is printed).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workers import write_corpus

EXE = Path(sys.executable).with_name("factionmap")
RUNS = {"local 1": ["--engine", "local", "--workers", "1"], "local 2": ["--engine", "local", "--workers", "2"],
        "ray 1": ["--engine", "ray", "--num-workers", "1"], "ray 2": ["--engine", "ray", "--num-workers", "2"]}


def run(jsonl: Path, db: Path, flags: list[str]) -> float:
    """Wall seconds of one ``factionmap ingest`` into a fresh database."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run([str(EXE), "ingest", str(jsonl), "--db", str(db), *flags],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"ingest {' '.join(flags)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--runs", default=",".join(RUNS), help="which runs, comma-separated (default: all four)")
    args = parser.parse_args()
    runs = {name: RUNS[name] for name in args.runs.split(",")}
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp, "corpus.jsonl")
        write_corpus(jsonl, args.documents)
        print(f"{args.documents} generated documents; {os.cpu_count()} CPUs")
        rate = {}
        for name, flags in runs.items():
            load = os.getloadavg()[0]
            db = Path(tmp, f"{name.replace(' ', '-')}.db")
            elapsed = run(jsonl, db, flags)
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            rate[name] = args.documents / elapsed
            print(f"  {name:8s} {elapsed:7.1f} s  {rate[name]:6.1f} docs/s  ({stored} stored; load before {load:.2f})",
                  flush=True)
        for (a, b, target) in (("ray 2", "ray 1", " (target >= 1.7x)"), ("ray 2", "local 2", " (target >= 0.85x)"),
                               ("local 2", "local 1", "")):
            if a in rate and b in rate:
                print(f"{a} / {b}: {rate[a] / rate[b]:.2f}x{target}")
        print(f"load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
