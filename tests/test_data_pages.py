"""Data pages from data/*.yml: fixed URLs, consent rules, escaping, references, filters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_build, tree_digest

DATA = {name: yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))
        for name in ("opleidingen", "functieprofielen", "checklists", "experts", "faq", "organisations")}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(errors="ignore") for p in site.rglob("*")
                     if p.is_file() and p.suffix in {".html", ".json", ".xml", ".txt", ".js", ".csv", ""})


def test_every_data_page_url_is_built(repo_site):
    urls = ["opleidingen/", "menukaart/", "functieprofielen/", "ervaringsdeskundigen/", "organisaties/",
            "veelgestelde-vragen/", "checklists/", "cijfers/"]
    urls += [f"opleidingen/{p['slug']}/" for p in DATA["opleidingen"]]
    urls += [f"functieprofielen/{p['slug']}/" for p in DATA["functieprofielen"]]
    urls += [f"checklists/{c['slug']}/" for c in DATA["checklists"]]
    for url in urls:
        assert (repo_site / url / "index.html").is_file(), url
    assert len(DATA["opleidingen"]) >= 5 and len(DATA["functieprofielen"]) >= 3
    assert len(DATA["checklists"]) >= 2


def test_programmes_table_starts_with_the_regional_programmes(repo_site):
    page = html(repo_site, "opleidingen/")
    assert "Noorderpoort" in page and "Hanze" in page
    rows = re.findall(r'<th scope="row" data-label="Opleiding"><a href="([^"]+)"', page)
    assert rows[:2] == ["noorderpoort-veendam/", "hanzehogeschool-groningen/"]
    assert 'data-label="Voor wie"' in page


def test_unknown_programme_fields_show_as_unknown(repo_site):
    # The regional programmes now say in words what is known about costs; Fontys still has none.
    fontys = next(p for p in DATA["opleidingen"] if p["slug"] == "fontys-ad-ervaringsdeskundigheid")
    assert fontys["costs"] is None
    assert "Onbekend" in html(repo_site, "opleidingen/fontys-ad-ervaringsdeskundigheid/")


def test_figures_show_133_with_chart_table_and_on_home(repo_site):
    page = html(repo_site, "cijfers/")
    assert "133" in page and "<svg" in page and 'role="img"' in page and "<table" in page
    assert "<desc" in page and "180" in page and "250" in page
    assert "133" in html(repo_site, "")


def test_profile_shows_pay_guidance_with_source_and_year(repo_site):
    with_pay = next(p for p in DATA["functieprofielen"] if p["pay"])
    page = html(repo_site, f"functieprofielen/{with_pay['slug']}/")
    assert str(with_pay["pay"][0]["year"]) in page and with_pay["pay"][0]["source"] in page


def test_faq_has_faqpage_structured_data(repo_site):
    page = html(repo_site, "veelgestelde-vragen/")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == len(DATA["faq"])


def test_category_pages_show_their_data_items(repo_site):
    paths = {"aspirant": "aspirant-ervaringsdeskundige", "opleiding": "opleiding",
             "ervaringsdeskundige": "ervaringsdeskundige", "werkgevers": "werkgevers"}
    for question in DATA["faq"]:
        for category in question["categories"]:
            assert question["question"].replace("'", "&#39;") in html(repo_site, paths[category] + "/")
    for programme in DATA["opleidingen"]:
        for category in programme["categories"]:
            assert f"opleidingen/{programme['slug']}/" in html(repo_site, paths[category] + "/")


def test_menukaart_steps_link_programmes_profiles_and_buddies(repo_site):
    page = html(repo_site, "menukaart/")
    steps = yaml.safe_load((ROOT / "data/menukaart.yml").read_text(encoding="utf-8"))
    for step in steps:
        assert f'id="{step["slug"]}"' in page
        for slug in step["opleidingen"]:
            assert f"../opleidingen/{slug}/" in page
        for slug in step["functieprofielen"]:
            assert f"../functieprofielen/{slug}/" in page
    assert "../ervaringsdeskundigen/#" in page


def test_email_addresses_are_not_in_the_html_source(repo_site):
    for path in repo_site.rglob("*.html"):
        found = [m for m in EMAIL.findall(path.read_text(encoding="utf-8")) if "example.org" in m]
        assert not found, (path, found)


def _add_people(project: Path) -> None:
    path = project / "data/experts.yml"
    people = yaml.safe_load(path.read_text(encoding="utf-8"))
    organisation = people[0]["organisation"]
    base = {"organisation": organisation, "function": "Ervaringsdeskundige", "expertise": ["armoede"],
            "region": "Veendam", "buddy": True, "categories": ["ervaringsdeskundige"], "example": True}
    people += [
        {**base, "id": "zonder-toestemming", "name": "Zonder Toestemmingsen", "email": "zonder@example.org",
         "phone": "06 90000001"},
        {**base, "id": "ingetrokken", "name": "Ingetrokken Toestemmingsen", "email": "ingetrokken@example.org",
         "phone": "06 90000002", "consent": {"date": "2025-01-01", "withdrawn": "2025-06-01",
                                              "scope": ["name", "email", "phone"]}},
        {**base, "id": "smalle-scope", "name": "Smalle Scopeling", "email": "smal@example.org",
         "phone": "06 90000003", "function": "Geheime Functietitel",
         "consent": {"date": "2025-01-01", "scope": ["name", "expertise"]}},
        {**base, "id": "met-markup", "name": "<script>alert('x')</script>Markup Persoon",
         "email": "markup@example.org", "consent": {"date": "2025-01-01",
                                                     "scope": ["name", "organisation", "function"]}},
    ]
    path.write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def consent_site(tmp_path_factory):
    import shutil
    from conftest import PROJECT_PARTS
    project = tmp_path_factory.mktemp("consent") / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
    _add_people(project)
    site = project.parent / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout + result.stderr


def test_people_without_or_with_withdrawn_consent_leave_no_trace(consent_site):
    site, log = consent_site
    everything = site_text(site)
    for trace in ("Zonder Toestemmingsen", "zonder-toestemming", "zonder@example.org", "90000001",
                  "Ingetrokken Toestemmingsen", "ingetrokken@example.org", "90000002"):
        assert trace not in everything, trace
    assert "2 ervaringsdeskundigen" in log or "ervaringsdeskundigen zonder (geldige) toestemming" in log


def test_fields_outside_the_consent_scope_are_never_published(consent_site):
    site, _ = consent_site
    everything = site_text(site)
    assert "Smalle Scopeling" in html(site, "ervaringsdeskundigen/")
    for trace in ("smal@example.org", "90000003", "Geheime Functietitel"):
        assert trace not in everything, trace
    encoded = "".join(f"&#{ord(c)};" for c in "smal@example.org")
    assert encoded not in everything


def test_markup_in_data_is_escaped(consent_site):
    site, _ = consent_site
    page = html(site, "ervaringsdeskundigen/")
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;Markup Persoon" in page


BAD_DATA = {
    "unknown-organisation": ("experts.yml", lambda items: items[0].update(organisation="bestaat-niet"),
                             ["data/experts.yml", "organisation", "bestaat-niet"]),
    "unknown-programme-in-menu": ("menukaart.yml", lambda items: items[1].update(opleidingen=["geen-opleiding"]),
                                  ["data/menukaart.yml", "opleidingen", "geen-opleiding"]),
    "unknown-category": ("faq.yml", lambda items: items[0].update(categories=["iedereen"]),
                         ["data/faq.yml", "categories[1]", "iedereen"]),
    "missing-required-field": ("opleidingen.yml", lambda items: items[0].pop("target_group"),
                               ["data/opleidingen.yml", "noorderpoort-veendam", "target_group", "verplicht"]),
    "bad-level": ("opleidingen.yml", lambda items: items[0].update(level="MBO 9"),
                  ["data/opleidingen.yml", "level", "moet een van deze waarden zijn"]),
    "typo-key": ("functieprofielen.yml", lambda items: items[0].update(taken=["x"]),
                 ["data/functieprofielen.yml", "'taken'", "onbekend veld", "Bedoel je 'tasks'?"]),
}


@pytest.mark.parametrize("case", sorted(BAD_DATA))
def test_broken_data_files_fail_with_dutch_message_and_keep_site(project, tmp_path, case):
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    before = tree_digest(site)
    name, change, expected = BAD_DATA[case]
    path = project / "data" / name
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(items)
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in output, (fragment, output)
    assert tree_digest(site) == before
