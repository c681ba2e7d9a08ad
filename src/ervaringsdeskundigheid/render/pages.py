"""Rendering: a planned page (types/pages.py `Page`) to a complete HTML document, with the
problems found in its editors' text. Nothing here knows which content
types there are, nor anything about MkDocs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..core import urls
from ..core.cachefiles import read_whole
from ..core.contact import mailto_link, routes, tel_link
from ..core.fields import meta
from ..core.problems import Problem
from ..core.site import Item, Site
from ..core.text import dutch_date, reading_time, slugify
from ..types.pages import HOME_LABEL, Page, abbreviations, category_url, menu
from . import chart, images, search, shareimages
from .markdown import Abbreviations, LinkContext, MarkdownRenderer, Memo, explain_first_use, typography
from .related import RelatedIndex

SEARCH_SUGGESTIONS = ("opleiding", "meeloopmaatje", "schulden", "betaling", "uitkering")
FOOTER_PAGES = (
    ("Begrippen en afkortingen", "begrippen/"),
    ("Toegankelijkheid", "toegankelijkheid/"),
    ("Privacy", "privacy/"),
)


@dataclass
class RenderedPage:
    url: str
    html: str
    problems: list[Problem] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    anchors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (source, href, page, anchor)


@dataclass(frozen=True)
class Engine:
    """What the theme (Material) provides: its stylesheet, and nothing else (README,
    "Material's part"). The MkDocs adapter finds its hashed name."""

    css: str = "assets/stylesheets/main.css"


# --- Rendering ----------------------------------------------------------------------------------


class _CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates on disk; a cache that cannot be read or written (the folder was
    removed, the disk is full) only costs time, never a build."""

    def get_cache_key(self, name, filename=None):
        # By name alone: a copied or moved checkout keeps them (Jinja still compares the source).
        return super().get_cache_key(name)

    def load_bytecode(self, bucket):
        data = read_whole(Path(self.directory, self.pattern % (bucket.key,)))
        if data is not None:
            bucket.bytecode_from_string(data)

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
    env = Environment(
        loader=PackageLoader("ervaringsdeskundigheid", "render/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        bytecode_cache=cache,
    )
    env.filters.update(
        dutch_date=dutch_date,
        reading_time=reading_time,
        email=obfuscated_email,
        topics=as_topics,
        after_title=after_title,
    )
    return env


_H1_END = re.compile(r"</h1>")


def after_title(html: Markup, box: Markup) -> Markup:
    """`box` right after the page's own title (its first <h1>), or first when it has none:
    "In het kort" on a hand-written page comes before the rest of its text."""
    match = _H1_END.search(str(html))
    if match is None:
        return Markup(str(box) + str(html))
    return Markup(str(html)[: match.end()] + str(box) + str(html)[match.end() :])


_H2 = re.compile(r"(?=<h2[\s>])")
_HEADED = re.compile(r"(<h2[^>]*>.*?</h2>)(.*)", re.S)


def as_topics(html: Markup, opening: str | None = None) -> Markup:
    """An introduction as its opening text plus one closed topic per '##' section: the
    headings stay visible and can be scanned, the page stays short on a phone. With `opening`,
    the opening text is a closed topic too, under that heading."""
    head, *sections = _H2.split(str(html))
    if opening and head.strip():
        head = f'<details class="ed-topic"><summary><h2>{escape(opening)}</h2></summary>{head}</details>'
    out = [head]
    for section in sections:
        match = _HEADED.match(section)
        out.append(
            f'<details class="ed-topic"><summary>{match.group(1)}</summary>{match.group(2)}</details>'
            if match
            else section
        )
    return Markup("".join(out))


def json_ld(data: dict | None) -> Markup:
    """Structured data (schema.org) as a data block. '<', '>' and '&' are written as JSON escapes,
    so no editor's text can close the script element or open a comment; the CSP does not apply
    to a data block and nothing runs it."""
    if not data:
        return Markup("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def obfuscated_email(address: str) -> Markup:
    """Every character as an HTML entity: browsers and screen readers show the address,
    a pattern match over the HTML source does not find it."""
    return Markup("".join(f"&#{ord(ch)};" for ch in address))


def share_links(site: Site, entry: Item) -> list[tuple[str, str]]:
    """Plain share links: no third-party scripts are loaded."""
    page = urls.absolute(site.site_url, entry.url or "")
    return [
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{entry.title} {page}"}, quote_via=quote)),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": page})),
        (
            "e-mail",
            "mailto:?" + urlencode({"subject": entry.title, "body": f"{entry.description}\n\n{page}"}, quote_via=quote),
        ),
    ]


