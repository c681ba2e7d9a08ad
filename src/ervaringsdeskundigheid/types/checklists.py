"""Checklists for teams and the self-check for aspirants, printable."""

from __future__ import annotations

from pydantic import Field

from ..core.fields import InShort, Name, Slug, Strict, Text, hint, in_short_field
from .base import Card, ContentType, Place, Section, first_sentence
from .pages import ItemPages, ListPage


class ChecklistSection(Strict):
    title: Name = hint("De kop van dit onderdeel.", label="Titel")
    items: list[Text] = Field(
        min_length=1, max_length=40, description="De punten om na te lopen.", json_schema_extra={"label": "Punten"}
    )


class Checklist(Strict):
    slug: Slug = hint("Staat in het webadres; nooit meer veranderen.", label="Webadres (slug)")
    draft: bool = hint(
        "true: alleen in de voorbeeldweergave (make serve).", label="Concept (nog niet publiceren)", default=False
    )
    title: Name = hint("De titel van de checklist.", label="Titel")
    intro: Text = hint("Een korte inleiding.", label="Korte inleiding")
    in_short: InShort = in_short_field()
    categories: list[Slug] = hint(
        "Een of meer categorieën; de eerste bepaalt waar hij in het menu staat.",
        label="Categorieën",
        relation="categories",
        min_length=1,
    )
    sections: list[ChecklistSection] = Field(
        min_length=1, max_length=20, description="De onderdelen.", json_schema_extra={"label": "Onderdelen"}
    )
    source: Text | None = hint("Waar komen de punten vandaan?", label="Bron", default=None)


CHECKLISTS = ContentType(
    id="checklists",
    label="Checklist",
    plural="Checklists",
    schema=Checklist,
    source="data/checklists.yml",
    key="slug",
    list_url="checklists/",
    item_url="checklists/{slug}/",
    description="Checklists voor teams en een zelfcheck voor aspirant-ervaringsdeskundigen.",
    in_short="Hier staan lijsten om samen na te lopen. Je kunt ze ook afdrukken.",
    pages=(ListPage(), ItemPages("checklist.html")),
    summary="intro",
    nav_items=True,
    section=Section(
        "Checklists",
        limit=1,
        all_label="Alle checklists",
        card=lambda item, site: Card(text=first_sentence(item.intro)),
        places=(
            Place("aspirant", "Past dit werk bij jou?", 40),
            Place("ervaringsdeskundige", "Goed starten in je werk", 20),
            Place("werkgevers", "Zo bereid je je team voor", 45),
        ),
    ),  # a resource, not the next step
    editor_hint="Checklists om na te lopen, ook op papier.",
)
