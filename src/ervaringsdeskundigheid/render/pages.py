"""Every page the section generates, planned from the content types, and rendered to
complete HTML documents.

`plan_pages` lists the pages (URL, title, template and what it shows) without rendering
anything, so the URL table is complete before the first page is rendered and every link
can be checked. `SiteRenderer.render` turns one planned page into its HTML, its search
entries and the problems found in its editors' text. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import quote, urlencode

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..core import urls
from ..core.problems import Problem
from ..core.site import Item, Site
from ..core.text import dutch_date, reading_time, slugify
from ..types import partners as inventory
from . import chart, images, search, shareimages, static
from .markdown import Abbreviations, LinkContext, MarkdownRenderer, explain_first_use, plain, typography
from .related import RelatedIndex

PAGE_SIZE = 12
HOME_LABEL = "Startpagina"       # never "Start": a vague link text (Lighthouse link-text)
LIST_PAGE_BOOST = 0.2
SEARCH_SUGGESTIONS = ("opleiding", "meeloopmaatje", "schulden", "betaling", "uitkering")
HOME_LATEST = 6
SECTION_ITEMS = "verhalen/"     # a category's list of its stories and blogs: <path>/verhalen/
FOOTER_PAGES = (("Begrippen en afkortingen", "begrippen/"), ("Toegankelijkheid", "toegankelijkheid/"),
                ("Privacy", "privacy/"))


@dataclass
class PageJob:
    """One page to render: where it lives, what it shows and where its text comes from."""

    url: str
    title: str
    template: str | None                  # body template; None for a hand-written page
    source: str                           # the editors' file, for problems
    owner: str                            # Dutch, for URL collisions: "het verhaal in content/..."
    context: dict = field(default_factory=dict)
    description: str = ""
    category: str | None = None           # its category: colour, menu, next step
    label: str = "Pagina"                 # the kind of page, in search results
    search: bool = True
    noindex: bool = False
    trail: tuple = ()                     # breadcrumb: (title, url), home first
    og_type: str = "website"
    share_image: str | None = None
    share_image_alt: str = ""
    stylesheets: tuple = ()
    refresh: str | None = None
    is_home: bool = False
    own_heading: bool = False
    next_step: bool = True
    anchors: tuple = ()                   # (id, title, text) of items on this page, for search
    kind_class: str = ""
    system: bool = False                  # may use a reserved path (the short links under p/)


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


@dataclass
class RenderedPage:
    url: str
    html: str
    problems: list[Problem] = field(default_factory=list)
    search: list[dict] = field(default_factory=list)       # the page's documents of the search index
    images: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    anchors: list[tuple[str, str, str, str]] = field(default_factory=list)   # (source, href, page, anchor)


@dataclass(frozen=True)
class MenuEntry:
    id: str
    title: str
    url: str
    pages: tuple


@dataclass(frozen=True)
class Engine:
    """What the theme (Material) provides: its stylesheet, script and search worker."""

    css: str = "assets/stylesheets/main.css"
    js: str = "assets/javascripts/bundle.js"
    search_worker: str = "assets/javascripts/workers/search.js"


def category_url(category) -> str:
    return f"{category.path}/"


def _paginate(entries: list, url_of) -> list[tuple[int, list, Pager]]:
    count = max(1, math.ceil(len(entries) / PAGE_SIZE))
    return [(n, entries[(n - 1) * PAGE_SIZE:n * PAGE_SIZE], Pager(n, count, url_of)) for n in range(1, count + 1)]


# --- The plan ---------------------------------------------------------------------------------

def menu(site: Site) -> list[MenuEntry]:
    """The categories with the list pages shown under each (a type's `nav`; checklists under
    their first category)."""
    entries = []
    for category in site.categories:
        # "Alle opleidingen" under "Opleiding", not "Opleidingen": the menu never repeats a label.
        pages = [(ctype.list_title or f"Alle {ctype.plural.lower()}", ctype.list_url) for ctype in site.types.values()
                 if ctype.nav == category.key and ctype.list_url and (site.of(ctype.id) or ctype.single)]
        for ctype in site.types.values():
            if ctype.extra.get("nav_by_first_category"):
                pages += [(item.title, item.url) for item in site.of(ctype.id)
                          if item.categories and item.categories[0] == category.key]
        entries.append(MenuEntry(category.key, category.title, category_url(category), tuple(pages)))
    return entries


def _home_category(site: Site, ctype) -> str | None:
    if ctype.nav:
        return ctype.nav
    return None


def plan_pages(site: Site) -> list[PageJob]:
    jobs: list[PageJob] = []
    home = (HOME_LABEL, urls.HOME)
    categories = {c.key: c for c in site.categories}
    for ctype in site.types.values():
        items = site.of(ctype.id)
        if ctype.is_markdown:
            jobs += _article_pages(site, ctype, items, home, categories)
            continue
        if ctype.list_url and (items or ctype.single):
            jobs.append(_list_page(site, ctype, items, home, categories))
        if ctype.has_item_pages:
            for item in items:
                category = (item.categories[0] if getattr(item.data, "categories", None) else ctype.nav)
                trail = (home,) + ((categories[category].title, category_url(categories[category])),) \
                    if category in categories else (home,)
                jobs.append(PageJob(
                    url=item.url, title=item.title, template=ctype.item_template, source=item.source,
                    owner=f"{ctype.label.lower()} '{item.key}' in {item.source}",
                    context={"item": item, "ctype": ctype}, category=category,
                    description=_summary(item), label=ctype.label,
                    trail=trail + ((ctype.title, ctype.list_url),), kind_class=f"ed-type--{ctype.id}"))
    for category in site.categories:
        jobs += _category_pages(site, category, home)
    jobs += _shortlink_pages(site)
    jobs += _moved_pages(site)
    return jobs


def _summary(item: Item) -> str:
    attribute = item.type.summary
    value = getattr(item.data, attribute, None) if attribute else None
    return value if isinstance(value, str) else ""


def _article_pages(site: Site, ctype, items: list[Item], home, categories) -> list[PageJob]:
    jobs = []
    for item in items:
        first = categories.get(item.categories[0])
        image = (images.default_variant(site.root, item.image).path if item.image
                 else shareimages.image_path(item.categories[0]))
        jobs.append(PageJob(
            url=item.url, title=item.title, template=ctype.item_template, source=item.source,
            owner=f"{ctype.label.lower()} {item.source}", context={"entry": item},
            description=item.description, category=item.categories[0], label=ctype.label,
            trail=(home, (first.title, category_url(first)), (ctype.plural, ctype.list_url)),
            og_type="article", share_image=image, share_image_alt=item.image_alt or first.title,
            kind_class="ed-type--article"))
    for number, chunk, pager in _paginate(items, lambda n: urls.paged(ctype.list_url, n)):
        title = ctype.plural if number == 1 else f"{ctype.plural} (pagina {number})"
        jobs.append(PageJob(
            url=urls.paged(ctype.list_url, number), title=title, template=ctype.list_template,
            source=ctype.source, owner=f"het overzicht van de {ctype.plural.lower()}",
            context={"entries": chunk, "pager": pager, "plural": ctype.plural, "intro": "", "in_short": ctype.in_short},
            description=ctype.description, label="Overzicht", search=False, trail=(home,)))
    return jobs


def _list_page(site: Site, ctype, items: list[Item], home, categories) -> PageJob:
    category = ctype.nav
    trail = (home, (categories[category].title, category_url(categories[category]))) \
        if category in categories else (home,)
    anchors = ()
    if ctype.item_url and "#" in ctype.item_url and ctype.search:
        anchors = tuple((item.url.split("#", 1)[1], item.title, _summary(item) or _anchor_text(item))
                        for item in items)
    context = {"items": items, "ctype": ctype}
    if ctype.context:
        context.update(ctype.context(site))
    return PageJob(
        url=ctype.list_url, title=ctype.title, template=ctype.list_template, source=ctype.source,
        owner=f"de pagina {ctype.title} (uit {ctype.source})", context=context,
        description=ctype.description, category=category, label=ctype.plural,
        search=ctype.single and ctype.search, anchors=anchors, trail=trail,
        stylesheets=(static.FILTERS_CSS,) if ctype.id in ("experts", "programmes") else (),
        kind_class=f"ed-type--{ctype.id}")


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|\*|`|^#+\s+|^\s*[-*]\s+|^!!!.*$)", re.M)


def _anchor_text(item: Item) -> str:
    """An item's main text for the search index, without Markdown's marks."""
    for attribute in ("answer", "text", "how", "explanation"):
        value = getattr(item.data, attribute, None)
        if isinstance(value, str):
            return _MD_MARK.sub("", _MD_LINK.sub(r"\1", value))
    return ""


STORIES_HEADING = "Verhalen uit de praktijk"
STORIES_LIMIT = 3


def _category_pages(site: Site, category, home) -> list[PageJob]:
    url = category_url(category)
    articles = [entry for entry in site.entries if category.key in entry.categories]
    # Stories first (they show people), then blogs; each newest first.
    featured = sorted(articles, key=lambda e: e.type.id != "stories")[:STORIES_LIMIT]
    list_url = f"{url}{SECTION_ITEMS}"
    blocks = []
    # What each type declares for this category (its `section`), in its place; questions last.
    placed = [(ctype, ctype.section.on(category.key)) for ctype in site.types.values()
              if ctype.section is not None and not ctype.is_markdown]
    for ctype, section in sorted(((t, s) for t, s in placed if s is not None), key=lambda pair: pair[1].order):
        own = site.in_category(ctype.id, category.key)
        items = site.of(ctype.id) if ctype.single or (section.whole and own) else own
        if not items:
            continue
        chosen = (section.pick(items) if section.pick else items)[:section.limit]
        total = len(site.of(ctype.id))
        blocks.append({"id": ctype.id, "style": section.style, "heading": section.heading, "items": chosen,
                       "total": total,
                       "all_url": ctype.list_url if ctype.list_url and (total > len(chosen) or ctype.single) else None,
                       "all_label": section.all_label or f"Alle {ctype.plural.lower()}",
                       "count": not ctype.single and not section.whole,
                       "here": {item.key for item in own} if section.whole and len(own) < len(items) else set()})
    jobs = [PageJob(
        url=url, title=category.title, template="category.html", source=category.source,
        owner=f"de categorie '{category.key}' in {category.source}",
        context={"category": category, "blocks": blocks, "stories": featured, "stories_total": len(articles),
                 "stories_url": list_url, "stories_heading": STORIES_HEADING},
        description=category.summary, category=category.key, label="Onderwerp", search=False, trail=(home,),
        share_image=shareimages.image_path(category.key), share_image_alt=category.question or category.title,
        own_heading=True,
        kind_class="ed-type--category")]
    for number, chunk, pager in _paginate(articles, lambda n: urls.paged(list_url, n)):
        title = f"Verhalen en blogs: {category.title}" + ("" if number == 1 else f" (pagina {number})")
        jobs.append(PageJob(
            url=urls.paged(list_url, number), title=title, template="overview.html", source=category.source,
            owner=f"de verhalen en blogs van de categorie '{category.key}'",
            context={"entries": chunk, "pager": pager, "plural": "verhalen en blogs",
                     "intro": f"Alle verhalen en blogs over {category.title.lower()}.",
                     "in_short": "Hier lees je alle verhalen en blogs over dit onderwerp."},
            description=category.summary, category=category.key, label="Overzicht", search=False,
            trail=(home, (category.title, url))))
    return jobs


def _shortlink_pages(site: Site) -> list[PageJob]:
    paths = inventory.category_paths(site)
    titles = {"": "de startpagina"}
    titles.update({category_url(c): c.title for c in site.categories})
    titles.update({e.url: e.title for e in site.entries})
    # A poster of a category asks its question; the page that forwards asks it too.
    questions = {category_url(c): c.question for c in site.categories if c.question}
    by_url = {category_url(c): c.key for c in site.categories}
    jobs = []
    for link in inventory.short_links(site):
        target = inventory.resolve_target(link.target, paths)
        title = titles.get(target, "de pagina")
        forward = link.relative_target(paths)
        jobs.append(PageJob(
            url=link.url, title=f"Doorsturen naar {title}", template="shortlink.html", source=link.file,
            owner=f"de korte link '{link.code}' in {link.file}",
            context={"target_title": title, "forward": forward, "link": link, "target": target,
                     "question": questions.get(target)},
            description="Korte link van een poster of banner van Alliantie van Kracht.",
            category=by_url.get(target), label="Korte link", search=False, noindex=True, refresh=forward,
            next_step=False, own_heading=True, system=True))
    return jobs


def _moved_pages(site: Site) -> list[PageJob]:
    """The old address of a page that moved (data/redirects.yml) forwards to its new one."""
    titles = {item.url: item.title for ctype in site.types.values() if ctype.item_url
              for item in site.of(ctype.id)}
    titles.update({category_url(c): c.title for c in site.categories})
    jobs = []
    for item in site.of("redirects"):
        old, new = item.data.path, item.data.target
        title = titles.get(new, "de nieuwe pagina")
        forward = urls.relative(new, old)
        jobs.append(PageJob(
            url=old, title=f"Nieuw adres: {title}", template="moved.html", source=item.source,
            owner=f"het oude adres '{old}' in {item.source}",
            context={"target_title": title, "forward": forward},
            description=f"Deze pagina heeft een nieuw adres: {title}.", label="Doorverwijzing", search=False,
            noindex=True, refresh=forward, next_step=False, own_heading=True))
    return jobs


# --- Rendering ----------------------------------------------------------------------------------

class _CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates on disk; a cache that cannot be read or written (the folder was
    removed, the disk is full) only costs time, never a build."""

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket):
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=4)
def environment(cache_dir: Path | None = None) -> Environment:
    """The templates, compiled once per process. `cache_dir` (inside the project, so never
    shared between checkouts) keeps compiled templates between builds; Jinja compiles a
    template again when its source changed."""
    cache = _CompiledTemplates(str(cache_dir)) if cache_dir is not None else None
    env = Environment(loader=PackageLoader("ervaringsdeskundigheid", "render/templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined, bytecode_cache=cache)
    env.filters.update(dutch_date=dutch_date, reading_time=reading_time, email=obfuscated_email, topics=as_topics,
                       after_title=after_title)
    return env


_H1_END = re.compile(r"</h1>")


def after_title(html: Markup, box: Markup) -> Markup:
    """`box` right after the page's own title (its first <h1>), or first when it has none:
    "In het kort" on a hand-written page comes before the rest of its text."""
    match = _H1_END.search(str(html))
    if match is None:
        return Markup(str(box) + str(html))
    return Markup(str(html)[:match.end()] + str(box) + str(html)[match.end():])


_H2 = re.compile(r"(?=<h2[\s>])")
_HEADED = re.compile(r"(<h2[^>]*>.*?</h2>)(.*)", re.S)


def as_topics(html: Markup) -> Markup:
    """An introduction as its opening text plus one closed topic per '##' section: the
    headings stay visible and can be scanned, the page stays short on a phone."""
    head, *sections = _H2.split(str(html))
    out = [head]
    for section in sections:
        match = _HEADED.match(section)
        out.append(f'<details class="ed-topic"><summary>{match.group(1)}</summary>{match.group(2)}</details>'
                   if match else section)
    return Markup("".join(out))


def obfuscated_email(address: str) -> Markup:
    """Every character as an HTML entity: browsers and screen readers show the address,
    a pattern match over the HTML source does not find it."""
    return Markup("".join(f"&#{ord(ch)};" for ch in address))


def share_links(site: Site, entry: Item) -> list[tuple[str, str]]:
    """Plain share links: no third-party scripts are loaded."""
    page = urls.absolute(site.site_url, entry.url)
    return [
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{entry.title} {page}"}, quote_via=quote)),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": page})),
        ("e-mail", "mailto:?" + urlencode({"subject": entry.title, "body": f"{entry.description}\n\n{page}"},
                                          quote_via=quote)),
    ]


