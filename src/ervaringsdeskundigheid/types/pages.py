"""The pages a content type owns, declared with the type (`ContentType.pages`) and planned
from the loaded site.

Each page set (`ListPage`, `ItemPages`, `LandingPages`, or a type's own) plans `Page`s: the
URL, the title, the body template and everything the template gets, without rendering
anything. So the URL table is complete before the first page is rendered and every link can
be checked. render/ turns a `Page` into HTML and build/ claims its URL; neither knows which
types there are.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from ..core import urls
from ..core.site import Item, Site
from .base import HOME_PLACE, ContentType, Filter, PageSet

HOME_LABEL = "Startpagina"  # never "Start": a vague link text (Lighthouse link-text)
HOME = (HOME_LABEL, urls.HOME)
PAGE_SIZE = 12
FILTERS_CSS = "assets/stylesheets/filters.css"  # the list pages' filters (render/static.py)
SECTION_ITEMS = "verhalen/"  # a category's list of its stories and blogs: <path>/verhalen/
STORIES_HEADING = "Verhalen uit de praktijk"
STORIES_LIMIT = 1  # a landing page shows one story; the others are a link away
LIST_SEARCH_WEIGHT = 0.5  # a list that holds its items (questions): below the reader pages
Trail = tuple[tuple[str, str], ...]  # breadcrumb: (title, url), home first
_Entry = TypeVar("_Entry")


@dataclass
class Page:
    """One page to render: where it lives, what it shows and where its text comes from."""

    url: str
    title: str
    template: str  # the body template
    source: str  # the editors' file, for problems
    owner: str  # Dutch, for URL collisions: "het verhaal in content/..."
    context: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    category: str | None = None  # its category: colour, menu, next step
    label: str = "Pagina"  # the kind of page, in search results
    search: bool = True  # in the site search (render/search.py)
    search_weight: float = 1.0  # its rank there: < 1 below the other pages, > 1 above
    header_search: bool = True  # the search button in the header (not where the page has its own)
    noindex: bool = False
    trail: Trail = ()
    og_type: str = "website"
    share_image: str | None = None  # a site path; None: the category's share image
    share_image_alt: str = ""
    stylesheets: tuple[str, ...] = ()
    refresh: str | None = None
    is_home: bool = False
    own_heading: bool = False
    next_step: bool = True
    kind_class: str = ""
    system: bool = False  # may use a reserved path (the short links under p/)
    article: Item | None = None  # an article's page: share links and 'Lees ook'


@dataclass
class Pager:
    number: int
    count: int
    url_of: Callable[[int], str]

    @property
    def previous(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None


def paginate(items: list[_Entry], base: str, size: int = PAGE_SIZE) -> list[tuple[int, list[_Entry], Pager]]:
    """(number, items, pager) per page of `base`: 'verhalen/', 'verhalen/pagina/2/', ..."""
    count = max(1, math.ceil(len(items) / size))
    url_of = lambda n: urls.paged(base, n)  # noqa: E731
    return [(n, items[(n - 1) * size : n * size], Pager(n, count, url_of)) for n in range(1, count + 1)]


def category_url(category: Item) -> str:
    return f"{category.path}/"


def category_trail(site: Site, category_id: str | None) -> Trail:
    """Home, then the category's page when there is such a category."""
    category = site.get("categories", category_id) if category_id else None
    return (HOME, (category.title, category_url(category))) if category else (HOME,)


def summary_of(item: Item) -> str:
    attribute = item.type.summary
    value = getattr(item.data, attribute, None) if attribute else None
    return value if isinstance(value, str) else ""


# --- Page sets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListPage:
    """The type's list page at its `list_url` (and more pages with `per_page`). `context(site)`
    adds what the template needs from the whole site; `filters` work without JavaScript."""

    template: str = "list.html"
    per_page: int | None = None
    context: Callable[[Site], dict[str, Any]] | None = None
    filters: tuple[Filter, ...] = ()
    note: str = ""  # Dutch, below the filters: what readers should know about the list

    def plan(self, ctype: ContentType, site: Site) -> list[Page]:
        items = site.of(ctype.id)
        if not ctype.list_url or not (items or ctype.single):
            return []
        if self.per_page:
            return self._paged(ctype, items)
        holds_items = bool(ctype.item_url and "#" in ctype.item_url)  # its items are places on it
        context = {"items": items, "ctype": ctype, "intro": ctype.intro, "note": self.note}
        if self.context:
            context.update(self.context(site))
        return [
            Page(
                url=ctype.list_url,
                title=ctype.title,
                template=self.template,
                source=ctype.source,
                owner=f"de pagina {ctype.title} (uit {ctype.source})",
                context=context,
                description=ctype.description,
                category=ctype.nav,
                label=ctype.plural,
                search=(ctype.single or holds_items) and ctype.search,
                search_weight=LIST_SEARCH_WEIGHT if holds_items else 1.0,
                trail=category_trail(site, ctype.nav),
                stylesheets=(FILTERS_CSS,) if self.filters else (),
                kind_class=f"ed-type--{ctype.id}",
            )
        ]

    def _paged(self, ctype: ContentType, items: list[Item]) -> list[Page]:
        pages = []
        for number, chunk, pager in paginate(items, ctype.list_url or "", self.per_page or PAGE_SIZE):
            title = ctype.plural if number == 1 else f"{ctype.plural} (pagina {number})"
            pages.append(
                Page(
                    url=pager.url_of(number),
                    title=title,
                    template=self.template,
                    source=ctype.source,
                    owner=f"het overzicht van de {ctype.plural.lower()}",
                    context={
                        "entries": chunk,
                        "pager": pager,
                        "plural": ctype.plural,
                        "intro": "",
                        "in_short": ctype.in_short,
                    },
                    description=ctype.description,
                    label="Overzicht",
                    search=False,
                    trail=(HOME,),
                )
            )
        return pages


