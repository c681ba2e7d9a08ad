"""The site search: Pagefind indexes the finished pages with Dutch stemming.

Only what a page marks as its content is indexed: the shell puts `data-pagefind-body` on
the main content of every page that belongs in the search (`body_attributes`), and the
chrome inside it (breadcrumbs, badges, sources, share links, "Wat kun je nu doen?") is
left out by `EXCLUDED`. Pages that are not published (drafts, people without consent,
examples when `show_examples: false`) are not pages, so they are not in the index either.

A page's `search_weight` ranks it among pages that match a query about as well. Below 1,
every word on it counts less (`data-pagefind-weight`; Pagefind squares it): a list page that
holds its items (questions, organisations) comes after the reader pages. Above 1, the page
carries a second name, its kind and title, in the field `voorrang`, which the search ranks
above a match in a title (`RANKING`): the regional programmes come before those elsewhere.
(A higher weight on the words alone hardly moves a page: Pagefind's BM25 score saturates,
and a word in another page's title counts five times.)

The index is made by Pagefind's command (the binary of the pinned `pagefind[bin]` package): the
pages go into a private temporary folder (in memory where the system has one) with a config file,
Pagefind indexes that folder and writes its bundle into another, and the bundle comes back as
bytes for the one writer. (The command, not the package's Python service: that wrapper answers
one message per 0.1 s, confirms writes before they are done (Pagefind #1272) and stalls on a
reply above 2 MiB; the bundles are byte for byte the same.) The browser loads the bundle only
when a reader opens the search (assets/javascripts/search.js).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from markupsafe import Markup, escape

from ..core.cachefiles import code_version, read_whole, write_whole

OUTPUT = "pagefind"  # the bundle's folder in the site
LANGUAGE = "nl"  # Dutch stemming (Snowball), whatever a page declares
TIMEOUT = 300  # seconds; a stuck indexer never hangs a build
_MEMORY = "/dev/shm"  # a folder in memory (Linux): the pages and the bundle never touch a disk
# Inside the indexed content, but not what the page is about.
EXCLUDED = (
    "nav",
    "aside",
    "form",
    "script",
    ".ed-trail",
    ".ed-badge",
    ".ed-source",
    ".ed-share",
    ".ed-belongs",
    ".ed-back",
    ".ed-related",
    ".ed-next",
    ".ed-filters",
    ".ed-filter-status",
    ".ed-pagination",
    ".ed-article-footer__categories",
    ".ed-visually-hidden",
    ".ed-sources",
    ".ed-readaloud",
)
# What the site serves of the bundle: the search library, its worker and WebAssembly, and the
# index. (Pagefind also writes its own interfaces; the site has its own.)
_SERVED = re.compile(
    rf"pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.{LANGUAGE}\.pagefind|"
    r"pagefind\.[\w-]+\.pf_meta|(index|fragment|filter)/[\w.-]+"
)
PRIORITY_FIELD = "voorrang"
# Pagefind's ranking, given to it by search.js: a match in `voorrang` beats one in a title.
RANKING = {"metaWeights": {"title": 5.0, PRIORITY_FIELD: 7.0}}


# The copy of a page Pagefind reads is its marked content only (the shell's <article>, with
# the page's language), so Pagefind parses a third of the HTML. It differs in two ways more.
# Pagefind leaves out the text of every <label> (meant for form fields), but a checklist's points
# are labels of their checkboxes: they become <span>. And Pagefind separates words only at the
# ends of some block elements (p, li, div, td, h1-h6, ...): after the others a space keeps
# "Plaats" and "Veendam" two words.
_BODY = re.compile(r"<article\b[^>]*\sdata-pagefind-body[\s>]")
_LABEL = re.compile(r"<(/?)label(?=[\s>])")
_BLOCK_END = re.compile(
    r"</(dt|dd|dl|th|tr|table|caption|summary|details|legend|fieldset|figcaption|figure|"
    r"blockquote|ol|aside)>"
)


def _for_pagefind(html: str) -> str:
    start = _BODY.search(html)
    end = html.rfind("</article>", 0, html.rfind("</main>"))
    if start and end > start.start():  # the shell's <article> (cards inside are articles too)
        html = f'<!doctype html><html lang="{LANGUAGE}"><body>{html[start.start() : end]}</article></body></html>'
    return _BLOCK_END.sub(r" </\1>", _LABEL.sub(r"<\1span", html))


class SearchIndexError(RuntimeError):
    pass


def body_attributes(label: str, title: str, weight: float = 1.0) -> Markup:
    """The attributes of an indexed page's main content: indexed, with its kind ("Verhaal")
    as the result's label, and how it ranks (see above)."""
    meta = {"soort": label}
    if weight > 1:
        meta[PRIORITY_FIELD] = f"{label} {title}"
    # Each value from an attribute of its own (an inline "name:value" must come last).
    attributes = (
        ' data-pagefind-body data-pagefind-meta="'
        + ", ".join(f"{name}[data-{name}]" for name in meta)
        + '"'
        + "".join(f' data-{name}="{escape(value)}"' for name, value in meta.items())
    )
    if weight < 1:
        attributes += f' data-pagefind-weight="{weight:g}"'
    return Markup(attributes)


