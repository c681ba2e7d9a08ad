"""Job profiles (functieprofielen): roles, tasks, competences and pay guidance with source and year."""

from __future__ import annotations

from ..core.fields import Name, Slug, Strict, Text, Year, hint
from .base import Card, ContentType, Place, Section, first_sentence
from .pages import ItemPages, ListPage
from ..core.fields import InShort, in_short_field


class PayGuidance(Strict):
    text: Text = hint("Wat weten we over de betaling? Noem altijd het jaar.", label="Tekst")
    source: Text = hint("De bron, met hoofdstuk of paragraaf.", label="Bron")
    year: Year = hint("Het jaar waarvoor het bedrag of de regel geldt.", label="Jaar")


class JobProfile(Strict):
    slug: Slug = hint("Staat in het webadres; nooit meer veranderen.", label="Webadres (slug)")
    draft: bool = hint(
        "true: alleen in de voorbeeldweergave (make serve).",
        label="Concept (nog niet publiceren)",
        default=False,
        example=True,
    )
    title: Name = hint("De naam van de rol.", label="Titel")
    summary: Text = hint("Korte samenvatting van de rol.", label="Samenvatting")
    in_short: InShort = in_short_field()
    tasks: list[Text] = hint(
        "Wat doet iemand in deze rol? 3 tot 6 korte punten.",
        label="Taken",
        min_length=1,
        max_length=20,
        example=["Een taak"],
    )
    competences: list[Text] = hint(
        "Wat heb je nodig? 3 tot 6 korte punten.",
        label="Wat heb je nodig?",
        min_length=1,
        max_length=20,
        example=["Een vaardigheid"],
    )
    level: Text | None = hint("Welk niveau van ervaringsdeskundigheid?", label="Niveau", default=None, unknown=True)
    training: Text | None = hint("Welke opleiding past erbij?", label="Opleiding", default=None, unknown=True)
    workplaces: list[Name] = hint("Waar werken mensen in deze rol?", label="Werkplekken", default=[], max_length=20)
    career_path: Text | None = hint(
        "Hoe kun je verder groeien? Alleen als een bron het beschrijft.", label="Groeimogelijkheden", default=None
    )
    pay: list[PayGuidance] = hint(
        "Informatie over betaling, elk met bron en jaar.", label="Betaling", default=[], max_length=10
    )
    source: Text | None = hint("Waar komt dit profiel vandaan?", label="Bron", default=None)
    categories: list[Slug] = hint(
        "Een of meer categorieën.",
        label="Categorieën",
        relation="categories",
        min_length=1,
        example=["ervaringsdeskundige", "werkgevers"],
    )


PROFILES = ContentType(
    id="profiles",
    label="Functieprofiel",
    plural="Functieprofielen",
    schema=JobProfile,
    source="data/functieprofielen.yml",
    key="slug",
    list_url="functieprofielen/",
    item_url="functieprofielen/{slug}/",
    description="Rollen en taken van ervaringsdeskundigen, met opleiding en betaling.",
    intro="Een ervaringsdeskundige kan verschillende rollen hebben. Hier lees je per rol wat je doet, "
    "wat je nodig hebt en waar je kunt werken.",
    in_short="Hier lees je welk werk je met je ervaring kunt doen. Bij elk soort werk staat wat je nodig hebt.",
    pages=(ListPage(), ItemPages("profile.html")),
    nav="ervaringsdeskundige",
    section=Section(
        "Welk werk kun je doen?",
        limit=3,
        all_label="Alle functieprofielen",
        card=lambda item, site: Card(text=first_sentence(item.summary)),
        places=(Place("ervaringsdeskundige", order=10, limit=2), Place("werkgevers", "Welke functies zijn er?", 30)),
    ),
    make_new="functieprofiel",
    editor_hint="Soorten werk voor ervaringsdeskundigen. Elk bedrag of elke regel krijgt een bron en een jaar, "
    "in dezelfde zin. Weet je iets niet? Laat het veld leeg; schrijf nooit 'Onbekend'.",
)
