"""What a content type is. Each type is declared once, in its own module in this package,
as one `ContentType`: its schema, where its data lives, its key, its URLs, its pages (see
pages.py: which pages it has and what each page gets), how it shows in the menu and on the
landing pages, its `make new` template, and the rules for loading and publishing it. The
loader, the planner, the renderer, `make new`, `make report` and the web editor's
configuration all read these declarations; nothing else lists the types.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Protocol

from pydantic import BaseModel

from ..core.loading import LoadContext
from ..core.privacy import Person
from ..core.problems import Problem
from ..core.site import Item, Site


@dataclass(frozen=True)
class Fact:
    """One labelled value on an item page or card: `attribute` of the item, shown as `label`.
    `kind` says how: "text", "date", "link" (a URL), "list", "markdown", "email", "phone"."""

    label: str
    attribute: str
    kind: str = "text"


@dataclass(frozen=True)
class Card:
    """How an item shows in a block on a landing page, under its title: short lines, each
    with an optional badge, and one sentence of text."""

    lines: tuple[tuple[str, str | None], ...] = ()  # (text, badge)
    text: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a type shows on one landing page (a category's, or "home"): its heading there,
    its place (low first) and how many items. Unset values come from the type's `Section`."""

    category: str
    heading: str | None = None
    order: int | None = None
    limit: int | None = None


HOME_PLACE = "home"  # a `Place` on the home page instead of a category's page


@dataclass(frozen=True)
class Section:
    """How a type shows on the landing pages: a heading, the first `limit` items of the
    category (in the type's order, or `pick`'s) and a link to the list page. With `places`,
    only on those pages, each with its own heading and place; without, on every category
    that has items of the type (never on the home page)."""

    heading: str
    limit: int = 3
    style: str = "links"  # "links", "faq", "steps" (a route), "figure" (one big number)
    order: int = 50  # place on the landing page, low first
    all_label: str = ""  # "Alle opleidingen"; default "Alle <plural>"
    pick: Callable[[list[Item]], list[Item]] | None = None  # which items first; default: the type's order
    whole: bool = False  # all items, the category's own marked (a route)
    card: Callable[[Any, Any], Card] | None = None  # card(item, site); default: the summary
    places: tuple[Place, ...] = ()
    shown: Callable[[Any, dt.date], bool] | None = None  # shown(item, today): on the landing pages today?
    #                                                       (dated items, such as events); default: all
    teaser: Callable[[Any, Any], str] | None = None  # teaser(item, site): when the block is not the first on a
    #                                                   page, its items are named under its link, after this label
    counted: bool = True  # the link to all items says how many there are

    def on(self, category: str) -> Section | None:
        """This section as it shows on `category`'s page, or None when it does not."""
        if not self.places:
            return None if category == HOME_PLACE else self
        place = next((place for place in self.places if place.category == category), None)
        if place is None:
            return None
        return replace(
            self,
            heading=place.heading or self.heading,
            order=self.order if place.order is None else place.order,
            limit=self.limit if place.limit is None else place.limit,
            places=(),
        )


@dataclass(frozen=True)
class Filter:
    """A filter on a list page that works without JavaScript: a radio `#f-<name>-<value>`
    hides the items whose `data-<name>` lacks the value (render/static.py writes the CSS).
    `values(item)` gives an item's values; they become tokens of [a-z0-9-]."""

    name: str
    values: Callable[[Any], Iterable[str]]


class PageSet(Protocol):
    """Pages a type owns (types/pages.py has the common ones): `plan` lists them, as `Page`s,
    from the loaded site."""

    def plan(self, ctype: ContentType, site: Site) -> list[Any]: ...

    # Optional: files(ctype, site) -> {path in the site: bytes}, the files a type publishes besides
    # its pages (such as calendar files); see `types/pages.py: plan_files`.


def first_sentence(text: str) -> str:
    """The first sentence of a text, for a short card."""
    return text.split(". ")[0] + ("." if ". " in text else "")


