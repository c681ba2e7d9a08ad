"""Accessibility of every page type in a real browser (Debian's Chromium).

- axe-core (bundled with the PyPI package axe-playwright-python) finds no violations of WCAG 2.x
  A/AA and of its best practices, at phone (390 px) and desktop (1280 px) width;
- a page loads nothing from any host other than the site itself (no fonts, CDN or trackers);
- nothing scrolls sideways at 320 px (WCAG 1.4.10 Reflow);
- no visible text is smaller than 12 px at 390 px, also in the charts (SVG text is scaled);
- the first Tab reaches a visible skip link, and keyboard focus is always visible.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import axe_violations
from site_pages import PAGES, WIDTHS, open_page

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
MIN_TEXT_PX = 12
# Only violations come back: axe skips collecting the passing elements.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(
                f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}".replace(
                    "\n", " "
                )
            )
    return "\n".join(lines)


def _axe(page, path: str, width: int) -> list[str]:
    violations = axe_violations(page, AXE_OPTIONS)
    return [f"axe finds on /{path} at {width}px:\n{_format_violations(violations)}"] if violations else []


def _too_wide_at_320(page, path: str) -> list[str]:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= 320:
        return []
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 320.5 && e.offsetParent !== null)
        .filter(e => !e.closest('.ed-search, [hidden]'))
        .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))""")
    return [f"/{path} is {scroll_width}px wide at 320px (sideways scrolling); widest: {wide}"]


def _small_text(page, path: str) -> list[str]:
    sizes = page.evaluate(TEXT_SIZES)
    if len(sizes) <= 20:
        return [f"only {len(sizes)} text nodes measured on /{path}"]
    small = [size for size in sizes if size[0] < MIN_TEXT_PX]
    return [f"text smaller than {MIN_TEXT_PX}px on /{path} at 390px: {small[:10]}"] if small else []


def problems_at_three_widths(page, path: str) -> list[str]:
    """On a page open at phone width: axe and the text sizes there, axe again widened to 1280 px,
    then sideways scrolling when narrowed to 320 px (WCAG 1.4.10, as zooming in does)."""
    found = _axe(page, path, WIDTHS["telefoon"]) + _small_text(page, path)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    found += _axe(page, path, WIDTHS["desktop"])
    page.set_viewport_size({"width": 320, "height": 640})
    return found + _too_wide_at_320(page, path)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_is_accessible_on_a_phone_and_a_desktop_and_loads_only_local_files(new_page, served_site, path):
    """Per page type: axe at 390 px, no text under 12 px there, axe again when the window is
    widened to 1280 px, no sideways scrolling when it is narrowed to 320 px (WCAG 1.4.10, as
    zooming in does), and no request to another host. Every finding is reported, not only the first."""
    own_host = urlsplit(served_site).netloc
    requests: list[str] = []
    found: list[str] = []
    page = new_page(WIDTHS["telefoon"], 844)
    page.on("request", lambda request: requests.append(request.url))
    response = open_page(page, served_site + path)
    assert response is not None
    assert urlsplit(page.url).path == urlsplit(served_site + path).path, f"checked {page.url}, not /{path}"
    found += problems_at_three_widths(page, path)
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).netloc != own_host
    ]
    if foreign:
        found.append(f"/{path} requests other hosts: {foreign}")
    assert not found, "\n".join(found)


def test_axe_finds_a_violation(new_page, served_site):
    """The check itself: a link without text on a real page is reported, also by a second run in
    the same page (the tests put axe into a page once and run it at both widths)."""
    page = new_page()
    page.goto(served_site, wait_until="load")
    assert "link-name" not in {v["id"] for v in axe_violations(page, AXE_OPTIONS)}
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<a href=\"#\"></a>')")
    assert "link-name" in {v["id"] for v in axe_violations(page, AXE_OPTIONS)}


# Every visible piece of text with its size in CSS pixels as drawn: SVG text is scaled by the
# ratio of the drawing's width to its viewBox. Text that is clipped away (visually hidden for
# screen readers only) is not drawn and does not count.
TEXT_SIZES = r"""() => {
  const shown = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 1 && r.height > 1; };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !shown(el) || el.closest('script, style, .ed-search')) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest('svg');
    if (svg) {
      const box = svg.viewBox && svg.viewBox.baseVal;
      if (box && box.width) px *= svg.getBoundingClientRect().width / box.width;
    }
    out.push([Math.round(px * 10) / 10, el.tagName.toLowerCase() + '.' + [...el.classList].join('.'),
              node.textContent.trim().slice(0, 40)]);
  }
  return out;
}"""


