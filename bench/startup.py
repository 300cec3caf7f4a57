"""Start-up costs: ``factionmap --help``, ``events --limit 1`` and an unchanged re-ingest.

A generated 1,000-document JSONL (``bench/workers.py``'s templates, fixed seed)
is stored first without the NLP pipeline (page structure only: what a re-run
checks against), then ``factionmap ingest`` runs over the unchanged corpus.
Each command is a whole process (interpreter start included); the median of
``--repeat`` runs is printed with the load average, since on a shared machine
other work inflates every figure.

    python bench/startup.py [--documents 1000] [--repeat 5]

Acceptance (issue 14): ``--help`` < 0.3 s; an unchanged re-ingest of 1,000 documents < 2 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workers import write_corpus

EXE = Path(sys.executable).with_name("factionmap")


def seconds(args: list[str], repeat: int) -> tuple[float, float, str]:
    """Median wall and CPU (user + system) seconds of ``factionmap ARGS``, and the last run's output."""
    times, cpu, out = [], [], ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([str(EXE), *args], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"factionmap {' '.join(args)} failed ({done.returncode}): {done.stderr[-1500:]}")
        out = done.stdout
    return statistics.median(times), statistics.median(cpu), out


def store_without_nlp(jsonl: Path, db: Path) -> int:
    """Store every input of ``jsonl`` with its page structure and no findings."""
    from factionmap.batch import documents_from
    from factionmap.ingest import iter_inputs
    from factionmap.model import Document, DocumentAnalysis
    from factionmap.store import Store

    with Store(db) as store:
        count = 0
        for document in documents_from(iter_inputs([str(jsonl)])):
            if isinstance(document, Document):
                count += store.add(DocumentAnalysis(document))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl, db = Path(tmp, "corpus.jsonl"), Path(tmp, "startup.db")
        write_corpus(jsonl, args.documents)
        stored = store_without_nlp(jsonl, db)
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; {stored} documents stored")
        help_s, help_cpu, _ = seconds(["--help"], args.repeat)
        print(f"factionmap --help:              {help_s:6.2f} s wall, {help_cpu:5.2f} s CPU  (target < 0.3 s)")
        events_s, events_cpu, _ = seconds(["events", "--db", str(db), "--limit", "1"], args.repeat)
        print(f"factionmap events --limit 1:    {events_s:6.2f} s wall, {events_cpu:5.2f} s CPU")
        again_s, again_cpu, out = seconds(["ingest", str(jsonl), "--db", str(db)], max(1, args.repeat // 2))
        print(f"unchanged re-ingest ({args.documents} docs): {again_s:6.2f} s wall, {again_cpu:5.2f} s CPU"
              f"  (target < 2 s): {out.splitlines()[0] if out else ''}")
        print(f"load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
