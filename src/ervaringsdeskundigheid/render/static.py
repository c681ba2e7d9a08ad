"""The section's own assets (styles, scripts, fonts) and the stylesheets made from data:
the category colours from data/categories.yml and the list pages' filters."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..core.text import slugify
from ..types.pages import FILTERS_CSS, page_sets

ASSETS = "assets"
FOLDERS = ("stylesheets", "javascripts", "fonts", "images")
CATEGORIES_CSS = f"{ASSETS}/stylesheets/categories.css"


@lru_cache(maxsize=1)
def _packaged() -> dict[str, bytes]:
    base = resources.files("ervaringsdeskundigheid") / "render" / "static"
    files = {}
    for folder in FOLDERS:
        for entry in (base / folder).iterdir():
            if entry.is_file():
                files[f"{ASSETS}/{folder}/{entry.name}"] = entry.read_bytes()
    return files


def packaged_paths() -> set[str]:
    """The site's own code and fonts, as shipped (nothing in them comes from the content)."""
    return set(_packaged())


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


def _hide_unmatched(name: str, values) -> list[str]:
    """A checked radio #f-<name>-<value> hides the items whose data-<name> lacks the value,
    and shows the filter in the printed stamp (.ed-stamp--<name>-<value>)."""
    rules = []
    for value in values:
        rules.append(
            f'.ed-filtered:has(#f-{name}-{value}:checked) .ed-filter-item:not([data-{name}~="{value}"]) '
            "{ display: none; }"
        )
        rules.append(f"body:has(#f-{name}-{value}:checked) .ed-stamp--{name}-{value} {{ display: inline; }}")
    return rules


def filters_css(site) -> str:
    """Filtering without JavaScript, for every list page that declares filters: a checked radio
    hides the items that do not match. Every value in it is a token of [a-z0-9-], so nothing
    from the data can break out."""
    rules = []
    for ctype in site.types.values():
        for page_set in page_sets(ctype):
            for spec in getattr(page_set, "filters", ()):
                values = {slugify(value, fallback="x") for item in site.of(ctype.id) for value in spec.values(item)}
                rules += _hide_unmatched(spec.name, sorted(values))
    return "\n".join(rules) + "\n"


def files(site) -> dict[str, bytes]:
    result = dict(_packaged())
    result[CATEGORIES_CSS] = categories_css(site.categories).encode()
    result[FILTERS_CSS] = filters_css(site).encode()
    return result
