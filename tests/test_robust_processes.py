"""Processes (issue 15, item 7): FIFOs in input directories are skipped; workers die with their parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factionmap.ingest import iter_inputs
from factionmap.model import IngestFailure, RawInput
from factionmap.store.lifeline import is_alive


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_in_a_directory_is_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Turkey condemned Syria.", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # no writer: opening it would block for ever
    (tmp_path / "c.txt").write_text("Egypt backed Haftar.", encoding="utf-8")
    a, b, c = iter_inputs([str(tmp_path)])
    assert isinstance(a, RawInput) and isinstance(c, RawInput)
    assert isinstance(b, IngestFailure) and b.name == str(tmp_path / "b.txt")
    assert b.message == "skipped: a FIFO (named pipe), not a regular file"


def test_is_alive() -> None:
    assert is_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not is_alive(child.pid)


def _group(pgid: int) -> list[int]:
    """Live (non-zombie) processes in process group ``pgid``."""
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


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for i in range(400):
            out.write(json.dumps({"id": f"n{i}", "text": f"Turkey condemned Syria on day {i}. " * 20}) + "\n")
    command = [sys.executable, "-m", "factionmap.cli", "ingest", "--workers", "2", "--db", str(tmp_path / "w.db"),
               str(corpus)]
    main = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(_group(main.pid)) < 4 and time.monotonic() < deadline and main.poll() is None:
            time.sleep(0.2)  # main + fork server + 2 workers
        assert len(_group(main.pid)) >= 4, "workers did not start"
        main.send_signal(signal.SIGKILL)
        main.wait(timeout=10)
        deadline = time.monotonic() + 20
        while _group(main.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _group(main.pid) == []
    finally:
        for pid in _group(main.pid):
            os.kill(pid, signal.SIGKILL)
