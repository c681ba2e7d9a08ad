"""What stories and blogs share: front matter, publication by date, images and placeholders."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from ..core.fields import Date, InShort, Name, RuleViolation, Slug, Strict, Text, hint, in_short_field
from ..core.loading import LoadContext
from ..core.media import ImagePath, image_problems
from ..core.problems import Problem
from ..core.site import Item
from .pages import ItemPages, ListPage

DESCRIPTION_PLACEHOLDER = "Schrijf hier een korte samenvatting."


class Article(Strict):
    """Front matter shared by stories and blogs."""

    title: Name = hint("Titel: kort en duidelijk.", label="Titel")
    date: Date = hint(
        "Datum van publicatie (JJJJ-MM-DD). Een datum in de toekomst: dan verschijnt het pas op die dag.", label="Datum"
    )
    description: Text = hint(
        "Samenvatting in 1 of 2 zinnen. Staat op de kaartjes, in de feed en bij delen.",
        label="Samenvatting",
        placeholder=DESCRIPTION_PLACEHOLDER,
    )
    in_short: InShort = in_short_field()
    categories: list[Slug] = hint(
        "Een of meer categorieën.",
        label="Categorieën",
        relation="categories",
        min_length=1,
        max_length=4,
        example=["aspirant"],
    )
    tags: list[Name] = hint(
        "Onderwerpen, in kleine letters. Bijvoorbeeld [werk, schulden].",
        label="Trefwoorden",
        default=[],
        max_length=20,
        example=[],
    )
    slug: Slug | None = hint(
        "Het webadres; leeg laten: dan is het de bestandsnaam.", label="Webadres (slug)", default=None
    )
    draft: bool = hint(
        "true: nog niet publiceren (een concept). Zet op false als het klaar is.",
        label="Concept (nog niet publiceren)",
        default=False,
        example=True,
    )
    example: bool = hint(
        "true: een verzonnen voorbeeld; de site toont het label 'Voorbeeld'.",
        label="Verzonnen voorbeeld",
        default=False,
    )
    image: ImagePath | None = hint(
        "Afbeelding in content/afbeeldingen/, bijvoorbeeld afbeeldingen/foto.jpg.",
        label="Afbeelding",
        default=None,
        widget="image",
    )
    image_alt: Name | None = hint(
        "Wat staat er op de afbeelding? Voor mensen die hem niet zien.",
        label="Beschrijving van de afbeelding",
        default=None,
    )
    organisations: list[Slug] = hint(
        "Organisaties waar dit over gaat (id's uit data/organisations.yml).",
        label="Organisaties",
        relation="organisations",
        default=[],
        max_length=20,
    )
    source: Text | None = hint(
        "Waar komen de feiten vandaan? Bijvoorbeeld 'Projectplan 2025, §2.4'.", label="Bron", default=None
    )

    @model_validator(mode="after")
    def _image_needs_alt(self) -> Article:
        if self.image and not self.image_alt:
            raise RuleViolation(
                "image_alt",
                "ontbreekt. Bij een afbeelding hoort een korte beschrijving "
                "van wat erop staat, voor mensen die de afbeelding niet zien.",
            )
        return self


LIST = ListPage("overview.html", per_page=12)
PAGES = (LIST, ItemPages("article.html"))


def published(item: Item, today: dt.date) -> str | None:
    if item.data.draft:
        return "Concept"
    if item.data.date > today:
        return "Gepland"
    return None


def check_image(item: Item, context: LoadContext) -> list[Problem]:
    image = item.data.image
    return image_problems(context.root, image, item.source, "image") if image else []


def by_date(item: Item) -> tuple[dt.date, str]:
    return (item.data.date, item.data.title)


def newest_first(item: Item) -> tuple[int, str]:
    return (-item.data.date.toordinal(), item.data.title)
