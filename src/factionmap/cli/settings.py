"""``factionmap config``: the effective settings and where each came from."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from factionmap.config import ConfigError, config_candidates, effective_settings, find_config, load_config

__all__ = ["register"]


def config_command(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",  # noqa: A002
) -> None:
    """Print the effective settings (file < environment < flags) and the files looked for."""
    try:
        path = find_config()
        config = load_config(path) if path else None
    except ConfigError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    rows = effective_settings(config)
    if format == "json":
        record = {"file": str(path) if path else None,
                  "settings": {key: {"value": _plain(value), "origin": origin} for key, value, origin in rows}}
        typer.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table("setting", "value", "from", title=f"configuration: {path or 'no file (defaults)'}")
    for key, value, origin in rows:
        table.add_row(key, escape(repr(_plain(value))), escape(origin))
    console = Console()
    console.print(table)
    console.print("[dim]looked for: " + ", ".join(escape(str(p)) for p in config_candidates()) + "[/dim]")
    console.print("[dim]flags given on the command line override these values.[/dim]")


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def register(app: typer.Typer) -> None:
    app.command("config")(config_command)
