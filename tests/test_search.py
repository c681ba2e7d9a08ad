"""The site search: Pagefind's index of the finished pages (render/search.py) and the search
dialog in the header (assets/javascripts/search.js), in Debian's Chromium.

A reader reaches the search with the keyboard at every width, gets Dutch results with their
kind, finds Dutch words in another form (Pagefind's Dutch stemmer), sees the regional
programmes first, and loads nothing of the search before opening it. Nothing the site holds
back (drafts, people without consent) is in the index.
"""

from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import urlsplit

import lxml.html
import pytest
import yaml

from conftest import ROOT, TODAY, search_text, write_story
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.render import search

PREFIX = "/ervaringsdeskundigheid/"
STORY = "verhalen/maaike-en-de-ervaringsdeskundige/"
STORY_SOURCE = (ROOT / "content/stories/maaike-en-de-ervaringsdeskundige.md").read_text(encoding="utf-8")


# --- In the browser ------------------------------------------------------------------------------


def _searching(new_page, url: str, width: int = 390):
    """A page of the site at `url` with the search open."""
    page = new_page(width, 844)
    page.goto(url, wait_until="load")
    page.locator(".ed-search-open").click()
    return page


def _open_with_keyboard(page) -> int:
    """Tab from the top of the page to the search button and press Enter; returns the number of
    Tabs it took."""
    for count in range(1, 8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.ed-search-open')"):
            page.keyboard.press("Enter")
            return count
    raise AssertionError("the search button is not reached with Tab")


def _query(page, query: str) -> tuple[list[str], str]:
    """Type `query` into the (emptied) search field; returns (result paths, status text) once
    the status says how many were found."""
    box = page.locator("#ed-search-input")
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        "q => document.querySelector('.ed-search__status').textContent.includes('‘' + q + '’')",
        arg=query,
        timeout=20000,
    )
    paths = page.locator(".ed-search__result a").evaluate_all("els => els.map(e => new URL(e.href).pathname)")
    return [path.removeprefix(PREFIX) for path in paths], page.locator(".ed-search__status").inner_text()


def _all_results(page, query: str) -> list[str]:
    """Every result of `query`, in order, from the page's own Pagefind (search opened first)."""
    return page.evaluate(
        """async q => {
        const pagefind = await import(new URL('pagefind/pagefind.js', document.querySelector('.ed-wordmark').href).href);
        const search = await pagefind.search(q);
        return Promise.all(search.results.map(async r => new URL((await r.data()).url, location.href).pathname));
    }""",
        query,
    )


@pytest.mark.parametrize("width", [390, 1280], ids=["telefoon", "desktop"])
def test_search_opens_with_the_keyboard_and_escape_returns_focus(new_page, served_site, width):
    page = new_page(width, 844)
    page.goto(served_site + STORY, wait_until="load")
    tabs = _open_with_keyboard(page)
    assert tabs <= 3, "skip link, home link, then the search"
    assert page.evaluate("document.activeElement.tagName") == "INPUT"
    assert page.evaluate("document.activeElement.id") == "ed-search-input"
    assert page.locator("#ed-search").is_visible()
    assert page.get_by_role("searchbox", name="Zoeken op deze site").is_visible()
    assert page.get_by_role("dialog", name="Zoeken op deze site").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#ed-search").is_visible()
    assert page.evaluate("document.activeElement.matches('button.ed-search-open')")
    page.keyboard.press("Enter")  # and open again
    assert page.evaluate("document.activeElement.id") == "ed-search-input"
    page.get_by_role("button", name="Sluiten").click()
    assert page.evaluate("document.activeElement.matches('button.ed-search-open')")


