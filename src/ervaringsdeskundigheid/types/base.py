"""What a content type is. Each type is declared once, in its own module in this package,
as one `ContentType`: its schema, where its data lives, its key, its URL patterns, its
templates, how it shows in the menu and on category pages, its `make new` kind, and the
rules for publishing it. The loader, the page renderer, `make new`, `make report` and the
web editor's configuration all read these declarations; nothing else lists the types.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from pydantic import BaseModel


@dataclass(frozen=True)
class Fact:
    """One labelled value on an item page or card: `attribute` of the item, shown as `label`.
    `kind` says how: "text", "date", "link" (a URL), "list", "markdown", "email", "phone"."""

    label: str
    attribute: str
    kind: str = "text"


@dataclass(frozen=True)
class Place:
    """Where a type shows on one category's landing page: its heading there, its place
    (low first) and how many items. Unset values come from the type's `Section`."""

    category: str
    heading: str | None = None
    order: int | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Section:
    """How a type shows on the category pages (landing pages): a heading, the first `limit`
    items of the category (in the type's order, or `pick`'s) and a link to the list page.
    With `places`, only on those categories, each with its own heading and place; without,
    on every category that has items of the type."""

    heading: str
    limit: int = 3
    style: str = "links"        # "links", "faq", "steps" (a route), "figure" (one big number)
    order: int = 50             # place on the category page, low first
    all_label: str = ""         # "Alle opleidingen"; default "Alle <plural>"
    pick: Callable[[list], list] | None = None   # which items first; default: the type's order
    whole: bool = False         # all items, the category's own marked (a route)
    places: tuple[Place, ...] = ()

    def on(self, category: str) -> Section | None:
        """This section as it shows on `category`'s page, or None when it does not."""
        if not self.places:
            return self
        place = next((place for place in self.places if place.category == category), None)
        if place is None:
            return None
        return replace(self, heading=place.heading or self.heading,
                       order=self.order if place.order is None else place.order,
                       limit=self.limit if place.limit is None else place.limit, places=())


def not_draft(item: Any, today: dt.date) -> str | None:
    """The common rule: a draft is not published (shown in the preview only)."""
    return "Concept" if getattr(item, "draft", False) else None


@dataclass(frozen=True)
class ContentType:
    id: str                               # key in the loaded site, e.g. "programmes"
    label: str                            # Dutch, singular: "Opleiding"
    plural: str                           # Dutch, plural: "Opleidingen"
    schema: type[BaseModel]
    source: str                           # a data file (".yml") or a folder of Markdown files
    key: str | None = "slug"              # the field that identifies an item; None for one group of fields
    container: str | None = None          # the key holding the list, when the file is a mapping
    list_url: str | None = None           # e.g. "opleidingen/"; None: no list page
    item_url: str | None = None           # e.g. "opleidingen/{slug}/"; "#" in it: an anchor on the list page
    list_title: str | None = None         # default: plural
    description: str = ""                 # Dutch meta description of the list page
    intro: str = ""                       # Dutch text above the list
    in_short: str = ""                    # "In het kort" (A2, at most 3 short sentences), first on the list page
    list_template: str = "list.html"
    item_template: str = "item.html"
    page_size: int | None = None          # paginate the list page
    facts: tuple[Fact, ...] = ()          # shown by the generic templates
    summary: str | None = "summary"       # the attribute with a one-line summary
    title_attribute: str = "title"
    nav: str | None = None                # the category whose menu shows the list page
    section: Section | None = None        # how it shows on category pages
    make_new: str | None = None           # what editors type: make new KIND=<make_new>
    published: Callable[[Any, dt.date], str | None] = not_draft   # None, or why it is left out
    sort_key: Callable[[Any], Any] | None = None
    search: bool = True                   # item pages in the site search
    editable: bool = True                 # in the web editor
    examples: bool = False                # items can be marked `example: true`
    context: Callable[..., dict] | None = None   # extra template context: context(site) -> dict
    editor_hint: str = ""                 # Dutch description of the collection in the web editor
    extra: dict = field(default_factory=dict)

    @property
    def is_markdown(self) -> bool:
        return not self.source.endswith((".yml", ".yaml"))

    @property
    def single(self) -> bool:
        return self.key is None

    @property
    def title(self) -> str:
        return self.list_title or self.plural

    def url_of(self, item: Any) -> str | None:
        if not self.item_url:
            return None
        fields = {name for _, name, _, _ in string.Formatter().parse(self.item_url) if name}
        return self.item_url.format(**{name: getattr(item, name) for name in fields})

    @property
    def has_item_pages(self) -> bool:
        return bool(self.item_url) and "#" not in self.item_url
