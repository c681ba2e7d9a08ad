"""Material's search (plugin with `lang: nl`) in a real browser finds a story by its Dutch words.

Material searches by prefix: "geldzorg" and "schuld" find a story that says "geldzorgen" and
"schulden". The other way round, a plural or diminutive ("deurwaarders" for "deurwaarder")
is found because overrides/main.html adds the singular to the query: Material's Dutch search
does not stem.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

STORY = "verhalen/maaike-vindt-betaald-werk/"
STORY_SOURCE = (ROOT / "content/stories/maaike-vindt-betaald-werk.md").read_text(encoding="utf-8")


def search(browser, base: str, query: str, width: int) -> list[str]:
    """Type `query` into Material's search box; returns the URL paths of the results."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(base, wait_until="load")
        if width < 1220:  # below 76.25em the search box opens from the magnifier button
            page.locator(".md-header label.md-header__button[for='__search']").click()
        box = page.locator(".md-search__input")
        box.click()
        box.press_sequentially(query, delay=20)
        # Wait until the whole query was run: results highlight it (?h=...), or there are none.
        page.wait_for_function(
            """query => {
                const meta = document.querySelector('.md-search-result__meta');
                const links = [...document.querySelectorAll('.md-search-result__list a[href]')];
                return (meta && /^Geen/.test(meta.textContent.trim()))
                    || links.some(a => {
                        const h = (new URL(a.href).searchParams.get('h') || '').split(' ')[0];
                        return h && (h.startsWith(query) || query.startsWith(h));
                    });
            }""", arg=query, timeout=15000)
        hrefs = page.locator(".md-search-result__list a.md-search-result__link").evaluate_all(
            "els => els.map(e => new URL(e.href).pathname)")
        return hrefs
    finally:
        context.close()


def test_story_words_are_in_the_story():
    # Guard: the words below really occur in the story in exactly these forms.
    assert re.search(r"\bdeurwaarder\b", STORY_SOURCE)
    assert not re.search(r"\bdeurwaarders\b", STORY_SOURCE)
    assert re.search(r"\bgeldzorgen\b", STORY_SOURCE)
    assert not re.search(r"\bgeldzorg\b", STORY_SOURCE)
    assert re.search(r"\bschulden\b", STORY_SOURCE)


@pytest.mark.parametrize("width", [390, 1280], ids=["telefoon", "desktop"])
@pytest.mark.parametrize("query", [
    "deurwaarder",                       # word as written in the story
    "inloopochtend",
    "geldzorg",                          # singular; the story says "geldzorgen"
    "geldzorgen",
    "schuld",                            # singular; the story says "schulden"
    "deurwaarders",                      # plural; the story says "deurwaarder"
    "inloopochtenden",                   # plural; the story says "inloopochtend"
])
def test_dutch_search_finds_the_story(browser, served_site, query, width):
    hrefs = search(browser, served_site, query, width)
    assert "/" + STORY in hrefs, (query, hrefs)


def test_search_without_match_says_so(browser, served_site):
    assert search(browser, served_site, "xylofoonconcert", 1280) == []