def test_the_reflow_check_finds_a_page_that_scrolls_sideways(new_page, served_site):
    page = new_page(320, 640, bypass_csp=True)  # the test adds an inline style
    page.goto(served_site, wait_until="load")
    assert _too_wide_at_320(page, "") == []
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<p style=\"white-space:nowrap\">' + 'breed '.repeat(40) + '</p>')"
    )
    assert "sideways" in _too_wide_at_320(page, "")[0]


def test_the_size_check_scales_svg_text(new_page, served_site):
    """A chart whose 13-unit text is drawn at half its viewBox width counts as 6.5 px."""
    page = new_page(390, 844, bypass_csp=True)
    page.goto(served_site, wait_until="load")
    page.evaluate("""document.querySelector('main').insertAdjacentHTML('beforeend',
        '<svg viewBox="0 0 400 100" style="width:200px" role="img" aria-label="x"><text x="0" y="50" font-size="13">klein</text></svg>')""")
    sizes = page.evaluate(TEXT_SIZES)
    assert ["klein"] == [text for size, _, text in sizes if size == 6.5]


FOCUS_STYLE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
          href: e.getAttribute('href'), outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
          width: r.width, height: r.height,
          inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
          // Not covered by something else (WCAG 2.4.11): the element itself is hit in its middle.
          onTop: (() => { const hit = document.elementFromPoint(Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1),
                                                                Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1));
                          return !!hit && (e.contains(hit) || hit.contains(e)); })()};
}"""

SKIP_TEXTS = {"Ga naar de inhoud"}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def _visibly_focused(state: dict) -> bool:
    outline = state["outlineStyle"] not in {"none", ""} and state["outlineWidth"] >= 2
    return outline and state["width"] > 0 and state["height"] > 0 and state["inViewport"] and state["onTop"]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(
    "path",
    ["", "aspirant-ervaringsdeskundige/", "verhalen/maaike-en-de-ervaringsdeskundige/"],
    ids=["home", "categorie", "verhaal"],
)
def test_first_tab_reaches_visible_skip_link(new_page, served_site, path, width):
    page = new_page(width, 900, bypass_csp=True)  # the test adds a stylesheet
    page.goto(served_site + path, wait_until="load")
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
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.querySelector('{target}').contains(document.activeElement)")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize(
    "path",
    ["", "opleiding/", "opleidingen/", "ervaringsdeskundigen/", "veelgestelde-vragen/"],
    ids=["home", "categorie", "opleidingen", "ervaringsdeskundigen", "vragen"],
)
def test_every_focused_element_has_a_visible_outline(new_page, served_site, path, width):
    page = new_page(width, 900, bypass_csp=True)  # the test adds a stylesheet
    page.goto(served_site + path, wait_until="load")
    page.add_style_tag(content=NO_TRANSITIONS)
    seen = 0
    invisible = []
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["tag"] == "body":
            break
        seen += 1
        if not _visibly_focused(state):
            invisible.append(state)
    assert seen >= 10
    assert not invisible, f"focused without a visible outline on /{path}: {invisible[:5]}"


def test_phone_menu_opens_with_the_keyboard_and_closes_with_escape(new_page, served_site):
    page = new_page(390, 844)
    page.goto(served_site, wait_until="load")
    menu = page.locator("summary", has_text="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Werkgevers").first
    assert page.locator(".ed-menu__panel").is_visible() and link.is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".ed-menu__panel").is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_open_search_with_results_is_accessible(new_page, served_site, width):
    """axe on the search dialog as a reader uses it: opened, a query typed, results shown."""
    page = new_page(width, 844)
    page.goto(served_site + "opleiding/", wait_until="load")
    page.locator(".ed-search-open").click()
    page.locator("#ed-search-input").press_sequentially("opleiding", delay=10)
    page.locator(".ed-search__result").first.wait_for(timeout=20000)
    page.wait_for_function("() => document.querySelector('.ed-search__status').textContent.length > 0")
    found = _axe(page, "opleiding/ (zoeken open)", width)
    sizes = page.locator(".ed-search *").evaluate_all(
        "els => els.filter(e => e.offsetParent && e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= MIN_TEXT_PX
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.getElementById('ed-search').scrollWidth") <= 320
    assert not found, "\n".join(found)
