"""Every content type of the section, in the order they are loaded and listed.

To add a type: write a module here with one `ContentType` (see base.py and any module
here), add it to TYPES below, and add its data file. `register` does the same at run time
(tests use it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Container, Iterable
from functools import partial
from pathlib import Path

from ..core.loading import load_site as _load_site
from ..core.site import Site
from .agenda import AGENDA
from .authors import AUTHORS
from .base import ContentType, Fact, Place, Section
from .blogs import BLOGS
from .categories import CATEGORIES
from .checklists import CHECKLISTS
from .experts import EXPERTS
from .faq import FAQ
from .glossary import GLOSSARY
from .menu import MENU
from .monitor import MONITOR
from .organisations import ORGANISATIONS
from .partners import ISSUED, PARTNERS, inventory_problems
from .profiles import PROFILES
from .programmes import PROGRAMMES
from .redirects import REDIRECTS
from .stories import STORIES
from . import privacy

TYPES: list[ContentType] = [
    CATEGORIES,
    AUTHORS,
    ORGANISATIONS,
    PROGRAMMES,
    PROFILES,
    EXPERTS,
    FAQ,
    CHECKLISTS,
    MENU,
    MONITOR,
    GLOSSARY,
    AGENDA,
    STORIES,
    BLOGS,
    PARTNERS,
    ISSUED,
    REDIRECTS,
]
DOCS_DIR = "docs"

__all__ = ["TYPES", "ContentType", "Fact", "Place", "Section", "register", "load_site", "by_id"]


def register(ctype: ContentType) -> None:
    """Add a content type (replacing one with the same id)."""
    TYPES[:] = [t for t in TYPES if t.id != ctype.id] + [ctype]


def by_id(type_id: str) -> ContentType:
    return next(t for t in TYPES if t.id == type_id)


def load_site(
    root: Path,
    *,
    today: dt.date | None = None,
    preview: bool = False,
    types: Iterable[ContentType] | None = None,
    clean_before: Callable[[str], Container[str]] | None = None,
) -> Site:
    """The whole site under `root`, validated. Raises ContentErrors with every problem.
    `clean_before`: for a consent rule's digest, the digests of the texts that very rule found
    clean in an earlier build (build/memo.py); they are not read again."""
    review = partial(privacy.review, clean_before=clean_before)
    return _load_site(
        root, list(types or TYPES), today=today, preview=preview, checks=(inventory_problems,), review=review
    )
