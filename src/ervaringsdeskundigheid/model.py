"""The content model: what a loaded, validated site consists of."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import schemas

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ArticleKind:
    """A kind of Markdown article. Each kind is defined once, here."""

    id: str
    folder: str            # relative to the project root
    url_prefix: str        # URL path of the overview, and prefix of every item
    schema: type[schemas.Article]
    label: str             # Dutch, singular
    plural: str            # Dutch, plural: the overview title


STORIES = ArticleKind("story", "content/stories", "verhalen", schemas.Story, "Verhaal", "Verhalen")
BLOGS = ArticleKind("blog", "content/blogs", "blogs", schemas.Blog, "Blog", "Blogs")
ARTICLE_KINDS = (STORIES, BLOGS)

IMAGE_FOLDER = "content"   # `image:` paths are relative to this folder


@dataclass(frozen=True)
class Entry:
    """One story or blog that is part of this build."""

    kind: ArticleKind
    meta: schemas.Article
    body: str
    source: str            # path relative to the project root, as shown to editors
    slug: str
    status: str | None     # None when published; "Concept" or "Gepland" in preview only

    @property
    def url(self) -> str:
        return f"{self.kind.url_prefix}/{self.slug}/"

    @cached_property   # counted once: headers, overviews, category pages and related items ask often
    def words(self) -> int:
        return len(_WORD.findall(self.body))

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    @property
    def sort_key(self) -> tuple:
        return (self.meta.date, self.meta.title)


@dataclass
class Site:
    root: Path
    categories: list[schemas.Category]
    authors: dict[str, schemas.Author]
    entries: list[Entry]                     # newest first
    left_out: dict[str, int] = field(default_factory=dict)   # reason -> count
    organisations: list[schemas.Organisation] = field(default_factory=list)
    programmes: list[schemas.Programme] = field(default_factory=list)
    profiles: list[schemas.JobProfile] = field(default_factory=list)
    experts: list[schemas.Expert] = field(default_factory=list)   # only consented, only consented fields
    faq: list[schemas.Question] = field(default_factory=list)
    checklists: list[schemas.Checklist] = field(default_factory=list)
    menu: list[schemas.MenuStep] = field(default_factory=list)
    monitor: schemas.Monitor | None = None
    glossary: list[schemas.GlossaryTerm] = field(default_factory=list)
    settings: schemas.SiteSettings | None = None

    @property
    def site_url(self) -> str:
        return self.settings.site_url if self.settings else "/"

    def category(self, category_id: str) -> schemas.Category:
        return next(c for c in self.categories if c.id == category_id)

    def of_kind(self, kind: ArticleKind) -> list[Entry]:
        return [e for e in self.entries if e.kind is kind]

    def in_category(self, category_id: str) -> list[Entry]:
        return [e for e in self.entries if category_id in e.meta.categories]

    @property
    def images(self) -> list[str]:
        return sorted({e.meta.image for e in self.entries if e.meta.image})
