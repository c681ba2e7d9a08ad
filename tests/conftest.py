"""Shared test helpers: real MkDocs builds of the repository or of a temporary copy."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "content", "data", "hooks", "overrides")
FIXED_TODAY = "2026-01-01"


def run_build(project: Path, site_dir: Path | None = None, **env) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build` for `project`; returns the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    if site_dir is not None:
        command += ["-d", str(site_dir)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SECTION_TODAY": FIXED_TODAY, **env}
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=project)


def tree_digest(directory: Path) -> str:
    """A digest of every file path and content below `directory`."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        digest.update(str(path.relative_to(directory)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the repository's site sources, free to break."""
    target = tmp_path / "project"
    target.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The repository itself, built once per test session."""
    site = tmp_path_factory.mktemp("repo") / "site"
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def write_story(project: Path, name: str, front_matter: str, body: str = "Tekst van het verhaal.\n",
                kind: str = "stories") -> Path:
    path = project / "content" / kind / name
    path.write_text(f"---\n{front_matter.strip()}\n---\n{body}", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from ervaringsdeskundigheid.devserver import launch_chromium

    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def served_site(repo_site):
    """The repository's built site on a local HTTP server; yields the base URL."""
    from ervaringsdeskundigheid.devserver import serve_directory

    with serve_directory(repo_site) as base:
        yield base


class MkDocsServer:
    """A real `mkdocs serve` (with `extra_args`, e.g. --dirty) on a project; counts finished
    builds from its log."""

    def __init__(self, project: Path, *extra_args: str):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{s.getsockname()[1]}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SECTION_TODAY": FIXED_TODAY}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *extra_args, "-a", self.url[7:-1], "-f", str(project / "mkdocs.yml")],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def builds(self) -> int:
        return sum("Serving on" in line or "Reloading browsers" in line for line in self.lines)

    def wait_for_builds(self, count: int):
        with self.cond:
            assert self.cond.wait_for(lambda: self.builds() >= count or self.process.poll() is not None, timeout=120)
            assert self.builds() >= count, "".join(self.lines)
            assert not any("niet gebouwd" in line or line.startswith("ERROR") for line in self.lines), "".join(self.lines)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode()

    def stop(self):
        self.process.send_signal(signal.SIGINT)   # like Ctrl+C, so the server cleans up
        self.process.wait(timeout=20)
