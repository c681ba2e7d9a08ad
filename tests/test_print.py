"""Printing, as Chromium prints a page to A4 (page.pdf), read back with pdftotext and pdfinfo.

- The experts list is a handout for food banks and community centres: about ten people per A4
  page, with "Stand van <datum>", the page's address and the active filter (a paper list
  outlives a withdrawn consent, so it needs its date), and without the on-screen instruction,
  the filters or the site's header and footer. The filter is printed without JavaScript too.
- A story prints without share links, related stories and the next-step box.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from conftest import FIXED_TODAY, TODAY, copy_project, run_build

PEOPLE = 30


def _pdf_text(path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), " ".join(text.split())  # lines joined


def _print(browser, url: str, target, javascript: bool = True, before=None) -> tuple[int, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url, wait_until="load")
    if before:
        before(page)
    page.emulate_media(media="print")
    page.pdf(path=str(target), format="A4", print_background=True)
    context.close()
    return _pdf_text(target)


@pytest.fixture(scope="module")
def many_experts(tmp_path_factory):
    """The repository with 30 consenting example experts, built and served."""
    from tools.devserver import serve_directory

    project = copy_project(tmp_path_factory.mktemp("print") / "project")
    experts = []
    for number in range(1, PEOPLE + 1):
        experts.append(
            {
                "id": f"persoon-{number}",
                "example": True,
                "name": f"Voorbeeld Persoon {number}",
                "organisation": "voorbeeldorganisatie",
                "function": "Ervaringsdeskundige armoede en schulden",
                "expertise": ["armoede", "schulden", "wonen"][: 1 + number % 3],
                "region": ["Veendam", "Assen"][number % 2],
                "email": f"persoon{number}@example.org",
                "buddy": number % 3 == 0,
                "categories": ["ervaringsdeskundige"],
                "consent": {
                    "date": "2025-01-01",
                    "scope": ["name", "organisation", "function", "expertise", "region", "email", "buddy"],
                },
            }
        )
    (project / "data/experts.yml").write_text(
        yaml.safe_dump(experts, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_directory(site, "/ervaringsdeskundigheid/") as base:
        yield base


def test_experts_list_prints_about_ten_people_per_page_with_date_address_and_filter(
    full_browser, many_experts, tmp_path
):
    pages, text = _print(full_browser, many_experts + "ervaringsdeskundigen/", tmp_path / "lijst.pdf")
    assert 7 <= PEOPLE / pages <= 13, f"{PEOPLE} people on {pages} A4 pages: not about ten per page"
    for number in range(1, PEOPLE + 1):
        assert re.search(rf"Voorbeeld Persoon {number}\b", text), number
    date = (
        TODAY.strftime("%-d ")
        + [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ][TODAY.month - 1]
        + f" {TODAY.year}"
    )
    assert f"Stand van {date}" in text, FIXED_TODAY
    assert "https://www.alliantievankracht.nl/ervaringsdeskundigheid/ervaringsdeskundigen/" in text
    assert "Alle ervaringsdeskundigen" in text
    for on_screen_only in (
        "Wil je deze lijst uitdelen",
        "Afdrukken",
        "Zoek op kennis",
        "Alleen meeloopmaatjes",
        "Wat kun je nu doen",
        "Over deze website",
        "Zoeken",
    ):
        assert on_screen_only not in text, on_screen_only


@pytest.mark.parametrize("javascript", [True, False], ids=["met-javascript", "zonder-javascript"])
def test_printed_list_names_the_active_filter(full_browser, many_experts, tmp_path, javascript):
    def only_buddies(page):
        page.locator(".ed-filter-box > summary").click()
        page.get_by_label("Alleen meeloopmaatjes").check()

    pages, text = _print(
        full_browser,
        many_experts + "ervaringsdeskundigen/",
        tmp_path / "maatjes.pdf",
        javascript=javascript,
        before=only_buddies,
    )
    assert "Alleen meeloopmaatjes" in text and "Alle ervaringsdeskundigen" not in text
    printed = set(re.findall(r"Voorbeeld Persoon (\d+)\b", text))
    assert printed == {str(n) for n in range(1, PEOPLE + 1) if n % 3 == 0}
    assert pages == 1


def test_story_prints_without_share_links_and_related_stories(full_browser, served_site, tmp_path):
    pages, text = _print(
        full_browser, served_site + "verhalen/maaike-en-de-ervaringsdeskundige/", tmp_path / "verhaal.pdf"
    )
    assert "Maaike" in text and pages <= 3
    for on_screen_only in (
        "Delen via",
        "WhatsApp",
        "LinkedIn",
        "Lees ook",
        "Wat kun je nu doen",
        "Alle verhalen",
        "Over deze website",
    ):
        assert on_screen_only not in text, on_screen_only
