"""Checklists for teams and the self-check for aspirants, printable."""

from __future__ import annotations

from pydantic import Field

from ..core.fields import InShort, Name, Slug, Strict, Text, hint, in_short_field
from .base import ContentType, Place, Section


class ChecklistSection(Strict):
    title: Name = hint("De kop van dit onderdeel.")
    items: list[Text] = Field(min_length=1, max_length=40, description="De punten om na te lopen.")


class Checklist(Strict):
    slug: Slug = hint("Staat in het webadres; nooit meer veranderen.")
    draft: bool = hint("true: alleen in de voorbeeldweergave (make serve).", default=False)
    title: Name = hint("De titel van de checklist.")
    intro: Text = hint("Een korte inleiding.")
    in_short: InShort = in_short_field()
    categories: list[Slug] = hint("Een of meer categorieën; de eerste bepaalt waar hij in het menu staat.",
                                  relation="categories", min_length=1)
    sections: list[ChecklistSection] = Field(min_length=1, max_length=20, description="De onderdelen.")
    source: Text | None = hint("Waar komen de punten vandaan?", default=None)


CHECKLISTS = ContentType(
    id="checklists", label="Checklist", plural="Checklists", schema=Checklist, source="data/checklists.yml",
    key="slug", list_url="checklists/", item_url="checklists/{slug}/",
    description="Checklists voor teams en een zelfcheck voor aspirant-ervaringsdeskundigen.",
    in_short="Hier staan lijsten om samen na te lopen. Je kunt ze ook afdrukken.",
    item_template="checklist.html", summary="intro",
    section=Section("Checklists", limit=1, all_label="Alle checklists",
                    places=(Place("aspirant", "Past dit werk bij jou?", 40),
                            Place("ervaringsdeskundige", "Goed starten in je werk", 20),
                            Place("werkgevers", "Zo bereid je je team voor", 10))),
    editor_hint="Checklists om na te lopen, ook op papier.",
    extra={"nav_by_first_category": True},
)
