"""A real ``kill -9`` in the middle of ``factionmap ingest``: the re-run loses and duplicates nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

COUNTRIES = ["Chad", "Niger", "Mali", "Sudan", "Libya", "Egypt", "Turkey", "Qatar", "Kenya", "Uganda"]


def _corpus(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
            text = (
                f"Dispatch {i}. {a} accused {b} of shelling border villages on day {i}. "
                f"Officials in {b} denied the claim and called on {a} to hold talks. " * 3
            )
            out.write(json.dumps({"id": f"item-{i:03d}", "text": text}) + "\n")


def _documents(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return [row[0] for row in conn.execute("SELECT id FROM documents")]
    except sqlite3.OperationalError:  # schema not created yet
        return []


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "factionmap.cli", "ingest", "--db", str(db), str(corpus)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_midway_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "kill.db"
    _corpus(corpus, 120)
    first = _ingest(corpus, db)
    deadline = time.monotonic() + 120
    while len(_documents(db)) < 5 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    stored_before = _documents(db)
    assert 5 <= len(stored_before) < 120, "the kill should land mid-batch"

    second = _ingest(corpus, db)
    _, stderr = second.communicate(timeout=300)
    assert second.returncode == 0, stderr.decode()
    stored = _documents(db)
    assert sorted(stored) == [f"item-{i:03d}" for i in range(120)]
    assert set(stored_before) <= set(stored)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute(
            "SELECT count(*) FROM events WHERE document NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
    assert orphans == 0
