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
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Literal, Protocol
from xml.etree import ElementTree

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pydantic import BaseModel, ValidationError

from ..core.text import slugify
from . import sanitize

# Admonitions (!!! note) and tables are what editors use. Typography (Dutch quotes) and
# abbreviations are done on the finished HTML instead of as inline patterns: Python-Markdown
# tries every inline pattern on every piece of text, which made them most of the cost.
EXTENSIONS = ["admonition", "tables", "sane_lists"]
_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
IMAGES = "content/afbeeldingen"


def extension_configs() -> dict:
    return {"tables": {"use_align_attribute": True}}


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_OPEN_DOUBLE = re.compile(r'(^|[\s(\[{\u2013\u2014-])"(?=\S|$)')
_QUOTE = re.compile('"')
# An opening single quote: after a space or bracket, before a letter, but not the apostrophe
# of a short form ('s avonds, 't, 'n, 'k), which stays an apostrophe.
_OPEN_SINGLE = re.compile(r"(^|[\s(\[{\u2013\u2014-])'(?=[^\W\d_])(?![stnk]\b)")


class Abbreviations:
    """Known abbreviations marked up as <abbr title="...">, in text that is already escaped."""

    def __init__(self, glossary: dict[str, str]):
        self.titles = {
            html_lib.escape(term, quote=False).replace("'", "&#x27;"): title for term, title in glossary.items()
        }
        self.titles.update({html_lib.escape(term): title for term, title in glossary.items()})
        self.titles.update({term: title for term, title in glossary.items()})
        self.titles.update({term.replace("'", "\u2019"): title for term, title in glossary.items()})
        terms = sorted(self.titles, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w&#-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])") if terms else None
        )

    def apply(self, escaped: str) -> str:
        if self.pattern is None:
            return escaped
        return self.pattern.sub(
            lambda m: f'<abbr title="{html_lib.escape(self.titles[m.group(1)])}">{m.group(1)}</abbr>', escaped
        )


def typography(html: str, abbreviations: "Abbreviations | None" = None) -> str:
    """Dutch quotation marks („…”), apostrophes (’), dashes and ellipses, and <abbr> for known
    abbreviations, in the text of an HTML fragment (never inside tags, code or links' targets)."""
    parts = _TAG_OR_TEXT.split(html)
    skip = 0
    previous_text = ""
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if name in ("code", "pre", "abbr", "script", "style"):
                skip += 1
            elif name in ("/code", "/pre", "/abbr", "/script", "/style"):
                skip = max(0, skip - 1)
            continue
        if skip or not part:
            continue
        text = part
        if '"' in text or "&quot;" in text:
            text = text.replace("&quot;", '"')
            text = _OPEN_DOUBLE.sub(lambda m: m.group(1) + "\u201e", text)
            if text.startswith('"') and (not previous_text or previous_text[-1:].isspace()):
                text = "\u201e" + text[1:]
            text = _QUOTE.sub("\u201d", text)
        if "'" in text or "&#x27;" in text or "&#39;" in text:
            text = text.replace("&#x27;", "'").replace("&#39;", "'")
            at_start = not previous_text or previous_text[-1:].isspace()
            text = _OPEN_SINGLE.sub(
                lambda m, at_start=at_start: m.group(1) + "\u2018" if m.group(1) or at_start else m.group(0), text
            )
            text = text.replace("'", "\u2019")
        if "--" in text:
            text = text.replace("---", "\u2014").replace("--", "\u2013")
        if "..." in text:
            text = text.replace("...", "\u2026")
        if abbreviations is not None:
            text = abbreviations.apply(text)
        previous_text = text
        parts[index] = text
    return "".join(parts)


@dataclass
class Rendered:
    html: str
    text: str = ""
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)
    links: list[str] = field(default_factory=list)  # hrefs as rewritten
    images: list[str] = field(default_factory=list)  # site paths of images used
    problems: list[str] = field(default_factory=list)  # Dutch reasons
    ids: set[str] = field(default_factory=set)
    anchors: list[tuple[str, str, str]] = field(default_factory=list)  # (href, target page, anchor) to check


