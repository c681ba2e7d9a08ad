"""'Lees voor' in a real browser (Debian's Chromium) with a stand-in speech engine
(tests/speech_stub.js): only a Dutch voice that runs on the device is ever used, "In het kort"
is read first, the highlight follows the sentence being read, pause, continue, slower and stop
work from the keyboard, the button stays away without a local Dutch voice, and no request
leaves the site."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_pages import CATEGORIES, PAGES

STUB = (Path(__file__).parent / "speech_stub.js").read_text(encoding="utf-8")
STORY = PAGES["verhaal"]
LOCAL_DUTCH = {"name": "Xander", "lang": "nl-NL", "localService": True, "default": False, "voiceURI": "Xander"}
NETWORK_DUTCH = {
    "name": "Google Nederlands",
    "lang": "nl-NL",
    "localService": False,
    "default": True,
    "voiceURI": "Google Nederlands",
}
LOCAL_ENGLISH = {"name": "Daniel", "lang": "en-GB", "localService": True, "default": False, "voiceURI": "Daniel"}
NETWORK_BELGIAN = {
    "name": "Microsoft Arnaud Online (Natural) - Dutch (Belgium)",
    "lang": "nl-BE",
    "localService": False,
    "default": False,
    "voiceURI": "arnaud-online",
}
SHORT = "In het kort. Maaike kreeg hulp van iemand die het zelf meemaakte. Daardoor deed ze de deur weer open."


@contextlib.contextmanager
def _reader(new_page, served_site, path: str, voices, width: int = 390, motion: str = "no-preference"):
    """A page at phone width with the stand-in speech engine; yields (page, requests, errors).
    The module's pages share a browser context: the site's storage (where "slower" is kept) is
    emptied first, so every test starts as a first visit."""
    page = new_page(width, 844)
    page.emulate_media(reduced_motion=motion)
    page.add_init_script(STUB.replace("VOICES", json.dumps(voices)))
    cdp = page.context.new_cdp_session(page)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served_site))
    cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    cdp.detach()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + path, wait_until="load")
    yield page, requests, errors


def _with_short_box(page) -> str:
    """The page's "In het kort" box; where the page has none yet, one like it is put at the top."""
    return page.evaluate(
        """short => {
        let box = document.querySelector('.ed-short');
        if (!box) {
            box = document.createElement('section');
            box.className = 'ed-short';
            box.innerHTML = '<h2>In het kort</h2><p>' + short.split('. ').slice(1).join('. ') + '</p>';
            const body = document.querySelector('.ed-article-body') || document.querySelector('article h1').nextElementSibling;
            body.before(box);
        }
        return box.innerText.replace(/\\s+/g, ' ').trim();
    }""",
        SHORT,
    )


def _read_on(page, sentences: int = 2000) -> int:
    """Let the engine finish up to `sentences` sentences, one after the other; returns how many."""
    return page.evaluate(
        "n => { let done = 0; while (done < n && window.__speech.end()) done++; return done; }", sentences
    )


def _started(page):
    """The first press loads the reader from the site; wait until it says its first sentence."""
    page.wait_for_function("() => window.__speech.current !== null", timeout=5000)