@dataclass(frozen=True)
class ItemPages:
    """A page per item at the type's `item_url`. `context(item, site)` adds what the template
    needs besides the item. An article's page is an article for sharing too."""

    template: str = "item.html"
    context: Callable[[Item, Site], dict[str, Any]] | None = None

    def plan(self, ctype: ContentType, site: Site) -> list[Page]:
        if not ctype.has_item_pages:
            return []
        pages = []
        for item in site.of(ctype.id):
            assert item.url is not None, "a type with item pages gives every item a URL"
            categories = getattr(item.data, "categories", None) or ()
            category = categories[0] if categories else ctype.nav
            context = {"item": item, "ctype": ctype}
            if self.context:
                context.update(self.context(item, site))
            page = Page(
                url=item.url,
                title=item.title,
                template=self.template,
                source=item.source,
                owner=f"{ctype.label.lower()} '{item.key}' in {item.source}"
                if item.entry
                else f"{ctype.label.lower()} {item.source}",
                context=context,
                category=category,
                description=summary_of(item),
                label=ctype.label,
                search=ctype.search,
                search_weight=ctype.search_weight(item) if ctype.search_weight else 1.0,
                trail=category_trail(site, category) + ((ctype.title, ctype.list_url),)
                if ctype.list_url
                else category_trail(site, category),
                kind_class=f"ed-type--{ctype.id}",
            )
            if ctype.article:
                page.og_type, page.article, page.kind_class = "article", item, "ed-type--article"
                page.share_image = item.image if getattr(item.data, "image", None) else None
                page.share_image_alt = getattr(item.data, "image_alt", None) or (
                    site.category(category).title if category else ""
                )
                page.trail = category_trail(site, category) + (
                    ((ctype.plural, ctype.list_url),) if ctype.list_url else ()
                )
            pages.append(page)
        return pages


@dataclass(frozen=True)
class LandingPages:
    """A landing page per category (its `item_url`): the category's text, then what each
    type declares for it (`Section`), its newest articles, and a list of all its articles."""

    template: str = "category.html"

    def plan(self, ctype: ContentType, site: Site) -> list[Page]:
        pages = []
        for category in site.of(ctype.id):
            pages += self._pages(site, category)
        return pages

    def _pages(self, site: Site, category: Item) -> list[Page]:
        url = category_url(category)
        articles = [entry for entry in site.articles if category.key in entry.categories]
        # This category's own articles first (so pages do not repeat one story), those about people
        # first (they show a person), then the others; each newest first.
        featured = sorted(
            articles, key=lambda e: (e.categories[0] != category.key, getattr(e.data, "person", None) is None)
        )[:STORIES_LIMIT]
        list_url = f"{url}{SECTION_ITEMS}"
        pages = [
            Page(
                url=url,
                title=category.title,
                template=self.template,
                source=category.source,
                owner=f"de categorie '{category.key}' in {category.source}",
                context={
                    "category": category,
                    "blocks": landing_blocks(site, category.key or ""),
                    "stories": featured,
                    "stories_total": len(articles),
                    "stories_url": list_url,
                    "stories_heading": STORIES_HEADING,
                },
                description=category.summary,
                category=category.key,
                label="Onderwerp",
                search=False,
                trail=(HOME,),
                share_image=None,
                share_image_alt=category.question or category.title,
                own_heading=True,
                kind_class="ed-type--category",
            )
        ]
        for number, chunk, pager in paginate(articles, list_url) if articles else ():
            title = f"Verhalen en blogs: {category.title}" + ("" if number == 1 else f" (pagina {number})")
            pages.append(
                Page(
                    url=pager.url_of(number),
                    title=title,
                    template="overview.html",
                    source=category.source,
                    owner=f"de verhalen en blogs van de categorie '{category.key}'",
                    context={
                        "entries": chunk,
                        "pager": pager,
                        "plural": "verhalen en blogs",
                        "intro": f"Alle verhalen en blogs over {category.title.lower()}.",
                        "in_short": "Hier lees je alle verhalen en blogs over dit onderwerp.",
                    },
                    description=category.summary,
                    category=category.key,
                    label="Overzicht",
                    search=False,
                    trail=(HOME, (category.title, url)),
                )
            )
        return pages


