"""What readers who arrive from a poster depend on (issue 11), checked on the built repository
site, mostly in Debian's Chromium:

- no page shows "Onbekend"; no page shows English interface text; the 404 page is Dutch and
  leads home and to the four categories from any address;
- every footer has a contact route and a link to the main website;
- a category page echoes the poster's question and offers one action (or its short requests) and
  a route to a person in the first phone screen, then a few items (regional programmes first), its
  explanation as closed <details>, and the way to more with counts that are what the links show;
- the programmes in the region come first, the others behind one toggle with a filter by kind that
  works without JavaScript; abbreviations are explained; no word breaks in two at 390 or 1280 px;
  the experts filters work too;
- the menukaart is numbered once; the figures say the year of their data and show the
  monitor's other figures as small charts with tables;
- stories offer a WhatsApp link and Dutch quotes; share images are not clipped and have no strip;
- the pages a QR code leads to stay light.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, search_text
from site_pages import CATEGORIES

SETTINGS = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))
CATEGORY_DATA = {c["id"]: c for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))}
PROGRAMMES = yaml.safe_load((ROOT / "data/opleidingen.yml").read_text(encoding="utf-8"))
PROGRAMMES = next(v for v in PROGRAMMES.values() if isinstance(v, list)) if isinstance(PROGRAMMES, dict) else PROGRAMMES
EXPERTS = yaml.safe_load((ROOT / "data/experts.yml").read_text(encoding="utf-8"))
MONITOR = yaml.safe_load((ROOT / "data/monitor.yml").read_text(encoding="utf-8"))
PHONE = {"width": 390, "height": 844}


class _Text(HTMLParser):
    """Visible text and the attributes people hear or see (aria-label, title, placeholder, alt)."""

    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        for name, value in attrs:
            if name in {"aria-label", "title", "placeholder", "alt", "value"} and value:
                self.attributes.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _parsed(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def html_pages(repo_site) -> dict[str, _Text]:
    return {p.relative_to(repo_site).as_posix(): _parsed(p) for p in sorted(repo_site.rglob("*.html"))}


# --- Words readers must never see ---------------------------------------------------------------


def test_no_page_shows_onbekend(repo_site, html_pages):
    shown = [
        page
        for page, parsed in html_pages.items()
        if re.search(r"onbekend", " ".join(parsed.text + parsed.attributes), re.I)
    ]
    assert len(html_pages) > 40
    assert not shown, f"'Onbekend' on {shown}"
    indexed = search_text(repo_site)
    assert "nederland" in indexed and "onbekend" not in indexed


# Interface phrases of Material, MkDocs and browsers' defaults that must not reach a reader.
ENGLISH_PHRASES = [
    "Not found",
    "Skip to content",
    "Back to top",
    "Table of contents",
    "Type to start searching",
    "No matching documents",
    "matching documents",
    "Initializing search",
    "Search",
    "Share",
    "Copy to clipboard",
    "Read more",
    "Edit this page",
    "Last update",
    "Made with",
    "Material for MkDocs",
    "Previous",
    "Next",
    "Home",
    "Header",
    "Tabs",
    "Navigation",
    "Close",
    "Clear",
    "Results",
]
ENGLISH_ATTRIBUTE_WORDS = {
    "search",
    "close",
    "clear",
    "back",
    "skip",
    "content",
    "navigation",
    "header",
    "tabs",
    "share",
    "next",
    "previous",
    "results",
    "toggle",
    "footer",
    "home",
    "menu item",
}


def _english_phrases(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH_PHRASES if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]


def test_no_english_interface_text(html_pages, repo_site):
    found = {}
    for page, parsed in html_pages.items():
        english = _english_phrases(" ".join(parsed.text))
        english += [
            value for value in parsed.attributes if set(re.findall(r"[a-z]+", value.lower())) & ENGLISH_ATTRIBUTE_WORDS
        ]
        if english:
            found[page] = english
    assert not found, f"English interface text: {dict(list(found.items())[:10])}"
    # The search's texts are in the page (the dialog) and in assets/javascripts/search.js: Dutch.
    script = (repo_site / "assets/javascripts/search.js").read_text(encoding="utf-8")
    texts = [text for text in re.findall(r'"([^"\n]*)"', script) if re.search(r"[a-z] [a-z]", text)]
    assert "Meer resultaten" in texts and not _english_phrases(" ".join(texts)), texts


def test_the_english_check_finds_english(tmp_path):
    page = tmp_path / "x.html"
    page.write_text('<p>404 - Not found</p><input placeholder="Search">', encoding="utf-8")
    parsed = _parsed(page)
    assert _english_phrases(" ".join(parsed.text)) == ["Not found"]
    assert set(re.findall(r"[a-z]+", parsed.attributes[0].lower())) & ENGLISH_ATTRIBUTE_WORDS


# --- The 404 page, the footer --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["bestaat-niet/", "a/b/c/d/e/", "verhalen/bestaat-niet/", "opleidingen/x/y/"])
def test_404_is_dutch_and_leads_home_and_to_the_categories_from_any_address(new_page, served_site, path):
    page = new_page()
    response = page.goto(served_site + path, wait_until="load")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Deze pagina bestaat niet"
    assert "Sorry" in page.locator("main").inner_text()
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Roboto"), "the stylesheet loaded"
    targets = {"": page.get_by_role("link", name="Naar de startpagina", exact=True)}
    for key, category_path in CATEGORIES.items():
        targets[category_path] = (
            page.locator("main .ed-category-cards")
            .get_by_role("link", name=CATEGORY_DATA[key]["title"])
            .and_(page.locator(f'a[href$="/{category_path}"]'))
        )
    for target, link in targets.items():
        href = link.get_attribute("href")
        assert href == f"/ervaringsdeskundigheid/{target}", href
        assert page.request.get(page.url.split("/ervaringsdeskundigheid/")[0] + href).status == 200
    page.locator("#ed-404-search").fill("opleiding")
    page.get_by_role("button", name="Zoeken").click()
    page.locator(".ed-search__result").first.wait_for(timeout=15000)
    assert page.locator("#ed-search-input").input_value() == "opleiding"


def test_every_footer_has_a_contact_route_and_the_main_website(repo_site):
    email = SETTINGS["contact"]["email"]
    missing = []
    pages = sorted(repo_site.rglob("*.html"))
    for path in pages:
        page = path.relative_to(repo_site).as_posix()
        if page.startswith(("p/", "admin/")):  # short links forward at once; admin/ is the web editor
            continue
        footer = re.search(r"<footer\b.*?</footer>", path.read_text(encoding="utf-8"), re.S)
        if not footer:
            missing.append(f"{page}: no footer")
            continue
        if f'href="mailto:{email}"' not in footer.group(0):
            missing.append(f"{page}: no e-mail link to {email}")
        if f'href="{SETTINGS["main_website"]}"' not in footer.group(0):
            missing.append(f"{page}: no link to {SETTINGS['main_website']}")
        if SETTINGS["contact"].get("phone") and 'href="tel:' not in footer.group(0):
            missing.append(f"{page}: no phone link")
    assert len(pages) > 40 and not missing, "\n".join(missing[:20])


# --- Category pages are landing pages ------------------------------------------------------------


@pytest.fixture
def phone(new_page):
    return new_page(PHONE["width"], PHONE["height"])


def _poster_headlines() -> dict[str, str]:
    """The headline of each category's poster, as the poster plan decides it."""
    from ervaringsdeskundigheid.outreach.poster_plan import plan_posters

    return {job.category: job.headline for job in plan_posters(ROOT).jobs}


