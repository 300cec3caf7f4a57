"""Reading the tab-separated data files (bundled in ``factionmap/data`` or a user's own).

Blank lines and lines starting with ``#`` are skipped; every row keeps its line
number so a bad row is reported as ``file:line``.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

__all__ = ["DataFileError", "read_rows"]


class DataFileError(ValueError):
    """A row of a data file does not have the expected shape."""


def read_rows(path: str | None, bundled: str) -> Iterator[tuple[str, int, list[str]]]:
    """``(file name, line number, columns)`` for each row of ``path``, or of the bundled file."""
    if path is None:
        text = resources.files("factionmap.data").joinpath(bundled).read_text(encoding="utf-8")
        name = bundled
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        name = path
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield name, number, [part.strip() for part in line.rstrip("\n").split("\t")]
