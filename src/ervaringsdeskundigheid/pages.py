"""Render the generated pages of the section from the content model.

Output is generator-neutral: a list of `GeneratedPage` with a URL, a title, a
description and Markdown (with escaped HTML blocks). The MkDocs hooks only hand these
to MkDocs; another generator could do the same.
"""

from __future__ import annotations

import math
from urllib.parse import quote, urlencode
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import images, shareimages, urls
from .datapages import DataPages
from .related import RelatedIndex
from .model import ARTICLE_KINDS, STORIES, ArticleKind, Entry, Site
from .text import dutch_date, reading_time

PAGE_SIZE = 12
# Data pages shown in each category's navigation tab (checklists follow their first category).
NAV_PAGES = {
    "aspirant": [urls.MENU, urls.FAQ],
    "opleiding": [urls.PROGRAMMES],
    "ervaringsdeskundige": [urls.EXPERTS, urls.PROFILES],
    "werkgevers": [urls.ORGANISATIONS, urls.FIGURES],
}
HOME_LATEST = 6


@dataclass(frozen=True)
class GeneratedPage:
    url: str
    title: str
    markdown: str
    description: str = ""
    source: str | None = None          # the editor's file this page comes from, for error messages
    meta: dict = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    url_of: callable

    @property
    def previous(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("ervaringsdeskundigheid", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    env.filters.update(dutch_date=dutch_date, reading_time=reading_time)
    env.globals.update(category_url=urls.category_url, overview_url=urls.overview_url,
                       kinds=ARTICLE_KINDS)
    return env


class PageRenderer:
    def __init__(self, site: Site):
        self.site = site
        self.env = _environment()
        self.env.globals.update(image_variants=lambda image: images.variants(site.root, image),
                                default_image=lambda image: images.default_variant(site.root, image))
        self.data_pages = DataPages(self)
        self.related = RelatedIndex(site.entries)

    def _render(self, template: str, here: str, **context) -> str:
        html = self.env.get_template(template).render(link=lambda target: urls.relative(target, here),
                                                      **context)
        # Markdown ends a raw HTML block at a blank line; keep each block in one piece.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def all_pages(self) -> list[GeneratedPage]:
        pages = [self.article_page(entry) for entry in self.site.entries]
        for kind in ARTICLE_KINDS:
            pages += self.overview_pages(kind)
        for category in self.site.categories:
            pages += self.category_pages(category)
        return pages + self.data_pages.all_pages()

    def navigation(self, generated: list[GeneratedPage]) -> list[tuple[str, str | list]]:
        """Navigation tabs: home, then one tab per category with its main data pages.
        Items are (title, url); the many stories and blogs stay out of the navigation."""
        pages = {page.url: page.title for page in generated}
        extra = {category_id: [url for url in urls_ if url in pages] for category_id, urls_ in NAV_PAGES.items()}
        for checklist in self.site.checklists:
            extra.setdefault(checklist.categories[0], []).append(urls.checklist_url(checklist))
        tabs: list = [("Start", urls.HOME)]
        for category in self.site.categories:
            items = [(category.title, urls.category_url(category))]
            items += [(pages[url], url) for url in extra.get(category.id, [])]
            tabs.append((category.title, items))
        return tabs

    def article_page(self, entry: Entry) -> GeneratedPage:
        meta = entry.meta
        header = self._render("article_header.html", entry.url, entry=entry,
                              person=getattr(meta, "person", None),
                              author=self.site.authors.get(getattr(meta, "author", None)))
        footer = self._render("article_footer.html", entry.url, entry=entry,
                              categories=[self.site.category(c) for c in meta.categories],
                              related=self.related.related(entry), share=share_links(self.site, entry))
        markdown = f"{header}\n\n{entry.body.strip()}\n\n{footer}\n"
        share_image = (images.default_variant(self.site.root, meta.image).path if meta.image
                       else shareimages.image_path(meta.categories[0]))
        share_alt = meta.image_alt or self.site.category(meta.categories[0]).title
        return GeneratedPage(url=entry.url, title=meta.title, description=meta.description,
                             markdown=markdown, source=entry.source,
                             meta={"share_image": share_image, "share_image_alt": share_alt, "og_type": "article"})

    def overview_pages(self, kind: ArticleKind) -> list[GeneratedPage]:
        entries = self.site.of_kind(kind)
        pages = []
        for number, chunk, pager in _paginate(entries, lambda n: urls.overview_url(kind, n)):
            url = urls.overview_url(kind, number)
            title = kind.plural if number == 1 else f"{kind.plural} (pagina {number})"
            body = self._render("overview.html", url, entries=chunk, pager=pager, kind=kind)
            pages.append(GeneratedPage(url=url, title=title, markdown=body,
                                       description=f"Alle {kind.plural.lower()} over ervaringsdeskundigheid."))
        return pages

    def category_pages(self, category) -> list[GeneratedPage]:
        entries = self.site.in_category(category.id)
        pages = []
        for number, chunk, pager in _paginate(entries, lambda n: urls.category_url(category, n)):
            url = urls.category_url(category, number)
            items = self._render("category.html", url, entries=chunk, pager=pager, category=category)
            if number == 1:
                data = self.data_pages.category_section(category, url)
                title, markdown = category.title, f"{category.intro.strip()}\n\n{items}\n\n{data}\n"
            else:
                title, markdown = f"{category.title} (pagina {number})", items
            pages.append(GeneratedPage(url=url, title=title, markdown=markdown, description=category.summary,
                                       meta={"share_image": shareimages.image_path(category.id),
                                             "share_image_alt": category.title}))
        return pages

    def home_sections(self) -> str:
        return self._render("home.html", urls.HOME, categories=self.site.categories,
                            stories=self.site.of_kind(STORIES)[:HOME_LATEST],
                            figure=self.data_pages.latest_figure(), monitor=self.site.monitor)


def share_links(site: Site, entry: Entry) -> dict[str, str]:
    """Plain share links: no third-party scripts are loaded."""
    page = urls.absolute(site.site_url, entry.url)
    return {
        "LinkedIn": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": page}),
        "E-mail": "mailto:?" + urlencode({"subject": entry.meta.title,
                                          "body": f"{entry.meta.description}\n\n{page}"}, quote_via=quote),
    }


def _paginate(entries: list[Entry], url_of) -> list[tuple[int, list[Entry], Pager]]:
    count = max(1, math.ceil(len(entries) / PAGE_SIZE))
    return [(n, entries[(n - 1) * PAGE_SIZE:n * PAGE_SIZE], Pager(n, count, url_of))
            for n in range(1, count + 1)]
