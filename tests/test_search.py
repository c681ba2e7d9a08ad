"""The site search (Material's search engine, with an index written by render/search.py).

Material searches by the start of words and does not stem: "schuld" finds "schulden", but
"deurwaarders" does not find "deurwaarder" by itself. Each index entry therefore carries the
likely other forms of its Dutch words in a field that is searched but not shown. In a real
browser the search finds a story by its words in other forms, shows items before the pages that
only list them, labels each result with its kind, and offers suggestions when nothing is found.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from ervaringsdeskundigheid.render import search

STORY = "verhalen/maaike-en-de-ervaringsdeskundige/"
STORY_SOURCE = (ROOT / "content/stories/maaike-en-de-ervaringsdeskundige.md").read_text(encoding="utf-8")


# --- The forms ---------------------------------------------------------------------------------

@pytest.mark.parametrize("word, plural", [
    ("deurwaarder", "deurwaarders"), ("schuld", "schulden"), ("straat", "straten"), ("vak", "vakken"),
    ("brief", "brieven"), ("gemeente", "gemeenten"), ("huis", "huizen"), ("opleiding", "opleidingen"),
    ("maatje", "maatjes"), ("organisatie", "organisaties"), ("school", "scholen"), ("verhaal", "verhalen"),
    ("inloopochtend", "inloopochtenden"), ("les", "lessen"),
])
def test_likely_plural(word, plural):
    assert plural in search.plurals(word)


@pytest.mark.parametrize("plural, word", [
    ("scholen", "school"), ("brieven", "brief"), ("huizen", "huis"), ("straten", "straat"),
    ("deurwaarders", "deurwaarder"), ("maatjes", "maatje"), ("bussen", "bus"),
])
def test_likely_singular(plural, word):
    assert word in search.singulars(plural)


def test_forms_leave_out_what_the_search_finds_anyway():
    forms = search.other_forms("De bewoners kregen brieven van de deurwaarder.").split()
    assert "deurwaarders" in forms and "brief" in forms
    assert "bewoner" not in forms, "'bewoner' finds 'bewoners' by itself: no need to store it"


@given(st.text(alphabet="abcdefghijklmnoprstuvwzé", min_size=4, max_size=18))
def test_forms_stay_close_to_their_word(word):
    for form in search.other_forms(word).split():
        assert form != word and form[:2] == word[:2], (word, form)
        assert abs(len(form) - len(word)) <= 4, (word, form)


# --- The index -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def index(repo_site) -> dict:
    return json.loads((repo_site / search.INDEX).read_text(encoding="utf-8"))


def test_a_page_comes_before_its_anchors(index):
    """Material groups anchors under the page listed before them; an anchor without its page
    shows as an 'undefined' result."""
    seen = set()
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if anchor:
            assert page in seen, f"{doc['location']} comes before its page {page}"
        seen.add(page)


def test_index_entries_are_short_readable_and_labelled(index):
    docs = index["docs"]
    assert len(docs) > 50
    for doc in docs:
        assert len(doc["text"]) <= search.TEASER_CHARS + 2, doc["location"]
        assert "**" not in doc["text"] + doc.get("body", ""), f"Markdown in {doc['location']}"
        assert "onbekend" not in json.dumps(doc).lower()
        if "#" not in doc["location"] and "boost" not in doc:
            assert doc.get("tags"), f"{doc['location']} has no label"
    labels = {doc["tags"][0] for doc in docs if doc.get("tags")}
    assert {"Verhaal", "Blog", "Opleiding"} <= labels
    assert set(index["config"]["fields"]) >= {"title", "text", "body", "forms", "tags"}


def test_overview_and_category_pages_stay_out_or_rank_low(index):
    locations = {doc["location"]: doc for doc in index["docs"]}
    for overview in ("", "verhalen/", "blogs/", "opleidingen/", "aspirant-ervaringsdeskundige/", "werkgevers/",
                     "ervaringsdeskundigen/"):
        assert overview not in locations, f"/{overview} is in the index"
    for list_page in ("veelgestelde-vragen/", "organisaties/", "menukaart/"):
        assert locations[list_page].get("boost", 1) < 1


# --- In the browser ---------------------------------------------------------------------------

def _open_search(browser, base: str, width: int = 390):
    """A page of the site with its search box open; returns (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base, wait_until="load")
    opener = page.locator("label.ed-header__button[for='__search']")
    if opener.is_visible():
        opener.click()
    return context, page


