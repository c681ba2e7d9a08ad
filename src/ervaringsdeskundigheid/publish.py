"""Publish a finished build atomically, so a failed build never leaves a half-written site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STAGING_PREFIX = ".site-staging-"
PREVIOUS_PREFIX = ".site-previous-"


def staging_dir_for(site_dir: Path) -> Path:
    """A fresh build directory next to `site_dir` (same file system, so rename is atomic)."""
    remove_leftovers(site_dir)
    return site_dir.parent / f"{STAGING_PREFIX}{site_dir.name}-{os.getpid()}"


def remove_leftovers(site_dir: Path) -> None:
    for prefix in (STAGING_PREFIX, PREVIOUS_PREFIX):
        for old in site_dir.parent.glob(f"{prefix}{site_dir.name}-*"):
            shutil.rmtree(old, ignore_errors=True)


def replace_directory(staging: Path, target: Path) -> None:
    """Swap a finished output directory (a site build, the posters) into place."""
    previous = target.parent / f"{PREVIOUS_PREFIX}{target.name}-{os.getpid()}"
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
