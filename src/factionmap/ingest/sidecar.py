"""Outlet and URL for local files: ``--source`` / ``--url`` flags and per-directory sidecar files.

A directory may hold a sidecar file named ``factionmap-source.toml``::

    source = "Horn Dispatch"            # the outlet of every file in this directory and below
    url_prefix = "https://horn.example/" # optional: file URLs are url_prefix + the file's relative path

The nearest sidecar above a file wins; a ``--source`` flag overrides sidecars; a
record's own ``source``/``url`` field (JSONL, CSV, WARC, fetched pages) is never
overridden.  ``--url`` names the one file given (it would make several files
duplicates of each other).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from factionmap.model import IngestFailure, RawInput

__all__ = ["SIDECAR_NAME", "Sidecar", "SidecarError", "find_sidecar", "read_sidecar", "with_source_defaults"]

SIDECAR_NAME = "factionmap-source.toml"


class SidecarError(ValueError):
    """A sidecar file that cannot be used; the message names it."""


@dataclass(frozen=True, slots=True)
class Sidecar:
    path: Path
    source: str | None = None
    url_prefix: str | None = None


def read_sidecar(path: Path) -> Sidecar:
    """Read one sidecar; unknown keys and non-string values are errors naming the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SidecarError(f"{path}: {exc}") from exc
    unknown = set(raw) - {"source", "url_prefix"}
    if unknown:
        raise SidecarError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} (known: source, url_prefix)")
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise SidecarError(f"{path}: {key} must be a non-empty string")
    return Sidecar(path, raw.get("source"), raw.get("url_prefix"))


def find_sidecar(directory: Path, cache: dict[Path, Sidecar | None] | None = None) -> Sidecar | None:
    """The nearest sidecar in ``directory`` or above it (up to the filesystem root)."""
    cache = {} if cache is None else cache
    if directory not in cache:
        candidate = directory / SIDECAR_NAME
        if candidate.is_file():
            cache[directory] = read_sidecar(candidate)
        else:
            cache[directory] = None if directory.parent == directory else find_sidecar(directory.parent, cache)
    return cache[directory]


_RECORD_NAME = re.compile(r"^(?P<path>.+?)(?::\d+|#record-\d+)$")


def _file_of(name: str, files: dict[str, Path | None]) -> tuple[Path | None, bool]:
    """The local file an input came from (``path``, ``path:LINE`` of JSONL/CSV, ``path#record-N`` of WARC),
    and whether the input is that whole file.

    Each container is looked up once (``files``); a record's own name is never kept there, so
    the lookup table grows with the files read, not with their records."""
    match = _RECORD_NAME.match(name)
    if match and not match.group("path").startswith(("http://", "https://")):
        container = _lookup(match.group("path"), files)
        if container is not None:
            return container, False
    if name.startswith(("http://", "https://")):
        return None, False
    found = _lookup(name, files) if not match else _resolved(name)
    return found, found is not None


def _lookup(candidate: str, files: dict[str, Path | None]) -> Path | None:
    if candidate not in files:
        files[candidate] = _resolved(candidate)
    return files[candidate]


def _resolved(candidate: str) -> Path | None:
    return Path(candidate).resolve() if Path(candidate).is_file() else None


def with_source_defaults(
    items: Iterator[RawInput | IngestFailure], source: str | None = None, url: str | None = None
) -> Iterator[RawInput | IngestFailure]:
    """Fill in ``source`` and ``url`` of inputs read from local files that carry none."""
    cache: dict[Path, Sidecar | None] = {}
    files: dict[str, Path | None] = {}
    for item in items:
        path, single = _file_of(item.name, files) if isinstance(item, RawInput) else (None, False)
        if path is not None:
            try:
                item = _filled(item, path, single, find_sidecar(path.parent, cache), source, url)
            except SidecarError as exc:
                yield IngestFailure(item.name, str(exc))
                continue
        yield item


def _filled(
    item: RawInput, path: Path, single: bool, sidecar: Sidecar | None, source: str | None, url: str | None
) -> RawInput:
    new_source = item.source or source or (sidecar.source if sidecar else None)
    new_url = item.url or (url if single else None)
    if new_url is None and single and sidecar is not None and sidecar.url_prefix:
        new_url = sidecar.url_prefix.rstrip("/") + "/" + path.relative_to(sidecar.path.parent.resolve()).as_posix()
    return replace(item, source=new_source, url=new_url)
