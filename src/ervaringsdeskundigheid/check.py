"""All validation without a full site build, for `make check` and pre-commit.

Same Dutch messages as the build: content and data files, poster inventory and links
in stories and blogs. Drafts are checked too, so errors show up before publication.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

import markdown as markdown_lib

from . import links
from .loader import load_site
from .model import IMAGE_FOLDER
from .partners import category_paths, check_link_targets, known_page_urls, load_poster_data
from .problems import ContentErrors, Problem

DOCS_DIR = "docs"
_MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition"]


def check_project(root: Path, today: dt.date | None = None) -> list[Problem]:
    try:
        site = load_site(root, today=today, preview=True)
    except ContentErrors as errors:
        return errors.problems + load_poster_data(root).problems
    known = known_page_urls(root, site)
    organisations = {o.id for o in site.organisations}
    posters = load_poster_data(root, organisations=organisations)
    problems = list(posters.problems)
    if not posters.problems:
        problems += check_link_targets(posters.links(), category_paths(site.categories), known)
    known |= _static_files(root)
    converter = markdown_lib.Markdown(extensions=_MARKDOWN_EXTENSIONS)
    for entry in site.entries:
        converter.reset()
        for href in links.hrefs(converter.convert(entry.body)):
            if not links.exists(_target(href, entry.url), known):
                problems.append(links.broken_link(href, entry.source))
    return problems


def _static_files(root: Path) -> set[str]:
    files = {p.relative_to(root / DOCS_DIR).as_posix() for p in (root / DOCS_DIR).rglob("*")
             if p.is_file() and p.suffix != ".md"}
    files |= {p.relative_to(root / IMAGE_FOLDER).as_posix() for p in (root / IMAGE_FOLDER).rglob("*")
              if p.is_file() and p.suffix != ".md"}
    return files


def _target(href: str, page_url: str) -> str | None:
    """Where a link leads. Links to .md files resolve like MkDocs does: relative to the
    source file (verhalen/slug.md), to its directory URL."""
    path = href.partition("#")[0]
    if "://" in path or not path.endswith(".md"):
        return links.resolve(href, page_url)
    source_dir = posixpath.dirname(page_url.rstrip("/"))
    target = posixpath.normpath(posixpath.join(source_dir, path)).lstrip("/")
    return target[:-len("index.md")] if target.endswith("index.md") else target[:-3] + "/"
