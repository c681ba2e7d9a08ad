"""The four categories: Aspirant-ervaringsdeskundige, Opleiding, Ervaringsdeskundige, Werkgevers.
Their ids and paths are in URLs and on posters; their colours are used everywhere
(pages, posters, share images)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import StringConstraints

from ..core.contact import PERSON_FIELDS, ContactRoutes, person_problems, showing_person
from ..core.fields import InShort, LongText, Name, Slug, Strict, Text, hint, in_short_field
from ..core.loading import LoadContext
from ..core.privacy import Person
from ..core.problems import Problem
from ..core.site import Item
from .base import ContentType
from .pages import LandingPages

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Action(Strict):
    label: Name = hint("De tekst op de knop, bijvoorbeeld 'Bekijk de opleidingen'.", label="Omschrijving")
    target: Name = hint(
        "Waar de knop naartoe gaat: het adres van een pagina van deze site, zoals 'opleidingen/' of 'menukaart/'.",
        label="Doel van de link",
    )


class Request(Strict):
    """A short question a reader can send at once (by e-mail or WhatsApp), such as an employer's
    'Ik zoek een ervaringsdeskundige'."""

    label: Name = hint(
        "De tekst op de knop, vanuit de lezer: 'Ik zoek een ervaringsdeskundige'.", label="Tekst op de knop"
    )
    message: Text = hint(
        "Het begin van het bericht dat de lezer stuurt. De lezer kan het nog aanvullen.",
        label="Eerste zin van het bericht",
    )


class Category(Strict):
    id: Slug = hint("Nooit veranderen: staat in webadressen en op posters.", label="Id")
    title: Name = hint("De naam van de categorie.", label="Titel")
    path: Slug = hint("Het webadres van de categoriepagina. Nooit veranderen.", label="Webadres")
    colour: Colour = hint("De kleur van de categorie (#rrggbb), met genoeg contrast voor witte tekst.", label="Kleur")
    summary: Text = hint("Eén of twee zinnen op de kaart op de startpagina.", label="Korte tekst")
    in_short: InShort = in_short_field()
    question: Name | None = hint(
        "De vraag van de poster, bijvoorbeeld 'Wil jij je ervaring inzetten?'. "
        "Lezers die de QR-code scannen, zien hem bovenaan.",
        label="Vraag op de poster",
        default=None,
    )
    lead: Text | None = hint(
        "Eén of twee zinnen onder de vraag: wat kun je hier doen?", label="Korte tekst onder de vraag", default=None
    )
    explains: Text | None = hint(
        "Een vakwoord dat lezers hier tegenkomen, uitgelegd in één zin, zoals 'Wie "
        "ervaringsdeskundige wil worden, heet ook wel aspirant.'",
        label="Uitleg van een vakwoord",
        default=None,
    )
    action: Action | None = hint("De belangrijkste knop bovenaan de pagina.", label="Knop bovenaan", default=None)
    requests: list[Request] = hint(
        "Vragen die lezers met één tik kunnen sturen, per e-mail of WhatsApp. Ze "
        "komen bovenaan, in plaats van de knop.",
        label="Vragen met één tik",
        default=[],
        max_length=4,
    )
    contact: ContactRoutes | None = hint(
        "Eigen contact voor deze categorie (bijvoorbeeld voor werkgevers). Wat je weglaat, komt uit data/site.yml.",
        label="Eigen contact",
        default=None,
    )
    intro: LongText = hint("De uitleg op de categoriepagina, in Markdown.", label="Inleiding", markdown=True)
    source: Text | None = hint(
        "Waar komen de feiten vandaan? Bijvoorbeeld 'Projectplan 2025, §2.4'.", label="Bron", default=None
    )


def check(item: Item, context: LoadContext) -> list[Problem]:
    contact = item.data.contact
    return person_problems(contact.person if contact else None, item.source, "contact.person", item.entry)


def people(item: Item) -> list[Person]:
    """The category's own contact person (the consent rule: types/privacy.py)."""
    from .privacy import contact_person

    contact = item.data.contact
    return [contact_person(contact.person)] if contact and contact.person else []


def public_view(item: Item, today: dt.date) -> tuple[Item, str | None]:
    """The category as published: its contact person only while shown, with the fields in scope."""
    data = showing_person(item.data, "contact", today)
    return (item if data is item.data else item.replace(data=data)), None


CATEGORIES = ContentType(
    id="categories",
    label="Categorie",
    plural="Categorieën",
    schema=Category,
    source="data/categories.yml",
    key="id",
    item_url="{path}/",
    pages=(LandingPages(),),
    summary="summary",
    withholdable=False,  # the site's structure: a mention of a withdrawn person is taken out instead
    editor_hint="De vier categorieën van de site. Verander Id en Webadres nooit: ze staan in webadressen en op "
    "posters. Schrijf in eenvoudige taal (B1): zinnen van hoogstens 20 woorden, en leg een afkorting "
    "de eerste keer uit.",
    checks=(check,),
    people=people,
    public_view=public_view,
    person_fields=PERSON_FIELDS,  # what a category's contact person may agree to show
)