class SiteRenderer:
    """Renders planned pages to complete HTML documents with the shared templates."""

    def __init__(
        self,
        site: Site,
        known: Callable[[str], bool],
        page_of_source: Callable[[str], str | None],
        engine: Engine = Engine(),
        csp: str = "",
        preview: bool = False,
        cache_dir: Path | None = None,
        file_links: bool = False,
    ):
        self.site = site
        self.file_links = file_links  # a copy to open from disk: links to folders end in index.html
        self.settings = site.settings
        self.known = known
        self.page_of_source = page_of_source
        self.engine = engine
        self.csp = csp
        self.preview = preview
        self.env = environment(cache_dir)
        self.glossary = glossary = abbreviations(site)
        self.markdown = MarkdownRenderer(glossary)
        self.fragments = MarkdownRenderer(glossary, headings=False)
        self.abbreviations = Abbreviations(glossary)
        self.related = RelatedIndex(site.articles)
        self.menu = menu(site)
        self.categories = {c.key: c for c in site.categories}
        self.contacts = (
            {
                key: routes(
                    self.settings.contact, getattr(data, "contact", None), site.today, self.settings.organisation
                )
                for key, data in [(None, None), *((k, c.data) for k, c in self.categories.items())]
            }
            if self.settings
            else {}
        )
        self.globals = dict(
            site=site,
            settings=self.settings,
            menu=self.menu,
            token=lambda value: slugify(value, fallback="x"),
            home_label=HOME_LABEL,
            search_suggestions=SEARCH_SUGGESTIONS,
            search_ranking=search.ranking_json(),
            chart=chart.monitor_chart_svg,
            indicator_chart=chart.indicator_svg,
            value_text=chart.value_text,
            category_url=lambda key: category_url(self.categories[key]),
            glossed=self.glossed,
            linked=self.linked,
            image_variants=lambda image: images.variants(site.root, image),
            default_image=lambda image: images.default_variant(site.root, image),
            contact_for=lambda key=None: self.contacts.get(key, self.contacts.get(None)),
            known=known,
            tel_link=tel_link,
            mailto_link=mailto_link,
        )

    def glossed(self, text: Any) -> Markup:
        """Plain text, escaped, with Dutch quotes and known abbreviations marked up as <abbr>."""
        return Markup(typography(str(escape(text)), self.abbreviations))

    def linked(self, item: Item, name: str) -> Any:
        """The published item a relation field points to (None), or the items of a list field."""
        target = meta(type(item.data), name).get("relation", "")
        value = getattr(item.data, name, None)
        if isinstance(value, (list, tuple)):
            return [found for key in value if (found := self.site.get(target, key)) is not None]
        return self.site.get(target, value) if value else None

    def keep_conversions(self, memo: Memo) -> None:
        """Reuse the last build's Markdown conversions where they hold (MarkdownRenderer.render)."""
        self.markdown.memo = self.fragments.memo = memo

    def render(self, job: Page, root: str | None = None) -> RenderedPage:
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
            context = LinkContext(
                source, here, self.page_of_source, urls.relative, self.known, from_root, self.site.withheld
            )
            rendered = renderer.render(text, context)
            result.problems += [Problem(source, "tekst", reason) for reason in rendered.problems]
            result.images += rendered.images
            result.ids |= rendered.ids
            result.anchors += [(source, *found) for found in rendered.anchors]
            return Markup(rendered.html)

        cited: list[tuple[str | None, str]] = []

        def cite(text: str | None, label: str | None = None) -> str:
            """A source for the page's one "Bronnen" block, out of the reading flow."""
            if text and (label, text) not in cited:
                cited.append((label, text))
            return ""

        root = root or urls.relative(urls.HOME, here)
        context = {
            **self.globals,
            "link": link,
            "md": md,
            "cite": cite,
            "here": here,
            "today": self.site.today,
            "root": root,
            "canonical": urls.absolute(self.site.site_url, here),
            "page_category": job.category,
            **job.context,
        }
        context["next_step"] = self._next_step(job, context) if job.next_step else ""
        if job.article is not None:
            context.update(related=self.related.related(job.article), share=share_links(self.site, job.article))
        body = self.env.get_template(job.template).render(context)
        body = explain_first_use(body)
        result.html = self.document(job, Markup(body), link, root, sources=cited)
        if self.file_links:
            result.html = file_links(result.html)
        return result

    def _next_step(self, job: Page, context: dict) -> Markup:
        category = self.categories.get(job.category) if job.category else None
        template = self.env.get_template("_next.html")
        return Markup(template.make_module(context).next_step(category, self.settings))  # type: ignore[attr-defined]  # a macro

    def document(self, job: Page, body: Markup, link, root: str | None = None, sources=()) -> str:
        root = root or urls.relative(urls.HOME, job.url)
        category = self.categories.get(job.category) if job.category else None
        share_image = (
            images.default_variant(self.site.root, job.share_image).path
            if job.share_image
            else shareimages.image_path(job.category)
        )
        page = {
            "url": job.url,
            "title": job.title,
            "description": job.description,
            "is_home": job.is_home,
            "noindex": job.noindex or self.preview or self.file_links,
            "refresh": job.refresh,
            "category": job.category,
            "canonical": None if job.noindex else urls.absolute(self.site.site_url, job.url),
            "og_type": job.og_type,
            "share_image": urls.absolute(self.site.site_url, share_image),
            "share_image_alt": job.share_image_alt or (category.title if category else self.settings.site_name),
            "stylesheets": job.stylesheets,
            "trail": job.trail,
            "own_heading": job.own_heading,
            "structured_data": json_ld(job.context.get("structured_data")),
            "kind_class": job.kind_class,
            "search": search.body_attributes(job.label, job.title, job.search_weight) if job.search else "",
            "header_search": job.header_search,
        }
        return self.env.get_template("shell.html").render(
            **self.globals,
            page=page,
            body=body,
            root=root,
            engine=self.engine,
            csp=self.csp,
            colour=category.colour if category else "#0b5563",
            link=link,
            sources=sources,
            footer_links=[(title, url) for title, url in FOOTER_PAGES if self.known(url)],
        )


_LINK = re.compile(r'(\shref="|<meta http-equiv="refresh" content="0; url=)([^"]*)(")')


def file_links(html: str) -> str:
    """Every relative link to a folder in a finished page ends in index.html (core/urls.py)."""
    return _LINK.sub(lambda m: m.group(1) + urls.file_link(m.group(2)) + m.group(3), html)
