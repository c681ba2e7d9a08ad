"""Accessibility of every page type in a real browser (Chromium).

- axe-core (bundled with the PyPI package axe-playwright-python) finds no WCAG 2.2 A/AA
  violations at phone (390 px) and desktop (1280 px) width;
- a page loads nothing from any host other than the site itself (no fonts, CDN or trackers);
- nothing scrolls sideways at 320 px (WCAG 1.4.10 Reflow);
- the first Tab reaches a visible skip link, and keyboard focus is visible.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT

SITE_URL = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))["site_url"]
# The site is built for https://host/ervaringsdeskundigheid/; 404.html uses absolute paths below that,
# so the tests serve the built site under the same path prefix as production.
PREFIX = urlsplit(SITE_URL).path.lstrip("/")


def _first(data_file: str, key: str) -> str:
    items = yaml.safe_load((ROOT / "data" / data_file).read_text(encoding="utf-8"))
    if isinstance(items, dict):
        items = next(value for value in items.values() if isinstance(value, list))
    return items[0][key]


def _first_short_code() -> str | None:
    data = yaml.safe_load((ROOT / "data/partners.yml").read_text(encoding="utf-8")) or {}
    for partner in data.get("partners", []) if isinstance(data, dict) else data:
        for location in partner.get("locations", []):
            if location.get("code"):
                return location["code"]
    return None


PAGES = {
    "home": "",
    "categorie-aspirant": "aspirant-ervaringsdeskundige/",
    "categorie-opleiding": "opleiding/",
    "categorie-ervaringsdeskundige": "ervaringsdeskundige/",
    "categorie-werkgevers": "werkgevers/",
    "verhaal": "verhalen/maaike-vindt-betaald-werk/",
    "blog": "blogs/vijf-tips-voor-teams/",
    "verhalen-overzicht": "verhalen/",
    "blogs-overzicht": "blogs/",
    "opleiding-detail": "opleidingen/noorderpoort-veendam/",
    "opleidingen": "opleidingen/",
    "functieprofiel": f"functieprofielen/{_first('functieprofielen.yml', 'slug')}/",
    "ervaringsdeskundigen": "ervaringsdeskundigen/",
    "organisaties": "organisaties/",
    "veelgestelde-vragen": "veelgestelde-vragen/",
    "cijfers": "cijfers/",
    "menukaart": "menukaart/",
    "checklist": f"checklists/{_first('checklists.yml', 'slug')}/",
    "toegankelijkheid": "toegankelijkheid/",
    "privacy": "privacy/",
    "404": "404.html",
}
SHORT_CODE = _first_short_code()
if SHORT_CODE:
    PAGES["korte-link"] = f"p/{SHORT_CODE}/"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"telefoon": 390, "desktop": 1280}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@pytest.fixture(scope="module")
def site(repo_site, tmp_path_factory):
    """The built site served under its production path prefix; yields the site's base URL."""
    root = tmp_path_factory.mktemp("served")
    target = root / PREFIX.rstrip("/") if PREFIX else root
    if PREFIX:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(repo_site, target_is_directory=True)
    else:
        root = repo_site
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def _require_page(repo_site, path: str) -> None:
    built = repo_site / (path if path.endswith(".html") else path + "index.html")
    if not built.exists():
        pytest.skip(f"{path} is not built (yet)")


@contextlib.contextmanager
def _page(browser, width: int, height: int = 900, **options):
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def _open(page, url: str, wait_until: str = "load") -> None:
    """Open `url`; a short-link page is checked itself, with its instant redirect taken out."""
    if "/p/" in url:
        def without_refresh(route):
            response = route.fetch()
            body = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", response.text(), flags=re.I)
            route.fulfill(response=response, body=body)
        page.route(url, without_refresh)
    page.goto(url, wait_until=wait_until)


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}"
                         .replace("\n", " "))
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_axe_violations_and_only_local_requests(browser, repo_site, site, path, width):
    from axe_playwright_python.sync_playwright import Axe

    _require_page(repo_site, path)
    own_host = urlsplit(site).netloc
    with _page(browser, width) as page:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        _open(page, site + path, wait_until="networkidle")
        assert urlsplit(page.url).path == urlsplit(site + path).path, f"checked {page.url}, not /{path}"
        foreign = [url for url in requests
                   if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).netloc != own_host]
        assert not foreign, f"{path} requests other hosts: {foreign}"

        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        assert not violations, f"axe finds on /{path} at {width}px:\n{_format_violations(violations)}"


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_horizontal_scrolling_at_320px(browser, repo_site, site, path):
    _require_page(repo_site, path)
    with _page(browser, 320, 640) as page:
        _open(page, site + path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 320.5 && e.offsetParent !== null)
            .filter(e => !e.closest('.md-sidebar, .md-search, .md-tabs, [hidden]'))
            .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))""")
        assert scroll_width <= 320, f"/{path} is {scroll_width}px wide at 320px; widest: {wide}"


FOCUS_STYLE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
          href: e.getAttribute('href'), outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
          boxShadow: s.boxShadow, width: r.width, height: r.height,
          inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
          // Not covered by something else (WCAG 2.4.11): the element itself is hit in its middle.
          onTop: (() => { const hit = document.elementFromPoint(Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1),
                                                                Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1));
                          return !!hit && (e.contains(hit) || hit.contains(e)); })()};
}"""

SKIP_TEXTS = {"Naar inhoud", "Ga naar inhoud"}
# Measure where focus ends up, not a frame of the drawer's slide-in animation.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def _visibly_focused(state: dict) -> bool:
    outline = state["outlineStyle"] not in {"none", ""} and state["outlineWidth"] >= 2
    return outline and state["width"] > 0 and state["height"] > 0 and state["inViewport"] and state["onTop"]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["", "verhalen/maaike-vindt-betaald-werk/", "ervaringsdeskundigen/"],
                         ids=["home", "verhaal", "ervaringsdeskundigen"])
def test_first_tab_reaches_visible_skip_link(browser, site, path, width):
    with _page(browser, width) as page:
        page.goto(site + path, wait_until="load")
        page.add_style_tag(content=NO_TRANSITIONS)
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        assert state["tag"] == "a" and state["text"] in SKIP_TEXTS, state
        assert state["href"] and state["href"].startswith("#"), state
        assert _visibly_focused(state), f"skip link is focused but not visible: {state}"

        # Following the skip link puts the main content next in the tab order.
        page.keyboard.press("Enter")
        target = page.evaluate("location.hash")
        assert target and page.locator(target).count() == 1


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["", "opleiding/", "ervaringsdeskundigen/",
                                  "checklists/" + _first("checklists.yml", "slug") + "/"],
                         ids=["home", "categorie", "ervaringsdeskundigen", "checklist"])
def test_every_focused_element_has_a_visible_outline(browser, site, path, width):
    with _page(browser, width) as page:
        page.goto(site + path, wait_until="load")
        page.add_style_tag(content=NO_TRANSITIONS)
        seen = 0
        invisible = []
        for _ in range(40):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STYLE)
            if state["tag"] == "body":
                break
            seen += 1
            if not _visibly_focused(state):
                invisible.append(state)
        assert seen >= 5
        assert not invisible, f"focused without a visible outline on /{path}: {invisible}"
