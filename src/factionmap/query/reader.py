"""A read-only view of a factionmap database, and the errors the query layer raises.

:class:`Reader` is a :class:`~factionmap.store.Store` opened with SQLite's
``mode=ro`` and ``PRAGMA query_only``: every reading method of the store works,
nothing can be written, and migrations are never applied.  The connection may be
handed between threads (one user at a time), as a web server's thread pool does.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote, urlparse

from factionmap.store.core import Store, StoreError

__all__ = ["Reader", "QueryError", "NotFound", "connect", "outlet_name"]


class QueryError(ValueError):
    """A bad query parameter; ``param`` names it (``since``, ``cursor``, ...)."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


class NotFound(LookupError):
    """No document or actor with that id (the message names it)."""


def outlet_name(source: str | None, url: str | None) -> str | None:
    """A document's outlet: its ``source``, else its URL's host without ``www.``."""
    if source:
        return source
    if url:
        host = urlparse(url).hostname
        if host:
            return host.removeprefix("www.")
    return None


class Reader(Store):
    """A store opened read-only.  ``Reader(path)`` does no I/O; ``with Reader(path) as r`` opens it."""

    def open(self) -> Reader:
        if self._conn is not None:
            return self
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no database there (run `factionmap ingest` first)")
        try:
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only=ON")
            conn.create_function("fm_outlet", 2, outlet_name, deterministic=True)
            conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database read-only: {exc}") from exc
        self._conn = conn
        return self

    def __enter__(self) -> Reader:
        return self.open()

    def generation(self) -> tuple[int, int]:
        """Changes whenever documents or events are added: (last document rowid, number of events)."""
        row = self.conn.execute(
            "SELECT (SELECT coalesce(max(rowid), 0) FROM documents), (SELECT coalesce(max(rowid), 0) FROM events)"
        ).fetchone()
        return int(row[0]), int(row[1])


def connect(path: str | Path) -> Reader:
    """An open :class:`Reader` on ``path`` (close it, or use ``with connect(path) as r``)."""
    return Reader(path).open()
