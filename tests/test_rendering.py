"""The pages readers get, rendered in process from the repository: URLs, content, Dutch,
order, drafts and scheduling, no 'Onbekend', what the search indexes, feeds and share metadata."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from hypothesis import given, settings, strategies as st
import yaml
from lxml import html as lxml_html

from audit import violations
from conftest import ROOT, TODAY, write_story
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core import urls
from ervaringsdeskundigheid.render import feeds

CATEGORY_PATHS = {
    "aspirant": "aspirant-ervaringsdeskundige",
    "opleiding": "opleiding",
    "ervaringsdeskundige": "ervaringsdeskundige",
    "werkgevers": "werkgevers",
}
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


@pytest.fixture(scope="module")
def session():
    built = BuildSession(ROOT, mode="check", today=TODAY)
    built.start()
    return built


def page(session, url: str) -> str:
    return session.rendered[urls.src_uri(url)].html


def text_of(html: str) -> str:
    return " ".join(lxml_html.fromstring(html).text_content().split())


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_every_story_blog_and_category_has_its_page(session):
    for url in ["", "verhalen/", "blogs/", *(f"{p}/" for p in CATEGORY_PATHS.values())]:
        assert urls.src_uri(url) in session.rendered, url
    for kind, prefix in (("stories", "verhalen"), ("blogs", "blogs")):
        for path in (ROOT / "content" / kind).glob("*.md"):
            html = page(session, f"{prefix}/{path.stem}/")
            assert front_matter(path)["title"] in text_of(html)


def test_category_ids_and_paths_are_fixed():
    categories = yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
    assert {c["id"]: c["path"] for c in categories} == CATEGORY_PATHS


def test_each_article_is_listed_under_each_of_its_categories(session):
    for kind, prefix in (("stories", "verhalen"), ("blogs", "blogs")):
        for path in (ROOT / "content" / kind).glob("*.md"):
            for category in front_matter(path)["categories"]:
                listing = page(session, f"{CATEGORY_PATHS[category]}/verhalen/")
                assert f"../../{prefix}/{path.stem}/" in listing, (path.name, category)


def test_overview_is_newest_first_with_dutch_dates(session):
    html = page(session, "verhalen/")
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">([^<]+)</time>', html)
    assert dates and [d for d, _ in dates] == sorted((d for d, _ in dates), reverse=True)
    for _, shown in dates:
        day, month, year = shown.split()
        assert day.isdigit() and month in MONTHS and year.isdigit(), shown


def test_example_content_is_marked(session):
    for path in (ROOT / "content/stories").glob("*.md"):
        if front_matter(path).get("example"):
            assert "Voorbeeld" in page(session, f"verhalen/{path.stem}/")


def test_no_page_shows_onbekend_or_none(session):
    for src, result in session.rendered.items():
        visible = text_of(result.html)
        assert "Onbekend" not in visible and "onbekend" not in visible, src
        assert " None " not in f" {visible} ", src


def test_every_page_is_dutch_has_a_title_a_contact_and_the_main_website(session):
    settings = session.site.settings
    for src, result in session.rendered.items():
        tree = lxml_html.fromstring(result.html)
        assert tree.get("lang") == "nl", src
        assert tree.findtext(".//title").strip(), src
        footer = tree.find(".//footer")
        assert footer is not None, src
        hrefs = [a.get("href") for a in footer.iter("a")]
        assert f"mailto:{settings.contact.email}" in hrefs and settings.main_website in hrefs, src


def test_every_indexed_page_has_what_search_engines_read(session):
    """A description, a phone viewport and the canonical link to its own production address on
    every page that search engines may index (Lighthouse's SEO audits read these; it runs on one
    page of each kind, test_lighthouse.py)."""
    checked = 0
    for src, result in session.rendered.items():
        tree = lxml_html.fromstring(result.html)
        if "noindex" in (tree.xpath("string(.//meta[@name='robots']/@content)") or ""):
            continue
        checked += 1
        assert tree.xpath("string(.//meta[@name='description']/@content)").strip(), src
        assert "width=device-width" in tree.xpath("string(.//meta[@name='viewport']/@content)"), src
        url = urls.absolute(session.site.site_url, session.jobs[src].url)
        assert tree.xpath(".//link[@rel='canonical']/@href") == [url], src
    assert checked > 40


def test_every_page_has_a_csp_that_allows_only_the_site(session):
    for src, result in session.rendered.items():
        tree = lxml_html.fromstring(result.html)
        policy = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, src
        assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0], src
        assert not violations(result.html, src)


def test_drafts_and_future_items_are_left_out_and_shown_in_the_preview(project):
    write_story(
        project,
        "concept.md",
        "title: Nog niet klaar\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\ndraft: true",
    )
    write_story(project, "later.md", "title: Komt later\ndate: 2026-06-01\ndescription: x\ncategories: [aspirant]")
    built = BuildSession(project, mode="check", today=TODAY)
    built.start()
    assert "verhalen/concept.md" not in built.rendered and "verhalen/later.md" not in built.rendered
    preview = BuildSession(project, mode="serve", today=TODAY)
    preview.start()
    assert "Concept" in preview.rendered["verhalen/concept.md"].html
    assert "Gepland" in preview.rendered["verhalen/later.md"].html
    assert 'name="robots" content="noindex' in preview.rendered["verhalen/later.md"].html


def test_pagination(project):
    for number in range(30):
        write_story(
            project,
            f"verhaal-{number:02d}.md",
            f"title: Verhaal {number}\ndate: 2025-01-{number % 28 + 1:02d}\ndescription: x\ncategories: [werkgevers]",
        )
    built = BuildSession(project, mode="check", today=TODAY)
    built.start()
    assert "verhalen/pagina/2.md" in built.rendered and "verhalen/pagina/3.md" in built.rendered
    assert "Volgende pagina" in built.rendered["verhalen.md"].html


def test_faq_answers_are_details_grouped_by_category(session):
    tree = lxml_html.fromstring(page(session, "veelgestelde-vragen/"))
    questions = tree.xpath(".//article//details[contains(@class, 'ed-faq')]")
    assert len(questions) == len(yaml.safe_load((ROOT / "data/faq.yml").read_text(encoding="utf-8")))


def test_menukaart_steps_are_numbered_once(session):
    visible = text_of(page(session, "menukaart/"))
    assert "Stap 1" not in visible


def test_abbreviations_are_explained(session):
    html = page(session, "opleidingen/")
    assert re.search(r'<abbr title="[^"]+">(MBO|mbo|Ad|BOL)</abbr>', html)
    assert urls.src_uri("begrippen/") in session.rendered


def test_figures_page_states_who_was_counted_and_shows_the_indicators(session):
    visible = text_of(page(session, "cijfers/"))
    assert "vragenlijst" in visible and "157" not in visible
    monitor = yaml.safe_load((ROOT / "data/monitor.yml").read_text(encoding="utf-8"))
    for indicator in monitor.get("indicators", []):
        assert indicator["label"] in visible


def test_search_covers_the_reader_pages_not_overviews(session):
    """Pages in the search mark their content for Pagefind (render/search.py); overviews,
    category pages, short links and the experts' list do not."""
    indexed = {job.url for job in session.jobs.values() if job.search}
    assert "verhalen/" not in indexed and "aspirant-ervaringsdeskundige/" not in indexed and "" not in indexed
    assert any(url.startswith("verhalen/") for url in indexed) and "veelgestelde-vragen/" in indexed
    assert not any(url.startswith(("p/", "ervaringsdeskundigen/")) for url in indexed)
    for src, result in session.rendered.items():
        marked = result.html.count("data-pagefind-body")
        assert marked == (1 if session.jobs[src].search else 0), src
    assert 'data-pagefind-weight="0.5"' in page(session, "veelgestelde-vragen/"), "a list of questions ranks lower"
    regional = [job for job in session.jobs.values() if job.search_weight > 1]
    assert regional and all(job.url.startswith("opleidingen/") for job in regional)
    assert 'data-voorrang="Opleiding ' in page(session, regional[0].url)


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40))  # as Name allows
@settings(max_examples=60, deadline=None)
def test_search_attributes_are_escaped(title):
    from ervaringsdeskundigheid.render import search

    element = lxml_html.fromstring(f"<article{search.body_attributes(title, title, 2.0)}>x</article>")
    assert element.get("data-soort") == title and element.get("data-voorrang") == f"{title} {title}"
    assert element.get("data-pagefind-meta") == "soort[data-soort], voorrang[data-voorrang]"


