"""A real ``kill -9`` in the middle of ``factionmap ingest --engine ray``: the re-run loses and duplicates nothing.

The killed run's Ray processes (its descendants, found in ``/proc`` before the
kill) are ended by pid afterwards, so nothing is left running.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scale_corpus import write_corpus

pytest.importorskip("ray")
pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the run's Ray processes")

DOCUMENTS = 120  # enough that the run is still going when the first documents are stored


def _documents(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return [row[0] for row in conn.execute("SELECT id FROM documents")]
    except sqlite3.OperationalError:  # schema not created yet
        return []


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "factionmap.cli", "ingest", "--db", str(db), str(corpus),
               "--engine", "ray", "--num-workers", "1"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


def _kill(proc: subprocess.Popen) -> None:
    below = _descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    for pid in below:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_kill_ray_ingest_midway_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus, db = write_corpus(tmp_path / "corpus.jsonl", DOCUMENTS, start=500), tmp_path / "kill.db"
    first = _ingest(corpus, db)
    try:
        deadline = time.monotonic() + 240
        while not _documents(db) and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.05)
    finally:
        finished = first.poll() is not None
        _kill(first)
    stored_before = _documents(db)
    detail = first.stderr.read().decode()[-2000:] if finished and first.stderr else ""
    assert 1 <= len(stored_before) < DOCUMENTS, f"the kill should land mid-run ({len(stored_before)} stored) {detail}"

    second = _ingest(corpus, db)
    _, stderr = second.communicate(timeout=400)
    assert second.returncode == 0, stderr.decode()[-3000:]
    stored = _documents(db)
    assert sorted(stored) == sorted(f"gen-{n}" for n in range(500, 500 + DOCUMENTS))
    assert set(stored_before) <= set(stored)
    with sqlite3.connect(db) as conn:
        events = conn.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone()
        assert events[0] == events[1] > 0
        per_doc = conn.execute("SELECT document, count(*) FROM document_actors GROUP BY document").fetchall()
        assert len(per_doc) == DOCUMENTS
