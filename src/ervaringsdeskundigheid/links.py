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


def broken_links(html: str, page_url: str, known_urls: set[str], source: str) -> list[Problem]:
    problems = []
    for href in _LINK.findall(html):
        target = resolve(href, page_url)
        if target is None or target in known_urls or target + "/" in known_urls or target == ".":
            continue
        problems.append(Problem(source, "tekst", (
            f"de link '{href}' werkt niet: die pagina of dat bestand bestaat niet. "
            "Controleer de schrijfwijze. Link naar een ander verhaal met 'slug.md', "
            "naar een blog met '../blogs/slug.md'.")))
    return problems
