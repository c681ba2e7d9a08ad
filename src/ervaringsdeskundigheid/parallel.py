"""Use the machine's second core, and the time spent waiting for the disk.

MkDocs builds pages one after the other on one core. In `mkdocs build`:

- `offload_search`: Material's search plugin parses every finished page to index it, but
  nothing needs the index until the end. A forked worker runs Material's own indexing
  code on each page while MkDocs goes on; the entries come back in page order.
- `Background`: a function (the readability scores) computed in a forked child.
- `RenderAhead`: a forked child renders every other generated page's Markdown with
  MkDocs' own page pipeline while the main process renders the others.
- `BackgroundWriter`: threads write the finished pages (file calls release the GIL).

The site comes out the same, byte for byte. The dev server (threads, few pages per
rebuild) uses none of this. When a child cannot start or fails, its work is done in the
main process as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any, Callable

log = logging.getLogger("mkdocs.hooks.section")

_DONE = None


class ForkedWorker:
    """Calls `handle(item)` for every item sent, in a forked child; `results()` returns
    the outputs in order. The parent keeps the items, so it can redo the work itself
    when the child fails."""

    def __init__(self, handle: Callable[[Any], Any]):
        self.handle = handle
        self.items: list = []
        context = multiprocessing.get_context("fork")
        sys.stdout.flush()   # the child must not print what the parent had buffered
        sys.stderr.flush()
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(handle, child, self._conn), daemon=True)
        self._process.start()
        child.close()
        self._broken = False

    def send(self, item) -> None:
        self.items.append(item)
        if not self._broken:
            try:
                self._conn.send(item)
            except OSError:
                self._broken = True

    def results(self) -> list:
        try:
            if self._broken:
                raise OSError("the worker stopped")
            self._conn.send(_DONE)
            status, payload = self._conn.recv()
            if status != "ok":
                raise RuntimeError(payload)
            return payload
        except (OSError, EOFError, RuntimeError) as error:
            log.info("Hulpproces mislukt (%s); het werk wordt in het hoofdproces gedaan.", error)
            return [self.handle(item) for item in self.items]
        finally:
            self.close()

    def close(self) -> None:
        self._conn.close()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()


def _serve(handle, conn, parent_end) -> None:
    parent_end.close()
    results = []
    try:
        while (item := conn.recv()) is not _DONE:
            results.append(handle(item))
        conn.send(("ok", results))
    except Exception:   # reported to the parent, which redoes the work
        conn.send(("error", traceback.format_exc()))


class Background:
    """`fn(*args)` computed in a forked child while the parent goes on; `result()` waits
    for it (or computes it here when the child could not run)."""

    def __init__(self, fn: Callable, *args):
        self._fn, self._args = fn, args
        try:
            self._worker: ForkedWorker | None = ForkedWorker(lambda _: fn(*args))
            self._worker.send(0)   # one job
        except OSError:
            self._worker = None

    def result(self):
        if self._worker is None:
            return self._fn(*self._args)
        return self._worker.results()[0]


# --- Material's search index ---------------------------------------------------------------

def offload_search(plugins) -> bool:
    """Replace the search plugin's index with one that indexes pages in a worker.
    Call after the search plugin's on_config (which makes a fresh index every build)."""
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return False
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if type(index) is SearchIndex:
            try:
                plugin.search_index = _offloaded_index(SearchIndex, index)
            except OSError:   # no fork here: index in this process
                return False
            return True
    return False


def _offloaded_index(base: type, original):
    class OffloadedSearchIndex(base):
        def __init__(self):
            super().__init__(**original.config)
            config = original.config
            self._worker = ForkedWorker(lambda page: _index_page(base, config, page))

        def add_entry_from_context(self, page):
            search = page.meta.get("search") or {}
            if search.get("exclude"):
                return
            meta = {key: page.meta[key] for key in ("title", "tags", "search") if key in page.meta}
            self._worker.send(SimpleNamespace(url=page.url, title=page.title, meta=meta,
                                              content=page.content, toc=page.toc))

        def generate_search_index(self, prev):
            for entries in self._worker.results():
                self.entries.extend(entries)
            return super().generate_search_index(prev)

    return OffloadedSearchIndex()


def _index_page(base: type, config: dict, page) -> list[dict]:
    index = base(**config)
    index.add_entry_from_context(page)
    return index.entries


# --- Markdown of generated pages -----------------------------------------------------------