def test_nothing_of_the_search_loads_before_the_reader_opens_it(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # its own: an empty cache
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    try:
        for path in ("", "opleiding/", STORY):
            page.goto(served_site + path, wait_until="networkidle")
            page.mouse.wheel(0, 3000)
            page.wait_for_timeout(300)
        loaded = [path for path in requests if "pagefind" in path or "search_index" in path or "/search/" in path]
        assert loaded == [], loaded
        assert any(path.endswith("assets/javascripts/search.js") for path in requests)
        page.locator(".ed-search-open").click()
        _query(page, "opleiding")
        assert any(path.endswith("/pagefind/pagefind.js") for path in requests)
        assert any("/pagefind/index/" in path for path in requests)
        assert any("/pagefind/fragment/" in path for path in requests)
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280], ids=["telefoon", "desktop"])
def test_a_query_shows_dutch_results_with_their_kind(new_page, served_site, width):
    page = _searching(new_page, served_site, width)
    paths, status = _query(page, "schulden")
    assert re.fullmatch(r"\d+ resultaten voor ‘schulden’\.", status), status
    assert page.locator(".ed-search__status").get_attribute("role") == "status"
    assert STORY in paths
    first = page.locator(".ed-search__result").first
    assert first.locator(".ed-search__kind").inner_text() in {"Verhaal", "Blog"}
    assert first.locator("mark").count() >= 1, "the words found are marked in the excerpt"
    sizes = page.locator(".ed-search__result *").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert min(sizes) >= 12
    page.locator(".ed-search__result a").first.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == PREFIX + paths[0]


def test_results_come_with_more_on_request(new_page, served_site):
    page = _searching(new_page, served_site)
    paths, status = _query(page, "ervaring")
    total = int(status.split()[0])
    assert total > 10 and len(paths) == 10
    page.get_by_role("button", name="Meer resultaten").click()
    page.wait_for_function("() => document.querySelectorAll('.ed-search__result').length > 10")
    assert page.evaluate("document.activeElement.closest('.ed-search__result') !== null"), (
        "focus moves to the first new result"
    )


def test_the_regional_programmes_come_first_for_opleiding(new_page, served_site):
    programmes = yaml.safe_load((ROOT / "data/opleidingen.yml").read_text(encoding="utf-8"))
    programmes = (
        next(v for v in programmes.values() if isinstance(v, list)) if isinstance(programmes, dict) else programmes
    )
    regional = {f"opleidingen/{p['slug']}/" for p in programmes if p.get("regional")}
    elsewhere = {f"opleidingen/{p['slug']}/" for p in programmes if not p.get("regional")}
    assert regional and elsewhere
    page = _searching(new_page, served_site)
    shown, _ = _query(page, "opleiding")
    assert set(shown[: len(regional)]) == regional, shown
    ranked = [path.removeprefix(PREFIX) for path in _all_results(page, "opleiding")]
    assert max(ranked.index(path) for path in regional) < min(
        ranked.index(path) for path in elsewhere if path in ranked
    ), ranked


def test_lists_come_after_the_pages_about_one_thing(new_page, served_site):
    """A list that holds its items (the questions) ranks below the reader pages for a word both
    use; a question found on it links to that question."""
    page = _searching(new_page, served_site)
    ranked = [path.removeprefix(PREFIX) for path in _all_results(page, "meeloopmaatje")]
    assert "veelgestelde-vragen/" in ranked and ranked[0] != "veelgestelde-vragen/", ranked
    _query(page, "meeloopmaatje")
    question = page.locator(".ed-search__result a[href*='veelgestelde-vragen/#']")
    assert question.count() == 1
    question.click()
    page.wait_for_function("() => location.pathname.endsWith('/veelgestelde-vragen/') && location.hash.length > 1")
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => document.getElementById(decodeURIComponent(location.hash.slice(1))).open", timeout=5000
    )
    assert not page.locator("#ed-search").is_visible()


def _indexed_text(site, path: str) -> str:
    """The text Pagefind indexes on a built page: its marked content without what
    render/search.py leaves out."""
    document = lxml.html.fromstring((site / path / "index.html").read_bytes())
    body = document.xpath("//*[@data-pagefind-body]")[0]
    for selector in search.EXCLUDED:
        expression = (
            f"descendant::*[contains(concat(' ', @class, ' '), ' {selector[1:]} ')]"
            if selector.startswith(".")
            else f"descendant::{selector}"
        )
        for element in body.xpath(expression):
            element.drop_tree()
    return " ".join(body.text_content().split()).lower()


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _only_in(site, other: str, query: str) -> set[str]:
    """The indexed pages that use the word `other` but never `query`."""
    found = set()
    for file in site.rglob("index.html"):
        if b"data-pagefind-body" not in file.read_bytes():
            continue
        path = file.parent.relative_to(site).as_posix()
        path = "" if path == "." else path + "/"
        text = _indexed_text(site, path)
        if _has_word(text, other) and not _has_word(text, query):
            found.add(path)
    return found


