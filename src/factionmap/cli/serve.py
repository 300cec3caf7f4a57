"""``factionmap serve``: the HTTP API and the web app over a database (FastAPI + uvicorn)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from factionmap.store import DEFAULT_DB

__all__ = ["register", "serve_command"]


def serve_command(
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="FACTIONMAP_DB")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on; any but 127.0.0.1 needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8765,
    token: Annotated[str | None, typer.Option(help="Token for writes (and reads off-loopback); or FACTIONMAP_TOKEN.",
                                              envvar="FACTIONMAP_TOKEN", show_envvar=True)] = None,
    allow_private_urls: Annotated[bool, typer.Option("--allow-private-urls",
                                                     help="Let URL ingest reach loopback and private addresses.")] = False,
    max_body: Annotated[int, typer.Option(min=1024, help="Largest ingest body in bytes.")] = 5_000_000,
    ingest_rate: Annotated[int, typer.Option(min=1, help="Ingests per client per minute.")] = 30,
    camp_restarts: Annotated[int, typer.Option(min=0, help="Random restarts when camps of a large piece are "
                                               "solved heuristically (the camps command tries 8).")] = 2,
) -> None:
    """Serve the map: the web app at /, the JSON API under /api, OpenAPI docs at /docs."""
    from factionmap.api import ServeError, ServeSettings, create_app

    err = Console(stderr=True)
    try:
        settings = ServeSettings(db=db, host=host, port=port, token=token or os.environ.get("FACTIONMAP_TOKEN") or None,
                                 allow_private_urls=allow_private_urls, max_body_bytes=max_body,
                                 ingest_rate=ingest_rate, camp_restarts=camp_restarts)
    except ServeError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    err.print(f"factionmap: {escape(str(db))} at http://{shown}:{port}/  (API docs: /docs; Ctrl-C stops)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the app."""
    app.command("serve")(serve_command)