# Ids the page shell and templates use (the skip link's target, the theme's configuration and
# toggles, blocks, filters, checklist boxes): content never creates one, so it can neither
# take over the theme's configuration nor move a link's target.
SHELL_IDS = frozenset({"inhoud", "__config", "__drawer", "__search", "__toggles"})
_SHELL_ID = re.compile(r"^(__|md-|ed-|f-|c\d+-\d+$)")


def is_shell_id(value: str) -> bool:
    return value in SHELL_IDS or bool(_SHELL_ID.match(value))


@dataclass
class LinkContext:
    """Where the Markdown comes from and where it is published, to resolve and check links.

    In an article (content/*.md) a link to a `.md` file is relative to that file, as in
    MkDocs, and another relative link is relative to the page. In a data file (`from_root`)
    the same text can show on several pages, so a relative link is a path from the site
    root ('opleidingen/')."""

    source: str  # e.g. "content/stories/rob.md"
    url: str  # e.g. "verhalen/rob/"
    page_of_source: Callable[[str], str | None]  # "content/blogs/x.md" -> "blogs/x/"
    relative: Callable[[str, str], str]  # (target url, from url) -> relative link
    known: Callable[[str], bool] = lambda target: True  # is this a page or file of the site?
    from_root: bool = False
    withheld: Callable[[str], bool] = lambda where: False  # held back by the consent rule: no link


class Memo(Protocol):
    """Results kept between builds, under a version that covers the code and the glossary."""

    def key(self, text: str) -> str: ...
    def get(self, key: str) -> Any: ...
    def keep(self, key: str, value: Any) -> None: ...
    def keep_earlier(self, key: str) -> None: ...


class _Asked:
    """A LinkContext that writes down every question a conversion asks about the site and the
    answer, in order. The conversion is a function of the text, the renderer's settings and these
    answers: the same text, given the same answers, converts to the same result."""

    def __init__(self, context: LinkContext):
        self.answers: list[list[Any]] = []

        def asking(question: str) -> Callable[..., Any]:
            ask = getattr(context, question)

            def asked(*arguments: Any) -> Any:
                answer = ask(*arguments)
                self.answers.append([question, list(arguments), answer])
                return answer

            return asked

        self.context = replace(
            context,
            page_of_source=asking("page_of_source"),
            relative=asking("relative"),
            known=asking("known"),
            withheld=asking("withheld"),
        )

    @staticmethod
    def same_answers(answers: list[Any], context: LinkContext) -> bool:
        return all(getattr(context, question)(*arguments) == answer for question, arguments, answer in answers)


class _KeptResult(BaseModel):
    html: str
    text: str
    headings: list[tuple[int, str, str]]
    links: list[str]
    images: list[str]
    problems: list[str]
    ids: list[str]
    anchors: list[tuple[str, str, str]]


class _KeptConversion(BaseModel):
    asked: list[
        tuple[Literal["relative"], tuple[str, str], str]
        | tuple[Literal["page_of_source"], tuple[str], str | None]
        | tuple[Literal["known", "withheld"], tuple[str], bool]
    ]
    result: _KeptResult


def _checked(kept: Any) -> _KeptConversion | None:
    """A kept conversion as `render` keeps it, or None: a damaged or planted file is converted
    again, never fatal (a question is only one of LinkContext's, with its arguments)."""
    try:
        return _KeptConversion.model_validate(kept)
    except ValidationError:
        return None


def _kept(result: Rendered) -> dict[str, Any]:
    """The result as JSON keeps it (a copy: the caller's result may change)."""
    return {
        name: sorted(value) if isinstance(value, set) else list(value) if isinstance(value, list) else value
        for name, value in vars(result).items()
    }


def _rendered(kept: _KeptResult) -> Rendered:
    return Rendered(**{**kept.model_dump(), "ids": set(kept.ids)})


