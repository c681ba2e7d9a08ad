"""The section's own assets (styles, scripts, fonts) and the stylesheets made from data:
the category colours from data/categories.yml and the experts filters."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..core.text import slugify

ASSETS = "assets"
FOLDERS = ("stylesheets", "javascripts", "fonts", "images")
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


# Programme filters: where (in the region or elsewhere) and the kind of level.
PROGRAMME_WHERE = {"regio": "In Groningen en Drenthe", "elders": "Elders in Nederland"}
PROGRAMME_LEVELS = {"mbo": "mbo", "ad": "Associate degree", "hbo": "hbo, bachelor", "cursus": "Korte cursus"}


def level_label(level: str | None) -> str | None:
    """A programme's level as readers write it: 'MBO 3' -> 'mbo niveau 3', 'HBO' -> 'hbo, bachelor',
    'Ad' -> 'Associate degree' (mbo and hbo in small letters, no unexplained 'Ad')."""
    if not level:
        return level
    kind, _, number = level.partition(" ")
    label = {"MBO": "mbo", "HBO": "hbo, bachelor", "Ad": "Associate degree", "Cursus": "korte cursus"}.get(kind, level)
    return f"{label} niveau {number}" if number else label


def programme_where(programme) -> str:
    return "regio" if programme.regional else "elders"


def programme_level(programme) -> str | None:
    """The filter group of a programme's level ('MBO 3' -> 'mbo'), or None when unknown."""
    if programme.kind == "orientatie" or programme.level == "Cursus":
        return "cursus"
    if not programme.level:
        return None
    return slugify(programme.level.split()[0], fallback="x")


def _hide_unmatched(container: str, item: str, name: str, values) -> list[str]:
    """A checked radio #f-<name>-<value> hides the items whose data-<name> lacks the value,
    and shows the filter in the printed stamp (.ed-stamp--<name>-<value>)."""
    rules = []
    for value in values:
        rules.append(f'.{container}:has(#f-{name}-{value}:checked) .{item}:not([data-{name}~="{value}"]) '
                     "{ display: none; }")
        rules.append(f"body:has(#f-{name}-{value}:checked) .ed-stamp--{name}-{value} {{ display: inline; }}")
    return rules


def filters_css(experts, programmes=()) -> str:
    """Filtering without JavaScript: a checked radio hides the cards or rows that do not
    match. Every value in it is a token of [a-z0-9-], so nothing from the data can break out."""
    def token(value: str) -> str:
        return slugify(value, fallback="x")

    rules = []
    options = {
        "expertise": sorted({token(x) for e in experts for x in e.expertise}),
        "organisation": sorted({token(e.organisation) for e in experts if e.organisation}),
        "region": sorted({token(e.region) for e in experts if e.region}),
        "buddy": ["ja"],
    }
    for name, values in options.items():
        rules += _hide_unmatched("ed-experts", "ed-expert", name, values)
    rules += _hide_unmatched("ed-programmes", "ed-programme", "waar",
                             sorted({programme_where(p) for p in programmes}))
    rules += _hide_unmatched("ed-programmes", "ed-programme", "niveau",
                             sorted({level for p in programmes if (level := programme_level(p))}))
    return "\n".join(rules) + "\n"


def files(site) -> dict[str, bytes]:
    result = dict(_packaged())
    result[CATEGORIES_CSS] = categories_css(site.categories).encode()
    result[FILTERS_CSS] = filters_css(site.of("experts"), site.of("programmes")).encode()
    return result
