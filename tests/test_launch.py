"""Launching the site (issue 21): without the made-up examples, with few or no stories and people,
and pages that fit a phone.

- `show_examples: false` in data/site.yml removes every `example: true` item from every output
  (pages, search, feeds, sitemap, short links, handouts) and the site still builds;
- with no stories, no blogs and no experts the site builds with no broken links, no empty blocks
  and Dutch empty states that offer a next step;
- `make report` lists what is still missing before launch;
- each category page is at most three phone screens (390 × 844) high, also with every contact
  route set;
- the FAQ page carries schema.org FAQPage data that no editor's text can break out of.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY, check, copy_project, messages, run_build, site_prefix
from ervaringsdeskundigheid.render.pages import json_ld
from test_site_links import _parse, _target

THREE_SCREENS = 3 * 844
CATEGORY_PATHS = [c["path"] + "/" for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))]


def _set(project: Path, old: str, new: str, file: str = "data/site.yml") -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(project: Path) -> Path:
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _texts(site: Path) -> dict[str, str]:
    """Every text file of a built site, unpacked and with entities decoded (so a disguised name
    is found too, also in the search index)."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":  # the search index (Pagefind's files are gzip), the sitemap
                data = gzip.decompress(data)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            found[path.relative_to(site).as_posix()] = html.unescape(text).replace("\\/", "/")
    return found


def _examples() -> tuple[set[str], set[str], set[str]]:
    """(names and e-mail addresses, titles, URL paths) of every example item of the repository."""
    from ervaringsdeskundigheid.types import load_site

    site = load_site(ROOT, today=TODAY)
    names, titles, paths = set(), set(), set()
    for items in site.items.values():
        for item in items:
            if not getattr(item.data, "example", False):
                continue
            titles.add(item.title)
            if item.url and "#" not in item.url:
                paths.add(item.url)
            for field in ("name", "email"):
                value = getattr(item.data, field, None)
                if isinstance(value, str) and len(value.split()) + value.count("@") >= 2:
                    names.add(value)
            person = getattr(item.data, "person", None)
            if person is not None and len(person.name.split()) >= 2:
                names.add(person.name)
    return names, titles, paths


@pytest.fixture(scope="module")
def launch_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("launch") / "project")
    _set(project, "\nshow_examples: true\n", "\nshow_examples: false\n")
    return _build(project)


def test_without_examples_no_example_appears_in_any_output(launch_site):
    names, titles, paths = _examples()
    assert names and titles and paths, "the repository has examples to remove"
    found = []
    for file, text in _texts(launch_site).items():
        found += [f"{file}: {name}" for name in names if name in text]
        found += [
            f"{file}: {path}"
            for path in paths
            if re.search(rf'(href|url|loc|"location")["=:>\s]+[^"<]*{re.escape(path)}', text)
        ]
        found += [
            f"{file}: title {title}"
            for title in titles
            if re.search(
                rf">\s*{re.escape(title)}\s*<|\"title\":\s*\"{re.escape(title)}\"|<title>{re.escape(title)}", text
            )
        ]
    assert not found, "\n".join(found[:30])
    assert not any((launch_site / path.strip("/")).exists() for path in paths)


def test_without_examples_the_checks_agree_and_handouts_leave_them_out(tmp_path):
    import subprocess

    from ervaringsdeskundigheid.outreach.handouts import generate_handouts

    project = copy_project(tmp_path / "project")
    _set(project, "\nshow_examples: true\n", "\nshow_examples: false\n")
    assert not check(project)
    run = generate_handouts(project, tmp_path / "handouts", today=TODAY)
    assert run.people == 0 and run.files
    names, _, _ = _examples()
    for pdf in (tmp_path / "handouts").glob("*.pdf"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert not [name for name in names if name in text], pdf.name


def test_a_real_item_that_points_at_an_example_is_a_dutch_error(project):
    _set(project, "\nshow_examples: true\n", "\nshow_examples: false\n")
    path = project / "data/experts.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    example_organisation = next(
        o["id"]
        for o in yaml.safe_load((project / "data/organisations.yml").read_text(encoding="utf-8"))
        if o.get("example")
    )
    data[0] = {**data[0], "example": False, "organisation": example_organisation}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = messages(check(project))
    assert "('organisation')" in found and "show_examples" in found, found