def ranking_json() -> str:
    return json.dumps(RANKING, separators=(",", ":"))


def index_files(pages: dict[str, str], cache: Path | None = None) -> dict[str, bytes]:
    """Pagefind's bundle for `pages` (path in the site -> finished HTML), by path in the
    site ('pagefind/pagefind.js', ...). Raises SearchIndexError when Pagefind fails.
    `cache`: a folder that keeps the bundle of the last pages indexed, as one file; the very same
    pages again (a site built once more without a change, `make check` then `make build`) take it
    from there."""
    key = _key(pages)
    if cache is not None and (kept := _cached(cache / f"{key}.zip")) is not None:
        return kept
    copies = {path: _for_pagefind(html) for path, html in sorted(pages.items())}
    files = _index(copies) if copies else _empty()
    if cache is not None:
        _keep(cache, key, files)
    return files


def _key(pages: dict[str, str]) -> str:
    """What the bundle is made from: Pagefind's version, the settings, this code (it makes
    Pagefind's copy of each page) and every page: a kept bundle is found without making the copies."""
    parts = [code_version([Path(__file__)], ["pagefind_bin"], LANGUAGE, str(EXCLUDED))]
    parts += [f"\0{path}\0{html}" for path, html in sorted(pages.items())]
    return hashlib.sha256("".join(parts).encode()).hexdigest()[:32]  # one call: it lets other threads run


def _cached(bundle: Path) -> dict[str, bytes] | None:
    """The kept bundle, or None when there is none or it is damaged: its comment is the digest of
    all its members (a zip file's own checks miss a member left out of its directory)."""
    data = read_whole(bundle)
    if data is None:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as kept:
            files = {f"{OUTPUT}/{name}": kept.read(name) for name in kept.namelist()}
            digest = kept.comment
    except (OSError, EOFError, KeyError, RuntimeError, NotImplementedError, ValueError, zipfile.BadZipFile, zlib.error):
        return None  # a changed byte can make a member look encrypted or compressed in another way
    served = all(_SERVED.fullmatch(path.removeprefix(f"{OUTPUT}/")) for path in files)  # names become paths
    if f"{OUTPUT}/pagefind-entry.json" in files and served and digest == _digest(files):
        return files  # exactly the bundle `_keep` checked and wrote
    return None


def _digest(files: dict[str, bytes]) -> bytes:
    digest = hashlib.sha256()
    for path, data in sorted(files.items()):
        digest.update(f"{path}\0{len(data)}\0".encode() + data)
    return digest.hexdigest().encode()


