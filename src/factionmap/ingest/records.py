"""Corpora of records: JSONL (one object per line) and CSV/TSV with a column mapping."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from factionmap.ingest.options import IngestOptions
from factionmap.ingest.streams import iter_lines
from factionmap.model import IngestFailure, RawInput

__all__ = ["record_from_mapping", "iter_jsonl", "iter_json", "iter_csv"]


def _field(obj: Mapping[str, Any], name: str) -> Any:
    """A field by name; a dotted name (``meta.url``) reaches into nested objects."""
    if name in obj:
        return obj[name]
    value: Any = obj
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _optional_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def record_from_mapping(obj: Mapping[str, Any], name: str, options: IngestOptions) -> RawInput | IngestFailure:
    """A :class:`RawInput` from one JSON object or CSV row, using the options' field names.

    HTML is preferred when a record has both (it keeps bylines and comments)."""
    for field_name, fmt in ((options.html_field, "html"), (options.text_field, "text")):
        value = _field(obj, field_name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            return IngestFailure(name, f"field '{field_name}' is a {type(value).__name__}, not a string")
        if not value.strip():
            continue
        return RawInput(
            name=name,
            content=value,
            fmt=fmt,  # type: ignore[arg-type]
            id=_optional_str(_field(obj, options.id_field)),
            url=_optional_str(_field(obj, options.url_field)),
            title=_optional_str(_field(obj, options.title_field)),
            published=_optional_str(_field(obj, options.date_field)),
            source=_optional_str(_field(obj, options.source_field)),
            author=_optional_str(_field(obj, options.author_field)),
        )
    keys = ", ".join(list(obj)[:12]) or "none"
    return IngestFailure(
        name, f"no non-empty '{options.text_field}' or '{options.html_field}' field (fields: {keys})"
    )


def _json_line(line: bytes, where: str, options: IngestOptions) -> RawInput | IngestFailure | None:
    """One JSONL line → a record, a failure, or None for a blank line."""
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return IngestFailure(where, f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})")
    if not text.strip():
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return IngestFailure(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return IngestFailure(where, f"expected a JSON object, got a {type(obj).__name__}")
    return record_from_mapping(obj, where, options)


def iter_jsonl(stream: BinaryIO, name: str, options: IngestOptions) -> Iterator[RawInput | IngestFailure]:
    """Stream a JSONL corpus; each line is named ``name:LINE``."""
    seen = 0
    for number, line in iter_lines(stream, options.max_bytes):
        where = f"{name}:{number}"
        if line is None:
            yield IngestFailure(where, f"line longer than the {options.max_bytes:,} byte limit (max_bytes)")
            seen += 1
            continue
        item = _json_line(line, where, options)
        if item is not None:
            seen += 1
            yield item
    if not seen:
        yield IngestFailure(name, "empty: no JSON lines")


def iter_json(data: bytes, name: str, options: IngestOptions) -> Iterator[RawInput | IngestFailure]:
    """A JSON file: one object, or an array of objects named ``name#item-N``."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield IngestFailure(name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield IngestFailure(name, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(value, dict):
        yield record_from_mapping(value, name, options)
        return
    if not isinstance(value, list):
        yield IngestFailure(name, f"expected a JSON object or array of objects, got a {type(value).__name__}")
        return
    for number, item in enumerate(value, start=1):
        where = f"{name}#item-{number}"
        if isinstance(item, dict):
            yield record_from_mapping(item, where, options)
        else:
            yield IngestFailure(where, f"expected a JSON object, got a {type(item).__name__}")


def _decoded_lines(
    stream: BinaryIO, options: IngestOptions, bad_lines: set[int]
) -> Iterator[str]:
    """Decode a CSV stream line by line; lines that are not valid text are noted in ``bad_lines``."""
    encoding = options.encoding or "utf-8"
    for number, line in iter_lines(stream, options.max_bytes):
        if line is None:
            bad_lines.add(number)
            yield "\n"
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield line.decode(encoding)
        except UnicodeDecodeError:
            bad_lines.add(number)
            yield line.decode(encoding, errors="replace")


def _csv_row(
    row: list[str], header: list[str], where: str, options: IngestOptions
) -> RawInput | IngestFailure | None:
    if not any(cell.strip() for cell in row):
        return None
    if len(row) != len(header):
        return IngestFailure(where, f"row has {len(row)} fields, the header has {len(header)}")
    return record_from_mapping(dict(zip(header, row)), where, options)


def _bad_row(exc: csv.Error, start: int, end: int) -> str:
    """Why lines ``start``..``end`` were not read (strict parsing: a stray or unclosed quote
    would otherwise merge the following rows into one document)."""
    lines = f"line {start}" if end <= start else f"lines {start}-{end}"
    if "end of data" in str(exc):
        return f"unterminated quote: {lines} (to the end of the file) not read"
    return f"bad CSV row, {lines} not read: {exc} (a quote opened and not closed?)"


def iter_csv(
    stream: BinaryIO, name: str, options: IngestOptions, delimiter: str = ","
) -> Iterator[RawInput | IngestFailure]:
    """Stream a CSV/TSV corpus with a header row; each row is named ``name:LINE`` (its first line)."""
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    bad_lines: set[int] = set()
    reader = csv.reader(
        _decoded_lines(stream, options, bad_lines), delimiter=options.csv_delimiter or delimiter, strict=True
    )
    header = next(reader, None)
    if header is None:
        yield IngestFailure(name, "empty: no header row")
        return
    header = [cell.strip() for cell in header]
    if options.text_field not in header and options.html_field not in header:
        yield IngestFailure(
            name,
            f"no '{options.text_field}' or '{options.html_field}' column (columns: {', '.join(header)}); "
            "name the column with --text-field or --html-field",
        )
        return
    yield from _csv_rows(reader, header, name, options, bad_lines)


def _csv_rows(
    reader: Any, header: list[str], name: str, options: IngestOptions, bad_lines: set[int]
) -> Iterator[RawInput | IngestFailure]:
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestFailure(f"{name}:{start}", _bad_row(exc, start, reader.line_num))
            start = reader.line_num + 1
            continue
        where = f"{name}:{start}"
        lines = set(range(start, reader.line_num + 1))
        start = reader.line_num + 1
        if lines & bad_lines:
            yield IngestFailure(where, f"row is not valid {options.encoding or 'UTF-8'} text or is over the size limit")
            continue
        item = _csv_row(row, header, where, options)
        if item is not None:
            yield item
