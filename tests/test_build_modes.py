"""Build and serve are told apart by the command MkDocs was started with, never by a setting.
Every publishing command keeps drafts out and publishes through the staging folder (a failed
build leaves the old site), also with `site_url` in mkdocs.yml, the way hosting templates write
it; only `mkdocs serve` shows drafts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import BUILD_ENV, search_text, tree_digest, write_story

DRAFT = "title: Nog niet klaar\ndate: 2025-01-01\ndescription: Een concept.\ncategories: [aspirant]\ndraft: true"
BROKEN = "title: [kapot"


def mkdocs(project, *arguments, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **BUILD_ENV, **env},
        timeout=300,
    )


def with_site_url(project):
    config = project / "mkdocs.yml"
    config.write_text(
        "site_url: https://hosting.example/sectie/\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )


def no_draft_in(site):
    assert (site / "index.html").is_file()
    assert not (site / "verhalen/nog-niet-klaar").exists()
    assert "Nog niet klaar" not in (site / "feed.xml").read_text(encoding="utf-8")
    assert "/verhalen/nog-niet-klaar/" not in search_text(site)


@pytest.mark.parametrize(
    "arguments", [["build"], ["build", "--dirty"], ["build", "-d", "elders"], ["build", "--clean"]], ids=" ".join
)
def test_every_build_command_keeps_drafts_out_and_a_failed_build_keeps_the_old_site(project, arguments):
    with_site_url(project)
    write_story(project, "nog-niet-klaar.md", DRAFT)
    result = mkdocs(project, *arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / (arguments[-1] if "-d" in arguments else "site")
    no_draft_in(site)
    assert not list(project.glob(".site-staging-*")), "the staging folder is swapped in, not left behind"
    before = tree_digest(site)
    write_story(project, "kapot.md", BROKEN)
    second = mkdocs(project, *arguments)
    assert second.returncode != 0 and "content/stories/kapot.md" in second.stdout + second.stderr
    assert tree_digest(site) == before


def test_gh_deploy_publishes_without_drafts(project, tmp_path):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (
        ["init", "-q"],
        ["remote", "add", "origin", str(remote)],
        ["add", "-A"],
        ["commit", "-q", "-m", "site"],
    ):
        subprocess.run(["git", *command], cwd=project, check=True, env={**os.environ, **git})
    write_story(project, "nog-niet-klaar.md", DRAFT)
    result = mkdocs(project, "gh-deploy", "--force", "--no-history", **git)
    assert result.returncode == 0, result.stdout + result.stderr
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote, capture_output=True, text=True, check=True
    ).stdout
    assert "index.html" in listing and "verhalen/index.html" in listing
    assert "nog-niet-klaar" not in listing