def _text(element: ElementTree.Element) -> str:
    return " ".join(_PLACEHOLDER.sub(" ", "".join(element.itertext())).split())


class _Analyse(Treeprocessor):
    def __init__(self, md, owner: "MarkdownRenderer"):
        super().__init__(md)
        self.owner = owner

    def run(self, root: ElementTree.Element) -> None:
        result = self.owner.result
        used: set[str] = set(SHELL_IDS)
        tried: dict[str, int] = {}  # the next number to try per heading text: linear, also for many equal headings
        for element in root.iter():
            if self.owner.headings and element.tag in ("h2", "h3", "h4") and not element.get("id"):
                base = slugify(_text(element), fallback="kop")
                base = f"kop-{base}" if is_shell_id(base) and base not in SHELL_IDS else base
                anchor, number = base, tried.get(base, 2)
                while anchor in used:
                    anchor, number = f"{base}-{number}", number + 1
                tried[base] = number
                element.set("id", anchor)
            if element_id := element.get("id"):
                used.add(element_id)
            tag = element.tag if isinstance(element.tag, str) else ""
            allowed = sanitize.ATTRIBUTES.get(tag, set()) | sanitize.GLOBAL_ATTRIBUTES
            for name in list(element.attrib):
                if name not in allowed:
                    result.problems.append(
                        f"gebruikt de eigenschap '{name}=' in de opmaak. Dat kan niet; haal het weg."
                    )
                    del element.attrib[name]
            if tag == "a" and (link := element.get("href")) is not None:
                href = self._link(link, "href")
                if href is None:  # to a page held back by the consent rule: the text stays
                    element.tag = "span"
                    element.attrib.clear()
                    continue
                element.set("href", href)
                result.links.append(href)
            elif tag == "img" and (source := element.get("src")) is not None:
                element.set("src", self._image(source))
            if element_id := element.get("id"):
                result.ids.add(element_id)
            if tag in ("h2", "h3") and element_id:
                result.headings.append((int(tag[1]), element_id, _text(element)))
        result.text = " ".join(_PLACEHOLDER.sub(" ", "".join(root.itertext())).split())

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
            result.problems.append(
                f"de afbeelding '{src}' staat niet in {IMAGES}/. Zet hem daar en schrijf "
                f"bijvoorbeeld '![beschrijving](../afbeeldingen/foto.jpg)'."
            )
            return ""
        site_path = source[len("content/") :]
        result.images.append(site_path)
        return context.relative(site_path, context.url)

    def _link(self, href: str, attribute: str) -> str | None:
        result, context = self.owner.result, self.owner.context
        reason = sanitize.url_problem(href, attribute)
        if reason:
            result.problems.append(reason)
            return "#"
        if context is None:
            return href
        path, _, anchor = href.partition("#")
        how = "Link naar een ander verhaal met 'slug.md', naar een blog met '../blogs/slug.md'."

        def to(target: str | None, broken: str, where: str = "") -> str | None:
            if target is None and context.withheld(where):
                return None
            if target is None:
                result.problems.append(f"de link '{href}' werkt niet: {broken} {how}")
                return "#"
            if anchor:
                result.anchors.append((href, target, anchor))
            return context.relative(target, context.url) + (f"#{anchor}" if anchor else "")

        if path.endswith(".md") and "://" not in path and not path.startswith("mailto:"):
            source = posixpath.normpath(posixpath.join(posixpath.dirname(context.source), path))
            return to(context.page_of_source(source), f"'{source}' bestaat niet of wordt niet gepubliceerd.", source)
        if not path and anchor:
            result.anchors.append((href, context.url, anchor))
            return href
        if not path or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path) or path.startswith("//"):
            return href
        if context.from_root or path.startswith("/"):
            target = posixpath.normpath(path.lstrip("/")) + ("/" if path.endswith("/") else "")
        else:
            base = context.url if context.url.endswith("/") or not context.url else posixpath.dirname(context.url) + "/"
            target = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") else "")
        target = "" if target in ("./", ".") else target
        known = not (target.startswith("../") or target == "..") and context.known(target)
        return to(
            target if known else None, "die pagina of dat bestand bestaat niet. Controleer de schrijfwijze.", target
        )