# --- No stories, no blogs, no experts --------------------------------------------------------------


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("empty") / "project")
    for kind in ("stories", "blogs"):
        for path in (project / "content" / kind).glob("*.md"):
            path.unlink()
    (project / "data/experts.yml").write_text("[]\n", encoding="utf-8")
    # The old address of a story that no longer exists at all: the team points it elsewhere (the build
    # says so in Dutch otherwise); here it goes, with the stories.
    (project / "data/redirects.yml").unlink()
    return _build(project)


@pytest.mark.parametrize("which", ["launch_site", "empty_site"])
def test_few_or_no_stories_and_people_leave_no_broken_link(request, which):
    site = request.getfixturevalue(which)
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    broken = []
    for page, parsed in pages.items():
        for _tag, url in parsed.links:
            target = _target(site, page, url) if url and url != "#" else None
            if target is None:
                continue
            file, fragment = target
            if file.startswith("../") or not (site / file).is_file():
                broken.append(f"{page}: {url}")
            elif fragment and file.endswith(".html") and fragment not in pages[file].ids:
                broken.append(f"{page}: {url} (no #{fragment})")
    assert len(pages) > 30 and not broken, "\n".join(broken[:30])


def test_no_stories_and_people_leave_no_empty_block_and_offer_a_next_step(empty_site):
    for page in sorted(empty_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        main = re.search(r"<main\b.*?</main>", text, re.S)
        if not main:
            continue
        for block in re.findall(r"<(section|nav|ul|ol)\b[^>]*>(.*?)</\1>", main.group(0), re.S):
            content = re.sub(r"<h2\b.*?</h2>", "", block[1], flags=re.S)
            assert re.sub(r"<[^>]+>|\s", "", content), f"{page}: an empty <{block[0]}>"
        assert "Onbekend" not in main.group(0)
    home = (empty_site / "index.html").read_text(encoding="utf-8")
    latest = re.search(r'<section class="ed-home-latest".*?</section>', home, re.S).group(0)
    assert "Vertel je verhaal" in latest and "mailto:" in latest, "an empty state with a next step"
    assert not (empty_site / "verhalen/index.html").exists() and not (empty_site / "ervaringsdeskundigen").exists()
    for path in CATEGORY_PATHS:
        assert not (empty_site / path / "verhalen").exists(), "no empty overview of a category's stories"


def test_the_menukaart_without_buddies_leads_to_a_person(empty_site):
    main = re.search(
        r"<main\b.*?</main>", (empty_site / "menukaart/index.html").read_text(encoding="utf-8"), re.S
    ).group(0)
    assert "geen meeloopmaatjes" in main and "ervaringsdeskundigen/" not in main
    assert re.search(r'href="mailto:[^"]*subject=Meelopen', main)


# --- make report -------------------------------------------------------------------------------------


def test_report_lists_what_is_missing_before_launch(project):
    from ervaringsdeskundigheid.editor.report import as_text, build_report

    faq = project / "data/faq.yml"
    questions = yaml.safe_load(faq.read_text(encoding="utf-8"))
    questions[0]["answer"] += "\n\nDe mensen op deze site zijn nu nog verzonnen voorbeelden."
    faq.write_text(yaml.safe_dump(questions, allow_unicode=True), encoding="utf-8")
    text = as_text(build_report(project, today=TODAY))
    before = text.split("\n\n")[1]
    assert before.startswith("Nog te doen voordat de site live gaat")
    for words in (
        "Telefoonnummer",
        "WhatsApp",
        "show_examples: false",
        "echte verhalen",
        "Aanmelden",
        "noemt verzonnen voorbeelden",
    ):
        assert words in before, words
    _set(
        project,
        "contact:\n  email: info@alliantievankracht.nl\n",
        'contact:\n  email: info@alliantievankracht.nl\n  phone: "050 123 4567"\n'
        "  person:\n    name: Sanne de Vries\n    consent: {date: 2027-01-01, scope: [name]}\n",
    )
    _set(project, "\nshow_examples: true\n", "\nshow_examples: false\n")
    before = as_text(build_report(project, today=TODAY)).split("\n\n")[1]
    assert "Telefoonnummer" not in before and "show_examples" not in before
    assert "Sanne de Vries" in before and "toestemming" in before


# --- Category pages fit three phone screens ------------------------------------------------------------


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory) -> Path:
    """Every contact route set: the heaviest first screen."""
    project = copy_project(tmp_path_factory.mktemp("busy") / "project")
    _set(
        project,
        "contact:\n  email: info@alliantievankracht.nl\n",
        """contact:
  email: info@alliantievankracht.nl
  phone: "0598 123 456"
  whatsapp: "06 12345678"
  address: "Kerkstraat 1, Veendam"
  hours: "dinsdag en donderdag van 10 tot 12 uur"
  person:
    name: Sanne de Vries
    role: coördinator
    consent: {date: 2025-01-01, scope: [name, role]}
""",
    )
    return _build(project)


