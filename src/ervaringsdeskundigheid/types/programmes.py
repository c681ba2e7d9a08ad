"""Training programmes (opleidingen) and short orientation courses, each with its target group."""

from __future__ import annotations

from typing import Literal

from ..core.fields import InShort, Name, Slug, Strict, Text, Url, hint, in_short_field
from .base import ContentType, Fact, Place, Section

LEVELS = ("MBO 2", "MBO 3", "MBO 4", "Ad", "HBO", "Cursus")
FORMS = ("BOL", "BBL", "deeltijd", "voltijd")


class Programme(Strict):
    slug: Slug = hint("Staat in het webadres; nooit meer veranderen.")
    draft: bool = hint("true: alleen in de voorbeeldweergave (make serve).", default=False, example=True)
    title: Name = hint("De naam van de opleiding.")
    in_short: InShort = in_short_field()
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


def regional_first(item):
    return (not item.data.regional, item.data.kind != "opleiding", item.index)


def _only_regional(items: list) -> list:
    """On a landing page: the programmes in the region, when there are any."""
    return [item for item in items if item.data.regional] or items


PROGRAMMES = ContentType(
    id="programmes", label="Opleiding", plural="Opleidingen", schema=Programme,
    source="data/opleidingen.yml", key="slug", list_url="opleidingen/", item_url="opleidingen/{slug}/",
    description="Opleidingen en cursussen voor ervaringsdeskundigen, met voor wie ze zijn.",
    intro="Hier vind je opleidingen en korte cursussen. De opleidingen in onze regio staan bovenaan.",
    in_short="Hier vind je scholen en korte cursussen. Die in Groningen en Drenthe staan bovenaan.",
    list_template="programmes.html", item_template="programme.html",
    facts=(Fact("Aanbieder", "provider"), Fact("Niveau", "level"), Fact("Vorm", "form"),
           Fact("Duur", "duration"), Fact("Plaats", "place"), Fact("Voor wie", "target_group"),
           Fact("Toelating en aanmelden", "admission"), Fact("Kosten en betaling", "costs"),
           Fact("Diploma of certificaat", "diploma"), Fact("Website", "url", "link")),
    nav="opleiding", section=Section("Opleidingen in Groningen en Drenthe", limit=3, pick=_only_regional,
                                     all_label="Alle opleidingen, ook elders in het land",
                                     places=(Place("aspirant", order=20, limit=2), Place("opleiding", order=10))),
    make_new="opleiding", sort_key=regional_first,
    editor_hint="Opleidingen en korte cursussen. Zet bij elke opleiding voor wie ze is.",
    extra={"note": "De lijst van opleidingen buiten onze regio komt uit een overzicht uit Gelderland-Zuid "
                   "(ongeveer 2021 tot 2023). Die lijst is misschien niet volledig. Vraag bij de school "
                   "wat nu geldt."},
)