def _spoken(page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


def _highlighted(page) -> str:
    return page.evaluate("""[...document.querySelectorAll('.ed-reading')].map(e => e.textContent).join('')
                            .replace(/\\s+/g, ' ').trim()""")


def _label(page) -> str:
    return page.locator("[data-ed-read=play]").inner_text().strip()


def _own_host_only(requests: list[str], served_site: str) -> list[str]:
    own = urlsplit(served_site).netloc
    return [url for url in requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own]


def test_a_story_is_read_with_the_local_dutch_voice_only_short_box_first(new_page, served_site):
    voices = [NETWORK_DUTCH, LOCAL_ENGLISH, NETWORK_BELGIAN, LOCAL_DUTCH]
    with _reader(new_page, served_site, STORY, voices) as (page, requests, errors):
        play = page.get_by_role("button", name="Lees voor")
        play.wait_for(state="visible")
        short = _with_short_box(page)
        # The button sits right under the title.
        assert page.evaluate("document.querySelector('article h1').nextElementSibling.className") == "ed-readaloud"
        assert not [url for url in requests if "readaloud-player" in url], "the reader loads only when asked for"
        play.focus()
        page.keyboard.press("Enter")
        _started(page)
        assert [url for url in requests if "readaloud-player" in url]
        _read_on(page, 30)
        spoken = _spoken(page)
        assert len(spoken) >= 30
        assert {(s["voice"], s["local"], s["lang"]) for s in spoken} == {("Xander", True, "nl-NL")}
        text = " ".join(s["text"] for s in spoken)
        assert text.startswith(short), text[:300]
        # Then the story itself, from its first paragraph; not its title, breadcrumb or buttons.
        assert "Maaike is bang in contact met andere mensen." in text
        assert spoken[0]["text"] == "In het kort"
        title = page.evaluate("document.querySelector('article h1').textContent.trim()")
        for left_out in (title, "Startpagina", "Lees voor", "Langzamer", "Delen via", "Wat kun je nu doen", "Vragen?"):
            assert left_out not in text
        assert all(len(s["text"]) <= 200 for s in spoken), "every utterance is one sentence (or part of a long one)"
        # The sentence being read scrolls into view (smoothly: give it time).
        page.wait_for_function(
            """() => { const r = document.querySelector('.ed-reading').getBoundingClientRect();
                                          return r.top >= 0 && r.bottom <= innerHeight; }""",
            timeout=3000,
        )
        assert page.evaluate("window.scrollY") > 0
        assert not errors and not _own_host_only(requests, served_site)


def test_the_highlight_follows_the_sentence_and_pause_continue_slower_stop_work_from_the_keyboard(
    new_page, served_site
):
    with _reader(new_page, served_site, STORY, [NETWORK_DUTCH, LOCAL_DUTCH], motion="reduce") as (
        page,
        requests,
        errors,
    ):
        play = page.locator("[data-ed-read=play]")
        play.wait_for(state="visible")
        status = page.locator(".ed-readaloud [role=status]")
        assert status.get_attribute("aria-live") in (None, "polite")
        play.focus()
        page.keyboard.press("Space")
        _started(page)
        spoken = _spoken(page)
        assert _highlighted(page) == spoken[-1]["text"]
        assert _label(page) == "Pauze" and "voorgelezen" in status.inner_text()
        page.evaluate("window.__speech.end()")
        page.evaluate("window.__speech.end()")
        spoken = _spoken(page)
        assert len(spoken) == 3 and _highlighted(page) == spoken[2]["text"] != spoken[1]["text"]

        # Pause: the engine goes quiet and nothing more is said until "Verder".
        page.keyboard.press("Enter")
        assert _label(page) == "Verder" and "gepauzeerd" in status.inner_text()
        assert page.evaluate("window.__speech.current") is None
        page.wait_for_timeout(50)
        assert len(_spoken(page)) == 3
        page.keyboard.press("Enter")
        spoken = _spoken(page)
        assert len(spoken) == 4 and spoken[3]["text"] == spoken[2]["text"], "continues with the same sentence"
        assert _label(page) == "Pauze"

        # Slower: the sentence is said again at a lower rate, and the button says it is on.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.edRead") == "slower"
        page.keyboard.press("Space")
        slower = page.locator("[data-ed-read=slower]")
        assert slower.get_attribute("aria-pressed") == "true" and "langzamer" in status.inner_text()
        spoken = _spoken(page)
        assert spoken[-1]["text"] == spoken[2]["text"] and spoken[-1]["rate"] < 1 and spoken[2]["rate"] == 1

        # Reading on: the highlight moves down the page and stays in view.
        _read_on(page, 25)
        assert page.evaluate("window.scrollY") > 0, "with reduced motion the page jumps to the sentence"
        assert all(s["rate"] < 1 for s in _spoken(page)[4:])
        box = page.evaluate("""(() => { const r = document.querySelector('.ed-reading').getBoundingClientRect();
                                        return [r.top, r.bottom, innerHeight]; })()""")
        assert 0 <= box[0] and box[1] <= box[2], f"the sentence being read is in view: {box}"

        # Stop: quiet, no highlight, the button back to "Lees voor" with focus on it.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.edRead") == "stop"
        page.keyboard.press("Enter")
        assert page.evaluate("window.__speech.current") is None
        assert _highlighted(page) == "" and _label(page) == "Lees voor" and "gestopt" in status.inner_text()
        assert page.evaluate("document.activeElement.dataset.edRead") == "play"
        assert page.locator(".ed-sentence").count() == 0, "the text is as it was"
        assert {s["voice"] for s in _spoken(page)} == {"Xander"}
        assert not errors and not _own_host_only(requests, served_site)


def test_slower_is_remembered_on_the_next_page(new_page, served_site):
    with _reader(new_page, served_site, STORY, [LOCAL_DUTCH]) as (page, _, _errors):
        assert page.locator("[data-ed-read=slower]").is_hidden(), "before reading there is one button"
        page.locator("[data-ed-read=play]").click()
        _started(page)
        page.locator("[data-ed-read=slower]").click()
        page.goto(served_site + PAGES["blog"])
        page.locator("[data-ed-read=play]").click()
        _started(page)
        assert page.locator("[data-ed-read=slower]").get_attribute("aria-pressed") == "true"
        assert _spoken(page)[0]["rate"] < 1


def test_reading_ends_by_itself_and_an_engine_error_stops_with_a_dutch_message(new_page, served_site):
    with _reader(new_page, served_site, PAGES["privacy"], [LOCAL_DUTCH]) as (page, _, errors):
        page.locator("[data-ed-read=play]").click()
        _started(page)
        _read_on(page)
        status = page.locator(".ed-readaloud [role=status]")
        assert "Klaar" in status.inner_text() and _label(page) == "Lees voor" and _highlighted(page) == ""
        page.locator("[data-ed-read=play]").click()
        page.evaluate("window.__speech.fail()")
        assert "lukt nu niet" in status.inner_text() and _label(page) == "Lees voor"
        assert not errors


@pytest.mark.parametrize(
    "voices",
    [[NETWORK_DUTCH, NETWORK_BELGIAN, LOCAL_ENGLISH], [], None],
    ids=["only-network-dutch", "no-voices", "no-speech-engine"],
)
def test_without_a_local_dutch_voice_there_is_no_button_and_nothing_is_said(new_page, served_site, voices):
    with _reader(new_page, served_site, STORY, voices) as (page, requests, errors):
        page.wait_for_timeout(1300)  # after voiceschanged and the script's own late look
        assert page.locator(".ed-readaloud").is_hidden()
        assert page.get_by_role("button", name="Lees voor").count() == 0
        if voices is not None:
            assert page.evaluate("window.__speech.spoken") == []
        assert not errors and not _own_host_only(requests, served_site)


@pytest.mark.parametrize(
    "path", ["", CATEGORIES["aspirant"], PAGES["veelgestelde-vragen"]], ids=["home", "categorie", "vragen"]
)
def test_other_reader_pages_have_the_button_under_their_title_and_read_visible_text(new_page, served_site, path):
    with _reader(new_page, served_site, path, [LOCAL_DUTCH]) as (page, _, errors):
        play = page.get_by_role("button", name="Lees voor")
        play.wait_for(state="visible")
        assert page.evaluate("""document.querySelector('.ed-readaloud').previousElementSibling.tagName""") == "H1"
        play.click()
        _started(page)
        _read_on(page)
        text = " ".join(s["text"] for s in _spoken(page))
        assert len(text) > 100
        hidden = page.evaluate("""[...document.querySelectorAll('article details:not([open]) > :not(summary)')]
                                  .map(e => e.innerText.replace(/\\s+/g, ' ').trim()).filter(t => t.length > 40)""")
        assert not any(part in text for part in hidden), "text in a closed box is not read"
        if hidden:
            # Opened after reading: the next reading includes it.
            page.evaluate("document.querySelector('article details:not([open])').open = true")
            opened = page.evaluate("document.querySelector('article details[open] > :not(summary)').innerText")
            page.evaluate("window.__speech.spoken.length = 0")
            play.click()
            _read_on(page)
            again = " ".join(s["text"] for s in _spoken(page))
            assert " ".join(opened.split())[:30] in again
        assert not errors


def test_no_button_on_a_short_link_page_or_the_404_page(repo_site):
    from site_pages import SHORT_CODE

    for path in (f"p/{SHORT_CODE}/index.html", "404.html"):
        html = (repo_site / path).read_text(encoding="utf-8")
        assert "ed-readaloud" not in html and "readaloud.js" not in html
    story = (repo_site / STORY / "index.html").read_text(encoding="utf-8")
    assert '<script src="../../assets/javascripts/readaloud.js" defer></script>' in story


def test_reading_stays_accessible(new_page, served_site):
    """axe finds nothing while a story is being read: the controls, their states and the highlight."""
    from conftest import axe_violations
    from test_accessibility import AXE_OPTIONS, _format_violations

    with _reader(new_page, served_site, STORY, [LOCAL_DUTCH], motion="reduce") as (page, _, _errors):
        page.locator("[data-ed-read=play]").click()
        _started(page)
        page.locator("[data-ed-read=slower]").click()
        _read_on(page, 12)
        violations = axe_violations(page, AXE_OPTIONS)
        assert not violations, _format_violations(violations)
