""" "In het kort" (issue 22): every reader page starts with a short summary at A2 in a visible box,
the field is required for new items (Dutch error, `make new`, the web editor), and the readability
hints hold it to A2. Also: one "Bronnen" block per page, out of the reading flow (issue 21)."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, strategies as st
from lxml import html as lxml_html

from conftest import ROOT, TODAY, check, messages, write_story
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core import urls
from ervaringsdeskundigheid.core.fields import IN_SHORT_PLACEHOLDER, sentences
from ervaringsdeskundigheid.render import webeditor as cms
from ervaringsdeskundigheid.editor.scaffold import create
from ervaringsdeskundigheid.render import readability
from ervaringsdeskundigheid.types import TYPES


@pytest.fixture(scope="module")
def session():
    built = BuildSession(ROOT, mode="check", today=TODAY)
    built.start()
    return built


def tree_of(session, url: str):
    return lxml_html.fromstring(session.rendered[urls.src_uri(url)].html)


def data(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def front(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def reader_pages() -> list[tuple[str, str]]:
    """(url, in_short) of every reader page with its own summary."""
    pages = [(f"{c['path']}/", c["in_short"]) for c in data("categories")]
    pages += [(f"opleidingen/{p['slug']}/", p["in_short"]) for p in data("opleidingen")]
    pages += [(f"functieprofielen/{p['slug']}/", p["in_short"]) for p in data("functieprofielen")]
    pages += [(f"checklists/{c['slug']}/", c["in_short"]) for c in data("checklists")]
    for folder, prefix in (("stories", "verhalen"), ("blogs", "blogs")):
        pages += [
            (f"{prefix}/{path.stem}/", front(path)["in_short"]) for path in (ROOT / "content" / folder).glob("*.md")
        ]
    for path in (ROOT / "docs").glob("*.md"):
        pages += [("" if path.stem == "index" else f"{path.stem}/", front(path)["in_short"])]
    pages += [(t.list_url, t.in_short) for t in TYPES if t.in_short and t.list_url]  # the list pages
    return pages


def visible_text(element) -> str:
    return " ".join(element.text_content().split())


def test_every_reader_page_starts_with_its_summary_in_a_box(session):
    pages = reader_pages()
    assert len(pages) > 40
    for url, text in pages:
        tree = tree_of(session, url)
        [box] = tree.xpath("//main//section[@id='ed-short'][contains(@class, 'ed-short')]")
        assert box.get("aria-labelledby") and visible_text(box).startswith("In het kort"), url
        assert " ".join(text.split()) in visible_text(box), url
        # First: nothing of the page's own text comes before it, only the title and its meta lines.
        before = box.xpath(
            "preceding::p[ancestor::article] | preceding::h2[ancestor::article] | "
            "preceding::li[ancestor::article][not(ancestor::nav)]"
        )
        assert all(
            re.search(r"ed-(article-header|hero__eyebrow|readaloud)", element.get("class") or "")
            or element.xpath("ancestor::*[contains(@class, 'ed-readaloud')]")
            for element in before
        ), (url, [visible_text(e) for e in before])


def test_the_questions_page_shows_a_summary_per_answer(session):
    tree = tree_of(session, "veelgestelde-vragen/")
    for question in data("faq"):
        [answer] = tree.xpath(f"//details[@id='{question['id']}']")
        box = answer.xpath("./*[contains(@class, 'ed-short')]")
        assert box and answer.index(box[0]) == 1, question["id"]  # right after the question
        assert question["in_short"] in visible_text(box[0])


def test_every_summary_has_at_most_three_short_sentences_at_a2():
    texts = [text for _, text in reader_pages()] + [q["in_short"] for q in data("faq")]
    for text in texts:
        assert 1 <= len(sentences(text)) <= 3, text
    glossary = {form for t in data("begrippen") if t.get("abbreviation") for form in (t["term"], *t.get("forms", []))}
    hard = {text: readability.a2_problems(text, glossary) for text in texts}
    assert not {text: reasons for text, reasons in hard.items() if reasons}


def test_the_site_gives_no_a2_hint_and_a_hard_summary_gets_one(project, session):
    assert not [hint for hint in session.hints() if "A2" in hint]
    write_story(
        project,
        "moeilijk-kort.md",
        "title: Moeilijk\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\n"
        "in_short: De implementatie van participatievoorzieningen door het UWV stagneerde structureel, "
        "waardoor maatschappelijke organisaties onvoldoende gecoördineerd functioneerden.",
    )
    built = BuildSession(project, mode="check", today=TODAY)
    built.start()
    [hint] = [hint for hint in built.hints() if "A2" in hint]
    assert "content/stories/moeilijk-kort.md" in hint and "UWV" in hint and "meer dan 12 woorden" in hint
    assert "Flesch-Douma" in hint


@given(
    st.lists(
        st.sampled_from(["Ik help.", "Jij leert!", "Wij werken samen?", "Het kost €1.900 per jaar."]),
        min_size=1,
        max_size=6,
    )
)
def test_sentences_are_counted_at_their_ends_not_in_amounts(parts):
    assert len(sentences(" ".join(parts))) == len(parts)


@pytest.mark.parametrize("where", ["faq", "docs"])  # a story without it: test_validation.py
def test_a_missing_summary_is_a_dutch_error_naming_file_and_field(project, where):
    if where == "faq":
        path = project / "data/faq.yml"
        path.write_text(
            path.read_text(encoding="utf-8") + "\n- id: zonder-kort\n  question: Vraag?\n"
            "  answer: Een antwoord.\n  categories: [aspirant]\n",
            encoding="utf-8",
        )
        file = "data/faq.yml"
    else:
        (project / "docs/over.md").write_text("---\ntitle: Over\n---\n# Over\n\nTekst.\n", encoding="utf-8")
        file = "docs/over.md"
    line = next(line for line in messages(check(project)).splitlines() if line.startswith(file))
    assert "veld 'In het kort' ('in_short'): ontbreekt" in line


@pytest.mark.parametrize("kind", ["verhaal", "blog", "opleiding", "functieprofiel"])
def test_make_new_asks_for_it_with_a_text_that_cannot_be_published(project, kind):
    path = create(project, kind, "Nieuw stuk", today=TODAY)
    text = path.read_text(encoding="utf-8")
    assert f"in_short: {IN_SHORT_PLACEHOLDER}" in text and "# In het kort:" in text
    assert check(project) == []  # a draft may keep it
    path.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")
    problems = [p for p in check(project) if p.field == "in_short"]
    assert problems and "voorbeeldtekst" in problems[0].message


def test_the_web_editor_asks_for_it_as_a_required_field():
    config = cms.editor_config(
        cms.SiteSettings.model_validate(yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8")))
    )
    with_summary = {t.id for t in TYPES if "in_short" in t.schema.model_fields}
    assert {"stories", "blogs", "programmes", "profiles", "faq", "categories", "checklists"} <= with_summary
    found = []

    def walk(fields):
        for field in fields:
            if field["name"] == "in_short":
                found.append(field)
            walk(field.get("fields", []))

    for collection in config["collections"]:
        walk(collection.get("fields", []))
        for file in collection.get("files", []):
            walk(file["fields"])
    assert len(found) == len(with_summary)
    assert all(f["label"] == "In het kort" and f.get("required", True) is not False for f in found)


# --- Sources: one closed block at the end, never in the reading flow ------------------------------

BRON = re.compile(r"\bBron(nen)?\b")
INTERNAL = re.compile(r"onze bronnen|staat niet in (de|onze) bron", re.I)


def test_sources_are_one_closed_block_at_the_end_of_every_page(session):
    with_sources = 0
    for src, result in session.rendered.items():
        tree = lxml_html.fromstring(result.html)
        article = tree.find(".//article")
        if article is None:
            continue
        blocks = article.xpath(".//details[contains(@class, 'ed-sources')]")
        assert len(blocks) <= 1, src
        if blocks:
            with_sources += 1
            assert blocks[0].get("open") is None and blocks[0] is article[-1], src
            assert visible_text(blocks[0].find("summary")) == "Bronnen"
            blocks[0].getparent().remove(blocks[0])
        flow = visible_text(article)
        assert not BRON.search(flow), (src, BRON.search(flow) and flow[BRON.search(flow).start() - 60 :][:140])
        assert not INTERNAL.search(flow), src
    assert with_sources > 40


def test_a_page_lists_each_source_once(session):
    tree = tree_of(session, "functieprofielen/kwartiermaker-en-voorlichter/")
    items = [visible_text(li) for li in tree.xpath("//details[contains(@class, 'ed-sources')]//li")]
    assert len(items) == len(set(items)) and any(item.startswith("Betaling") for item in items)
