"""Short poster links /p/<code>/: every printed code has a page in the built site that
forwards to an existing page with campaign parameters, and the build fails when it would not."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT, run_build, tree_digest
from ervaringsdeskundigheid import partners as inv
from ervaringsdeskundigheid import shortlinks

SITE_URL = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))["site_url"]
BASE_PATH = urlsplit(SITE_URL).path
INVENTORY = yaml.safe_load((ROOT / inv.PARTNERS_FILE).read_text(encoding="utf-8"))
ISSUED = yaml.safe_load((ROOT / inv.ISSUED_FILE).read_text(encoding="utf-8")) or []
CATEGORY_PATHS = {c["id"]: c["path"] for c in yaml.safe_load((ROOT / "data/categories.yml").read_text(encoding="utf-8"))}
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
LINK = re.compile(r'<a [^>]*href="([^"]+)"')


def expected_links() -> dict[str, dict]:
    """code -> what its page must do: the inventory's codes, then the recorded ones."""
    links = {}
    for partner in INVENTORY["partners"]:
        for loc in partner["locations"]:
            for key, medium in (("code", "poster"), ("banner_code", "banner")):
                if loc.get(key):
                    links[loc[key]] = {"partner": partner["partner"], "location": loc["name"], "medium": medium,
                                       "target": loc["target"]}
    for record in ISSUED:
        links.setdefault(record["code"], record)
    return links


def target_path(target: str) -> str:
    return "" if target == "home" else f"{CATEGORY_PATHS.get(target, target.strip('/'))}/"


def forward_of(site: Path, code: str) -> tuple[str, str]:
    """(forward URL as written in the page, the site-relative URL it resolves to incl. query)."""
    page = (site / "p" / code / "index.html").read_text(encoding="utf-8")
    refresh = html.unescape(REFRESH.search(page).group(1))
    resolved = urljoin(f"{SITE_URL}p/{code}/", refresh)
    assert resolved.startswith(SITE_URL), resolved
    return refresh, resolved[len(SITE_URL):]


def test_inventory_and_record_are_not_empty():
    assert len(expected_links()) >= 5
    assert {link["target"] for link in expected_links().values()} >= {"home", "aspirant", "opleiding",
                                                                        "ervaringsdeskundige", "werkgevers"}


def test_every_code_has_a_dutch_page_that_forwards_to_an_existing_page(repo_site):
    for code, link in expected_links().items():
        page = (repo_site / "p" / code / "index.html").read_text(encoding="utf-8")
        assert '<html lang="nl">' in page
        refresh, target = forward_of(repo_site, code)
        path, _, query = target.partition("?")
        assert path == target_path(link["target"]), code
        assert (repo_site / path / "index.html").is_file(), f"{code} forwards to a missing page: {path}"
        assert parse_qs(query) == {"utm_source": [link["partner"]], "utm_medium": [link["medium"]],
                                   "utm_campaign": [link.get("campaign", INVENTORY["campaign"])],
                                   "utm_content": [inv.slugify(link["location"])]}
        # A visible link for when forwarding does not run, in Dutch.
        assert [html.unescape(href) for href in LINK.findall(page)] == [refresh]
        assert "Gaat het niet vanzelf?" in page
        # Nothing from elsewhere, and not for search engines.
        assert not re.search(r"<script|<link|<img|\bsrc=|https?://", page)
        assert '<meta name="robots" content="noindex' in page


