"""Publishing survives anything: a build killed at any moment leaves a complete site (the next
start puts back the previous one if a swap was interrupted), a lock file that is a symlink is
refused and never written through, and a full disk gives a Dutch message and keeps the site."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUILD_ENV, messages, run_build, tree_digest
from ervaringsdeskundigheid.build import publish


def test_a_symlinked_lock_is_refused_and_never_written_through(project):
    precious = project / "data/site.yml"
    before = precious.read_bytes()
    (project / publish.LOCK_FILE).symlink_to(precious)
    result = run_build(project)
    assert result.returncode != 0
    assert ".build.lock" in result.stdout + result.stderr and "symlink" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert precious.read_bytes() == before


def test_an_interrupted_swap_is_mended_by_the_next_start(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("oud", encoding="utf-8")
    # The fallback swap killed between its two renames: only the previous site is left.
    dead = tmp_path / f"{publish.PREVIOUS_PREFIX}site-999999"
    site.rename(dead)
    assert not site.exists()
    publish.staging_dir_for(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "oud"


def test_the_swap_leaves_a_complete_site_at_every_moment(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    staging.mkdir()
    (site / "index.html").write_text("oud", encoding="utf-8")
    (staging / "index.html").write_text("nieuw", encoding="utf-8")
    publish.replace_directory(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "nieuw"
    assert not staging.exists()


def test_a_build_killed_at_any_moment_leaves_a_complete_site(project):
    started = time.monotonic()
    first = run_build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    duration = time.monotonic() - started  # kill within a build's own time, not after it
    complete = tree_digest(project / "site")
    rng = random.Random(20261206)
    for _ in range(4):
        build = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build"],
            cwd=project,
            env={**os.environ, **BUILD_ENV},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.1, 1.0) * duration)
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        publish.restore_interrupted(project / "site")  # what the next build or check does first
        assert tree_digest(project / "site") == complete
    again = run_build(project)
    assert again.returncode == 0 and tree_digest(project / "site") == complete
    assert not list(project.glob(".site-*")), "no staging or previous folder is left behind"


@pytest.fixture
def tiny_disk(tmp_path):
    mount = tmp_path / "klein"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("this machine cannot mount a small disk (tmpfs) for the test")
    yield mount
    subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_full_disk_gives_a_dutch_message_and_keeps_the_site(project, tiny_disk):
    site = tiny_disk / "site"
    site.mkdir()
    (site / "index.html").write_text("oud", encoding="utf-8")
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "niet genoeg ruimte op de schijf" in output and "Traceback" not in output
    assert (site / "index.html").read_text(encoding="utf-8") == "oud"
    assert [path.name for path in tiny_disk.iterdir()] == ["site"]


def test_a_write_error_during_the_build_is_dutch():
    hooks = Path(__file__).resolve().parent.parent / "hooks"
    sys.path.insert(0, str(hooks))
    try:
        import mkdocs_section
        from mkdocs.exceptions import Abort

        with pytest.raises(Abort, match="De schijf is vol .*de oude site staat er nog"):
            mkdocs_section.build_error(OSError(errno.ENOSPC, "No space left on device", "site/x.html"))
    finally:
        sys.path.remove(str(hooks))
    assert messages([]) == ""


def test_a_file_the_published_site_has_unchanged_is_kept_and_everything_else_written(project, tmp_path):
    """A build links the files the site it replaces already has with the same bytes (a deploy that
    compares times sees them unchanged) and writes every other file: a page edited by hand in the
    published site, one that became a symlink, or a pipe, never reaches the new site."""
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    made = tree_digest(site)
    unchanged, edited, linked, piped = (
        site / "index.html",
        site / "privacy/index.html",
        site / "toegankelijkheid/index.html",
        site / "feed.xml",
    )
    kept = os.stat(unchanged)
    edited.write_bytes(edited.read_bytes().replace(b"<title>", b"<TITLE>", 1))  # the same size
    elsewhere = tmp_path / "elders.html"
    elsewhere.write_bytes(linked.read_bytes())  # the right bytes, behind a symlink
    linked.unlink()
    linked.symlink_to(elsewhere)
    piped.unlink()
    os.mkfifo(piped)

    again = run_build(project, site, timeout=120)
    assert again.returncode == 0, again.stderr
    assert tree_digest(site) == made
    assert not any(path.is_symlink() or not (path.is_file() or path.is_dir()) for path in site.rglob("*"))
    now = os.stat(unchanged)
    assert (now.st_ino, now.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    assert elsewhere.read_bytes() == (site / "toegankelijkheid/index.html").read_bytes()
