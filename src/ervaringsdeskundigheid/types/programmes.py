"""Training programmes (opleidingen) and short orientation courses, each with its target group."""

from __future__ import annotations

from typing import Literal

from ..core.fields import Name, Slug, Strict, Text, Url, hint
from ..core.text import slugify
from .base import Card, ContentType, Fact, Filter, Place, Section
from .pages import ItemPages, ListPage

LEVELS = ("MBO 2", "MBO 3", "MBO 4", "Ad", "HBO", "Cursus")
FORMS = ("BOL", "BBL", "deeltijd", "voltijd")


class Programme(Strict):
    slug: Slug = hint("Staat in het webadres; nooit meer veranderen.")
    draft: bool = hint("true: alleen in de voorbeeldweergave (make serve).", default=False, example=True)
    title: Name = hint("De naam van de opleiding.")
    kind: Literal["opleiding", "orientatie"] = hint("opleiding, of orientatie (een korte cursus).",
                                                    example="opleiding")
    provider: Name | None = hint("De school of aanbieder.", default=None, unknown=True)
    level: Literal[LEVELS] | None = hint("MBO 2, MBO 3, MBO 4, Ad, HBO of Cursus.", default=None, unknown=True)
    form: Literal[FORMS] | None = hint("BOL, BBL, deeltijd of voltijd.", default=None, unknown=True)
    duration: Name | None = hint("Bijvoorbeeld '2 jaar'.", default=None, unknown=True)
    place: Name | None = hint("De plaats.", default=None, unknown=True)
    regional: bool = hint("true als het in Groningen of Drenthe is.", default=False)
    target_group: Text = hint("Voor wie is deze opleiding? Eén of twee zinnen.")
    admission: Text | None = hint("Toelating: wie mag beginnen, en hoe meld je je aan?", default=None,
                                  unknown=True)
    costs: Text | None = hint("Kosten en wie ze kan betalen.", default=None, unknown=True)
    diploma: Name | None = hint("Het diploma of certificaat.", default=None, unknown=True)
    url: Url | None = hint("De website van de opleiding, met https://.", default=None, unknown=True)
    organisation: Slug | None = hint("De id van de school in data/organisations.yml, als die partner is.",
                                     relation="organisations", default=None)
    summary: Text = hint("Korte samenvatting.")
    source: Text = hint("Waar komen deze gegevens vandaan?")
    categories: list[Slug] = hint("Een of meer categorieën.", relation="categories", min_length=1,
                                  example=["opleiding"])


NOTE = ("De lijst van opleidingen buiten onze regio komt uit een overzicht uit Gelderland-Zuid "
        "(ongeveer 2021 tot 2023). Die lijst is misschien niet volledig. Vraag bij de school wat nu geldt.")


# The list page's filters: where (in the region or elsewhere) and the kind of level.
WHERE = {"regio": "In Groningen en Drenthe", "elders": "Elders in Nederland"}
REGIONAL_SEARCH_WEIGHT = 2.0
LEVEL_KINDS = {"mbo": "mbo", "ad": "Associate degree", "hbo": "hbo (bachelor)", "cursus": "Korte cursus"}


def where(programme) -> str:
    return "regio" if programme.regional else "elders"


def level_kind(programme) -> str | None:
    """The filter group of a programme's level ('MBO 3' -> 'mbo'), or None when unknown."""
    if programme.kind == "orientatie" or programme.level == "Cursus":
        return "cursus"
    if not programme.level:
        return None
    return slugify(programme.level.split()[0], fallback="x")


def _list_context(site) -> dict:
    return {"where": where, "level_kind": level_kind, "where_labels": WHERE, "level_labels": LEVEL_KINDS}


def _card(programme, site) -> Card:
    meta = " · ".join(part for part in (programme.level, programme.form, programme.duration, programme.place)
                      if part)
    lines = ((programme.provider, "In onze regio" if programme.regional else None),) if programme.provider else ()
    return Card(lines=lines + (((meta, None),) if meta else ()))


def regional_first(item):
    return (not item.data.regional, item.data.kind != "opleiding", item.index)


def regional_weight(item) -> float:
    """In the site search, the programmes here come before those elsewhere (render/search.py)."""
    return REGIONAL_SEARCH_WEIGHT if item.data.regional else 1.0


def _only_regional(items: list) -> list:
    """On a landing page: the programmes in the region, when there are any."""
    return [item for item in items if item.data.regional] or items


PROGRAMMES = ContentType(
    id="programmes", label="Opleiding", plural="Opleidingen", schema=Programme,
    source="data/opleidingen.yml", key="slug", list_url="opleidingen/", item_url="opleidingen/{slug}/",
    description="Opleidingen en cursussen voor ervaringsdeskundigen, met voor wie ze zijn.",
    intro="Hier vind je opleidingen en korte cursussen. De opleidingen in onze regio staan bovenaan.",
    pages=(ListPage("programmes.html", context=_list_context, note=NOTE,
                    filters=(Filter("waar", lambda p: [where(p)]),
                             Filter("niveau", lambda p: [kind] if (kind := level_kind(p)) else []))),
           ItemPages("programme.html")),
    facts=(Fact("Aanbieder", "provider"), Fact("Niveau", "level"), Fact("Vorm", "form"),
           Fact("Duur", "duration"), Fact("Plaats", "place"), Fact("Voor wie", "target_group"),
           Fact("Toelating en aanmelden", "admission"), Fact("Kosten en betaling", "costs"),
           Fact("Diploma of certificaat", "diploma"), Fact("Website", "url", "link")),
    nav="opleiding", section=Section("Opleidingen in Groningen en Drenthe", limit=3, pick=_only_regional,
                                     all_label="Alle opleidingen, ook elders in het land", card=_card,
                                     places=(Place("aspirant", order=20, limit=2), Place("opleiding", order=10))),
    make_new="opleiding", sort_key=regional_first, search_weight=regional_weight,
    editor_hint="Opleidingen en korte cursussen. Zet bij elke opleiding voor wie ze is.",
)