def not_draft(item: Any, today: dt.date) -> str | None:
    """The common rule: a draft is not published (shown in the preview only)."""
    return "Concept" if getattr(item, "draft", False) else None


@dataclass(frozen=True)
class ContentType:
    id: str  # key in the loaded site, e.g. "programmes"
    label: str  # Dutch, singular: "Opleiding"
    plural: str  # Dutch, plural: "Opleidingen"
    schema: type[BaseModel]
    source: str  # a data file (".yml") or a folder of Markdown files
    key: str | None = "slug"  # the field that identifies an item; None for one group of fields
    container: str | None = None  # the key holding the list, when the file is a mapping
    list_url: str | None = None  # e.g. "opleidingen/"; None: no list page
    item_url: str | None = None  # e.g. "opleidingen/{slug}/"; "#" in it: an anchor on the list page
    list_title: str | None = None  # default: plural
    description: str = ""  # Dutch meta description of the list page
    intro: str = ""  # Dutch text above the list
    pages: tuple[PageSet, ...] | None = None  # its pages (pages.py); None: a list page and item pages
    in_short: str = ""  # "In het kort" (A2, at most 3 short sentences), first on the list page
    facts: tuple[Fact, ...] = ()  # shown by the generic templates
    summary: str | None = "summary"  # the attribute with a one-line summary
    title_attribute: str = "title"
    article: bool = False  # a dated story or blog: in the feeds, 'Lees ook', the stories
    #                                       on the landing pages and the newsletter
    nav: str | None = None  # the category whose menu shows the list page
    nav_items: bool = False  # the menu shows each item under its first category instead
    section: Section | None = None  # how it shows on the landing pages
    make_new: str | None = None  # what editors type: make new KIND=<make_new>
    published: Callable[[Any, dt.date], str | None] = not_draft  # None, or why it is left out
    public_view: Callable[[Any, dt.date], tuple[Any, str | None]] | None = None  # the item as shown
    checks: tuple[Callable[[Item, LoadContext], list[Problem]], ...] = ()  # check(item, load context) -> problems
    sort_key: Callable[[Any], Any] | None = None
    loader: Callable[..., list[Item]] | None = None  # reads the source itself (a file with its own shape)
    optional: bool = False  # the source may be missing
    search: bool = True  # item pages in the site search
    search_weight: Callable[[Any], float] | None = None  # an item page's rank in the search (> 1: first)
    editable: bool = True  # in the web editor
    examples: bool = False  # items can be marked `example: true`
    source_hint: bool = True  # `make check` asks where figures and rules come from
    person_fields: tuple[str, ...] = ()  # fields a person's consent scope can name
    people: Callable[[Item], list[Person]] | None = None  # the real people an item is about (core/privacy.py `Person`)
    withholdable: bool = True  # an item can be held back when it names a person whose consent
    #                                       ended; False: the mention is taken out of it instead
    held_back_advice: str | None = None  # what editors do then (Dutch); None: take the person out of the text
    held_back_when_stuck: bool = False  # not withholdable, but held back when taking the mention out
    #                                       leaves it invalid (a partner without locations), not an error
    terms: Callable[[Any], dict[str, str]] | None = None  # words an item explains wherever they
    #                                       appear ({written form: meaning}; shown as <abbr>)
    editor_hint: str = ""  # Dutch description of the collection in the web editor
    # `make new`: a template from the schema, plus these (or a function of its own).
    body_template: str = "\nSchrijf hier de tekst.\n"  # the body of a new Markdown item
    body_placeholders: tuple[str, ...] = ()  # texts of body_template that may never be published
    scaffold_extra: str = ""  # YAML lines after the fields ("{today}" is filled in)
    scaffold: Callable[..., Any] | None = None  # scaffold(root, title, today, existing keys) -> path

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
        return bool(self.item_url and "#" not in self.item_url)
