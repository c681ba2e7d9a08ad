"""Files a build keeps for the next one: named by a digest of what makes them, written whole
or not at all, and read only when they are plain files. A cache that cannot be read or written
only costs time, never a build."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType
from typing import BinaryIO, Callable, Iterable


def code_version(sources: Iterable[ModuleType | Path], packages: Iterable[str] = (), *more: str) -> str:
    """A digest of the sources (modules or files), the installed versions of `packages`,
    Python's version and `more`: a result made by other code or settings is not used."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sources:
        digest.update(Path(str(source.__file__ if isinstance(source, ModuleType) else source)).read_bytes())
    for package in packages:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?".encode())
    for value in more:
        digest.update(b"\0" + value.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def read_whole(path: Path, follow_symlinks: bool = True) -> bytes | None:
    """The bytes of the plain file at `path`; None when there is none, it cannot be read, or it is
    something else: a pipe or a device in its place would be read forever (and, with
    `follow_symlinks=False`, a symlink is not followed)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        with open(os.open(path, flags), "rb") as file:
            return file.read() if stat.S_ISREG(os.fstat(file.fileno()).st_mode) else None
    except OSError:
        return None


def write_whole(path: Path, data: bytes | Callable[[BinaryIO], None]) -> bool:
    """`data` (or what `data(file)` writes) into a new file beside `path`, then moved into place:
    a build killed meanwhile, or two at once, never leave half a file. False when it could not."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                data(file)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        Path(temporary).unlink(missing_ok=True)  # left only when the move did not happen
