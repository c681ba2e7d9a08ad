"""The site build from content: URLs, categories, order, Dutch dates, drafts, pagination."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT, run_build, write_story

CATEGORY_PATHS = {
    "aspirant": "aspirant-ervaringsdeskundige",
    "opleiding": "opleiding",
    "ervaringsdeskundige": "ervaringsdeskundige",
    "werkgevers": "werkgevers",
}


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def card_links(page_html: str) -> list[str]:
    return re.findall(r'class="ed-card__title"><a href="([^"]+)"', page_html)


def test_repository_builds_the_section_pages(repo_site):
    for url in ["", "verhalen/", "blogs/", *(f"{p}/" for p in CATEGORY_PATHS.values())]:
        assert (repo_site / url / "index.html").is_file(), url
    stories = sorted((ROOT / "content/stories").glob("*.md"))
    blogs = sorted((ROOT / "content/blogs").glob("*.md"))
    assert len(stories) >= 3 and len(blogs) >= 3
    for path in stories:
        assert (repo_site / "verhalen" / path.stem / "index.html").is_file()
    for path in blogs:
        assert (repo_site / "blogs" / path.stem / "index.html").is_file()


def test_category_ids_and_paths_are_the_fixed_ones():
    categories = yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))
    assert {c["id"]: c["path"] for c in categories} == CATEGORY_PATHS


def test_every_story_and_blog_is_on_each_of_its_category_pages(repo_site):
    covered = set()
    for kind, prefix in (("stories", "verhalen"), ("blogs", "blogs")):
        for path in (ROOT / "content" / kind).glob("*.md"):
            meta = front_matter(path)
            for category in meta["categories"]:
                covered.add(category)
                page = html(repo_site, CATEGORY_PATHS[category] + "/")
                assert f"../{prefix}/{path.stem}/" in card_links(page), (path.name, category)
    assert covered == set(CATEGORY_PATHS), "initial content covers all four categories"


def test_example_content_is_marked_as_example(repo_site):
    for kind, prefix in (("stories", "verhalen"), ("blogs", "blogs")):
        for path in (ROOT / "content" / kind).glob("*.md"):
            assert front_matter(path)["example"] is True
            assert "Voorbeeld" in html(repo_site, f"{prefix}/{path.stem}/")


def test_overview_is_newest_first_with_dutch_dates(repo_site):
    page = html(repo_site, "verhalen/")
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">([^<]+)</time>', page)
    assert dates, "cards show dates"
    iso = [d for d, _ in dates]
    assert iso == sorted(iso, reverse=True)
    months = "januari februari maart april mei juni juli augustus september oktober november december".split()
    for _, shown in dates:
        day, month, year = shown.split()
        assert day.isdigit() and month in months and year.isdigit(), shown
    assert "min lezen" in page


def test_home_has_four_category_cards_and_latest_stories(repo_site):
    page = html(repo_site, "")
    for path in CATEGORY_PATHS.values():
        assert f'href="{path}/"' in page
    assert "Nieuwste verhalen" in page
    assert any(link.startswith("verhalen/") for link in card_links(page))


def test_navigation_tabs_are_the_four_categories(repo_site):
    page = html(repo_site, "verhalen/")
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link">\s*([^<]+?)\s*</a>', page)
    assert tabs == ["Start", "Aspirant-ervaringsdeskundige", "Opleiding", "Ervaringsdeskundige", "Werkgevers"]


def test_generated_pages_stay_out_of_the_sidebar(repo_site):
    story = next((ROOT / "content/stories").glob("*.md"))
    page = html(repo_site, f"verhalen/{story.stem}/")
    sidebar = page.split('md-nav--primary', 1)[1].split("</nav>", 1)[0]
    assert "verhalen/" not in sidebar


def test_no_google_fonts_and_language_is_dutch(repo_site):
    page = html(repo_site, "")
    assert '<html lang="nl"' in page
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
    assert (repo_site / "assets/fonts/Roboto-Regular.woff2").is_file()
    assert "lunr" in (repo_site / "search/search_index.json").read_text()[:200] or \
        '"lang":["nl"]' in (repo_site / "search/search_index.json").read_text().replace(" ", "")


def test_drafts_and_future_items_are_not_published(project, tmp_path):
    write_story(project, "concept-verhaal.md", """
title: Concept verhaal
date: 2025-05-01
description: Nog niet klaar.
categories: [aspirant]
draft: true
""")
    write_story(project, "toekomst.md", """
title: Verhaal uit de toekomst
date: 2030-01-01
description: Gepland.
categories: [aspirant]
""")
    write_story(project, "vandaag.md", """
title: Verhaal van vandaag
date: 2026-01-01
description: Vandaag gepubliceerd.
categories: [aspirant]
""")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "verhalen/vandaag/index.html").is_file()
    assert not (site / "verhalen/concept-verhaal").exists()
    assert not (site / "verhalen/toekomst").exists()
    everything = "".join(p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file()
                         and p.suffix in {".html", ".json", ".xml"})
    assert "Concept verhaal" not in everything and "Verhaal uit de toekomst" not in everything


def test_slug_comes_from_front_matter_or_file_name(project, tmp_path):
    write_story(project, "2025-05-01-bestandsnaam.md", """
title: Met eigen slug
date: 2025-05-01
description: Slug uit front matter.
categories: [werkgevers]
slug: eigen-adres
""")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    assert (site / "verhalen/eigen-adres/index.html").is_file()
    assert not (site / "verhalen/2025-05-01-bestandsnaam").exists()


def test_many_items_get_pagination_and_continuation_pages(project, tmp_path):
    for number in range(1, 31):
        write_story(project, f"verhaal-{number:02d}.md", f"""
title: Testverhaal {number:02d}
date: 2024-01-{number:02d}
description: Verhaal nummer {number}.
categories: [opleiding]
""")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "verhalen/pagina/2/index.html").is_file()
    assert (site / "verhalen/pagina/3/index.html").is_file()
    assert (site / "opleiding/pagina/2/index.html").is_file()
    first = html(site, "verhalen/")
    assert 'rel="next" href="pagina/2/"' in first
    second = html(site, "verhalen/pagina/2/")
    assert 'rel="prev" href="../../"' in second
    linked = set()
    for page in ["opleiding/", "opleiding/pagina/2/", "opleiding/pagina/3/"]:
        if (site / page).exists():
            linked |= {l.rsplit("verhalen/", 1)[1] for l in card_links(html(site, page)) if "verhalen/" in l}
    assert {f"verhaal-{n:02d}/" for n in range(1, 31)} <= linked


def test_story_with_real_name_needs_consent_and_withdrawn_consent_removes_it(project, tmp_path):
    write_story(project, "met-toestemming.md", """
title: Met toestemming
date: 2025-05-01
description: Echte naam met toestemming.
categories: [aspirant]
person:
  name: Karin Testpersoon
  consent:
    date: 2025-04-01
""")
    write_story(project, "ingetrokken.md", """
title: Ingetrokken toestemming
date: 2025-05-02
description: Deze persoon trok toestemming in.
categories: [aspirant]
person:
  name: Piet Ingetrokken
  consent:
    date: 2025-04-01
    withdrawn: 2025-06-01
""")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "Karin Testpersoon" in html(site, "verhalen/met-toestemming/")
    assert not (site / "verhalen/ingetrokken").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            assert "Piet Ingetrokken" not in path.read_text(errors="ignore"), path
