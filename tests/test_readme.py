"""The README stands alone: its links stay inside the repository, every `hotseat` command it
shows exists with the options it shows, and the architecture page's folder map matches the tree."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from agent.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_links_stay_inside_the_repository_and_resolve(page):
    for target in _LINK.findall(page.read_text()):
        if target.startswith(("http://", "https://", "#")):
            continue
        resolved = (page.parent / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(ROOT), f"{page.name} links outside the repo: {target}"
        assert resolved.exists(), f"{page.name} links to a missing file: {target}"


def _shown_commands() -> list[str]:
    """Every `hotseat ...` command in the README's code spans and code blocks."""
    text = (ROOT / "README.md").read_text()
    found = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        found += re.findall(r"hotseat [^|\n]+", block)
    for span in re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S)):
        found += re.findall(r"hotseat [^`]+", span)
    return sorted({c.strip() for c in found})


def _words(command: str) -> list[str]:
    cleaned = re.sub(r"\[([^\]]*)\]", r"\1", command.replace("\\|", "|"))
    try:
        return shlex.split(cleaned)[1:]
    except ValueError:
        return cleaned.split()[1:]


def test_readme_shows_the_two_quick_start_commands():
    text = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "make demo" in text and "make test" in text
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_every_command_the_readme_shows_exists_with_its_options():
    commands = _shown_commands()
    assert len(commands) >= 15, commands
    runner = CliRunner()
    for command in commands:
        words = _words(command)
        path = []
        group = cli
        for word in words:  # walk down the command groups
            if not isinstance(group, click.Group):
                break
            sub = group.get_command(click.Context(group), word)
            if sub is None:
                break
            path.append(word)
            group = sub
        assert path, f"README shows an unknown command: {command}"
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (command, result.output)
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", command):
            assert option in result.output, f"{command}: {option} is not an option of {path}"


def _folder_map() -> list[str]:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text()
    section = text[text.index("## Folder map") :]
    return re.findall(r"^\| `([^`]+)/` \|", section, re.M)


def test_the_folder_map_matches_the_tree():
    mapped = _folder_map()
    for folder in mapped:
        assert (ROOT / folder).is_dir(), f"the folder map names a missing folder: {folder}"
    packages = [p.parent for p in ROOT.glob("*/__init__.py")] + [
        p.parent for p in (ROOT / "agent").glob("*/__init__.py")
    ]
    for package in packages:
        name = package.relative_to(ROOT).as_posix()
        if name in ("tests", "hotseat.egg-info"):
            continue
        assert name in mapped, f"docs/ARCHITECTURE.md's folder map misses {name}/"