def _query(page, query: str):
    """Type `query` into the (emptied) search box; returns (result paths, meta text)."""
    box = page.locator(".md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Delete")
    box.press_sequentially(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    # Material searches as you type: wait until the search is ready and the result list settles.
    previous = None
    for _ in range(120):
        page.wait_for_timeout(150)
        state = (meta.inner_text(), page.locator(".md-search-result__list").inner_html())
        if state == previous and not state[0].startswith("Zoeken wordt"):
            break
        previous = state
    paths = page.locator(".md-search-result__list a.md-search-result__link").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname + new URL(e.href).hash)")
    return paths, meta.inner_text()


def _search(browser, base: str, query: str, width: int = 390):
    """Search once on a fresh page; returns (result paths, meta text, context, page)."""
    context, page = _open_search(browser, base, width)
    return (*_query(page, query), context, page)


def test_story_words_are_in_the_story():
    # Guard: the words below really occur in the story in exactly these forms.
    assert re.search(r"\bdeurwaarder\b", STORY_SOURCE)
    assert not re.search(r"\bdeurwaarders\b", STORY_SOURCE)
    assert re.search(r"\bgeldzorgen\b", STORY_SOURCE)
    assert re.search(r"\binloopochtend\b", STORY_SOURCE)
    assert not re.search(r"\binloopochtenden\b", STORY_SOURCE)


# Each query as written in the story, or in another form of the same word.
STORY_QUERIES = (
    "deurwaarder",                       # as written in the story
    "deurwaarders",                      # plural; the story says "deurwaarder"
    "inloopochtend",
    "inloopochtenden",                   # plural; the story says "inloopochtend"
    "geldzorg",                          # singular; the story says "geldzorgen"
    "schuld",                            # singular; the story says "schulden"
)


@pytest.mark.parametrize("width", [390, 1280], ids=["telefoon", "desktop"])
def test_dutch_search_finds_the_story(browser, served_site, width):
    """One reader searches one word after another, in the same search box."""
    context, page = _open_search(browser, served_site, width)
    missed = []
    for query in STORY_QUERIES:
        paths, meta = _query(page, query)
        if not any(path.startswith("/ervaringsdeskundigheid/" + STORY) for path in paths):
            missed.append((query, meta, paths))
    context.close()
    assert not missed, missed


def test_items_come_before_lists_and_every_result_is_a_page(browser, served_site):
    paths, meta, context, page = _search(browser, served_site, "schulden")
    labels = page.locator(".md-search-result .md-tag").all_inner_texts()
    sizes = page.locator(".md-search-result .md-tag, .md-search-result__article h1, .md-search-result__meta").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    context.close()
    assert paths and not any("undefined" in path for path in paths)
    first = paths[0].removeprefix("/ervaringsdeskundigheid/")
    assert first.startswith(("verhalen/", "blogs/", "opleidingen/", "checklists/", "functieprofielen/")), paths
    assert labels and {"Verhaal"} <= set(labels)
    assert min(sizes) >= 12


@pytest.mark.parametrize("width", [390, 1280], ids=["telefoon", "desktop"])
def test_no_results_offers_suggestions_that_search(browser, served_site, width):
    paths, meta, context, page = _search(browser, served_site, "xylofoonconcert", width)
    try:
        assert paths == [] and meta.startswith("Geen resultaten")
        help_block = page.locator(".ed-search-help")
        assert help_block.is_visible()
        suggestion = help_block.locator("a[data-ed-search]").first
        word = suggestion.inner_text()
        suggestion.click()
        assert page.locator(".md-search__input").input_value() == word
        page.locator(".md-search-result__list a").first.wait_for(timeout=15000)
        assert help_block.get_by_role("link", name="Werkgevers").is_visible()
    finally:
        context.close()


def test_404_search_opens_the_site_search(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served_site + "?q=opleiding", wait_until="load")
    page.locator(".md-search-result__list a").first.wait_for(timeout=15000)
    assert page.locator(".md-search__input").input_value() == "opleiding"
    context.close()
