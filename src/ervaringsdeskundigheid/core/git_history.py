"""Every version of a few files that git remembers, read with the `git` command, bounded in time.

Used for rules that a single checkout cannot check, such as "a printed code is never deleted":
whoever deletes a code and its record in one commit leaves no trace in the files themselves.

The versions come from the commits reachable from HEAD and, in a pull request, from the base
branch (`GITHUB_BASE_REF`, or `SECTION_BASE_REF` elsewhere) when the checkout has it. A folder
that is not a git checkout, a machine without git, or git that does not answer in time gives
`None`: the caller skips its check (the README says so).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 15  # per git call; a slow or hanging git never stops a build
MAX_VERSIONS = 5000  # keeps the work linear and small, whatever the history
BASE_REF_VARIABLES = ("GITHUB_BASE_REF", "SECTION_BASE_REF")
_EMPTY_BLOB = "0" * 40


@dataclass(frozen=True)
class FileVersion:
    path: str  # as asked, relative to the project root
    commit: str  # short hash
    date: str  # YYYY-MM-DD of the commit
    text: str


class _NoHistory(Exception):
    pass


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            timeout=TIMEOUT_S,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        raise _NoHistory from None
    if result.returncode != 0:
        raise _NoHistory
    return result.stdout


def _commit(root: Path, ref: str) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip() or None
    except _NoHistory:
        return None


def history_refs(root: Path) -> list[str]:
    """The commits whose history counts: HEAD and the pull request's base branch, if known."""
    refs = []
    head = _commit(root, "HEAD")
    if head:
        refs.append(head)
    for variable in BASE_REF_VARIABLES:
        name = os.environ.get(variable, "").strip()
        if not name or name.startswith("-"):
            continue
        for candidate in (f"refs/remotes/origin/{name}", f"origin/{name}", name):
            commit = _commit(root, candidate)
            if commit:
                if commit not in refs:
                    refs.append(commit)
                break
    return refs


def file_versions(root: Path, paths: tuple[str, ...]) -> list[FileVersion] | None:
    """Every committed version of `paths` (relative to `root`), oldest last. None: no history
    to read (not a checkout, no git, or git too slow)."""
    root = Path(root).resolve()
    if shutil.which("git") is None:
        return None
    try:
        if _git(root, "rev-parse", "--is-inside-work-tree").strip() != b"true":
            return None
    except _NoHistory:
        return None
    refs = history_refs(root)
    if not refs:
        return []  # a checkout without commits: nothing was ever recorded
    try:
        return list(_versions(root, tuple(refs), tuple(paths)))
    except _NoHistory:
        return None


def tracked(root: Path, pathspecs: tuple[str, ...]) -> list[str] | None:
    """The files git tracks under `pathspecs` (relative to `root`; `*` matches; any letter case,
    as a disk that ignores case opens them). Empty when there is no git; None when git cannot
    read this checkout. The checkout is trusted here whoever owns it (`safe.directory`): the build
    runs its code anyway."""
    if shutil.which("git") is None:
        return []
    try:
        listed = _git(
            Path(root), "-c", "safe.directory=*", "ls-files", "-z", "--", *(f":(icase){spec}" for spec in pathspecs)
        )
    except _NoHistory:
        return None
    return [name for name in listed.decode("utf-8", "replace").split("\0") if name]


def shallow(root: Path) -> bool:
    """A clone with only the last commits (`--depth`): its history starts at a recent commit."""
    try:
        return _git(Path(root), "rev-parse", "--is-shallow-repository").strip() == b"true"
    except _NoHistory:
        return False


@functools.lru_cache(maxsize=16)
def _versions(root: Path, refs: tuple[str, ...], paths: tuple[str, ...]) -> tuple[FileVersion, ...]:
    """Cached per set of commits: `make serve` rebuilds often, the history seldom changes."""
    log = _git(
        root, "log", "-m", "--raw", "--no-abbrev", "--no-renames", "--format=%x00%H %cs", *refs, "--", *paths
    ).decode("utf-8", "replace")
    wanted: list[tuple[str, str, str, str]] = []  # (blob, path, commit, date)
    seen: set[str] = set()
    commit = date = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            commit, _, date = line[1:].partition(" ")
            commit = commit[:10]
        elif line.startswith(":") and "\t" in line:
            meta, _, changed = line.partition("\t")
            blob = meta.split()[3]
            path = next((p for p in paths if changed == p or changed.endswith("/" + p)), None)
            if path and blob != _EMPTY_BLOB and blob not in seen:
                seen.add(blob)
                wanted.append((blob, path, commit, date))
        if len(wanted) >= MAX_VERSIONS:
            break
    if not wanted:
        return ()
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob, *_ in wanted).encode())
    versions = []
    position = 0
    for _blob, path, commit, date in wanted:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if len(header) < 3 or header[1] != b"blob":
            position = header_end + 1
            continue
        size = int(header[2])
        body = out[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
        versions.append(FileVersion(path=path, commit=commit, date=date, text=body.decode("utf-8", "replace")))
    return tuple(versions)
