"""The configuration file: settings a user would otherwise repeat as flags.

factionmap reads the first of these that exists (``$FACTIONMAP_CONFIG`` names
one explicitly):

1. ``factionmap.toml`` in the working directory;
2. ``$XDG_CONFIG_HOME/factionmap/config.toml`` (``~/.config/factionmap/config.toml``).

Example::

    db = "news.db"                  # --db
    model = "en_core_web_sm"        # --model
    actors = ["my-actors.jsonl"]    # --actors (relative paths: to the config file)
    lexicon = ["my-triggers.tsv"]   # --lexicon
    min_confidence = 0.3            # --min-confidence

    [fetch]
    max_bytes = 5000000             # --max-bytes
    timeout = 20                    # --timeout
    fetch_links = false             # --fetch-links

Flags given on the command line override the file; the file overrides the
built-in defaults.  :func:`effective_settings` says where each value came from
(``factionmap config`` prints it).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CONFIG_ENV",
    "ConfigError",
    "ConfigFile",
    "Setting",
    "SETTINGS",
    "config_candidates",
    "default_map",
    "effective_settings",
    "find_config",
    "load_config",
]

CONFIG_ENV = "FACTIONMAP_CONFIG"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its key in the file, the command-line parameter it sets, its type and default."""

    key: str
    param: str
    kind: type
    default: Any
    is_path: bool = False
    is_list: bool = False
    env: str | None = None


#: Every setting the file may hold; ``fetch.x`` keys live in the ``[fetch]`` table.
SETTINGS: tuple[Setting, ...] = (
    Setting("db", "db", str, "factionmap.db", is_path=True, env="FACTIONMAP_DB"),
    Setting("model", "model", str, None),
    Setting("actors", "actors", str, (), is_path=True, is_list=True),
    Setting("lexicon", "lexicon", str, (), is_path=True, is_list=True),
    Setting("min_confidence", "min_confidence", float, 0.0),
    Setting("fetch.max_bytes", "max_bytes", int, 10_000_000),
    Setting("fetch.timeout", "timeout", float, 60.0),
    Setting("fetch.fetch_links", "fetch_links", bool, False),
)


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file (and line)."""


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """The settings read from one file, already typed and with paths resolved."""

    path: Path
    values: Mapping[str, Any]


def config_candidates(cwd: Path | None = None, env: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """The files looked for, in order."""
    env = os.environ if env is None else env
    if env.get(CONFIG_ENV):
        return (Path(env[CONFIG_ENV]),)
    home = Path(env.get("XDG_CONFIG_HOME") or Path(env.get("HOME", "~")).expanduser() / ".config")
    return ((cwd or Path.cwd()) / "factionmap.toml", home / "factionmap" / "config.toml")


def find_config(cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Path | None:
    """The configuration file in force, or None. An explicit ``$FACTIONMAP_CONFIG`` must exist."""
    env = os.environ if env is None else env
    candidates = config_candidates(cwd, env)
    if env.get(CONFIG_ENV) and not candidates[0].is_file():
        raise ConfigError(f"{candidates[0]}: no such configuration file (named by ${CONFIG_ENV})")
    return next((path for path in candidates if path.is_file()), None)


def load_config(path: Path) -> ConfigFile:
    """Read and check one file; unknown keys and wrong types are errors naming the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    flat = _flatten(raw, path)
    known = {setting.key: setting for setting in SETTINGS}
    values: dict[str, Any] = {}
    for key, value in flat.items():
        if key not in known:
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {', '.join(known)})")
        values[key] = _typed(known[key], value, path)
    return ConfigFile(path=path, values=values)


def _flatten(raw: Mapping[str, Any], path: Path) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            if key != "fetch":
                raise ConfigError(f"{path}: unknown table [{key}] (known: [fetch])")
            flat.update({f"{key}.{sub}": item for sub, item in value.items()})
        else:
            flat[key] = value
    return flat


def _typed(setting: Setting, value: Any, path: Path) -> Any:
    items = value if setting.is_list else [value]
    if setting.is_list and not isinstance(value, list):
        raise ConfigError(f"{path}: {setting.key} must be a list of strings")
    typed = [_one(setting, item, path) for item in items]
    return tuple(typed) if setting.is_list else typed[0]


def _one(setting: Setting, value: Any, path: Path) -> Any:
    wanted = setting.kind
    ok = isinstance(value, wanted) and not (wanted is not bool and isinstance(value, bool))
    if wanted is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise ConfigError(f"{path}: {setting.key} must be {wanted.__name__}, not {value!r}")
    if setting.is_path:
        candidate = Path(value).expanduser()
        return str(candidate if candidate.is_absolute() else (path.parent / candidate))
    return value


def default_map(config: ConfigFile | None, commands: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """click's ``default_map`` for the given commands: the file's values as option defaults."""
    if config is None:
        return {}
    by_key = {setting.key: setting for setting in SETTINGS}
    params = {by_key[key].param: (list(v) if by_key[key].is_list else v) for key, v in config.values.items()}
    return {command: dict(params) for command in commands}


def effective_settings(
    config: ConfigFile | None, env: Mapping[str, str] | None = None
) -> list[tuple[str, Any, str]]:
    """``(key, value, origin)`` for every setting; origin is ``default``, an env variable or the file."""
    env = os.environ if env is None else env
    rows = []
    for setting in SETTINGS:
        value, origin = setting.default, "default"
        if config is not None and setting.key in config.values:
            value, origin = config.values[setting.key], str(config.path)
        if setting.env and env.get(setting.env):
            value, origin = env[setting.env], f"${setting.env}"
        rows.append((setting.key, value, origin))
    return rows
