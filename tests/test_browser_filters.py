"""The experts overview filters in a real browser, with and without JavaScript."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT

EXPERTS = yaml.safe_load((ROOT / "data/experts.yml").read_text(encoding="utf-8"))


def visible_names(page) -> list[str]:
    return page.eval_on_selector_all(
        ".ed-expert", "els => els.filter(e => e.offsetParent !== null)"
                      ".map(e => e.querySelector('.ed-expert-card__name').firstChild.textContent.trim())")


@pytest.mark.parametrize("javascript", [True, False], ids=["met-javascript", "zonder-javascript"])
def test_filter_by_buddy_and_region(browser, served_site, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served_site + "ervaringsdeskundigen/")
    everyone = sorted(e["name"] for e in EXPERTS)
    assert sorted(visible_names(page)) == everyone

    page.get_by_label("Alleen maatjes").check()
    assert sorted(visible_names(page)) == sorted(e["name"] for e in EXPERTS if e["buddy"])

    region = EXPERTS[0]["region"]
    page.locator("fieldset", has_text="Regio").get_by_label(region, exact=True).check()
    expected = sorted(e["name"] for e in EXPERTS if e["buddy"] and e["region"] == region)
    assert expected and sorted(visible_names(page)) == expected
    if javascript:
        assert page.locator(".ed-filter-status").inner_text() in {
            f"{len(expected)} ervaringsdeskundigen gevonden.", "1 ervaringsdeskundige gevonden."}

    page.locator("fieldset", has_text="Maatje").get_by_label("Alle", exact=True).check()
    page.locator("fieldset", has_text="Regio").get_by_label("Alle", exact=True).check()
    expertise = EXPERTS[1]["expertise"][-1]
    page.locator("fieldset", has_text="Expertise").get_by_label(expertise, exact=True).check()
    assert sorted(visible_names(page)) == sorted(e["name"] for e in EXPERTS if expertise in e["expertise"])
    context.close()


def test_email_is_readable_and_usable_in_the_browser(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "ervaringsdeskundigen/")
    person = next(e for e in EXPERTS if "email" in e["consent"]["scope"])
    link = page.locator(f"#{person['id']} a[href^='mailto:']")
    assert link.inner_text() == person["email"]
    assert link.get_attribute("href") == f"mailto:{person['email']}"
    page.close()


def test_experts_page_prints_without_filters(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "ervaringsdeskundigen/")
    page.emulate_media(media="print")
    assert not page.locator(".ed-filters").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert page.locator(".ed-expert").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()
