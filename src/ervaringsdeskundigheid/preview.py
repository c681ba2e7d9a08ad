"""Fast rebuilds for the local preview (`make serve`, which runs `mkdocs serve --dirty`).

A dirty build rebuilds only pages whose source file is newer than their output. Generated
pages have no source file, so the preview writes each one to a private folder, and
rewrites a file only when that page's content changed. Its modification time then tells
the dev server which pages to rebuild after an edit: the story itself, and only the
overviews, category pages and related-item boxes that show something that changed.

Anything that can change every page (the navigation, the site name, the set of pages,
the configuration or the theme overrides) is summed up in a fingerprint; when it changes,
the next build starts from an empty output folder, which makes it a full build.

Nothing here is used by `make build`.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache

from .pages import GeneratedPage

SEARCH_INDEX = Path("search") / "search_index.json"


class _TemplateCache(BytecodeCache):
    """Compiled Jinja templates kept in memory between rebuilds (MkDocs makes a new
    environment for every build). Jinja compiles a template again when its source changed."""

    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = {"theme": _TemplateCache(), "pages": _TemplateCache()}   # one per kind of environment


def _digest(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def folder_state(folder: Path | None) -> list:
    """Path, size and modification time of every file below `folder` (cheap to compare)."""
    if folder is None or not folder.is_dir():
        return []
    return sorted((str(path.relative_to(folder)), path.stat().st_size, path.stat().st_mtime_ns)
                  for path in folder.rglob("*") if path.is_file())


FOLDER_PREFIX = "section-preview-"


def _remove_leftovers() -> None:
    """Folders of preview processes that are gone (a killed server cannot clean up)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class PreviewCache:
    """State kept between the rebuilds of one `mkdocs serve` process."""

    def __init__(self, folder: Path | None = None):
        if folder is None:
            _remove_leftovers()
            folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
        self.folder = folder
        self._written: dict[str, str] = {}      # src_uri -> digest of the file as written
        self._fingerprint: str | None = None
        self._search: dict[str, list] = {}      # page URL -> its search index entries

    def structure_changed(self, *parts: object) -> bool:
        """True on the first build, and when anything that shows on every page changed."""
        fingerprint = _digest(*parts)
        changed = fingerprint != self._fingerprint
        self._fingerprint = fingerprint
        if changed:
            self._search.clear()
        return changed

    def page_file(self, page: GeneratedPage) -> Path:
        """The page's Markdown as a file, rewritten only when the page changed."""
        digest = _digest(page.markdown, page.title, page.description, page.source, page.meta)
        path = self.folder / page.src_uri
        if self._written.get(page.src_uri) != digest or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
            self._written[page.src_uri] = digest
        return path

    def merge_search_index(self, site_dir: Path, rebuilt: set[str], pages: list[str]) -> None:
        """Complete the search index after a dirty build.

        The search plugin wrote entries only for the pages built this time (`rebuilt`).
        Entries of the other pages come from earlier builds; `pages` (page URLs in site
        order) decides which pages exist and their order."""
        path = site_dir / SEARCH_INDEX
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        fresh: dict[str, list] = {}
        for entry in index.get("docs", []):
            fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        for url in rebuilt:
            self._search[url] = fresh.get(url, [])
        index["docs"] = [entry for url in pages for entry in self._search.get(url, [])]
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


_CACHES: dict[Path, PreviewCache] = {}


def cache_for(root: Path) -> PreviewCache:
    """One cache per project for the life of the process (it outlives config reloads)."""
    return _CACHES.setdefault(Path(root).resolve(), PreviewCache())