@pytest.mark.parametrize("key", CATEGORIES)
def test_category_page_echoes_the_poster_and_offers_one_action_in_the_first_screen(phone, served_site, key):
    category = CATEGORY_DATA[key]
    assert category.get("question") == _poster_headlines()[key], "the page asks what the poster asks"
    phone.goto(served_site + CATEGORIES[key], wait_until="load")
    heading = phone.locator("h1")
    assert heading.count() == 1 and heading.inner_text() == category["question"]
    assert heading.bounding_box()["y"] < 300
    actions = phone.locator("main .ed-hero a.ed-button")
    if category.get("requests"):  # an employer's short questions, each an e-mail ready to send
        labels = [request["label"] for request in category["requests"]]
        assert [a.strip() for a in actions.all_inner_texts()] == labels
        assert all(
            href.startswith("mailto:") and "subject=" in href and "body=" in href
            for href in actions.evaluate_all("links => links.map(a => a.href)")
        )
    else:
        assert actions.count() == 1, "one clear call to action"
        assert actions.inner_text().strip() == category["action"]["label"]
        assert phone.request.get(actions.evaluate("a => a.href")).status == 200
    box = actions.first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], f"the action is below the first screen: {box}"
    assert box["height"] >= 44
    route = phone.locator("main .ed-hero .ed-contact a").first
    assert route.bounding_box()["y"] + route.bounding_box()["height"] <= PHONE["height"], "a person in the first screen"


