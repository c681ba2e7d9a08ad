"""Every URL has one owner, and a printed QR code always keeps its page."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
import yaml

from conftest import ROOT, TODAY, check, messages, write_story
from ervaringsdeskundigheid.build.session import BuildSession
from ervaringsdeskundigheid.core import urls
from ervaringsdeskundigheid.types import partners as inventory


@pytest.mark.parametrize("path", ["verhalen", "opleidingen", "p", "assets", "search", "pagefind", "menukaart"])
def test_a_category_path_cannot_take_a_generated_or_reserved_page(project, path):
    file = project / "data/categories.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("path: werkgevers", f"path: {path}"), encoding="utf-8")
    output = messages(check(project))
    assert "data/categories.yml" in output and f"/{path}/" in output


@pytest.mark.parametrize("name", ["opleidingen.md", "verhalen.md", "cijfers.md", "p.md"])
def test_a_hand_written_page_cannot_take_a_generated_page(project, name):
    (project / "docs" / name).write_text("---\nin_short: Een pagina.\n---\n# Mijn pagina\n\nTekst.\n", encoding="utf-8")
    output = messages(check(project))
    assert f"docs/{name}" in output and "is al van" in output or "hoort bij" in output


def test_a_story_slug_cannot_take_an_overview_page(project):
    write_story(
        project, "pagina.md", "title: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]\nslug: pagina"
    )
    write_story(project, "twee.md", "title: T\ndate: 2025-01-01\ndescription: x\ncategories: [aspirant]")
    assert check(project) == [] or "pagina" in messages(check(project))


def test_relative_links():
    assert urls.relative("verhalen/rob/", "verhalen/ilse/") == "../rob/"
    assert urls.relative("", "verhalen/ilse/") == "../../"
    assert urls.relative("opleidingen/#hanze", "") == "opleidingen/#hanze"
    assert urls.relative("verhalen/", "verhalen/") == "./"


def test_url_table_names_both_owners():
    table = urls.UrlTable()
    assert table.claim("opleidingen/", "de pagina Opleidingen", "data/opleidingen.yml")
    assert not table.claim("opleidingen/", "de pagina docs/opleidingen.md", "docs/opleidingen.md")
    assert "de pagina Opleidingen" in table.problems[0].message and table.problems[0].file == "docs/opleidingen.md"


# --- Short links --------------------------------------------------------------------------------


def issued(project) -> list[dict]:
    return yaml.safe_load((project / inventory.ISSUED_FILE).read_text(encoding="utf-8")) or []


def test_every_code_forwards_to_an_existing_page_with_campaign_parameters():
    session = BuildSession(ROOT, mode="check", today=TODAY)
    session.start()
    links = inventory.short_links(session.site)
    assert len(links) >= 5
    paths = inventory.category_paths(session.site)
    for link in links:
        job = session.jobs[urls.src_uri(link.url)]
        page = session.rendered[urls.src_uri(link.url)].html
        target = inventory.resolve_target(link.target, paths)
        assert target in session.table, link.code
        assert f'http-equiv="refresh" content="0; url={link.relative_target(paths).replace("&", "&amp;")}"' in page
        assert '<meta name="robots" content="noindex' in page and "Gaat het niet vanzelf?" in page
        query = parse_qs(link.relative_target(paths).split("?", 1)[1])
        assert query["utm_source"] == [link.partner] and query["utm_medium"] == [link.medium]
        assert not job.search


def test_removing_a_location_keeps_its_code_only_when_retired(project):
    data = yaml.safe_load((project / inventory.PARTNERS_FILE).read_text(encoding="utf-8"))
    removed = data["partners"][0]["locations"].pop(0)
    (project / inventory.PARTNERS_FILE).write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    output = messages(check(project))
    assert inventory.ISSUED_FILE in output and removed["code"] in output and "retired" in output
    records = issued(project)
    for record in records:
        if record["code"] == removed["code"]:
            record["retired"] = {"date": "2026-01-01", "reason": "verhuisd"}
            record["target"] = "home"
    (project / inventory.ISSUED_FILE).write_text(
        yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    assert check(project) == []
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    assert urls.src_uri(f"p/{removed['code']}/") in session.rendered, "the printed code keeps its page"


def test_a_code_published_before_cannot_disappear(project, tmp_path):
    previous = tmp_path / "site"
    (previous / "p").mkdir(parents=True)
    (previous / "p/index.json").write_text(json.dumps({"codes": ["lefier-kantine", "verdwenen-code"]}))
    session = BuildSession(project, mode="check", today=TODAY)
    session.start()
    output = messages(session.kept_shortlink_problems(previous))
    assert "/p/verdwenen-code/" in output and "lefier-kantine" not in output


def test_a_code_cannot_move_to_another_location(project):
    text = (project / inventory.PARTNERS_FILE).read_text(encoding="utf-8")
    codes = [loc["code"] for p in yaml.safe_load(text)["partners"] for loc in p["locations"] if loc.get("code")]
    first, second = codes[0], codes[1]
    text = text.replace(f"code: {first}\n", "code: tijdelijk\n", 1).replace(f"code: {second}\n", f"code: {first}\n", 1)
    (project / inventory.PARTNERS_FILE).write_text(text, encoding="utf-8")
    output = messages(check(project))
    assert f"'{first}' is op" in output and "al uitgegeven" in output


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "javascript:alert(1)",
        "verhalen/bestaat-niet/",
        "p/lefier-kantine/",
        "../../etc/",
    ],
)
def test_a_target_must_be_a_page_of_this_site(project, target):
    text = (project / inventory.PARTNERS_FILE).read_text(encoding="utf-8")
    text = text.replace("target: aspirant", f'target: "{target}"', 1)
    (project / inventory.PARTNERS_FILE).write_text(text, encoding="utf-8")
    output = messages(check(project))
    assert inventory.PARTNERS_FILE in output and "target" in output
