"""Internal link checking on rendered HTML: every relative link must reach a page or file."""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from .problems import Problem

_LINK = re.compile(r"""<(?:a|img|source)\b[^>]*?\s(?:href|src)=["']([^"']*)["']""", re.IGNORECASE)


def resolve(href: str, page_url: str) -> str | None:
    """The site-relative target of `href` on `page_url`, or None for external/anchor links."""
    parts = urlsplit(html.unescape(href))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = page_url if page_url.endswith("/") or page_url == "" else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join("/" + base, unquote(parts.path))).lstrip("/")
    if parts.path.endswith("/") and joined:
        joined += "/"
    return joined


def hrefs(html: str) -> list[str]:
    return _LINK.findall(html)


def exists(target: str | None, known_urls: set[str]) -> bool:
    return target is None or target in known_urls or target + "/" in known_urls or target == "."


def broken_link(href: str, source: str) -> Problem:
    return Problem(source, "tekst", (
        f"de link '{href}' werkt niet: die pagina of dat bestand bestaat niet. "
        "Controleer de schrijfwijze. Link naar een ander verhaal met 'slug.md', "
        "naar een blog met '../blogs/slug.md'."))


def broken_links(html: str, page_url: str, known_urls: set[str], source: str) -> list[Problem]:
    return [broken_link(href, source) for href in hrefs(html)
            if not exists(resolve(href, page_url), known_urls)]
