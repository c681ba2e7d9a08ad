"""Organisations in the network that work with experts: what they do and how, with contact."""

from __future__ import annotations

from typing import Any

from ..core.fields import Email, Name, Slug, Strict, Text, Url, hint
from ..core.site import Item, Site
from .base import Card, ContentType, Fact, Place, Section
from .pages import ListPage


class Organisation(Strict):
    id: Slug = hint("Nooit veranderen: mensen, opleidingen en posters verwijzen ernaar.", label="Id")
    draft: bool = hint(
        "true: alleen in de voorbeeldweergave (make serve).",
        label="Concept (nog niet publiceren)",
        default=False,
        example=True,
    )
    example: bool = hint("true: een verzonnen voorbeeldorganisatie.", label="Verzonnen voorbeeld", default=False)
    name: Name = hint("De naam van de organisatie.", label="Naam")
    sector: Name | None = hint("Bijvoorbeeld 'Wonen' of 'Zorg en welzijn'.", label="Sector", default=None, unknown=True)
    description: Text | None = hint(
        "Wat doet de organisatie? Eén of twee zinnen.", label="Samenvatting", default=None, unknown=True
    )
    how: Text | None = hint(
        "Wat doet ze met ervaringsdeskundigen, en hoe?",
        label="Hoe werkt de organisatie met ervaringsdeskundigen?",
        default=None,
        unknown=True,
    )
    location: Name | None = hint("Plaats of regio.", label="Plaats", default=None, unknown=True)
    website: Url | None = hint("Het officiële webadres, met https://.", label="Website", default=None, unknown=True)
    contact: Email | None = hint(
        "Een algemeen e-mailadres (zoals info@...), nooit dat van een persoon.",
        label="Algemeen e-mailadres",
        default=None,
        unknown=True,
    )
    categories: list[Slug] = hint(
        "Een of meer categorieën.", label="Categorieën", relation="categories", min_length=1, example=["werkgevers"]
    )
    source: Text | None = hint("Waar komen de gegevens vandaan?", label="Bron", default=None)


def _context(site: Site) -> dict[str, Any]:
    """Per organisation: its people, its programmes and the articles about it."""
    grouped: dict[str | None, dict[str, list[Item]]] = {
        o.key: {"people": [], "trainings": [], "articles": []} for o in site.of("organisations")
    }
    for type_id, group in (("experts", "people"), ("programmes", "trainings")):
        for item in site.of(type_id):
            if item.data.organisation in grouped:
                grouped[item.data.organisation][group].append(item)
    for entry in site.articles:
        for key in entry.data.organisations:
            if key in grouped:
                grouped[key]["articles"].append(entry)
    return {"related": grouped}


def _card(organisation: Item, site: Site) -> Card:
    meta = " · ".join(part for part in (organisation.sector, organisation.location) if part)
    return Card(lines=((meta, None),) if meta else ())


ORGANISATIONS = ContentType(
    id="organisations",
    label="Organisatie",
    plural="Organisaties",
    schema=Organisation,
    source="data/organisations.yml",
    key="id",
    list_url="organisaties/",
    item_url="organisaties/#{id}",
    description="Organisaties in het netwerk die met ervaringsdeskundigen werken.",
    in_short="Hier staan de organisaties van het netwerk. Je leest hoe ze werken met mensen met ervaring.",
    intro="Deze organisaties horen bij het netwerk Alliantie van Kracht. Hier lees je wat ze doen met "
    "ervaringsdeskundigen, zodat organisaties elkaar kunnen vinden.",
    pages=(ListPage("organisations.html", context=_context),),
    summary="description",
    title_attribute="name",
    facts=(
        Fact("Sector", "sector"),
        Fact("Werken met ervaringsdeskundigen", "how"),
        Fact("Plaats", "location"),
        Fact("Website", "website", "link"),
        Fact("Contact", "contact", "email"),
    ),
    nav="werkgevers",
    section=Section("Organisaties in het netwerk", limit=4, card=_card, places=(Place("werkgevers", order=40),)),
    make_new="organisatie",
    examples=True,
    editor_hint="Organisaties in het netwerk. Vul alleen feiten in die je zeker weet en die de organisatie zelf "
    "openbaar maakt. Weet je iets niet? Laat het veld leeg; schrijf nooit 'Onbekend'.",
)