def _count_in(text: str) -> int | None:
    match = re.search(r"\((\d+)\)\s*$", text.strip().splitlines()[0] if text.strip() else "")
    return int(match.group(1)) if match else None


@pytest.mark.parametrize("key", CATEGORIES)
def test_category_page_shows_a_few_items_and_honest_counts_on_its_way_to_more(phone, served_site, key):
    phone.goto(served_site + CATEGORIES[key], wait_until="load")
    shown = phone.locator("main .ed-block").first.locator(".ed-card, .ed-link-card, ol.ed-route > li, .ed-figure-line")
    assert 1 <= shown.count() <= 5, "a few items, not the whole list"
    assert phone.locator("main .ed-block--stories, main details.ed-faq").count() == 0, (
        "stories and questions are a link away, not repeated on every category page"
    )
    checked = 0
    for entry in phone.locator("main .ed-more__list > li").all():
        count = _count_in(entry.inner_text())
        if count is None:
            continue
        link = entry.locator("a").first
        target = phone.context.new_page()
        target.goto(link.evaluate("a => a.href"), wait_until="load")
        found = target.locator(
            ".ed-card, .ed-programme, .ed-expert, details.ed-faq, .ed-items > li, .ed-organisation"
        ).count()
        target.close()
        assert found == count, f"'{entry.inner_text()}' on /{CATEGORIES[key]} leads to {found}"
        checked += 1
    assert checked >= 2, "the category page links to its lists with their counts"


def test_regional_programmes_come_first_on_the_opleiding_page_and_the_list(phone, served_site):
    regional = [p["title"] for p in PROGRAMMES if p.get("regional")]
    phone.goto(served_site + CATEGORIES["opleiding"], wait_until="load")
    titles = phone.locator(".ed-block--programmes .ed-link-card__title").all_inner_texts()
    assert titles and titles[: len(regional)] == regional[: len(titles)], titles
    phone.goto(served_site + "opleidingen/", wait_until="load")
    visible = _visible_rows(phone)
    assert visible == regional, "only the programmes in the region until the reader opens the others"
    elsewhere = phone.locator("details.ed-elsewhere")
    assert elsewhere.get_attribute("open") is None
    assert str(len(PROGRAMMES) - len(regional)) in elsewhere.locator("summary").inner_text()


def test_category_topics_are_closed_details_that_open(phone, served_site):
    phone.goto(served_site + CATEGORIES["werkgevers"], wait_until="load")
    topics = phone.locator(".ed-intro details.ed-topic")
    assert topics.count() >= 3
    first = topics.first
    assert first.get_attribute("open") is None
    answer = first.locator(":scope > :not(summary)").first
    assert not answer.is_visible()
    first.locator("summary").click()
    assert answer.is_visible()


def test_home_shows_the_four_categories_in_the_first_phone_screen(phone, served_site):
    phone.goto(served_site, wait_until="load")
    tiles = phone.locator(".ed-category-card a")
    assert tiles.count() == 4
    assert tiles.first.bounding_box()["y"] < PHONE["height"] - 60


# --- Programmes: filters without JavaScript, abbreviations, no broken words ----------------------


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        ".ed-programme",
        "rows => rows.filter(r => r.checkVisibility()).map(r => r.querySelector('a').textContent.trim())",
    )


def _level(programme: dict) -> str | None:
    if programme.get("kind") == "orientatie" or programme.get("level") == "Cursus":
        return "cursus"
    return programme["level"].split()[0].lower() if programme.get("level") else None


