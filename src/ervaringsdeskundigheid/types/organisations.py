"""Organisations in the network that work with experts: what they do and how, with contact."""

from __future__ import annotations

from ..core.fields import Email, Name, Slug, Strict, Text, Url, hint
from .base import ContentType, Fact, Place, Section


class Organisation(Strict):
    id: Slug = hint("Nooit veranderen: mensen, opleidingen en posters verwijzen ernaar.")
    draft: bool = hint("true: alleen in de voorbeeldweergave (make serve).", default=False, example=True)
    example: bool = hint("true: een verzonnen voorbeeldorganisatie.", default=False)
    name: Name = hint("De naam van de organisatie.")
    sector: Name | None = hint("Bijvoorbeeld 'Wonen' of 'Zorg en welzijn'.", default=None, unknown=True)
    description: Text | None = hint("Wat doet de organisatie? Eén of twee zinnen.", default=None, unknown=True)
    how: Text | None = hint("Wat doet ze met ervaringsdeskundigen, en hoe?", default=None, unknown=True)
    location: Name | None = hint("Plaats of regio.", default=None, unknown=True)
    website: Url | None = hint("Het officiële webadres, met https://.", default=None, unknown=True)
    contact: Email | None = hint("Een algemeen e-mailadres (zoals info@...), nooit dat van een persoon.",
                                 default=None, unknown=True)
    categories: list[Slug] = hint("Een of meer categorieën.", relation="categories", min_length=1,
                                  example=["werkgevers"])
    source: Text | None = hint("Waar komen de gegevens vandaan?", default=None)


def _context(site) -> dict:
    grouped: dict[str, dict[str, list]] = {}
    for type_id, attribute in (("experts", "organisation"), ("programmes", "organisation")):
        for item in site.of(type_id):
            key = getattr(item.data, attribute, None)
            if key:
                grouped.setdefault(key, {}).setdefault(type_id, []).append(item)
    for entry in site.entries:
        for key in entry.data.organisations:
            grouped.setdefault(key, {}).setdefault("entries", []).append(entry)
    return {"related": grouped}


ORGANISATIONS = ContentType(
    id="organisations", label="Organisatie", plural="Organisaties", schema=Organisation,
    source="data/organisations.yml", key="id", list_url="organisaties/", item_url="organisaties/#{id}",
    description="Organisaties in het netwerk die met ervaringsdeskundigen werken.",
    in_short="Hier staan de organisaties van het netwerk. Je leest hoe ze werken met mensen met ervaring.",
    intro="Deze organisaties horen bij het netwerk Alliantie van Kracht. Hier lees je wat ze doen met "
          "ervaringsdeskundigen, zodat organisaties elkaar kunnen vinden.",
    list_template="organisations.html", summary="description", title_attribute="name",
    facts=(Fact("Sector", "sector"), Fact("Werken met ervaringsdeskundigen", "how"),
           Fact("Plaats", "location"), Fact("Website", "website", "link"), Fact("Contact", "contact", "email")),
    nav="werkgevers", section=Section("Organisaties in het netwerk", limit=4,
                                          places=(Place("werkgevers", order=40),)),
    make_new="organisatie", context=_context, examples=True,
    editor_hint="Organisaties in het netwerk. Vul alleen openbare, algemene gegevens in.",
)