@pytest.mark.parametrize("which", ["repo_site", "busy_site"])
def test_category_pages_are_at_most_three_phone_screens(request, browser, which):
    """With the site's web font and with the fallback a reader sees when the font comes too late
    (font-display: optional): the line breaks differ, both must fit."""
    from tools.devserver import serve_directory

    site = request.getfixturevalue(which)
    heights = {}
    with serve_directory(site, site_prefix()) as base:
        for fonts in ("webfont", "fallback"):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            if fonts == "fallback":
                context.route("**/*.woff2", lambda route: route.abort())
            page = context.new_page()
            for path in CATEGORY_PATHS:
                page.goto(base + path, wait_until="load")
                if fonts == "webfont":  # the first visit may miss the font's short window: the second uses it
                    page.evaluate("document.fonts.ready.then(() => document.fonts.size)")
                    page.reload(wait_until="load")
                    assert page.evaluate("document.fonts.check('700 16px Roboto')"), path
                heights[fonts, path] = page.evaluate("document.documentElement.scrollHeight")
            context.close()
    assert all(height <= THREE_SCREENS for height in heights.values()), heights


# --- FAQPage ---------------------------------------------------------------------------------------------


def _ld_blocks(text: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)


def test_the_faq_page_has_faqpage_data_with_every_question(repo_site):
    questions = [q for q in yaml.safe_load((ROOT / "data/faq.yml").read_text(encoding="utf-8")) if not q.get("draft")]
    blocks = _ld_blocks((repo_site / "veelgestelde-vragen/index.html").read_text(encoding="utf-8"))
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [q["question"] for q in questions]
    for entry in data["mainEntity"]:
        assert entry["@type"] == "Question" and entry["acceptedAnswer"]["@type"] == "Answer"
        answer = entry["acceptedAnswer"]["text"]
        assert answer and "](" not in answer and "**" not in answer, "plain text, no Markdown"


HOSTILE = "Gewoon antwoord. Typ nooit `</script><script>alert(1)</script>` of `<!-- </SCRIPT >` & klaar."


def test_a_hostile_answer_stays_data(project):
    path = project / "data/faq.yml"
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions[0]["answer"] = HOSTILE
    questions[0]["question"] = "Wat als </script><b>dit</b>?"
    path.write_text(yaml.safe_dump(questions, allow_unicode=True), encoding="utf-8")
    site = _build(project)
    text = (site / "veelgestelde-vragen/index.html").read_text(encoding="utf-8")
    block = _ld_blocks(text)[0]
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert data["mainEntity"][0]["name"] == "Wat als </script><b>dit</b>?"
    assert "</script>" in data["mainEntity"][0]["acceptedAnswer"]["text"]
    from audit import violations

    assert not violations(text, "veelgestelde-vragen/index.html")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_json_ld_never_ends_its_script_early(text):
    block = str(json_ld({"@type": "FAQPage", "name": text}))
    inner = block[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "\u2028" not in inner
    assert json.loads(inner)["name"] == text