@pytest.mark.parametrize("javascript", [True, False], ids=["met-javascript", "zonder-javascript"])
def test_programmes_elsewhere_open_with_one_tap_and_filter_by_kind(new_page, served_site, javascript):
    page = new_page(PHONE["width"], PHONE["height"], java_script_enabled=javascript)
    page.goto(served_site + "opleidingen/", wait_until="load")
    regional = sorted(p["title"] for p in PROGRAMMES if p.get("regional"))
    assert sorted(_visible_rows(page)) == regional

    page.locator("details.ed-elsewhere > summary").click()
    assert sorted(_visible_rows(page)) == sorted(p["title"] for p in PROGRAMMES)

    page.locator("fieldset", has_text="Soort opleiding").get_by_label(
        re.compile(r"^\s*mbo\b")
    ).check()  # "mbo (middelbaar ...)"
    mbo = sorted(p["title"] for p in PROGRAMMES if _level(p) == "mbo" and not p.get("regional"))
    assert mbo and sorted(_visible_rows(page)) == sorted(mbo + regional)
    if javascript:
        assert page.locator(".ed-filter-status").inner_text() == f"{len(mbo)} opleidingen gevonden."


def test_abbreviations_are_explained(repo_site):
    """Read from the published HTML (what is shown of them in a browser is tested below)."""
    import lxml.html

    page = lxml.html.parse(str(repo_site / "opleidingen/index.html"))
    titles = {abbr.text_content(): abbr.get("title") for abbr in page.xpath("//main//abbr[@title]")}
    for abbreviation in ("mbo", "BOL", "BBL", "hbo"):
        assert titles.get(abbreviation), f"{abbreviation} is not explained: {titles}"
    glossary = lxml.html.parse(str(repo_site / "begrippen/index.html"))
    terms = [
        " ".join(term.text_content().split()) for term in glossary.xpath("//*[contains(@class, 'ed-glossary')]//dt")
    ]
    assert any(t.startswith("BOL") for t in terms) and any(t.startswith("Ad") for t in terms)


# Touch cannot hover: the meaning of BOL, BBL and the other abbreviations is in the visible text the
# first time a page uses them, and a later one says it when it is tapped.
MEANINGS = {
    "BOL": ("beroepsopleidende leerweg",),
    "BBL": ("beroepsbegeleidende leerweg",),
    "mbo": ("middelbaar beroepsonderwijs",),
    "UWV": ("Uitvoeringsinstituut Werknemersverzekeringen", "de instantie voor uitkeringen"),
}


@pytest.mark.parametrize(
    "path",
    [
        "opleidingen/",
        "opleidingen/noorderpoort-veendam/",
        "opleidingen/roc-zadkine-sociaal-werk/",
        "opleiding/",
        "begrippen/",
    ],
)
def test_abbreviations_are_explained_without_hover(new_page, served_site, path):
    page = new_page(390, 844, has_touch=True, is_mobile=True)
    page.goto(served_site + path, wait_until="load")
    for details in page.locator("main details").all():
        details.evaluate("d => d.open = true")
    text = " ".join(page.locator("main").inner_text().split())
    used = [term for term in MEANINGS if re.search(rf"(?<![\w-]){term}(?![\w-])", text)]
    assert used, text[:200]
    for term in used:
        assert any(meaning.lower() in text.lower() for meaning in MEANINGS[term]), f"{term} is not explained in {path}"
    later = page.locator("main abbr[title]:not(a abbr):not(summary abbr)").last
    before = later.evaluate("e => getComputedStyle(e, '::after').content")
    later.tap()
    after = later.evaluate("e => getComputedStyle(e, '::after').content")
    assert before in ("none", "normal") and later.get_attribute("title") in after


