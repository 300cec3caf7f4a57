"""Worker processes that do not outlive the process that started them.

``ingest --workers N`` analyses in worker processes (children of a fork server, not of
the main process).  :func:`die_with_parent`, called first thing in each worker, makes it
exit when the main process is gone, however it died (``kill -9`` included):

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` kills the worker the moment its own
  parent (the fork server, which exits when the main process does) dies;
* everywhere, a daemon thread checks every ``interval`` seconds that the main process is
  still alive and ends the worker with ``os._exit`` when it is not.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent", "is_alive"]

_PR_SET_PDEATHSIG = 1


def is_alive(pid: int) -> bool:
    """True while process ``pid`` exists (and is not a zombie we can detect)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return True


def _set_parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(pid: int, interval: float) -> None:
    while is_alive(pid) and os.getppid() != 1:
        time.sleep(interval)
    os._exit(1)  # noqa: SLF001 - the main process is gone: no clean-up is owed to anyone


def die_with_parent(main_pid: int, interval: float = 1.0) -> None:
    """Make this process exit when ``main_pid`` (the process that started the work) is gone."""
    _set_parent_death_signal()
    if not is_alive(main_pid):
        os._exit(1)  # noqa: SLF001
    threading.Thread(target=_watch, args=(main_pid, interval), name="factionmap-lifeline", daemon=True).start()