def test_feeds_are_valid_and_absolute(session):
    files = feeds.feed_files(session.site)
    for path, text in files.items():
        if path.endswith(".xml"):
            ET.fromstring(text.encode())
            parsed = feedparser.parse(text)
            assert not parsed.bozo, path
            for entry in parsed.entries:
                assert entry.link.startswith(session.site.site_url)
    data = json.loads(files["feed.json"])
    assert data["items"] and all(item["url"].startswith("https://") for item in data["items"])


def test_feed_descriptions_show_html_as_text(project):
    write_story(
        project,
        "feed.md",
        "title: Feed\ndate: 2025-12-01\ndescription: '</title><script>alert(1)</script>'\ncategories: [aspirant]",
    )
    built = BuildSession(project, mode="check", today=TODAY)
    built.start()
    entry = feedparser.parse(feeds.feed_files(built.site)["feed.xml"]).entries[0]
    assert entry.title == "Feed" and "<script>" not in entry.summary and "&lt;script&gt;" in entry.summary


def test_share_metadata_and_links(session):
    story = next(iter(session.site.of("stories")))
    html = page(session, story.url)
    assert '<meta property="og:locale" content="nl_NL">' in html
    assert re.search(r'<meta property="og:image" content="https://[^"]+\.(png|jpg)">', html)
    assert "https://wa.me/?text=" in html and "linkedin.com/sharing" in html and "mailto:?subject=" in html


