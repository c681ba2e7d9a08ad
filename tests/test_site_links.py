"""Internal links and anchors of the built site, and the two statements linked from every footer.

- every internal href/src/srcset (relative, absolute under the site's path, or a full URL under
  site_url) resolves to a file in the built site (a directory URL means its index.html);
- every #fragment, on the same page or on another page, exists there as an id (or a name);
- toegankelijkheid/ and privacy/ exist, are Dutch, and are linked from every page's footer.

External http(s) links, mailto:, tel:, javascript: and data: are skipped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT

SITE_URL = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))["site_url"]
# Pages are resolved as if served at their production path, so that 404.html's absolute URLs
# (/ervaringsdeskundigheid/...) land in the site root.
PREFIX = urlsplit(SITE_URL).path if urlsplit(SITE_URL).path.endswith("/") else urlsplit(SITE_URL).path + "/"
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}
LINK_ATTRIBUTES = {"href", "src"}
STATEMENTS = {"toegankelijkheid/": "Toegankelijkheid", "privacy/": "Privacy"}


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.lang: str | None = None
        self.footer_links: list[str] = []
        self.meta: dict[str, str] = {}
        self.text: list[str] = []
        self._footer_depth = 0
        self._skip_text = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name") if tag in {"a", "map"} else ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "meta" and attributes.get("name"):
            self.meta[attributes["name"]] = attributes.get("content") or ""
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url=(.+)", attributes.get("content") or "", re.I)
            if match:
                self.links.append((tag, match.group(1).strip().strip("'\"")))
        for key in LINK_ATTRIBUTES:
            if attributes.get(key) is not None:
                self.links.append((tag, attributes[key]))
        if attributes.get("srcset"):
            self.links += [(tag, part.strip().split()[0]) for part in attributes["srcset"].split(",") if part.strip()]
        if tag == "footer" or self._footer_depth:
            self._footer_depth += 1
            if tag == "a" and attributes.get("href"):
                self.footer_links.append(attributes["href"])
        if tag in {"script", "style"}:
            self._skip_text += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._footer_depth:
            self._footer_depth -= 1
        if tag in {"script", "style"}:
            self._skip_text -= 1

    def handle_endtag(self, tag):
        if self._footer_depth:
            self._footer_depth -= 1
        if tag in {"script", "style"} and self._skip_text:
            self._skip_text -= 1

    def handle_data(self, data):
        if not self._skip_text:
            self.text.append(data)


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def pages(repo_site) -> dict[str, _PageParser]:
    """Every HTML file of the built site, by its path relative to the site root."""
    return {path.relative_to(repo_site).as_posix(): _parse(path) for path in sorted(repo_site.rglob("*.html"))}


def _target(repo_site: Path, page: str, url: str) -> tuple[str, str] | None:
    """(file relative to the site root, fragment) for an internal URL; None for an external one.
    A file outside the site gets the path it asked for, prefixed with '../'."""
    parts = urlsplit(url)
    if parts.scheme in SKIPPED_SCHEMES:
        return None
    if parts.scheme or parts.netloc:
        if not url.startswith(SITE_URL):
            return None  # external http(s)
        url = PREFIX + url[len(SITE_URL) :]
    resolved = urlsplit(urljoin(PREFIX + page, url))
    path = unquote(resolved.path)
    if not path.startswith(PREFIX):
        return "../" + path.lstrip("/"), resolved.fragment
    relative = path[len(PREFIX) :]
    if relative == "" or relative.endswith("/") or (repo_site / relative).is_dir():
        relative = (relative.rstrip("/") + "/index.html").lstrip("/")
    return relative, unquote(resolved.fragment)


def test_site_has_pages(pages):
    assert "index.html" in pages and "404.html" in pages and len(pages) > 20, sorted(pages)


def test_internal_links_and_anchors_resolve(repo_site, pages):
    broken = []
    checked = 0
    for page, parsed in pages.items():
        for tag, url in parsed.links:
            if not url or url == "#":
                continue
            target = _target(repo_site, page, url)
            if target is None:
                continue
            checked += 1
            file, fragment = target
            if file.startswith("../") or not (repo_site / file).is_file():
                broken.append(f"{page}: <{tag}> {url} -> {file} does not exist")
            elif fragment and file.endswith(".html") and fragment not in pages[file].ids:
                broken.append(f"{page}: <{tag}> {url} -> no id '{fragment}' in {file}")
    assert checked > 500, f"only {checked} internal links checked"
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:80])


def test_the_link_checker_finds_broken_links(repo_site, pages):
    """The resolver itself: relative, absolute under the production path, and fragments."""
    assert _target(repo_site, "verhalen/index.html", "../privacy/#wij-volgen-je-niet") == (
        "privacy/index.html",
        "wij-volgen-je-niet",
    )
    assert _target(repo_site, "404.html", PREFIX + "assets/stylesheets/section.css") == (
        "assets/stylesheets/section.css",
        "",
    )
    assert _target(repo_site, "index.html", SITE_URL + "privacy/") == ("privacy/index.html", "")
    assert _target(repo_site, "index.html", "/elders/") == ("../elders/", "")
    assert _target(repo_site, "index.html", "https://example.org/") is None
    assert _target(repo_site, "index.html", "mailto:info@alliantievankracht.nl") is None
    assert "bestaat-niet" not in pages["privacy/index.html"].ids


DUTCH_WORDS = {"de", "het", "een", "en", "je", "van", "niet", "op", "is", "we", "wat", "dat", "die", "met"}
ENGLISH_WORDS = {"the", "and", "you", "of", "is", "we", "what", "that", "with", "not"}


@pytest.mark.parametrize("path", STATEMENTS, ids=[p.strip("/") for p in STATEMENTS])
def test_statement_page_exists_and_is_dutch(pages, path):
    page = pages.get(path + "index.html")
    assert page is not None, f"/{path} is not built (docs/{path.strip('/')}.md)"
    assert page.lang == "nl"
    assert page.meta.get("description"), f"/{path} has no description (front matter)"
    main_text = " ".join(page.text)
    words = re.findall(r"[a-zà-ÿ]+", main_text.lower())
    dutch = sum(word in DUTCH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS - DUTCH_WORDS for word in words)
    assert dutch > 60 and dutch > 10 * english, f"/{path} does not read as Dutch ({dutch} vs {english})"
    assert "info@alliantievankracht.nl" in main_text


def test_statements_say_what_they_must(pages):
    toegankelijkheid = " ".join(pages["toegankelijkheid/index.html"].text)
    for phrase in ("WCAG 2.1", "EN 301 549", "axe-core", "Nu HTML Checker", "voldoet gedeeltelijk"):
        assert phrase in toegankelijkheid, phrase
    privacy = " ".join(pages["privacy/index.html"].text)
    for phrase in ("geen cookies", "utm_", "toestemming", "intrekken"):
        assert phrase in privacy, phrase


def test_every_page_footer_links_both_statements(repo_site, pages):
    with_footer = {page: parsed for page, parsed in pages.items() if parsed.footer_links}
    assert "index.html" in with_footer and "404.html" in with_footer
    missing = []
    for page, parsed in with_footer.items():
        targets = {_target(repo_site, page, url) for url in parsed.footer_links}
        for path in STATEMENTS:
            if (path + "index.html", "") not in targets:
                missing.append(f"{page}: no footer link to /{path}")
    assert not missing, "\n".join(missing[:40])
    # Every page of the site itself (not the standalone short-link pages, nor the web editor) has that footer.
    without = [page for page in pages if page not in with_footer and not page.startswith(("p/", "admin/"))]
    assert not without, f"pages without the footer links: {without}"
