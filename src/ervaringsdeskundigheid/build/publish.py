"""Publish a finished build atomically, one build at a time.

A build writes into a staging folder next to the output folder and swaps it in only when
everything succeeded, so a failed build never leaves a half-written site. A lock file in
the project makes a second build in the same checkout wait (or stop with a Dutch message);
a staging folder is removed only when the process that made it is gone.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path

STAGING_PREFIX = ".site-staging-"
PREVIOUS_PREFIX = ".site-previous-"
LOCK_FILE = ".build.lock"


class BuildLocked(Exception):
    """Another build of this checkout is running."""


class BuildLock:
    """An exclusive lock on the project, held for the whole build (released on exit,
    also when the process is killed)."""

    def __init__(self, root: Path, wait_seconds: float = 120):
        self.path = Path(root) / LOCK_FILE
        self.wait_seconds = wait_seconds
        self._handle = None

    def acquire(self, say=lambda message: None) -> None:
        handle = open(self.path, "a+")
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    say("Er loopt al een andere bouw van deze map; deze bouw wacht tot die klaar is.")
                    told = True
                if time.monotonic() > deadline:
                    handle.close()
                    raise BuildLocked(
                        f"Er loopt al een andere bouw van deze map (langer dan {int(self.wait_seconds)} seconden). "
                        "Wacht tot die klaar is en probeer het opnieuw.") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def staging_dir_for(site_dir: Path) -> Path:
    """A fresh build directory next to `site_dir` (same file system, so rename is atomic)."""
    remove_leftovers(site_dir)
    return site_dir.parent / f"{STAGING_PREFIX}{site_dir.name}-{os.getpid()}"


def remove_leftovers(site_dir: Path) -> None:
    """Staging folders of builds that are gone (a killed build cannot clean up). The folder
    of a build that is still running is never touched."""
    for prefix in (STAGING_PREFIX, PREVIOUS_PREFIX):
        for old in site_dir.parent.glob(f"{prefix}{site_dir.name}-*"):
            pid = old.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and process_alive(int(pid)):
                continue
            shutil.rmtree(old, ignore_errors=True)


def replace_directory(staging: Path, target: Path) -> None:
    """Swap a finished output directory (a site build, the posters) into place."""
    previous = target.parent / f"{PREVIOUS_PREFIX}{target.name}-{os.getpid()}"
    if previous.exists():
        shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
