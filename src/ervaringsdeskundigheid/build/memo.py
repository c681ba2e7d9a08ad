"""Results of pure functions of a text, kept between builds: the same text, read by the same code
with the same settings, gives the same result, so a build need not work it out again.

Three such results are kept, each in one file under .cache/memo/:
- the pages and texts the consent rule found clean (`consent.json`): a page, or a text of an item
  while loading, is read again unless this very text was found clean under this very rule by this
  very code. A page in which the rule found
  something is always read again, and nothing about a person is written (only digests of pages);
- the readability score of each text (`readability.json`);
- each Markdown text converted to HTML, with the questions the conversion asked about the site and
  their answers (`markdown.json`): it is reused only when every question gets the same answer now
  (render/markdown.py, `_Asked`).

The file's version is a digest of the code that works the result out and of its settings (the
consent rule itself; the glossary, which gives the <abbr> titles); another version, or a damaged or
unreadable file, is simply not used. A file keeps only what the last build asked for. Two builds at
once each replace the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.cachefiles import read_whole, write_whole
from ..core.text import text_key

FOLDER = "memo"


def package_modules() -> list[Path]:
    """Every module of this package: a result that many of them shape (a page's Markdown) is
    worked out again after any change to the code."""
    return sorted(Path(__file__).resolve().parent.parent.rglob("*.py"))


class TextMemo:
    """`earlier`: what the last build with the same version kept (read only; forked workers
    inherit it). `keep` what this build found (or `keep_earlier`: the same as last time), and
    `save` it for the next one. Without a `cache_dir` nothing is read or kept. A forked worker
    hands what it kept to the parent with `taken`, which `absorb`s it."""

    def __init__(
        self, cache_dir: Path | None, name: str, version: str, valid: Callable[[Any], bool] = lambda value: True
    ):
        self.path = cache_dir / FOLDER / f"{name}.json" if cache_dir is not None else None
        self.version = version
        self.valid = valid  # a kept value of another shape (a damaged or planted file) is not read
        self.earlier: dict[str, Any] = self._read()
        self.now: dict[str, Any] = {}
        self.reused: set[str] = set()

    key = staticmethod(text_key)

    def _read(self) -> dict[str, Any]:
        data = read_whole(self.path) if self.path is not None else None
        if data is None:
            return {}
        try:
            kept = json.loads(data)
            if kept.get("version") == self.version and isinstance(kept.get("results"), dict):
                return {key: value for key, value in kept["results"].items() if self.valid(value)}
        except (OSError, ValueError, AttributeError, RecursionError):
            pass  # none yet, or damaged (also nested too deep to read): worked out again
        return {}

    def get(self, key: str) -> Any:
        return self.earlier.get(key)

    def keep(self, key: str, value: Any) -> None:
        self.now[key] = value

    def keep_earlier(self, key: str) -> None:
        self.reused.add(key)

    def taken(self) -> tuple[set[str], dict[str, Any]]:
        taken = self.reused, self.now
        self.reused, self.now = set(), {}
        return taken

    def absorb(self, taken: tuple[set[str], dict[str, Any]]) -> None:
        self.reused |= taken[0]
        self.now.update(taken[1])

    def save(self) -> None:
        """Written whole, then moved into place; not at all when nothing changed. A folder that
        cannot be written only costs time."""
        if self.path is None:
            return
        results = {key: self.earlier[key] for key in self.reused if key in self.earlier} | self.now
        if results == self.earlier and self.path.exists():
            return
        write_whole(
            self.path, json.dumps({"version": self.version, "results": results}, separators=(",", ":")).encode()
        )
