"""URLs: site-relative directory URLs ("verhalen/maaike/"; "" is the home page), and the
one table that says which source owns each URL.

URLs are printed on posters, so they never depend on dates, and two sources can never
silently share one: the second claim is a Dutch error that names both.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from .problems import Problem

HOME = ""
PAGE_SEGMENT = "pagina"
SHORTLINK_PREFIX = "p"
ADMIN = "admin/"  # the web editor

# Paths the build itself writes; no page may take them.
RESERVED = {
    "assets/": "de bestanden van de site (assets)",
    "pagefind/": "de zoekfunctie",
    "search/": "de zoekfunctie (oude adressen)",
    "admin/": "de webeditor",
    f"{SHORTLINK_PREFIX}/": "de korte links van posters",
    "afbeeldingen/": "de afbeeldingen",
}
RESERVED_FILES = {
    "feed.xml",
    "feed.json",
    "sitemap.xml",
    "sitemap.xml.gz",
    "404.html",
    "_redirects",
    "_headers",
    "robots.txt",
    "shortlinks.nginx.map",
    "security-headers.nginx.conf",
}


def paged(base: str, page: int) -> str:
    return base if page == 1 else f"{base}{PAGE_SEGMENT}/{page}/"


def src_uri(url: str) -> str:
    """The (virtual) Markdown source path that produces `url` with directory URLs."""
    return "index.md" if url == HOME else url.rstrip("/") + ".md"


def output_file(url: str) -> str:
    """The file that serves `url` ('verhalen/rob/' -> 'verhalen/rob/index.html')."""
    return url + "index.html" if url == HOME or url.endswith("/") else url


def url_of_doc(src: str) -> str:
    """The directory URL MkDocs gives a page in docs/ ('privacy.md' -> 'privacy/')."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index":
        return HOME
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, here: str) -> str:
    """Link from the page at `here` to `target`, both site-relative, so the site works
    under any base path (it is a section of a larger website)."""
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    rel = posixpath.relpath("/" + target, "/" + base)
    if rel == ".":
        rel = "./"
    elif (target.endswith("/") or target == HOME) and not rel.endswith("/"):
        rel += "/"
    return rel + anchor


def file_link(href: str) -> str:
    """A relative link to a folder as a link to its index.html, for a copy of the site opened
    from disk, where a browser shows a folder listing instead ('../verhalen/' ->
    '../verhalen/index.html'). Other links stay as they are."""
    if not href or href.startswith(("/", "#", "?")) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href):
        return href
    cut = min([i for i in (href.find("?"), href.find("#")) if i >= 0] or [len(href)])
    path, rest = href[:cut], href[cut:]
    if path in (".", ".."):
        path += "/"
    if path.endswith("/"):
        path += "index.html"
    return path + rest


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


@dataclass
class UrlTable:
    """Every URL of the site with the source that owns it."""

    owners: dict[str, tuple[str, str]] = field(default_factory=dict)  # url -> (owner text, file)
    problems: list[Problem] = field(default_factory=list)

    def claim(
        self,
        url: str,
        owner: str,
        file: str,
        entry: str | None = None,
        field_name: str | None = None,
        system: bool = False,
    ) -> bool:
        """Take `url` for `owner` (Dutch, e.g. "het verhaal in content/stories/x.md").
        Returns False, and records a problem naming both owners, when it is taken.
        `system` claims (short links, images) may use the reserved paths."""
        key = url.strip("/")
        for prefix, reserved_for in RESERVED.items():
            if (key + "/").startswith(prefix) and not system:
                self.problems.append(
                    Problem(
                        file,
                        field_name,
                        (f"het adres /{key}/ hoort bij {reserved_for}. Kies een ander adres."),
                        entry=entry,
                    )
                )
                return False
        if key in RESERVED_FILES and not system:
            self.problems.append(
                Problem(
                    file,
                    field_name,
                    (f"het adres /{key} is nodig voor de site zelf. Kies een ander adres."),
                    entry=entry,
                )
            )
            return False
        if key in self.owners:
            other, other_file = self.owners[key]
            if other != owner:
                self.problems.append(
                    Problem(
                        file,
                        field_name,
                        (
                            f"het adres /{key}{'/' if key else ''} is al van {other}. Twee pagina's kunnen niet "
                            "hetzelfde adres hebben: kies een andere naam of slug."
                        ),
                        entry=entry,
                    )
                )
                return False
            return True
        self.owners[key] = (owner, file)
        return True

    def __contains__(self, url: str) -> bool:
        return url.strip("/") in self.owners

    def urls(self) -> set[str]:
        """Known URLs in the forms links use: 'x/' and 'x', and '' for home."""
        result = set()
        for key in self.owners:
            result |= {key, key + "/"} if key else {""}
        return result