def test_hostile_strings_are_escaped_in_every_slot(project):
    nasty = '</title><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    write_story(
        project,
        "aanval.md",
        f"title: '{nasty}'\ndate: 2025-01-01\ndescription: '{nasty}'\ncategories: [aspirant]\ntags: ['{nasty}']",
    )
    path = project / "data/categories.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Werkgevers", f"title: '{nasty}'", 1), encoding="utf-8"
    )
    path = project / "data/site.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("site_name: Ervaringsdeskundigheid", f"site_name: '{nasty}'"),
        encoding="utf-8",
    )
    built = BuildSession(project, mode="check", today=TODAY)
    built.start()
    for src, result in built.rendered.items():
        assert not violations(result.html, src)
    assert "&lt;/title&gt;&lt;script&gt;" in built.rendered["verhalen/aanval.md"].html


@pytest.mark.parametrize(
    "site_url",
    [
        'https://evil.example/x"><script>/',
        "javascript:alert(1)//",
        "https://www.example.org/pad met spatie/",
        "ftp://x.example/",
    ],
)
def test_site_url_is_validated_strictly(project, site_url):
    from conftest import check, messages

    path = project / "data/site.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"site_url: .*", f"site_url: '{site_url}'", text), encoding="utf-8")
    assert "data/site.yml, veld 'site_url'" in messages(check(project))


_MARKDOWN_PIECES = st.sampled_from(
    [
        "Gewoon een zin.",
        "*nadruk*",
        "**vet**",
        "_ook_",
        "snake_case",
        "`code`",
        "\\*geen\\*",
        "[link](../x/)",
        "![foto](afbeeldingen/x.jpg)",
        "<https://example.org>",
        "<b>vet</b>",
        "&amp;",
        "&",
        "R&D",
        "regel  \n",
        "\n\n",
        "\n- punt\n- punt\n",
        "\n1. een\n2. twee\n",
        "\n## Kop\n",
        "\n> citaat\n",
        "\n| a | b |\n|---|---|\n| c | d |\n",
        '\n!!! note "Let op"\n    Tekst in een blok.\n',
        "\n    ingesprongen code\n",
        "'s avonds",
        '"aanhalingstekens"',
        "...",
        "--",
        "!",
        "[",
        "]",
        "<",
        "*",
        "_",
        "\\",
        "\x02",
        "  ",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_MARKDOWN_PIECES, st.text(max_size=8)), max_size=25))
def test_skipping_inline_patterns_for_plain_text_changes_no_html(pieces):
    """The plain-text speed-up (render/markdown.py, _PlainText) gives the HTML that
    Python-Markdown gives without it."""
    from ervaringsdeskundigheid.render.markdown import MarkdownRenderer

    fast, full = MarkdownRenderer(), MarkdownRenderer()
    full.md.treeprocessors.deregister("section-plain-text")
    text = " ".join(pieces)
    assert fast.render(text).html == full.render(text).html


# --- Abbreviations say what they mean in the text the first time (touch cannot hover) -------------


def test_an_abbreviation_is_written_out_at_its_first_use_only():
    from ervaringsdeskundigheid.render.markdown import explain_first_use

    bol = '<abbr title="beroepsopleidende leerweg">BOL</abbr>'
    html = f"<p>Je volgt de {bol}. Bij de {bol} loop je stage.</p>"
    assert explain_first_use(html) == (
        f'<p>Je volgt de {bol}<span class="ed-abbr-meaning"> (beroepsopleidende '
        f"leerweg)</span>. Bij de {bol} loop je stage.</p>"
    )
    explained = [
        f"<p>De beroepsopleidende leerweg ({bol}).</p>",
        f"<p>{bol} (vooral school en stage).</p>",
        f"<p>{bol}-opleiding (school en stage)</p>",
    ]
    assert all(explain_first_use(text) == text for text in explained)


@settings(max_examples=60)
@given(
    st.lists(
        st.sampled_from(["mbo", "UWV", "woord", "BOL", "(", ")", "middelbaar beroepsonderwijs", " ", "."]), max_size=30
    )
)
def test_writing_out_only_adds_the_meaning(parts):
    from ervaringsdeskundigheid.render.markdown import Abbreviations, explain_first_use, plain, typography

    glossary = {
        "mbo": "middelbaar beroepsonderwijs",
        "UWV": "Uitvoeringsinstituut Werknemersverzekeringen",
        "BOL": "beroepsopleidende leerweg",
    }
    html = typography("<p>" + " ".join(parts) + "</p>", Abbreviations(glossary))
    out = explain_first_use(html)
    assert re.sub(r'<span class="ed-abbr-meaning">[^<]*</span>', "", out) == html
    assert out.count("ed-abbr-meaning") <= len(glossary) and explain_first_use(out) == out
    for term, meaning in glossary.items():
        first = re.search(rf"(?<![\w-]){term}(?![\w-])", plain(html))
        if first and not re.match(r"\s*\(", plain(html)[first.end() :]):  # an editor's own explanation
            assert meaning.lower() in plain(out).lower()


def test_the_experts_overview_claims_no_consent_for_made_up_people(session):
    text = text_of(page(session, "ervaringsdeskundigen/"))
    assert "verzonnen voorbeelden" in text
    assert "toestemming gegeven" not in text and "je mag een keer met mij meelopen" not in text