# A query and a form of the same word that pages of the repository use without the query.
# Pagefind's Dutch stemmer (Snowball) cannot do every pair: "schuld" misses "schulden" (stems
# "schuld" and "schul"), and "maatje" misses "meeloopmaatje" (no compound splitting); README.
FORMS = [
    ("scholen", "school"),
    ("school", "scholen"),
    ("deurwaarders", "deurwaarder"),
    ("inloopochtenden", "inloopochtend"),
    ("geldzorg", "geldzorgen"),
    ("maatjes", "maatje"),
    ("verhaal", "verhalen"),
    ("verhalen", "verhaal"),
    ("organisaties", "organisatie"),
    ("gemeente", "gemeenten"),
    ("opleiding", "opleidingen"),
    ("wijkteam", "wijkteams"),
    ("buurthuizen", "buurthuis"),
    ("cursussen", "cursus"),
    ("vrijwilligers", "vrijwilliger"),
    ("schulden", "schuld"),
]


def test_story_words_are_in_the_story():
    # Guard: the words below really occur in the story in exactly these forms.
    assert re.search(r"\bdeurwaarder\b", STORY_SOURCE) and not re.search(r"\bdeurwaarders\b", STORY_SOURCE)
    assert re.search(r"\binloopochtend\b", STORY_SOURCE) and not re.search(r"\binloopochtenden\b", STORY_SOURCE)
    assert re.search(r"\bgeldzorgen\b", STORY_SOURCE) and not re.search(r"\bgeldzorg\b", STORY_SOURCE)


def test_dutch_words_find_their_other_forms(new_page, served_site, repo_site):
    page = _searching(new_page, served_site)
    missed, checked = [], 0
    for query, other in FORMS:
        pages = _only_in(repo_site, other, query)
        if not pages:
            continue
        checked += 1
        found = {path.removeprefix(PREFIX) for path in _all_results(page, query)}
        if pages - found:
            missed.append((query, other, sorted(pages - found)))
    assert checked >= 10, "the repository no longer has pages for most of these forms"
    assert not missed, missed


@pytest.mark.parametrize("width", [390, 1280], ids=["telefoon", "desktop"])
def test_no_results_offers_suggestions_that_search(new_page, served_site, width):
    page = _searching(new_page, served_site, width)
    paths, status = _query(page, "xylofoonconcert")
    assert paths == [] and status.startswith("Geen resultaten voor ‘xylofoonconcert’")
    help_block = page.locator(".ed-search-help")
    assert help_block.is_visible()
    suggestion = help_block.locator("a[data-ed-search]").first
    word = suggestion.inner_text()
    suggestion.click()
    assert page.locator("#ed-search-input").input_value() == word
    page.locator(".ed-search__result a").first.wait_for(timeout=15000)
    assert help_block.get_by_role("link", name="Werkgevers").is_visible()


def test_a_link_with_q_opens_the_search_with_that_word(new_page, served_site):
    page = new_page()
    page.goto(served_site + "?q=opleiding", wait_until="load")
    page.locator(".ed-search__result a").first.wait_for(timeout=15000)
    assert page.locator("#ed-search-input").input_value() == "opleiding"
    assert page.evaluate("document.activeElement.id") == "ed-search-input"


def test_index_text_is_never_markup(new_page, served_site):
    """Excerpts are built as text: markup-like words in a page stay text."""
    page = _searching(new_page, served_site)
    _query(page, "deurwaarder")
    assert page.locator(".ed-search__results script, .ed-search__results img, .ed-search__results iframe").count() == 0
    assert page.locator(".ed-search__results *:not(li, a, p, mark, span, button)").count() == 0


