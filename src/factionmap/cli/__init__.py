"""The ``factionmap`` command line: a few lines per command over library functions."""

from __future__ import annotations

import importlib

import typer

__all__ = ["build_app", "main"]

#: Command modules; each defines ``register(app)``.
COMMAND_MODULES: tuple[str, ...] = ("analyze", "store", "analysis", "evaluate", "feeds", "train")


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="factionmap",
        help="Map who backs, fights, pressures, accuses and talks to whom in news about conflicts.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    for module in COMMAND_MODULES:
        importlib.import_module(f"factionmap.cli.{module}").register(app)
    return app


def main() -> None:
    build_app()()