# A word drawn on two lines has two boxes: split the table's text into words (at spaces and after
# hyphens, where a break is fine) and count each word's line boxes.
BROKEN_WORDS = r"""(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const re = /[^\s-]+-?/g; let m;
      while ((m = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_programme_comparison_breaks_no_word(new_page, served_site, width):
    page = new_page(width, 900)
    page.goto(served_site + "opleidingen/", wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    broken = page.evaluate(BROKEN_WORDS, ".ed-compare th, .ed-compare td")
    assert not broken, f"words broken in two at {width}px: {broken}"


def test_the_broken_word_check_finds_a_broken_word(new_page, served_site):
    page = new_page(390, 900, bypass_csp=True)  # the test adds a stylesheet
    page.goto(served_site + "opleidingen/", wait_until="load")
    page.add_style_tag(content=".ed-compare th[scope=row] { width: 3rem !important; word-break: break-all; }")
    assert page.evaluate(BROKEN_WORDS, ".ed-compare th")


# --- Experts: filters with and without JavaScript -------------------------------------------------


def _visible_names(page) -> list[str]:
    return page.eval_on_selector_all(
        ".ed-expert",
        "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => e.querySelector('.ed-person__name').firstChild.textContent.trim())",
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["met-javascript", "zonder-javascript"])
def test_experts_filter_by_buddy_region_and_expertise(new_page, served_site, javascript):
    page = new_page(PHONE["width"], PHONE["height"], java_script_enabled=javascript)
    page.goto(served_site + "ervaringsdeskundigen/")
    everyone = sorted(e["name"] for e in EXPERTS)
    assert sorted(_visible_names(page)) == everyone
    page.locator(".ed-filter-box > summary").click()

    page.get_by_label("Alleen meeloopmaatjes").check()
    assert sorted(_visible_names(page)) == sorted(e["name"] for e in EXPERTS if e.get("buddy"))

    region = EXPERTS[0]["region"]
    page.locator("fieldset", has_text="Regio").get_by_label(region, exact=True).check()
    expected = sorted(e["name"] for e in EXPERTS if e.get("buddy") and e.get("region") == region)
    assert expected and sorted(_visible_names(page)) == expected
    if javascript:
        assert page.locator(".ed-filter-status").inner_text() in {
            f"{len(expected)} ervaringsdeskundigen gevonden.",
            "1 ervaringsdeskundige gevonden.",
        }

    page.locator("fieldset", has_text="Meeloopmaatje").get_by_label("Alle", exact=True).check()
    page.locator("fieldset", has_text="Regio").get_by_label("Alle", exact=True).check()
    expertise = EXPERTS[1]["expertise"][-1]
    page.locator("fieldset", has_text="Kennis van").get_by_label(expertise, exact=True).check()
    assert sorted(_visible_names(page)) == sorted(e["name"] for e in EXPERTS if expertise in e.get("expertise", []))


def test_expert_email_is_readable_and_usable(phone, served_site):
    phone.goto(served_site + "ervaringsdeskundigen/")
    person = next(e for e in EXPERTS if "email" in e["consent"]["scope"])
    link = phone.locator(f"#{person['id']} .ed-facts a[href^='mailto:']")
    assert link.inner_text() == person["email"]
    assert link.get_attribute("href") == f"mailto:{person['email']}"


# --- Menukaart, FAQ, figures -------------------------------------------------------------------


def test_menukaart_is_numbered_once(phone, served_site):
    phone.goto(served_site + "menukaart/", wait_until="load")
    steps = phone.locator("ol.ed-steps > li")
    assert steps.count() >= 3
    assert phone.evaluate("getComputedStyle(document.querySelector('ol.ed-steps')).listStyleType") == "none"
    numbers = phone.eval_on_selector_all(
        "ol.ed-steps > li", "els => els.map(e => getComputedStyle(e, '::before').content)"
    )
    assert set(numbers) == {"counter(ed-menu)"}, numbers  # one number per step, drawn by the list
    text = phone.locator("main").inner_text()
    assert not re.search(r"\bStap \d", text), "a step number written out next to the list number"


def test_faq_is_a_list_of_questions_with_answers_to_open(phone, served_site):
    phone.goto(served_site + "veelgestelde-vragen/", wait_until="load")
    questions = phone.locator("details.ed-faq")
    count = questions.count()
    assert count >= 10
    assert phone.locator("details.ed-faq[open]").count() == 0
    first_id = questions.first.get_attribute("id")
    phone.goto(served_site + f"veelgestelde-vragen/#{first_id}", wait_until="load")
    assert phone.locator(f"details#{first_id}").get_attribute("open") is not None


def test_figures_say_their_year_and_chart_the_other_figures(phone, served_site):
    phone.goto(served_site + "cijfers/", wait_until="load")
    caption = phone.locator(".ed-figure figcaption").inner_text()
    counted = [str(y["year"]) for y in MONITOR["years"] if y.get("at_work") is not None and not y.get("expected")]
    assert all(year in caption for year in counted), caption
    indicators = MONITOR.get("indicators", [])
    assert phone.locator(".ed-small-chart svg[role=img]").count() == len(indicators)
    assert phone.locator(".ed-small-chart table").count() == len(indicators)


# --- Stories and sharing ------------------------------------------------------------------------


def test_story_offers_whatsapp_and_uses_dutch_quotes(repo_site):
    html = (repo_site / "verhalen/maaike-en-de-ervaringsdeskundige/index.html").read_text(encoding="utf-8")
    assert 'href="https://wa.me/?text=' in html
    body = re.search(r'<div class="ed-article-body">(.*?)</div>', html, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", body)
    assert '"' not in text and "'" not in text, "straight quotes in the story"
    assert "‘" in text or "„" in text


def test_share_images_have_no_strip_and_are_not_clipped(repo_site):
    from PIL import Image

    images = sorted((repo_site / "assets/delen").glob("*.png"))
    assert len(images) == 5
    for path in images:
        image = Image.open(path).convert("RGB")
        assert image.size == (1200, 630)
        background = image.getpixel((5, 5))
        bottom = {image.getpixel((x, 629)) for x in range(0, 1200, 7)}
        right = {image.getpixel((x, y)) for x in range(1150, 1200, 3) for y in range(0, 630, 5)}
        assert bottom == {background}, f"{path.name}: a strip at the bottom"
        assert right == {background}, f"{path.name}: text runs into the right edge"


def test_share_image_text_is_fitted(tmp_path):
    from ervaringsdeskundigheid.render import shareimages
    from PIL import Image, ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font, lines = shareimages.fit(draw, "Aspirant-ervaringsdeskundige in een heel lang voorbeeld van een titel")
    assert len(lines) <= shareimages.MAX_LINES
    assert all(draw.textlength(line, font=font) <= shareimages.TEXT_WIDTH for line in lines)


def test_share_images_are_kept_by_what_they_show_and_a_cut_off_one_is_made_again(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from ervaringsdeskundigheid.render import shareimages

    made: list[str] = []
    render = shareimages.render.__wrapped__
    monkeypatch.setattr(shareimages, "render", lambda *made_from: made.append(made_from[0]) or render(*made_from))
    category = SimpleNamespace(key="werkgevers", title="Werkgevers", colour="#1d4e89", data=SimpleNamespace())
    first = shareimages.share_images([category], cache=tmp_path)
    assert sorted(made) == sorted([shareimages.HOME_TITLE, "Werkgevers"])

    made.clear()
    assert shareimages.share_images([category], cache=tmp_path) == first and made == []

    category.data.question = "Zoek je een collega met ervaring?"  # what the image shows changed
    changed = shareimages.share_images([category], cache=tmp_path)
    assert (
        made == ["Zoek je een collega met ervaring?"]
        and changed["assets/delen/werkgevers.png"] != first["assets/delen/werkgevers.png"]
    )

    for kept in tmp_path.glob("share-*.png"):
        kept.write_bytes(kept.read_bytes()[:-100])  # cut off, as on a full disk
    made.clear()
    assert shareimages.share_images([category], cache=tmp_path) == changed and len(made) == 2


# --- Fast on a phone -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", *CATEGORIES.values()], ids=["home", *CATEGORIES])
def test_qr_landing_page_is_light(browser, served_site, path):
    from tools.pageweight import BUDGET_BYTES, measure

    weight = measure(browser, served_site + path)
    assert weight.resources, "the page loaded resources"
    details = "\n".join(f"{size:>8} {url}" for url, size in sorted(weight.resources.items(), key=lambda i: -i[1]))
    assert weight.total <= BUDGET_BYTES, f"{weight.total} bytes:\n{details}"
