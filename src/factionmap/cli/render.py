"""Output helpers shared by the commands: consoles that fit the terminal, one JSON convention, CSV.

Convention for ``--format``: ``table`` (default) is for people; ``json`` and
``jsonl`` print **JSON Lines** (one object per line) for commands that list
things (documents, events, actors, timeline, contradictions), and **one JSON
object** for commands that print one result (show, camps, network, config);
``csv`` prints a header and one row per listed item (lists of plain values are joined with ``;``;
nested values are JSON).
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import typer
from rich.console import Console

__all__ = ["LIST_FORMATS", "ListFormat", "check_list_format", "make_console", "write_csv", "write_json_lines"]

ListFormat = Literal["table", "json", "jsonl", "csv"]
LIST_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")
#: Width used when output goes to a pipe or file (rich would otherwise assume 80 columns).
PIPE_WIDTH = 160
WIDE_WIDTH = 400


def check_list_format(value: str) -> str:
    """The lower-cased format, or a usage error naming ``--format``."""
    fmt = value.lower()
    if fmt not in LIST_FORMATS:
        raise typer.BadParameter(f"unknown format {value!r} (use {', '.join(LIST_FORMATS)})", param_hint="--format")
    return "jsonl" if fmt == "json" else fmt


def make_console(wide: bool = False, stderr: bool = False) -> Console:
    """A console as wide as the terminal (``PIPE_WIDTH`` when piped); ``wide`` never folds columns short."""
    stream = sys.stderr if stderr else sys.stdout
    if wide:
        return Console(width=WIDE_WIDTH, stderr=stderr)
    if stream.isatty():
        return Console(stderr=stderr)
    return Console(width=max(PIPE_WIDTH, shutil.get_terminal_size((PIPE_WIDTH, 24)).columns), stderr=stderr)


def write_json_lines(records: Iterable[Mapping[str, Any]]) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(records: Iterable[Mapping[str, Any]]) -> None:
    """One header (the union of keys, in first-seen order) and one row per record."""
    rows = [dict(record) for record in records]
    header: list[str] = []
    for row in rows:
        header.extend(key for key in row if key not in header)
    writer = csv.DictWriter(sys.stdout, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and not any(isinstance(item, (dict, list, tuple)) for item in value):
        return ";".join(str(item) for item in value)
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value
