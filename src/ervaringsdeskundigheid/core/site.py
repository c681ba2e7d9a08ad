"""The content model: what a loaded, validated site consists of."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from pydantic import BaseModel

from .problems import Notice, Problem
from .settings import SiteSettings

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


class ContentKind(Protocol):
    """What core reads of a content type. The types are declared above core (types/base.py
    `ContentType`, which core does not import); this says which parts the loader uses."""

    @property
    def id(self) -> str: ...
    @property
    def plural(self) -> str: ...
    @property
    def schema(self) -> type[BaseModel]: ...
    @property
    def source(self) -> str: ...
    @property
    def key(self) -> str | None: ...
    @property
    def container(self) -> str | None: ...
    @property
    def title_attribute(self) -> str: ...
    @property
    def is_markdown(self) -> bool: ...
    @property
    def single(self) -> bool: ...
    @property
    def optional(self) -> bool: ...
    @property
    def loader(self) -> Callable[..., list[Item]] | None: ...
    @property
    def checks(self) -> tuple[Callable[[Item, Any], list[Problem]], ...]: ...
    @property
    def published(self) -> Callable[[Item, dt.date], str | None]: ...
    @property
    def public_view(self) -> Callable[[Item, dt.date], tuple[Item, str | None]] | None: ...
    @property
    def sort_key(self) -> Callable[[Item], Any] | None: ...
    @property
    def body_placeholders(self) -> tuple[str, ...]: ...


class Held(Protocol):
    """A page the consent rule held back, or had a mention taken out of (types/privacy.py `HeldBack`)."""

    @property
    def source(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def taken_out(self) -> bool: ...
    def notice(self) -> Notice: ...


@dataclass(frozen=True, eq=False)
class Item:
    """One published item of any content type. Its fields read as attributes
    (`item.title`), next to what every item has: its key, URL and source file."""

    type: Any  # the ContentType
    data: Any  # the validated fields, a model of the type's schema (Markdown: the front matter)
    key: str | None
    source: str  # the file editors know, e.g. "content/stories/rob.md"
    body: str = ""  # the Markdown body of an article
    status: str | None = None  # preview only: "Concept", "Gepland"
    index: int = 0  # place in its file, for stable ordering

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("data", "type", "key"):
            raise AttributeError(name)
        return getattr(self.data, name)

    @property
    def slug(self) -> str | None:
        return self.key if self.type.key == "slug" else getattr(self.data, "slug", None)

    @cached_property
    def url(self) -> str | None:
        url: str | None = self.type.url_of(self)
        return url

    @property
    def title(self) -> str:
        title: str = getattr(self.data, self.type.title_attribute)
        return title

    @property
    def entry(self) -> str | None:
        """How problems name this item inside its file (None for a file of its own)."""
        return None if self.type.is_markdown else self.key

    @cached_property  # made once: the consent review and the page digests both key on it
    def data_json(self) -> str:
        """The fields as JSON."""
        data_json: str = self.data.model_dump_json()
        return data_json

    @cached_property  # counted once: headers, overviews, category pages and related items ask often
    def words(self) -> int:
        return len(_WORD.findall(self.body))

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    def replace(self, **changes: Any) -> "Item":
        return Item(
            **{
                **{name: getattr(self, name) for name in ("type", "data", "key", "source", "body", "status", "index")},
                **changes,
            }
        )


@dataclass
class Site:
    root: Path
    today: dt.date
    preview: bool
    settings: SiteSettings  # data/site.yml
    types: dict[str, Any]  # id -> ContentType, in declaration order
    items: dict[str, list[Item]]  # published items per type (preview: drafts too)
    notices: list[Notice] = field(default_factory=list)  # what is not published, and why
    extras: dict[str, Any] = field(default_factory=dict)  # derived data, e.g. short links
    held_back: list[Held] = field(default_factory=list)  # not published: names a withdrawn person
    unpublished: set[str] = field(default_factory=set)  # URLs of items that exist but are not published

    def __post_init__(self) -> None:
        self._index = {type_id: {item.key: item for item in items} for type_id, items in self.items.items()}

    def with_items(self, items: dict[str, list[Item]], held_back: Sequence[Held]) -> "Site":
        """This site with other published items, and what the consent rule held back (also as
        notices: never silent)."""
        return Site(
            self.root,
            self.today,
            self.preview,
            self.settings,
            self.types,
            items,
            notices=[*self.notices, *(held.notice() for held in held_back)],
            extras=self.extras,
            held_back=[*self.held_back, *held_back],
            unpublished=self.unpublished | {held.url for held in held_back if held.url},
        )

    def hold_back(self, held: Held) -> None:
        """Record a page the consent rule held back after loading (a hand-written page, a file)."""
        self.held_back.append(held)
        self.notices.append(held.notice())

    def withheld(self, where: str) -> bool:
        """Whether the item in file `where`, or the page at address `where`, is held back by the
        consent rule (links to it lose their link instead of breaking the build)."""
        return any(
            not held.taken_out and where in (held.source, held.url, (held.url or "").rstrip("/"))
            for held in self.held_back
        )

    @property
    def left_out(self) -> dict[str, int]:
        """How many items each reason kept off the site ('verhalen: concept': 2)."""
        counts: dict[str, int] = {}
        for notice in self.notices:
            label = f"{notice.group}: {notice.short}"
            counts[label] = counts.get(label, 0) + 1
        return counts

    @property
    def site_url(self) -> str:
        return self.settings.site_url if self.settings else "/"

    def of(self, type_id: str) -> list[Item]:
        return self.items.get(type_id, [])

    def get(self, type_id: str, key: str | None) -> Item | None:
        return self._index.get(type_id, {}).get(key)

    def single(self, type_id: str) -> Item | None:
        items = self.items.get(type_id) or []
        return items[0] if items else None

    @property
    def categories(self) -> list[Item]:
        return self.of("categories")

    def category(self, category_id: str) -> Item:
        return self._index["categories"][category_id]

    @cached_property
    def articles(self) -> list[Item]:
        """Every article (the types marked `article`: stories and blogs), newest first."""
        found = [item for type_id, ctype in self.types.items() if ctype.article for item in self.of(type_id)]
        return sorted(found, key=lambda e: (e.date, e.title), reverse=True)

    def in_category(self, type_id: str, category_id: str) -> list[Item]:
        return [item for item in self.of(type_id) if category_id in (getattr(item.data, "categories", None) or ())]
