"""Every command the README gives the team works on a fresh copy of the project, the way a
newcomer runs them on day one: `make check`, `report`, `new`, `posters`, `handouts`,
`newsletter` and `bereik` (with their example arguments). `make build`, `test`, `serve`,
`lock` and `bench` have tests of their own (a build, the suite itself, the dev server, the
lock's network, the benchmark). The copy shares this checkout's virtualenv and node_modules
(the Makefile's VENV), so nothing is installed again."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BUILD_ENV, ROOT, copy_project

TESTED_ELSEWHERE = {"build", "test", "serve", "lock", "bench", "setup"}
OUTPUTS = {
    "report": "dist/rapport/index.html",
    "posters": "dist/posters/manifest.json",
    "handouts": "dist/handouts/menukaart.pdf",
    "bereik": "dist/bereik/uitleg.txt",
}


def readme_commands() -> list[str]:
    """The `make …` commands of the README, each as written (with its example arguments)."""
    found = re.findall(r"`(make [a-z]+(?: [A-Z]+=(?:\"[^\"]*\"|[^\s`]+))*)`", (ROOT / "README.md").read_text("utf-8"))
    return sorted(set(found))


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("commands") / "project")
    for part in ("Makefile", "pyproject.toml", "requirements.lock", "package.json", "package-lock.json", "tools"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    # This checkout's virtualenv is up to date; a stamp newer than the copied lock files says so, so
    # make never reinstalls (it would install the copy, editable, into this checkout's virtualenv).
    (project / ".installed").touch()
    return project


def make(project: Path, command: str) -> subprocess.CompletedProcess:
    argv = ["make", "-s", *re.findall(r'[A-Z]+="[^"]*"|\S+', command)[1:]]
    argv = [arg.replace('"', "") if "=" in arg else arg for arg in argv]
    return subprocess.run(
        [*argv, f"VENV={ROOT / '.venv'}", f"STAMP={project / '.installed'}"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **BUILD_ENV},
        timeout=600,
    )


def test_the_readme_names_every_command_of_the_team():
    names = {command.split()[1] for command in readme_commands()}
    assert {"check", "report", "new", "posters", "handouts", "newsletter", "bereik"} <= names


@pytest.mark.parametrize("command", [c for c in readme_commands() if c.split()[1] not in TESTED_ELSEWHERE])
def test_every_readme_command_runs_on_a_fresh_copy(fresh_copy, command):
    name = command.split()[1]
    if name == "bereik":
        log = fresh_copy / "access.log"
        log.write_text(
            '192.0.2.1 - - [05/Dec/2026:10:00:00 +0100] "GET /ervaringsdeskundigheid/p/lefier-kantine/ '
            'HTTP/1.1" 302 0 "-" "Mozilla/5.0 (Linux; Android 14)"\n',
            encoding="utf-8",
        )
        command = "make bereik LOG=access.log"
    if name == "new":
        command = 'make new KIND=verhaal TITLE="Eerste dag"'
    result = make(fresh_copy, command)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    if name in OUTPUTS:
        assert (fresh_copy / OUTPUTS[name]).is_file(), command
    if name == "new":
        assert (fresh_copy / "content/stories/eerste-dag.md").is_file()
    if name == "newsletter":
        assert list((fresh_copy / "dist/newsletter").glob("*.html"))
    if name == "bereik":
        assert "lefier-kantine" in (fresh_copy / "dist/bereik/scans-per-code.csv").read_text(encoding="utf-8")


def test_a_compressed_log_works_too(fresh_copy):
    log = fresh_copy / "access.log.1.gz"
    log.write_bytes(
        gzip.compress(
            b'192.0.2.7 - - [01/Dec/2026:09:00:00 +0100] "GET /ervaringsdeskundigheid/p/'
            b'lefier-kantine HTTP/1.1" 302 0 "-" "Mozilla/5.0 (iPhone)"\n'
        )
    )
    result = make(fresh_copy, "make bereik LOG=access.log.1.gz")
    assert result.returncode == 0, result.stdout + result.stderr


def _made(project: Path) -> list[Path]:
    """Every file and folder of the project but caches and the build's lock file."""
    skip = {".cache", "__pycache__", ".build.lock"}
    return sorted(path.relative_to(project) for path in project.rglob("*") if not skip & set(path.parts))


DATED_COMMANDS = ["check", "report", 'new KIND=verhaal TITLE="Later"', "posters", "handouts", "newsletter", "build"]


@pytest.mark.parametrize("command", DATED_COMMANDS, ids=lambda c: c.split()[0])
def test_a_date_that_is_no_date_is_a_dutch_error_in_every_command(fresh_copy, command):
    """SECTION_TODAY fixes the day for every command; a typo in it stops the command with one
    Dutch line that names it (no Python traceback) and makes nothing."""
    before = _made(fresh_copy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(BUILD_ENV, "SECTION_TODAY", "1-12-2026")
        result = make(fresh_copy, f"make {command}")
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert "SECTION_TODAY: '1-12-2026' is geen datum: schrijf JJJJ-MM-DD" in result.stderr + result.stdout
    after = _made(fresh_copy)
    assert after == before, set(after) ^ set(before)