def landing_blocks(site: Site, place: str) -> list[dict[str, Any]]:
    """What each type declares for the landing page `place` (a category id, or "home"), in
    its place: a heading, a few items and a link to all of them."""
    placed = [
        (ctype, ctype.section.on(place))
        for ctype in site.types.values()
        if ctype.section is not None and not ctype.article
    ]
    blocks = []
    for ctype, section in sorted(((t, s) for t, s in placed if s is not None), key=lambda pair: pair[1].order):
        own = site.of(ctype.id) if place == HOME_PLACE else site.in_category(ctype.id, place)
        if section.shown:
            own = [item for item in own if section.shown(item, site.today)]
        items = site.of(ctype.id) if ctype.single or (section.whole and own) else own
        if not items:
            continue
        picked = section.pick(items) if section.pick else items
        chosen = picked[: section.limit]
        total = len(site.of(ctype.id))
        blocks.append(
            {
                "id": ctype.id,
                "style": section.style,
                "heading": section.heading,
                "items": chosen,
                "total": total,
                "cards": [section.card(item, site) for item in chosen] if section.card else None,
                "all_url": ctype.list_url if ctype.list_url and (total > len(chosen) or ctype.single) else None,
                "all_label": section.all_label or f"Alle {ctype.plural.lower()}",
                "count": not ctype.single and not section.whole and section.counted,
                "teasers": [section.teaser(item, site) for item in chosen] if section.teaser else None,
                "here": {item.key for item in own} if section.whole and len(own) < len(items) else set(),
                "list_url": ctype.list_url,
                "one_here": len(own) == 1 and ctype.has_item_pages and not ctype.single,
                "narrowed": len(picked) < len(items),
            }
        )  # the heading names a part ("in Groningen en Drenthe")
    return blocks


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|\*|`|^#+\s+|^\s*[-*]\s+|^!!!.*$)", re.M)


def markdown_text(text: str) -> str:
    """Markdown as plain text: link texts without their targets, no marks."""
    return _MD_MARK.sub("", _MD_LINK.sub(r"\1", text))


# --- The plan of the whole site -------------------------------------------------------------


@dataclass(frozen=True)
class MenuEntry:
    id: str
    title: str
    url: str
    pages: tuple[tuple[str, str], ...]


def menu(site: Site) -> list[MenuEntry]:
    """The categories with the list pages shown under each (a type's `nav`; with `nav_items`,
    each item under its first category)."""
    entries = []
    for category in site.categories:
        # "Alle opleidingen" under "Opleiding", not "Opleidingen": the menu never repeats a label.
        pages = [
            (ctype.list_title or f"Alle {ctype.plural.lower()}", ctype.list_url)
            for ctype in site.types.values()
            if ctype.nav == category.key and ctype.list_url and (site.of(ctype.id) or ctype.single)
        ]
        for ctype in site.types.values():
            if ctype.nav_items:
                pages += [
                    (item.title, item.url)
                    for item in site.of(ctype.id)
                    if item.categories and item.categories[0] == category.key
                ]
        entries.append(MenuEntry(category.key or "", category.title, category_url(category), tuple(pages)))
    return entries


def abbreviations(site: Site) -> dict[str, str]:
    """Every word some item explains ({written form: meaning}), for <abbr> on every page."""
    found: dict[str, str] = {}
    for ctype in site.types.values():
        if ctype.terms:
            for item in site.of(ctype.id):
                found.update(ctype.terms(item))
    return found


def page_sets(ctype: ContentType) -> tuple[PageSet, ...]:
    """The pages a type declares; without a declaration, a list page and item pages."""
    return ctype.pages if ctype.pages is not None else (ListPage(), ItemPages())


def plan_pages(site: Site) -> list[Page]:
    """Every page the content types own, in declaration order."""
    return [
        page for ctype in site.types.values() for page_set in page_sets(ctype) for page in page_set.plan(ctype, site)
    ]


def plan_files(site: Site) -> list[tuple[str, ContentType, bytes]]:
    """Every file the content types publish besides their pages, (path, owner, bytes): what each
    page set with a `files(ctype, site)` method makes, in declaration order."""
    return [
        (path, ctype, data)
        for ctype in site.types.values()
        for page_set in page_sets(ctype)
        if hasattr(page_set, "files")
        for path, data in page_set.files(ctype, site).items()
    ]