class RenderAhead:
    """Renders the Markdown of every other page in `src_uris` in a forked child, with MkDocs'
    own page pipeline (`_populate_page`: events, Markdown, the hook's own checks), while
    MkDocs renders the others here. `take(src_uri)` gives the child's result for a page, or
    None when the child did not render it (not assigned, or the child failed): then MkDocs
    renders the page here as usual.

    `in_child` runs first in the child (the hook switches itself to child mode);
    `problems()` returns the hook's list of problems, so each page's new problems are sent
    back with it. Log records made while rendering are sent back and logged here, once.
    """

    def __init__(self, config, files, src_uris: list[str], *, in_child: Callable[[], None],
                 problems: Callable[[], list]):
        self.assigned = set(src_uris[1::2])
        self._order = [uri for uri in src_uris if uri in self.assigned]
        self._results: dict[str, dict] = {}
        self._failed = False
        context = multiprocessing.get_context("fork")
        sys.stdout.flush()
        sys.stderr.flush()
        self._conn, child = context.Pipe(duplex=False)
        self._process = context.Process(target=_render_pages, daemon=True,
                                        args=(config, files, self._order, in_child, problems, child, self._conn))
        self._process.start()
        child.close()

    def take(self, src_uri: str) -> dict | None:
        if src_uri not in self.assigned or self._failed:
            return None
        while src_uri not in self._results:
            try:
                if not self._conn.poll(120):
                    raise OSError("no answer in 120 s")
                message = self._conn.recv()
            except (EOFError, OSError) as error:
                message = ("error", None, f"the worker stopped: {error}")
            kind, uri, payload = message
            if kind != "ok":
                log.info("Pagina's vooruit renderen mislukt (%s); de rest wordt hier gerenderd.", payload)
                self._failed = True
                self.close()
                return None
            self._results[uri] = payload
        return self._results.pop(src_uri)

    def close(self) -> None:
        self._conn.close()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str, dict]] = []

    def emit(self, record):
        extra = {"editor_hint": True} if getattr(record, "editor_hint", False) else {}
        self.records.append((record.name, record.levelno, record.getMessage(), extra))


def _render_pages(config, files, order, in_child, problems, conn, parent_end) -> None:
    from mkdocs.commands.build import _populate_page
    from mkdocs.structure.pages import Page

    parent_end.close()
    in_child()
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.handlers = [capture]
    logger.propagate = False
    for src_uri in order:
        try:
            file = files.get_file_from_path(src_uri)
            page = file.page or Page(None, file, config)
            capture.records = []
            known = len(problems())
            _populate_page(page, config, files)
            links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
            conn.send(("ok", src_uri, {
                "markdown": page.markdown, "content": page.content, "toc": page.toc, "meta": page.meta,
                "title": page._title_from_render, "anchors": page.present_anchor_ids, "links": links,
                "problems": problems()[known:], "records": capture.records}))
        except BaseException:   # the parent renders this page and the rest itself
            conn.send(("error", src_uri, traceback.format_exc(limit=3)))
            break
    conn.close()


def apply_rendered(page, files, result: dict) -> str:
    """Put the child's rendering on the parent's page; returns the page's HTML."""
    page.markdown = result["markdown"]
    page.toc = result["toc"]
    page.meta = result["meta"]
    page._title_from_render = result["title"]
    page.present_anchor_ids = result["anchors"]
    if result["links"] or page.links_to_anchors is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in result["links"].items()}
    for name, level, message, extra in result["records"]:
        logging.getLogger(name).log(level, "%s", message, extra=extra)
    return result["content"]


# --- Writing pages -------------------------------------------------------------------------

class BackgroundWriter:
    """Writes the built pages from a few threads: file system calls release the GIL, so
    rendering the next page does not wait for the disk. `finish()` waits for every write
    and raises the first error."""

    def __init__(self, threads: int = 4):
        self._threads = threads
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future] = []
        self.written: set[str] = set()     # the src_uri of every page handed over

    def write(self, src_uri: str, path: str, data: bytes) -> None:
        if self._pool is None:   # created on first use, after any fork
            self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="section-write")
        self.written.add(src_uri)
        self._pending.append(self._pool.submit(_write_file, path, data))

    def finish(self) -> None:
        try:
            for pending in self._pending:
                pending.result()
        finally:
            self._pending = []
            if self._pool:
                self._pool.shutdown(wait=True)
                self._pool = None


def _write_file(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
