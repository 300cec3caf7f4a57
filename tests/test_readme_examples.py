"""The README's command-line examples run as written on a fresh clone, without ../shared (issue 16, item 7)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionmap.cli import build_app

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Command line"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = []
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith("factionmap "):
            commands.append(line.split(" > ", 1)[0])
    return commands


def test_the_readme_lists_the_new_commands():
    joined = "\n".join(readme_commands())
    for command in ("documents", "show", "config", "evaluate examples/gold", "--source", "camps"):
        assert command in joined, command
    assert "../shared" not in joined


def test_every_readme_example_runs(nlp, monkeypatch, tmp_path):
    monkeypatch.setattr("factionmap.pipeline.build_nlp", lambda options=None: nlp)
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("FACTIONMAP_DB", raising=False)
    app = build_app()
    for command in readme_commands():
        args = [arg.replace("news.db", str(tmp_path / "news.db")).replace("map.graphml", str(tmp_path / "map.graphml"))
                for arg in shlex.split(command)[1:]]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (command, result.output[-2000:])
    assert (tmp_path / "map.graphml").stat().st_size > 0


@pytest.mark.parametrize("python", ["3.12", "3.13"])
def test_the_project_declares_support_for_current_pythons(python):
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    spec = re.search(r'requires-python = "([^"]+)"', pyproject).group(1)
    from packaging.specifiers import SpecifierSet

    assert f"{python}.0" in SpecifierSet(spec)
