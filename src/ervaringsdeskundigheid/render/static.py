"""The section's own assets (styles, scripts, fonts) and the stylesheets made from data:
the category colours from data/categories.yml and the experts filters."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..core.text import slugify

ASSETS = "assets"
FOLDERS = ("stylesheets", "javascripts", "fonts")
CATEGORIES_CSS = f"{ASSETS}/stylesheets/categories.css"
FILTERS_CSS = f"{ASSETS}/stylesheets/filters.css"


@lru_cache(maxsize=1)
def _packaged() -> dict[str, bytes]:
    base = resources.files("ervaringsdeskundigheid") / "render" / "static"
    files = {}
    for folder in FOLDERS:
        for entry in (base / folder).iterdir():
            if entry.is_file():
                files[f"{ASSETS}/{folder}/{entry.name}"] = entry.read_bytes()
    return files


def _generated_paths() -> list[str]:
    return [CATEGORIES_CSS, FILTERS_CSS]


FILES = tuple(sorted(set(_packaged()) | set(_generated_paths())))


def categories_css(categories) -> str:
    """One colour per category, from the data (validated as #rrggbb), as CSS variables.
    `.ed-cat--<id>` sets --ed-colour for everything inside it."""
    rules = [":root { --ed-colour: #0b5563; }", ".ed-cat--start { --ed-colour: #0b5563; }"]
    for category in categories:
        rules.append(f".ed-cat--{category.key} {{ --ed-colour: {category.colour}; }}")
    return "\n".join(rules) + "\n"


def filters_css(experts) -> str:
    """Filtering the experts without JavaScript: a checked radio hides the cards that do not
    match. Every value in it is a token of [a-z0-9-], so nothing from the data can break out."""
    def token(value: str) -> str:
        return slugify(value, fallback="x")

    rules = []
    options = {
        "expertise": sorted({token(x) for e in experts for x in e.expertise}),
        "organisation": sorted({token(e.organisation) for e in experts if e.organisation}),
        "region": sorted({token(e.region) for e in experts if e.region}),
    }
    for name, values in options.items():
        for value in values:
            rules.append(f'.ed-experts:has(#f-{name}-{value}:checked) .ed-expert:not([data-{name}~="{value}"]) '
                         "{ display: none; }")
    rules.append('.ed-experts:has(#f-buddy-ja:checked) .ed-expert:not([data-buddy="ja"]) { display: none; }')
    return "\n".join(rules) + "\n"


def files(site) -> dict[str, bytes]:
    result = dict(_packaged())
    result[CATEGORIES_CSS] = categories_css(site.categories).encode()
    result[FILTERS_CSS] = filters_css(site.of("experts")).encode()
    return result
