"""Every page type of the built repository site, for the real-browser tests: one example of each,
found from the data so the tests follow the content."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT


def _first(data_file: str, key: str) -> str:
    items = yaml.safe_load((ROOT / "data" / data_file).read_text(encoding="utf-8"))
    if isinstance(items, dict):
        items = next(value for value in items.values() if isinstance(value, list))
    return items[0][key]


def _first_short_code() -> str | None:
    data = yaml.safe_load((ROOT / "data/partners.yml").read_text(encoding="utf-8")) or {}
    for partner in data.get("partners", []) if isinstance(data, dict) else data:
        for location in partner.get("locations", []):
            if location.get("code"):
                return location["code"]
    return None


def _regional_programme() -> str:
    items = yaml.safe_load((ROOT / "data/opleidingen.yml").read_text(encoding="utf-8"))
    items = next(value for value in items.values() if isinstance(value, list)) if isinstance(items, dict) else items
    return next(p["slug"] for p in items if p.get("regional"))


def _first_dated_event() -> str:
    events = yaml.safe_load((ROOT / "data/agenda.yml").read_text(encoding="utf-8"))
    return next(event["slug"] for event in events if event.get("date"))


def _first_article(kind: str) -> str:
    return sorted((ROOT / "content" / kind).glob("*.md"))[0].stem


CATEGORIES = {
    "aspirant": "aspirant-ervaringsdeskundige/",
    "opleiding": "opleiding/",
    "ervaringsdeskundige": "ervaringsdeskundige/",
    "werkgevers": "werkgevers/",
}
PAGES = {
    "home": "",
    **{f"categorie-{key}": path for key, path in CATEGORIES.items()},
    "categorie-verhalen": "aspirant-ervaringsdeskundige/verhalen/",
    "verhaal": "verhalen/maaike-en-de-ervaringsdeskundige/",
    "blog": f"blogs/{_first_article('blogs')}/",
    "verhalen-overzicht": "verhalen/",
    "blogs-overzicht": "blogs/",
    "opleidingen": "opleidingen/",
    "opleiding-detail": f"opleidingen/{_regional_programme()}/",
    "functieprofielen": "functieprofielen/",
    "functieprofiel": f"functieprofielen/{_first('functieprofielen.yml', 'slug')}/",
    "ervaringsdeskundigen": "ervaringsdeskundigen/",
    "organisaties": "organisaties/",
    "veelgestelde-vragen": "veelgestelde-vragen/",
    "cijfers": "cijfers/",
    "menukaart": "menukaart/",
    "checklists": "checklists/",
    "checklist": f"checklists/{_first('checklists.yml', 'slug')}/",
    "begrippen": "begrippen/",
    "toegankelijkheid": "toegankelijkheid/",
    "privacy": "privacy/",
    "agenda": "agenda/",
    "activiteit": f"agenda/{_first_dated_event()}/",
    "404": "deze-pagina-bestaat-niet/",
    "404-diep": "a/b/c/niet-hier/",
}
SHORT_CODE = _first_short_code()
if SHORT_CODE:
    PAGES["korte-link"] = f"p/{SHORT_CODE}/"
NOT_FOUND = {"404", "404-diep"}
WIDTHS = {"telefoon": 390, "desktop": 1280}


def open_page(page, url: str, wait_until: str = "load"):
    """Open `url`; a short-link page is checked itself, with its instant redirect taken out."""
    if "/p/" in url:

        def without_refresh(route):
            response = route.fetch()
            body = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", response.text(), flags=re.I)
            route.fulfill(response=response, body=body)

        page.route(url, without_refresh)
    return page.goto(url, wait_until=wait_until)
