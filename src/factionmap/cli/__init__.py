"""The ``factionmap`` command line: a few lines per command over library functions."""

from __future__ import annotations

import importlib

import typer

__all__ = ["build_app", "main"]

#: Command modules; each defines ``register(app)``.
COMMAND_MODULES: tuple[str, ...] = ("analyze", "store", "documents", "analysis", "evaluate", "feeds", "settings", "serve", "train")


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


def main(args: list[str] | None = None) -> None:
    """Run the command line with the configuration file's values as option defaults."""
    from factionmap.config import ConfigError, default_map, find_config, load_config

    command = typer.main.get_command(build_app())
    try:
        path = find_config()
        config = load_config(path) if path else None
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from exc
    names = tuple(getattr(command, "commands", {}))
    command.main(args=args, prog_name="factionmap", default_map=default_map(config, names))