# Characters that can start an inline pattern of Python-Markdown (code, escapes, links, images,
# autolinks, HTML, entities, emphasis), a hard line break, and its own placeholders.
_INLINE_MARK = re.compile(r"[`\\\[!<&*_\x02\x03]|  \n")


class _PlainText(Treeprocessor):
    """Text without any inline mark is marked as finished (AtomicString, Python-Markdown's own
    way to say so) before the inline step, which otherwise tries every pattern on every piece
    of text: most of a page's cost, for the plain sentences most stories consist of."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            for name in ("text", "tail"):
                value = getattr(element, name)
                if value and not isinstance(value, AtomicString) and not _INLINE_MARK.search(value):
                    setattr(element, name, AtomicString(value))


class MarkdownRenderer:
    """One Python-Markdown instance, reused (creating one per page is slow)."""

    def __init__(self, glossary: dict[str, str] | None = None, headings: bool = True, memo: Memo | None = None):
        self.headings = headings
        self.memo = memo
        self.abbreviations = Abbreviations(dict(glossary or {}))
        self.md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=extension_configs(), output_format="html")
        self.md.treeprocessors.register(_PlainText(self.md), "section-plain-text", 25)  # before "inline" (20)
        self.md.treeprocessors.register(_Analyse(self.md, self), "section-analyse", 1)
        self.result = Rendered("")
        self.context: LinkContext | None = None

    def _without_shell_ids(self, html: str) -> str:
        """Content never keeps an id of the page shell (raw HTML included): a Dutch problem instead."""
        return _shell_ids_out(self, html) if ' id="' in html else html

    def render(self, text: str, context: LinkContext | None = None) -> Rendered:
        """`text` as HTML with what the build needs to know about it. With a `memo` (build/memo.py)
        a conversion of the last build is reused when the same text, converted for the same page,
        got the same answer to every question it asked about the site (`_Asked`)."""
        if self.memo is None or context is None:
            return self._convert(text, context)
        key = self.memo.key("\0".join((text, context.source, context.url, str(context.from_root), str(self.headings))))
        kept = _checked(self.memo.get(key))
        if kept is not None and _Asked.same_answers(kept.asked, context):
            self.memo.keep_earlier(key)
            return _rendered(kept.result)
        asked = _Asked(context)
        result = self._convert(text, asked.context)
        self.memo.keep(key, {"asked": asked.answers, "result": _kept(result)})
        return result

    def _convert(self, text: str, context: LinkContext | None) -> Rendered:
        self.result, self.context = Rendered(""), context
        too_costly = shape_problem(text)
        if too_costly:  # Python-Markdown needs quadratic time (or deep recursion) for these shapes
            self.result.problems.append(too_costly)
            return self.result
        self.md.reset()
        try:
            converted = self.md.convert(text)
        except RecursionError:
            self.result.problems.append(f"is te diep genest. {_SIMPLER}")
            return self.result
        raw = [block for block in self.md.htmlStash.rawHtmlBlocks if isinstance(block, str) and "<" in block]
        if raw:
            self.result.problems += sanitize.html_problems(raw)
        self.result.html = typography(self._without_shell_ids(sanitize.clean(converted)), self.abbreviations)
        self.result.problems = list(dict.fromkeys(self.result.problems))
        return self.result


# A bounded amount of work per text: shapes Python-Markdown handles in quadratic time or with
# deep recursion are refused before rendering (no real page has them).
MAX_BRACKETS_PER_PARAGRAPH = 200  # '[' (links, images): about 100 links in one paragraph
MAX_LINES_PER_PARAGRAPH = 400  # lines without a blank line between them (a long list)
MAX_TAGS = 500  # raw HTML '<' in one text
MAX_NESTING = 12  # lists and quotes inside each other
MAX_ADMONITIONS = 40  # '!!!' boxes in one text (they can nest)
MAX_MARKS = 5_000  # emphasis, code and escape marks ('*', '_', '`', '\\') in one text
MAX_CHARS = 200_000  # one text: a story of some 30,000 words (the message says so)
_SIMPLER = "Maak de tekst eenvoudiger: gewone zinnen, korte lijsten, niet meer dan een paar links per alinea."
_NESTED = re.compile(r"^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)]))+", re.M)
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")


def shape_problem(text: str) -> str | None:
    """A Dutch reason when `text` has a shape that would make rendering slow, else None."""
    if len(text) > MAX_CHARS:
        return "is te lang om als één pagina te tonen (meer dan 200.000 tekens). Maak er meer stukken van."
    if sum(text.count(mark) for mark in "*_`\\") > MAX_MARKS:
        return f"heeft meer dan {MAX_MARKS} opmaaktekens (*, _, ` of \\). {_SIMPLER}"
    for paragraph in re.split(r"\n\s*\n", text):
        if paragraph.count("\n") >= MAX_LINES_PER_PARAGRAPH:
            return (
                f"heeft een alinea of lijst van meer dan {MAX_LINES_PER_PARAGRAPH} regels zonder lege regel "
                f"ertussen. Zet lege regels tussen de alinea's. {_SIMPLER}"
            )
        if paragraph.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
            return (
                f"heeft meer dan {MAX_BRACKETS_PER_PARAGRAPH} haken '[' in één alinea (links of afbeeldingen). "
                f"{_SIMPLER}"
            )
    if text.count("!!!") > MAX_ADMONITIONS:
        return f"heeft meer dan {MAX_ADMONITIONS} kaders ('!!!'). {_SIMPLER}"
    if text.count("<") > MAX_TAGS:
        return f"heeft meer dan {MAX_TAGS} keer '<' (HTML). {_SIMPLER}"
    for match in _NESTED.finditer(text):
        if len(_MARKER.findall(match.group(0))) > MAX_NESTING:
            return f"heeft lijsten of citaten die meer dan {MAX_NESTING} keer in elkaar zitten. {_SIMPLER}"
    return None


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


def _shell_ids_out(owner: "MarkdownRenderer", html: str) -> str:
    def check(match: re.Match) -> str:
        if not is_shell_id(match.group(1)):
            return match.group(0)
        owner.result.problems.append(
            f'gebruikt id="{match.group(1)}". Dat id hoort bij de site zelf; kies een ander, of laat het weg.'
        )
        return ""

    return _ID_ATTRIBUTE.sub(check, html)


_ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')
_TAGS = re.compile(r"<[^>]+>")
_EXPLAINED_AFTER = re.compile(r"[\w'\u2019-]*\s*\(")


def explain_first_use(html: str) -> str:
    """The meaning of each abbreviation in the text where a page first uses it, as
    "BOL (beroepsopleidende leerweg)": a title only shows on hover, which touch and many readers
    never do. Left alone when the page already says it in full before, or explains it in
    brackets right after."""
    done: set[str] = set()
    parts, position = [], 0
    for match in _ABBR.finditer(html):
        meaning = html_lib.unescape(match.group(1))
        if meaning in done:
            continue
        done.add(meaning)
        before = html_lib.unescape(_TAGS.sub(" ", html[: match.start()])).lower()
        after = html_lib.unescape(_TAGS.sub("", html[match.end() : match.end() + 300]))
        if meaning.lower() in before or _EXPLAINED_AFTER.match(after):
            continue
        parts += [html[position : match.end()], f'<span class="ed-abbr-meaning"> ({match.group(1)})</span>']
        position = match.end()
    return "".join(parts) + html[position:] if parts else html


def plain(text: str) -> str:
    """Visible text of an HTML fragment (for search and readability)."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split())
