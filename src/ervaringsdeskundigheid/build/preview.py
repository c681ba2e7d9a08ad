"""Fast rebuilds for the local preview (`make serve` runs `mkdocs serve --dirty`).

A dirty build copies only files that are newer than their copy in the site. Every file (the
pages, the search index, images) is therefore written to a private folder, and rewritten only
when it changed: its modification time then tells MkDocs which files to copy after an edit. Nothing here is
used by `make build`.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .cache import RenderCache
from .publish import process_alive

FOLDER_PREFIX = "section-preview-"


def _remove_leftovers() -> None:
    """Folders of preview processes that are gone (a killed server cannot clean up)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name[len(FOLDER_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


class PreviewFiles:
    _by_project: dict[Path, "PreviewFiles"] = {}  # one per project for the life of the server process

    def __init__(self):
        _remove_leftovers()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)
        self._written: dict[str, str | bytes] = {}  # what each file holds: the same object again compares at once
        self.pages = RenderCache()  # rendered pages, reused while what they show is unchanged

    @classmethod
    def for_project(cls, root: Path) -> "PreviewFiles":
        return cls._by_project.setdefault(Path(root).resolve(), cls())

    def page_file(self, path_in_site: str, data: str | bytes) -> str:
        """The page (or any file: the search index, images) as a file, rewritten only when it changed."""
        path = self.folder / path_in_site
        if self._written.get(path_in_site) != data or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.encode() if isinstance(data, str) else data)
            self._written[path_in_site] = data
        return str(path)
