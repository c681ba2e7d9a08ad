"""Every URL of the section is decided here.

URLs are site-relative directory URLs ("verhalen/maaike/"); "" is the home page.
They are printed on posters, so they never depend on dates.
"""

from __future__ import annotations

import posixpath

from .model import ArticleKind
from .schemas import Category

PAGE_SEGMENT = "pagina"
HOME = ""


def category_url(category: Category, page: int = 1) -> str:
    return _paged(f"{category.path}/", page)


def overview_url(kind: ArticleKind, page: int = 1) -> str:
    return _paged(f"{kind.url_prefix}/", page)


def _paged(base: str, page: int) -> str:
    return base if page == 1 else f"{base}{PAGE_SEGMENT}/{page}/"


def src_uri(url: str) -> str:
    """The (virtual) Markdown source path that produces `url` with directory URLs."""
    return "index.md" if url == HOME else url.rstrip("/") + ".md"


def relative(target: str, here: str) -> str:
    """Link from the page at `here` to `target`, both site-relative, so the site works
    under any base path (it is a section of a larger website)."""
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    rel = posixpath.relpath("/" + target, "/" + base)
    if rel == ".":
        return "./"
    if (target.endswith("/") or target == HOME) and not rel.endswith("/"):
        rel += "/"
    return rel


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


# Data pages. Fixed URLs: they may be printed on posters.
PROGRAMMES = "opleidingen/"
MENU = "menukaart/"
PROFILES = "functieprofielen/"
EXPERTS = "ervaringsdeskundigen/"
ORGANISATIONS = "organisaties/"
FAQ = "veelgestelde-vragen/"
CHECKLISTS = "checklists/"
FIGURES = "cijfers/"


def programme_url(programme) -> str:
    return f"{PROGRAMMES}{programme.slug}/"


def profile_url(profile) -> str:
    return f"{PROFILES}{profile.slug}/"


def checklist_url(checklist) -> str:
    return f"{CHECKLISTS}{checklist.slug}/"


def organisation_url(organisation) -> str:
    return f"{ORGANISATIONS}#{organisation.id}"


def expert_url(expert) -> str:
    return f"{EXPERTS}#{expert.id}"