class SiteRenderer:
    """Renders planned pages to complete HTML documents with the shared templates."""

    def __init__(self, site: Site, known: Callable[[str], bool], page_of_source: Callable[[str], str | None],
                 engine: Engine = Engine(), csp: str = "", preview: bool = False, cache_dir: Path | None = None,
                 file_links: bool = False):
        self.site = site
        self.file_links = file_links      # a copy to open from disk: links to folders end in index.html
        self.settings = site.settings
        self.known = known
        self.page_of_source = page_of_source
        self.engine = engine
        self.csp = csp
        self.preview = preview
        self.env = environment(cache_dir)
        glossary = {form: t.full or t.explanation for t in site.of("glossary") if t.abbreviation
                    for form in (t.term, *t.forms)}
        self.markdown = MarkdownRenderer(glossary)
        self.fragments = MarkdownRenderer(glossary, headings=False)
        self.abbreviations = Abbreviations(glossary)
        self.related = RelatedIndex(site.entries)
        self.menu = menu(site)
        self.categories = {c.key: c for c in site.categories}
        self.globals = dict(
            site=site, settings=self.settings, menu=self.menu, token=lambda value: slugify(value, fallback="x"),
            home_label=HOME_LABEL, search_suggestions=SEARCH_SUGGESTIONS,
            programme_where=static.programme_where, programme_level=static.programme_level,
            programme_where_labels=static.PROGRAMME_WHERE, programme_level_labels=static.PROGRAMME_LEVELS,
            category_url=lambda key: category_url(self.categories[key]), glossed=self.glossed,
            level_label=static.level_label,
            image_variants=lambda image: images.variants(site.root, image),
            default_image=lambda image: images.default_variant(site.root, image))

    def glossed(self, text: Any) -> Markup:
        """Plain text, escaped, with Dutch quotes and known abbreviations marked up as <abbr>."""
        return Markup(typography(str(escape(text)), self.abbreviations))

    def render(self, job: PageJob, root: str | None = None) -> RenderedPage:
        """The page as a complete document. `root`: the link to the site root, when it
        cannot be relative (the 404 page is shown at any address)."""
        result = RenderedPage(job.url, "")
        here = job.url

        def link(target: str) -> str:
            return urls.relative(target, here)

        def md(text: str | None, source: str | None = None) -> Markup:
            if not text:
                return Markup("")
            source = source or job.source
            from_root = not source.endswith(".md")
            renderer = self.markdown if not from_root else self.fragments
            context = LinkContext(source, here, self.page_of_source, urls.relative, self.known, from_root)
            rendered = renderer.render(text, context)
            result.problems += [Problem(source, "tekst", reason) for reason in rendered.problems]
            result.images += rendered.images
            result.ids |= rendered.ids
            result.anchors += [(source, *found) for found in rendered.anchors]
            if job.search and not from_root:
                result.search += self._sections(job, rendered)
            return Markup(rendered.html)

        cited: list[tuple[str | None, str]] = []

        def cite(text: str | None, label: str | None = None) -> str:
            """A source for the page's one "Bronnen" block, out of the reading flow."""
            if text and (label, text) not in cited:
                cited.append((label, text))
            return ""

        root = root or urls.relative(urls.HOME, here)
        context = {**self.globals, "link": link, "md": md, "cite": cite, "here": here, "today": self.site.today,
                   "root": root,
                   "canonical": urls.absolute(self.site.site_url, here), **job.context}
        context["next_step"] = self._next_step(job, context) if job.next_step else ""
        if job.template == "article.html":
            context.update(self._article_context(job.context["entry"]))
        elif job.template == "figures.html":
            context.update(self._figures_context())
        elif job.template == "faq.html":
            context.update(self._faq_context(job.context["items"]))
        elif job.template == "menu.html":
            context["buddies"] = [e for e in self.site.of("experts") if e.buddy]
        body = self.env.get_template(job.template).render(context)
        if job.search and not result.search:
            result.search.append({"location": job.url, "title": str(escape(job.title)),
                                  "text": str(escape(f"{job.description} {plain(body)}".strip()))})
        if job.anchors and not job.search:
            # A list page whose items are anchors: Material needs the page before its anchors;
            # it ranks low, so the items themselves come first.
            result.search.append({"location": job.url, "title": str(escape(job.title)),
                                  "text": str(escape(job.description)), "boost": LIST_PAGE_BOOST})
        for anchor, title, text in job.anchors:
            result.search.append({"location": f"{job.url}#{anchor}", "title": str(escape(title)),
                                  "text": str(escape(plain(text)))})
        for entry in result.search:
            entry["label"] = job.label
        result.search = search.index_docs(result.search)   # here: on every core, not at the end
        body = explain_first_use(body)
        result.html = self.document(job, Markup(body), link, root, sources=cited)
        if self.file_links:
            result.html = file_links(result.html)
        return result

    def _sections(self, job: PageJob, rendered) -> list[dict]:
        entries = []
        for anchor, heading, text in rendered.sections:
            if anchor is None:
                entries.append({"location": job.url, "title": str(escape(job.title)),
                                "text": str(escape(f"{job.description} {text}".strip()))})
            else:
                entries.append({"location": f"{job.url}#{anchor}", "title": str(escape(heading)),
                                "text": str(escape(text))})
        return entries

    def _next_step(self, job: PageJob, context: dict) -> Markup:
        category = self.categories.get(job.category) if job.category else None
        template = self.env.get_template("_next.html")
        return Markup(template.make_module(context).next_step(category, self.settings))

    def _article_context(self, entry: Item) -> dict:
        author = self.site.get("authors", getattr(entry.data, "author", None))
        return {"author": author, "related": self.related.related(entry), "share": share_links(self.site, entry)}

    def _figures_context(self) -> dict:
        monitor = self.site.single("monitor")
        counted = [y for y in monitor.years if y.at_work is not None and not y.expected]
        indicators = [{"label": ind.label, "source": ind.source,
                       "svg": chart.indicator_svg(ind, f"ed-indicator-{index}"),
                       "values": [{"year": v.year, "text": chart.value_text(v, ind.unit)} for v in ind.values]}
                      for index, ind in enumerate(monitor.indicators, start=1)]
        return {"monitor": monitor, "chart": chart.monitor_chart_svg(monitor.data),
                "latest": counted[-1] if counted else monitor.years[-1], "indicators": indicators}

    def _faq_context(self, questions: list[Item]) -> dict:
        groups = []
        for category in self.site.categories:
            chosen = [q for q in questions if q.categories[0] == category.key]
            if chosen:
                groups.append({"id": category.key, "title": category.title, "questions": chosen, "primary": True})
        return {"groups": groups}

    def document(self, job: PageJob, body: Markup, link, root: str | None = None, sources=()) -> str:
        root = root or urls.relative(urls.HOME, job.url)
        category = self.categories.get(job.category) if job.category else None
        share_image = job.share_image or shareimages.image_path(job.category)
        page = {
            "url": job.url, "title": job.title, "description": job.description, "is_home": job.is_home,
            "noindex": job.noindex or self.preview or self.file_links,
            "refresh": job.refresh, "category": job.category,
            "canonical": None if job.noindex else urls.absolute(self.site.site_url, job.url),
            "og_type": job.og_type, "share_image": urls.absolute(self.site.site_url, share_image),
            "share_image_alt": job.share_image_alt or (category.title if category else self.settings.site_name),
            "stylesheets": job.stylesheets, "trail": job.trail, "own_heading": job.own_heading,
            "structured_data": job.context.get("structured_data", ""), "kind_class": job.kind_class,
        }
        base = root if root.startswith("/") else (root.rstrip("/") or ".")   # as MkDocs' base_url
        engine_config = json.dumps({
            "base": base, "features": [], "search": f"{root}{self.engine.search_worker}",
            "translations": SEARCH_TRANSLATIONS, "annotate": None, "tags": None, "version": None,
        }, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return self.env.get_template("shell.html").render(
            **self.globals, page=page, body=body, root=root, engine=self.engine, engine_config=Markup(engine_config),
            csp=self.csp, colour=category.colour if category else "#0b5563", link=link, sources=sources,
            footer_links=[(title, url) for title, url in FOOTER_PAGES if self.known(url)])


_LINK = re.compile(r'(\shref="|<meta http-equiv="refresh" content="0; url=)([^"]*)(")')


def file_links(html: str) -> str:
    """Every relative link to a folder in a finished page ends in index.html (core/urls.py)."""
    return _LINK.sub(lambda m: m.group(1) + urls.file_link(m.group(2)) + m.group(3), html)


SEARCH_TRANSLATIONS = {
    "clipboard.copy": "Kopiëren", "clipboard.copied": "Gekopieerd",
    "search.result.placeholder": "Typ een woord om te zoeken",
    "search.result.none": "Geen resultaten. Probeer een ander woord, of kies er een hieronder.",
    "search.result.one": "1 resultaat", "search.result.other": "# resultaten",
    "search.result.more.one": "nog 1 keer op deze pagina", "search.result.more.other": "nog # keer op deze pagina",
    "search.result.term.missing": "Niet gevonden", "select.version": "Versie",
}