# --- The index -----------------------------------------------------------------------------------


def test_the_index_has_the_reader_pages_and_not_the_overviews(repo_site):
    bundle = [
        path.relative_to(repo_site / search.OUTPUT).as_posix()
        for path in (repo_site / search.OUTPUT).rglob("*")
        if path.is_file()
    ]
    assert "pagefind.js" in bundle and "pagefind-worker.js" in bundle and "wasm.nl.pagefind" in bundle
    assert not [path for path in bundle if "-ui." in path or "playground" in path], "only our own interface"
    assert not (repo_site / "search/search_index.json").exists()
    urls = set(re.findall(r'"url":"([^"]*)"', search_text(repo_site)))
    assert f"/{STORY}" in urls and "/veelgestelde-vragen/" in urls
    for overview in (
        "/",
        "/verhalen/",
        "/opleidingen/",
        "/aspirant-ervaringsdeskundige/",
        "/werkgevers/",
        "/ervaringsdeskundigen/",
    ):
        assert overview not in urls, f"{overview} is in the index"
    assert not [url for url in urls if url.startswith("/p/")], "short links are not pages to find"


def test_a_page_in_the_search_marks_its_content_and_kind(repo_site):
    html = (repo_site / STORY / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article [^>]*data-pagefind-body[^>]*>", html).group(0)
    assert 'data-soort="Verhaal"' in article and "soort[data-soort]" in article
    home = (repo_site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home


def test_nothing_held_back_is_in_the_index(project):
    """A draft and a story about a person whose consent ended are no pages, so they are not in
    the index; a story next to them is (the check can see)."""
    write_story(
        project,
        "kolibrie.md",
        "title: Een kolibrie\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]",
        "Het kolibriewoord staat in dit verhaal.\n",
    )
    write_story(
        project,
        "concept.md",
        "title: Nog een concept\ndate: 2025-03-01\ndescription: x\ncategories: [aspirant]\ndraft: true",
        "Het zeppelinwoord staat alleen in een concept.\n",
    )
    write_story(
        project,
        "marieke.md",
        "title: Marieke vertelt\ndate: 2025-03-01\ndescription: x\n"
        "categories: [aspirant]\nperson:\n  name: Marieke de Echte\n  consent:\n"
        "    date: 2025-01-01\n    withdrawn: 2025-06-01",
        "Het walvisverhaal van Marieke.\n",
    )
    session = BuildSession(project, mode="build", today=TODAY)
    session.start()
    text = search.indexed_text(session.outputs()).lower()
    assert "kolibriewoord" in text
    for held_back in ("zeppelinwoord", "concept", "walvisverhaal", "marieke"):
        assert held_back not in text, held_back


def test_the_local_preview_indexes_once_and_keeps_it(project):
    """`make serve` rebuilds in a moment: the index of its first build is kept."""
    from ervaringsdeskundigheid.build.cache import RenderCache

    cache = RenderCache()
    first = BuildSession(project, mode="serve", today=TODAY, cache=cache)
    first.start()
    files = first.search_index(first.pages())
    assert cache.search_files is files
    again = BuildSession(project, mode="serve", today=TODAY, cache=cache)
    again.start()
    assert again.search_index(again.pages()) is files


def test_a_broken_indexer_is_a_dutch_problem(project, monkeypatch):
    from ervaringsdeskundigheid.core.problems import ContentErrors

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(project / "geen-pagefind"))
    session = BuildSession(project, mode="build", today=TODAY)
    session.start()
    with pytest.raises(ContentErrors) as raised:
        session.outputs()
    assert "Pagefind kon de zoekindex niet maken" in raised.value.report()


def test_a_failing_pagefind_stops_the_index_with_its_message(monkeypatch):
    """Pagefind's command runs once; when it fails, the build gets an error, never half an index."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(search.SearchIndexError, match="code 1"):
        search.index_files({"a/index.html": "<html><body><p>Een</p></body></html>"})


def test_a_site_without_searchable_pages_gets_an_empty_index():
    files = search.index_files({})
    assert set(files) == {"pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json"}
    assert json.loads(files["pagefind/pagefind-entry.json"])["languages"] == {}


def test_the_same_pages_take_the_kept_index_and_changed_pages_a_new_one(tmp_path):
    pages = {
        "verhalen/a/index.html": '<html lang="nl"><body><main><article class="x" data-pagefind-body>'
        "<h1>Een</h1><p>Het kolibriewoord.</p></article></main></body></html>"
    }
    cache = tmp_path / "cache"
    first = search.index_files(pages, cache=cache)
    assert [path.name for path in cache.iterdir()] and "kolibriewoord" in search.indexed_text(first)
    [kept] = cache.iterdir()
    damaged = bytearray(kept.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF  # a byte of a file in the bundle
    kept.write_bytes(bytes(damaged))
    assert search.index_files(pages, cache=cache) == first, "a damaged copy is made again"
    assert search.index_files(pages, cache=cache) == first
    changed = {path: html.replace("kolibriewoord", "zeppelinwoord") for path, html in pages.items()}
    second = search.index_files(changed, cache=cache)
    assert "zeppelinwoord" in search.indexed_text(second) and "kolibriewoord" not in search.indexed_text(second)
    assert len(list(cache.iterdir())) == 1, "only the newest index is kept"


def test_a_kept_index_with_a_name_outside_the_bundle_is_made_again(tmp_path):
    """A member's name becomes a path in the site: a zip put in the cache by hand, with a name that
    leaves pagefind/ and a matching digest, is not used."""
    import zipfile

    pages = {
        "a/index.html": '<html lang="nl"><body><main><article data-pagefind-body><p>Een.</p></article></main></body>'
    }
    cache = tmp_path / "cache"
    first = search.index_files(pages, cache=cache)
    [kept] = cache.iterdir()
    planted = {**first, "pagefind/../../evil.js": b"alert(1)"}
    with zipfile.ZipFile(kept, "w") as bundle:
        for path, data in planted.items():
            bundle.writestr(path.removeprefix("pagefind/"), data)
        bundle.comment = search._digest(planted)
    assert search.index_files(pages, cache=cache) == first


def test_a_kept_index_damaged_anywhere_is_made_again_never_published_or_fatal(tmp_path):
    """One changed byte anywhere in the kept bundle (the members' headers, the zip's directory
    and its end record included): the bundle is read back whole and unchanged or not at all. A
    zip file's own checks miss a changed member count (files left out) and raise errors of other
    kinds for a changed compression method or flag (a build stopped by its cache)."""
    pages = {
        "a/index.html": '<html lang="nl"><body><main><article data-pagefind-body><p>Een.</p></article></main></body>'
    }
    cache = tmp_path / "cache"
    first = search.index_files(pages, cache=cache)
    [kept] = cache.iterdir()
    good = kept.read_bytes()
    with zipfile.ZipFile(kept) as bundle:
        directory = bundle.start_dir  # the zip's directory: every member's entry, then the end record
    headers = [match.start() + offset for match in re.finditer(rb"PK\x03\x04", good) for offset in range(30)]
    for position in [*headers, *range(directory, len(good))]:
        for flip in (0x01, 0x80, 0xFF):
            damaged = bytearray(good)
            damaged[position] ^= flip
            kept.write_bytes(bytes(damaged))
            assert search._cached(kept) in (None, first), f"byte {position} ^ {flip:#x}"


def test_a_bundle_with_a_member_that_does_not_read_is_never_kept(tmp_path, monkeypatch):
    """A kept bundle is read back by its digest alone: what is kept must read whole (gzip, JSON)."""
    pages = {
        "a/index.html": '<html lang="nl"><body><main><article data-pagefind-body><p>Een.</p></article></main></body>'
    }
    fresh = search.index_files(pages)
    fragment = next(path for path in fresh if path.startswith("pagefind/fragment/"))
    broken = {**fresh, fragment: fresh[fragment][:-8]}  # a gzip member cut off
    monkeypatch.setattr(search, "_index", lambda copies: broken)
    cache = tmp_path / "cache"
    assert search.index_files(pages, cache=cache) == broken
    assert not cache.exists() or list(cache.iterdir()) == []
