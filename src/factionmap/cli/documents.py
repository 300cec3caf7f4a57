"""``factionmap documents``: list what the store holds, with id prefixes to pass to ``show``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from factionmap.cli.render import check_list_format, make_console, write_csv, write_json_lines
from factionmap.store import DEFAULT_DB

__all__ = ["register"]


DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="FACTIONMAP_DB")]


def documents_command(
    db: DbOption = Path(DEFAULT_DB),
    outlet: Annotated[str | None, typer.Option("--outlet", "--source", help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY[-MM[-DD]]).")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text or title contains this.")] = None,
    limit: Annotated[int | None, typer.Option(min=1)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json(l) or csv")] = "table",  # noqa: A002
    wide: Annotated[bool, typer.Option("--wide", help="Never shorten columns.")] = False,
) -> None:
    """List stored documents: id prefix, date, outlet, title and how much was read from each."""
    from factionmap.cli.store import _open
    from factionmap.store.documents import list_documents

    fmt = check_list_format(format)
    with _open(db) as store:
        rows = list_documents(store, outlet=outlet, since=since, until=until, search=search, limit=limit)
    if fmt == "jsonl":
        return write_json_lines(row.to_record() for row in rows)
    if fmt == "csv":
        return write_csv(row.to_record() for row in rows)
    table = Table(title=f"{len(rows)} document(s)", caption="ids: any unique prefix works (factionmap show PREFIX)")
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", overflow="fold")
    table.add_column("title", overflow="fold", ratio=1)
    for header in ("events", "actors", "quotes", "figures"):
        table.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(escape(row.id), escape((row.published or "")[:10]),
                      escape(row.source or ""), escape(row.title or row.name or ""),
                      str(row.events), str(row.actors), str(row.quotes), str(row.figures))
    make_console(wide).print(table)


def register(app: typer.Typer) -> None:
    app.command("documents")(documents_command)