def test_short_links_stay_out_of_the_search_index(repo_site):
    index = (repo_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"verhalen/' in index.replace(" ", "")     # the index itself is there
    assert '"location":"p/' not in index.replace(" ", "")


def test_redirect_maps_match_the_pages(repo_site):
    codes = expected_links()
    redirects = [line.split() for line in (repo_site / "_redirects").read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#")]
    nginx = dict(re.findall(r'^(\S+) "([^"]+)";$', (repo_site / "shortlinks.nginx.map").read_text(encoding="utf-8"),
                            re.MULTILINE))
    seen = set()
    for source, target, status in redirects:
        assert status == "302"
        code = re.fullmatch(re.escape(BASE_PATH) + r"p/([a-z0-9-]+)/?", source).group(1)
        seen.add(code)
        _, page_target = forward_of(repo_site, code)
        assert target == BASE_PATH + page_target
        assert nginx[source] == target
    assert seen == set(codes)
    assert len(redirects) == 2 * len(codes) == len(nginx)      # with and without the trailing slash


def test_forwarding_works_in_a_real_browser(browser, served_site):
    code, link = next(iter(expected_links().items()))
    page = browser.new_page()
    page.goto(f"{served_site}p/{code}/")
    page.wait_for_url(re.compile(re.escape(served_site + target_path(link["target"])) + r"\?utm_source="))
    assert f"utm_source={link['partner']}" in page.url
    assert page.locator("h1").count() >= 1
    page.close()


def test_a_code_without_page_is_reported():
    known = {"", *(f"{path}/" for path in CATEGORY_PATHS.values())}
    problems = shortlinks.check_targets(ROOT, known)
    missing = [p for p in problems if "heeft geen pagina" in p.message]
    assert {re.search(r"'p/([a-z0-9-]+)/'", p.message).group(1) for p in missing} == set(expected_links())
    assert all(p.file in (inv.PARTNERS_FILE, inv.ISSUED_FILE) and p.field == "code" for p in missing)
    assert shortlinks.check_targets(ROOT, known | {f"p/{code}/" for code in expected_links()}) == []


# --- The build fails, and keeps the old site, when a printed link would break --------------


@pytest.fixture
def built(project, tmp_path):
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site, tree_digest(site)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


FIRST = INVENTORY["partners"][0]
FIRST_LOCATION = FIRST["locations"][0]
ENTRY = f"item '{FIRST['partner']} / {FIRST_LOCATION['name']}'"


@pytest.mark.parametrize("old, new, fragments", [
    (f"target: {FIRST_LOCATION['target']}", "target: verhalen/bestaat-niet/",
     ["data/partners.yml", ENTRY, "veld 'target'", "'verhalen/bestaat-niet/' is geen bestaande pagina"]),
    (f"- partner: {FIRST['partner']}", "- partner: bestaat-niet",
     ["data/partners.yml", "item 'bestaat-niet'", "veld 'partner'", "data/organisations.yml"]),
    (f"code: {FIRST_LOCATION['code']}\n", f"code: {INVENTORY['partners'][1]['locations'][0]['code']}\n",
     ["data/partners.yml", "veld 'code'", "al gebruikt bij"]),
    ("copies: {", "copies: {A5: 1, ",
     ["data/partners.yml", ENTRY, "veld 'copies.A5'", "geen bekend formaat"]),
], ids=["unknown-target", "unknown-organisation", "duplicate-code", "unknown-format"])
def test_bad_inventory_fails_the_build_and_keeps_the_site(built, old, new, fragments):
    project, site, digest = built
    _edit(project / inv.PARTNERS_FILE, old, new)
    result = run_build(project, site)
    assert result.returncode != 0
    for fragment in fragments:
        assert fragment in result.stdout + result.stderr, result.stderr
    assert tree_digest(site) == digest


def _remove_first_location(project: Path) -> str:
    data = yaml.safe_load((project / inv.PARTNERS_FILE).read_text(encoding="utf-8"))
    removed = data["partners"][0]["locations"].pop(0)
    (project / inv.PARTNERS_FILE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return removed["code"]


def test_an_issued_code_keeps_its_page_when_its_location_is_removed(project, tmp_path):
    code = _remove_first_location(project)
    record = next(r for r in ISSUED if r["code"] == code)
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    _, target = forward_of(site, code)
    path, _, query = target.partition("?")
    assert path == target_path(record["target"]) and (site / path / "index.html").is_file()
    assert parse_qs(query)["utm_source"] == [record["partner"]]


def test_an_issued_code_whose_page_is_gone_fails_the_build(built):
    project, site, digest = built
    code = _remove_first_location(project)
    text = (project / inv.ISSUED_FILE).read_text(encoding="utf-8")
    block = text[text.index(f"- code: {code}\n"):]
    block = block[:block.index("issued:")]
    old_target = re.search(r'target: "?([^"\n]+)"?', block).group(0)
    (project / inv.ISSUED_FILE).write_text(text.replace(block, block.replace(old_target, 'target: "verhalen/weg/"')),
                                           encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"data/issued_codes.yml, item '{code}', veld 'target'" in output
    assert "verwijder de code niet" in output
    assert tree_digest(site) == digest
