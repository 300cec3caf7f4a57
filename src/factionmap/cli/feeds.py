"""Feed commands: ``watch`` polls RSS/Atom feeds and stores only items not stored yet.

The database is the state: an item whose URL (or content id) is already stored is
skipped, so a restarted ``watch`` resumes where it stopped.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from factionmap.cli.analyze import load_analyzer_or_exit
from factionmap.cli.inputs import (
    ActorsOption, AllowPrivateOption, FetchLinksOption, InputFlags, LemmasOption, LexiconOption, ModelOption, TimeoutOption,
)
from factionmap.store import DEFAULT_DB

__all__ = ["register", "parse_interval"]

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """``15m`` → 900.0 seconds (units s, m, h, d; a bare number is seconds)."""
    match = _INTERVAL.match(text)
    if not match:
        raise typer.BadParameter(f"cannot read interval {text!r} (use e.g. 30s, 15m, 1h)", param_hint="--every")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


def watch_command(
    feeds: Annotated[list[str], typer.Argument(metavar="FEED...", help="Feed URLs or feed files.")],
    every: Annotated[str, typer.Option(help="Time between polls: 30s, 15m, 1h.")] = "15m",
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="FACTIONMAP_DB")] = Path(DEFAULT_DB),
    fetch_links: FetchLinksOption = False,
    rounds: Annotated[int, typer.Option(min=0, help="Stop after this many polls (0: run until Ctrl-C).")] = 0,
    model: ModelOption = None,
    actors: ActorsOption = None,
    lexicon: LexiconOption = None,
    lemmas: LemmasOption = None,
    timeout: TimeoutOption = 60.0,
    allow_private_urls: AllowPrivateOption = False,
) -> None:
    """Poll feeds every interval and store new items (resumes from the database after a restart)."""
    flags = InputFlags.from_params(locals())
    from factionmap.store import Store
    from factionmap.store.runner import ingest_sources

    interval = parse_interval(every)
    options = flags.batch_options()
    out, err = Console(), Console(stderr=True)
    analyzer = load_analyzer_or_exit(options, err)
    done = 0
    try:
        while True:
            with Store(db) as store:
                summary = ingest_sources(store, feeds, options, analyzer=analyzer)
            for failure in summary.failures:
                err.print(f"[red]failed[/red] {escape(failure.name)}: {escape(failure.message)}")
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            out.print(f"{stamp} poll {done + 1}: {summary.new} new item(s), {summary.already_stored} already stored, "
                      f"{len(summary.failures)} failure(s) → {escape(str(db))}")
            done += 1
            if rounds and done >= rounds:
                if summary.all_failed:
                    raise typer.Exit(1)
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        err.print("[yellow]stopped[/yellow]: every item read so far is stored; run again to resume.")
        raise typer.Exit(130) from None


def register(app: typer.Typer) -> None:
    """Add ``watch`` to the app."""
    app.command("watch")(watch_command)
