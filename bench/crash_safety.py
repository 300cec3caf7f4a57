"""Crash safety and concurrency of ``factionmap ingest`` (issue 15): nothing lost, nothing doubled.

Cases, each printing documents stored against documents given (they must be equal):

1. ``kill -9`` mid-ingest, three times, then a re-run: every table equals a clean run's;
2. two ingests of the same input into one database at once: both succeed, no duplicates;
3. ``kill -9`` of the parent of a ``--workers 2`` ingest: no worker or fork server is left.

``python bench/crash_safety.py [--docs 60]``; exits non-zero when a case fails.
"""

from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TABLES = ("documents", "sections", "actors", "document_actors", "mentions", "events", "event_actors", "quotes",
          "figures")
COUNTRIES = ["Chad", "Niger", "Mali", "Sudan", "Libya", "Egypt", "Turkey", "Qatar", "Kenya", "Uganda"]


def corpus(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
            text = (f"Dispatch {i}. {a} accused {b} of shelling border villages on day {i}. "
                    f"Officials in {b} denied the claim and called on {a} to hold talks. " * 3)
            out.write(json.dumps({"id": f"item-{i:03d}", "text": text}) + "\n")


def ingest(source: Path, db: Path, *extra: str, **popen: object) -> subprocess.Popen:
    command = [sys.executable, "-m", "factionmap.cli", "ingest", "--db", str(db), *extra, str(source)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)  # type: ignore[arg-type]


def documents(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (ingestion times and row ids left out), sorted."""
    with sqlite3.connect(db) as conn:
        out = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n not in ("ingested_at",)]
            out[table] = sorted(tuple(row[i] for i in keep) for row in cursor.fetchall())
        return out


def wait_for(predicate, timeout: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def kill_and_resume(work: Path, source: Path, given: int) -> bool:
    clean, crashed = work / "clean.db", work / "crashed.db"
    assert ingest(source, clean).wait() == 0
    kills = []
    for round_ in range(3):
        run = ingest(source, crashed)
        target = documents(crashed) + 5
        wait_for(lambda: documents(crashed) >= target or run.poll() is not None, 180)
        run.send_signal(signal.SIGKILL)
        run.wait()
        kills.append(documents(crashed))
    final = ingest(source, crashed)
    final.wait()
    same = snapshot(clean) == snapshot(crashed)
    stored = documents(crashed)
    print(f"kill -9 x3 (stored at each kill: {kills}), then re-run: stored {stored} of {given} given; "
          f"every table identical to a clean run: {same}")
    return stored == given and same and final.returncode == 0


def concurrent(work: Path, source: Path, given: int) -> bool:
    db = work / "concurrent.db"
    runs = [ingest(source, db), ingest(source, db)]
    codes = [run.wait() for run in runs]
    errors = [run.stderr.read().decode(errors="replace").strip()[-300:] for run in runs if run.stderr]
    with sqlite3.connect(db) as conn:
        distinct = conn.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0]
        failures = conn.execute("SELECT count(*) FROM errors").fetchone()[0]
    stored = documents(db)
    print(f"two concurrent ingests of the same input: exit codes {codes}; stored {stored} of {given} given "
          f"({distinct} distinct), {failures} error rows")
    if any(codes):
        print("  stderr:", *errors, sep="\n  ")
    return codes == [0, 0] and stored == distinct == given and failures == 0


def group(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_bytes().rsplit(b")", 1)[-1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != b"Z":
                pids.append(int(entry.name))
    return pids


def orphans(work: Path, source: Path) -> bool:
    if not Path("/proc/self/stat").exists():
        print("orphaned workers: skipped (needs /proc)")
        return True
    main = ingest(source, work / "workers.db", "--workers", "2", start_new_session=True)
    wait_for(lambda: len(group(main.pid)) >= 4, 180)
    before = len(group(main.pid))
    main.send_signal(signal.SIGKILL)
    main.wait()
    wait_for(lambda: not group(main.pid), 30)
    left = group(main.pid)
    print(f"kill -9 of a --workers 2 ingest's parent: {before} processes before, {len(left)} left after 30 s")
    for pid in left:
        subprocess.run(["kill", "-9", str(pid)], check=False)
    return not left


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "corpus.jsonl"
        corpus(source, args.docs)
        results = [kill_and_resume(work, source, args.docs), concurrent(work, source, args.docs),
                   orphans(work, source)]
    print("all cases hold" if all(results) else "A CASE FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