def _keep(cache: Path, key: str, files: dict[str, bytes]) -> None:
    """Only the newest bundle is kept, as one file (hundreds of small files cost a disk far more);
    a cache that cannot be written costs time, never a build. A bundle with a member that does not
    read (gzip, JSON) is not kept."""
    if not all(_complete(path, data) for path, data in files.items()):
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.iterdir():
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)  # a bundle kept as a folder (before December 2026)
            else:
                old.unlink(missing_ok=True)
    except OSError:
        return

    def zipped(target: BinaryIO) -> None:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as bundle:
            for path, data in files.items():
                bundle.writestr(zipfile.ZipInfo(path.removeprefix(f"{OUTPUT}/")), data)
            bundle.comment = _digest(files)

    write_whole(cache / f"{key}.zip", zipped)


def _empty() -> dict[str, bytes]:
    """The bundle of a site with no page in the search: Pagefind's code and an index of no language
    (the command refuses a folder without pages)."""
    files = _index({"leeg.html": f'<!doctype html><html lang="{LANGUAGE}"><body><p>leeg</p></body></html>'})
    entry = json.loads(files[f"{OUTPUT}/pagefind-entry.json"])
    entry["languages"] = {}
    return {
        f"{OUTPUT}/pagefind.js": files[f"{OUTPUT}/pagefind.js"],
        f"{OUTPUT}/pagefind-worker.js": files[f"{OUTPUT}/pagefind-worker.js"],
        f"{OUTPUT}/pagefind-entry.json": json.dumps(entry, separators=(",", ":")).encode(),
    }


def _index(copies: dict[str, str]) -> dict[str, bytes]:
    from pagefind.service import get_executable  # the binary of PyPI's pagefind[bin]

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("het programma pagefind is niet geïnstalleerd")
    with tempfile.TemporaryDirectory(
        prefix="section-search-", dir=_MEMORY if os.access(_MEMORY, os.W_OK) else None
    ) as folder:
        site, bundle = Path(folder) / "site", Path(folder) / "bundle"
        site.mkdir()
        for path, html in copies.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        # The settings in a file of the folder it runs in: Pagefind reads pagefind.json from there.
        (Path(folder) / "pagefind.json").write_text(
            json.dumps(
                {
                    "site": "site",
                    "output_path": "bundle",
                    "force_language": LANGUAGE,
                    "exclude_selectors": list(EXCLUDED),
                }
            ),
            encoding="utf-8",
        )
        try:
            done = subprocess.run(
                [str(binary), "--silent"],
                cwd=folder,
                capture_output=True,
                timeout=TIMEOUT,
                env={name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")},
            )  # only the file's settings
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchIndexError(str(error)) from error
        if done.returncode != 0:
            said = (done.stderr or done.stdout).decode("utf-8", errors="replace").strip()
            raise SearchIndexError(said[-500:] or f"pagefind stopte met code {done.returncode}")
        files = {
            f"{OUTPUT}/{relative}": file.read_bytes()
            for file in sorted(bundle.rglob("*"))
            if file.is_file() and _SERVED.fullmatch(relative := file.relative_to(bundle).as_posix())
        }
    if f"{OUTPUT}/pagefind-entry.json" not in files:
        raise SearchIndexError("Pagefind schreef geen pagefind-entry.json")
    return files


def _complete(path: str, data: bytes) -> bool:
    try:
        if data[:2] == b"\x1f\x8b":
            gzip.decompress(data)
        elif path.endswith(".json"):
            json.loads(data)
        return bool(data)
    except (OSError, EOFError, ValueError):
        return False


def indexed_text(files: dict[str, bytes]) -> str:
    """Everything Pagefind's bundle holds as text (the pages' text and titles, the words of the
    index): what an audit or a test reads to see what the search can show."""
    parts = []
    for path, data in files.items():
        if path.endswith((".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")):
            parts.append(gzip.decompress(data).decode("utf-8", errors="replace"))
    return "\n".join(parts)
