"""Editors' Markdown to safe HTML, with what the rest of the build needs to know about it.

One pass of Python-Markdown gives the HTML and, from its element tree, the headings (for
the search index), the plain text (search, readability, consent), the links (checked
against the site's URL table; links to `.md` files become page URLs) and the images.
Anything refused (raw HTML such as a script, an event handler, a `javascript:` link, an
image from another host) becomes a Dutch reason; the HTML is then cleaned with the
allow-list in `sanitize` whatever the reasons were.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable
from xml.etree import ElementTree

import markdown
from markdown.treeprocessors import Treeprocessor

from ..core.text import slugify
from . import sanitize

# Dutch quotation marks: „…” for double quotes. A single quote is nearly always an
# apostrophe in Dutch ('s avonds, auto's), so both sides become ’.
SMARTY = {"substitutions": {"left-double-quote": "&bdquo;", "right-double-quote": "&rdquo;",
                            "left-single-quote": "&rsquo;", "right-single-quote": "&rsquo;"}}
EXTENSIONS = ["admonition", "attr_list", "tables", "sane_lists", "smarty", "abbr"]
_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
IMAGES = "content/afbeeldingen"


def extension_configs(glossary: dict[str, str]) -> dict:
    return {"smarty": SMARTY, "tables": {"use_align_attribute": True}, "abbr": {"glossary": dict(glossary)},
            "toc": {"permalink": False, "slugify": lambda value, separator: slugify(value)}}


@dataclass
class Rendered:
    html: str
    text: str = ""
    headings: list[tuple[int, str, str]] = field(default_factory=list)   # (level, id, text)
    links: list[str] = field(default_factory=list)                        # hrefs as rewritten
    images: list[str] = field(default_factory=list)                       # site paths of images used
    problems: list[str] = field(default_factory=list)                     # Dutch reasons
    ids: set[str] = field(default_factory=set)
    sections: list[tuple[str | None, str, str]] = field(default_factory=list)   # (id, heading, text)


@dataclass
class LinkContext:
    """Where the Markdown comes from and where it is published, to resolve and check links.

    In an article (content/*.md) a link to a `.md` file is relative to that file, as in
    MkDocs, and another relative link is relative to the page. In a data file (`from_root`)
    the same text can show on several pages, so a relative link is a path from the site
    root ('opleidingen/')."""

    source: str                                   # e.g. "content/stories/rob.md"
    url: str                                      # e.g. "verhalen/rob/"
    page_of_source: Callable[[str], str | None]    # "content/blogs/x.md" -> "blogs/x/"
    relative: Callable[[str, str], str]            # (target url, from url) -> relative link
    known: Callable[[str], bool] = lambda target: True   # is this a page or file of the site?
    from_root: bool = False


def _text(element: ElementTree.Element) -> str:
    return " ".join(_PLACEHOLDER.sub(" ", "".join(element.itertext())).split())


class _Analyse(Treeprocessor):
    def __init__(self, md, owner: "MarkdownRenderer"):
        super().__init__(md)
        self.owner = owner

    def run(self, root: ElementTree.Element) -> None:
        result, context = self.owner.result, self.owner.context
        for element in root.iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            allowed = sanitize.ATTRIBUTES.get(tag, set()) | sanitize.GLOBAL_ATTRIBUTES
            for name in list(element.attrib):
                if name not in allowed:
                    result.problems.append(f"gebruikt de eigenschap '{name}=' in de opmaak. Dat kan niet; "
                                           "haal het weg.")
                    del element.attrib[name]
            if tag == "a" and element.get("href") is not None:
                element.set("href", self._link(element.get("href"), "href"))
                result.links.append(element.get("href"))
            elif tag == "img" and element.get("src") is not None:
                element.set("src", self._image(element.get("src")))
            if element.get("id"):
                result.ids.add(element.get("id"))
            if tag in ("h2", "h3") and element.get("id"):
                result.headings.append((int(tag[1]), element.get("id"), _text(element)))
        result.text = " ".join(_PLACEHOLDER.sub(" ", "".join(root.itertext())).split())
        current: list = [None, "", []]
        for child in root:
            if child.tag in ("h2", "h3") and child.get("id"):
                result.sections.append((current[0], current[1], " ".join(current[2])))
                current = [child.get("id"), _text(child), []]
            else:
                current[2].append(_text(child))
        result.sections.append((current[0], current[1], " ".join(current[2])))

    def _image(self, src: str) -> str:
        """An image is a file in content/afbeeldingen/, written relative to the Markdown file."""
        result, context = self.owner.result, self.owner.context
        reason = sanitize.url_problem(src, "src")
        if reason:
            result.problems.append(reason)
            return ""
        if context is None:
            return src
        source = posixpath.normpath(posixpath.join(posixpath.dirname(context.source), src.partition("#")[0]))
        if not source.startswith(f"{IMAGES}/"):
            result.problems.append(f"de afbeelding '{src}' staat niet in {IMAGES}/. Zet hem daar en schrijf "
                                   f"bijvoorbeeld '![beschrijving](../afbeeldingen/foto.jpg)'.")
            return ""
        site_path = source[len("content/"):]
        result.images.append(site_path)
        return context.relative(site_path, context.url)

    def _link(self, href: str, attribute: str) -> str:
        result, context = self.owner.result, self.owner.context
        reason = sanitize.url_problem(href, attribute)
        if reason:
            result.problems.append(reason)
            return "#"
        if context is None:
            return href
        path, _, anchor = href.partition("#")
        if path.endswith(".md") and "://" not in path and not path.startswith("mailto:"):
            source = posixpath.normpath(posixpath.join(posixpath.dirname(context.source), path))
            target = context.page_of_source(source)
            if target is None:
                result.problems.append(
                    f"de link '{href}' werkt niet: '{source}' bestaat niet of wordt niet gepubliceerd. "
                    "Link naar een ander verhaal met 'slug.md', naar een blog met '../blogs/slug.md'.")
                return "#"
            return context.relative(target, context.url) + (f"#{anchor}" if anchor else "")
        if not path or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path) or path.startswith("//"):
            return href
        if context.from_root or path.startswith("/"):
            target = posixpath.normpath(path.lstrip("/")) + ("/" if path.endswith("/") else "")
            target = "" if target in ("./", ".") else target
        else:
            base = context.url if context.url.endswith("/") or not context.url else posixpath.dirname(context.url) + "/"
            target = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") else "")
            target = "" if target in ("./", ".") else target
        if target.startswith("../") or target == ".." or not context.known(target):
            result.problems.append(
                f"de link '{href}' werkt niet: die pagina of dat bestand bestaat niet. Controleer de "
                "schrijfwijze. Link naar een ander verhaal met 'slug.md', naar een blog met '../blogs/slug.md'.")
            return "#"
        return context.relative(target, context.url) + (f"#{anchor}" if anchor else "")


class MarkdownRenderer:
    """One Python-Markdown instance, reused (creating one per page is slow)."""

    def __init__(self, glossary: dict[str, str] | None = None, headings: bool = True):
        extensions = EXTENSIONS + (["toc"] if headings else [])
        self.md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs(glossary or {}),
                                    output_format="html")
        self.md.treeprocessors.register(_Analyse(self.md, self), "section-analyse", 1)
        self.result = Rendered("")
        self.context: LinkContext | None = None

    def render(self, text: str, context: LinkContext | None = None) -> Rendered:
        self.result, self.context = Rendered(""), context
        self.md.reset()
        converted = self.md.convert(text)
        raw = [block for block in self.md.htmlStash.rawHtmlBlocks if isinstance(block, str) and "<" in block]
        if raw:
            self.result.problems += sanitize.html_problems(raw)
        self.result.html = sanitize.clean(converted)
        self.result.problems = list(dict.fromkeys(self.result.problems))
        return self.result


def plain(text: str) -> str:
    """Visible text of an HTML fragment (for search and readability)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split())
