"""A page that gets a new address keeps its old one as a redirect (data/redirects.yml): links that
were shared keep working, the new page must exist, and no other page can take the old address."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, TODAY, check, messages, run_build, write_story
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core import urls

OLD = "verhalen/maaike-vindt-betaald-werk/"
NEW = "verhalen/maaike-en-de-ervaringsdeskundige/"


def redirects(project):
    return project / "data/redirects.yml"


def add_redirect(project, path: str, target: str) -> None:
    file = redirects(project)
    text = file.read_text(encoding="utf-8") if file.exists() else ""
    file.write_text(text + f"\n- path: {path}\n  target: {target}\n  date: 2026-01-01\n", encoding="utf-8")


def test_the_old_address_of_the_maaike_story_forwards_to_its_new_one():
    moved = {r["path"]: r["target"] for r in yaml.safe_load(redirects(ROOT).read_text(encoding="utf-8"))}
    assert moved[OLD] == NEW
    assert (ROOT / "content/stories/maaike-en-de-ervaringsdeskundige.md").exists()
    assert not (ROOT / "content/stories/maaike-vindt-betaald-werk.md").exists()
    session = BuildSession(ROOT, mode="check", today=TODAY)
    session.start()
    html = session.rendered[urls.src_uri(OLD)].html
    assert '<meta http-equiv="refresh" content="0; url=../maaike-en-de-ervaringsdeskundige/">' in html
    assert 'name="robots" content="noindex' in html and 'href="../maaike-en-de-ervaringsdeskundige/"' in html
    assert "Maaike: een ervaringsdeskundige krijgt de deur open" in html
    assert f"/{OLD}" not in session.sitemap() and f"/{NEW}" in session.sitemap()


def test_the_built_site_forwards_in_a_browser_and_names_the_move_for_servers(browser, served_site, repo_site):
    page = browser.new_page()
    page.goto(served_site + OLD)
    page.wait_for_url(re.compile(re.escape(NEW) + "$"))
    assert "Maaike" in page.locator("h1").inner_text()
    page.close()
    prefix = served_site.split("/", 3)[3]
    assert f"/{prefix}{OLD} /{prefix}{NEW} 301" in (repo_site / "_redirects").read_text(encoding="utf-8")
    assert f'/{prefix}{OLD} "/{prefix}{NEW}";' in (repo_site / "shortlinks.nginx.map").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "target, expected",
    [
        ("verhalen/bestaat-niet/", "'verhalen/bestaat-niet/' is geen pagina van deze site"),
        ("verhalen/maaike-vindt-betaald-werk/", "'verhalen/maaike-vindt-betaald-werk/' is zelf een oud adres"),
    ],
)
def test_the_new_address_must_be_a_page_of_the_site(project, target, expected):
    add_redirect(project, "verhalen/oud-verhaal/", target)
    output = messages(check(project))
    assert f"item 'verhalen/oud-verhaal/', veld 'Nieuwe pagina' ('target'): {expected}" in output


def test_an_old_address_cannot_be_taken_by_a_page(project):
    write_story(
        project,
        "maaike-vindt-betaald-werk.md",
        "title: Nieuw\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]",
    )
    output = messages(check(project))
    assert "data/redirects.yml" in output and "/verhalen/maaike-vindt-betaald-werk/ is al van" in output


@pytest.mark.parametrize("path", ["https://example.org/oud/", "verhalen/Oud/", "verhalen/oud", "../oud/"])
def test_an_old_address_is_written_as_a_page_of_the_site(project, path):
    add_redirect(project, path, NEW)
    assert "veld 'Oud adres' ('path'): moet een adres van deze site zijn" in messages(check(project))


def test_a_site_without_moved_pages_needs_no_file(project):
    redirects(project).unlink()
    (project / "content/stories/maaike-en-de-ervaringsdeskundige.md").rename(
        project / "content/stories/maaike-vindt-betaald-werk.md"
    )
    assert check(project) == []
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verhuisde" not in (project / "site/_redirects").read_text(encoding="utf-8")
