"""The four categories: Aspirant-ervaringsdeskundige, Opleiding, Ervaringsdeskundige, Werkgevers.
Their ids and paths are in URLs and on posters; their colours are used everywhere
(pages, posters, share images)."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from ..core.contact import PERSON_FIELDS, ContactRoutes, person_problems
from ..core.fields import LongText, Name, Slug, Strict, Text, hint
from .base import ContentType
from .pages import LandingPages

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Action(Strict):
    label: Name = hint("De tekst op de knop, bijvoorbeeld 'Bekijk de opleidingen'.")
    target: Name = hint("Waar de knop naartoe gaat: het adres van een pagina van deze site, "
                        "zoals 'opleidingen/' of 'menukaart/'.")


class Request(Strict):
    """A short question a reader can send at once (by e-mail or WhatsApp), such as an employer's
    'Ik zoek een ervaringsdeskundige'."""

    label: Name = hint("De tekst op de knop, vanuit de lezer: 'Ik zoek een ervaringsdeskundige'.")
    message: Text = hint("Het begin van het bericht dat de lezer stuurt. De lezer kan het nog aanvullen.")


class Category(Strict):
    id: Slug = hint("Nooit veranderen: staat in webadressen en op posters.")
    title: Name = hint("De naam van de categorie.")
    path: Slug = hint("Het webadres van de categoriepagina. Nooit veranderen.")
    colour: Colour = hint("De kleur van de categorie (#rrggbb), met genoeg contrast voor witte tekst.")
    summary: Text = hint("Eén of twee zinnen op de kaart op de startpagina.")
    question: Name | None = hint("De vraag van de poster, bijvoorbeeld 'Wil jij je ervaring inzetten?'. "
                                 "Lezers die de QR-code scannen, zien hem bovenaan.", default=None)
    lead: Text | None = hint("Eén of twee zinnen onder de vraag: wat kun je hier doen?", default=None)
    explains: Text | None = hint("Een vakwoord dat lezers hier tegenkomen, uitgelegd in één zin, zoals 'Wie "
                                 "ervaringsdeskundige wil worden, heet ook wel aspirant.'", default=None)
    action: Action | None = hint("De belangrijkste knop bovenaan de pagina.", default=None)
    requests: list[Request] = hint("Vragen die lezers met één tik kunnen sturen, per e-mail of WhatsApp. Ze "
                                   "komen bovenaan, in plaats van de knop.", default=[], max_length=4)
    contact: ContactRoutes | None = hint("Eigen contact voor deze categorie (bijvoorbeeld voor werkgevers). Wat "
                                         "je weglaat, komt uit data/site.yml.", default=None)
    intro: LongText = hint("De uitleg op de categoriepagina, in Markdown.", markdown=True)
    source: Text | None = hint("Waar komen de feiten vandaan? Bijvoorbeeld 'Projectplan 2025, §2.4'.",
                               default=None)


def check(item, context) -> list:
    contact = item.data.contact
    return person_problems(contact.person if contact else None, item.source, "contact.person", item.entry)


CATEGORIES = ContentType(
    id="categories", label="Categorie", plural="Categorieën", schema=Category,
    source="data/categories.yml", key="id", item_url="{path}/", pages=(LandingPages(),), summary="summary",
    editor_hint="De vier categorieën van de site. Verander id en path nooit.", checks=(check,),
    person_fields=PERSON_FIELDS,   # what a category's contact person may agree to show
)
