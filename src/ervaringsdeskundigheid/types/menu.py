"""The menukaart: the route from own experience via orientation, training and a meeloopmaatje to work."""

from __future__ import annotations

from ..core.fields import Name, Slug, Strict, Text, hint
from .base import ContentType, Place, Section
from .pages import ListPage


class MenuStep(Strict):
    slug: Slug = hint("Nooit veranderen: staat in het webadres.", label="Webadres (slug)")
    title: Name = hint("De stap, vanuit de lezer: 'Ik kijk wat bij me past'.", label="Stap")
    text: Text = hint("2 tot 4 korte zinnen in eenvoudige taal (B1).", label="Tekst", markdown=True)
    opleidingen: list[Slug] = hint(
        "Opleidingen die bij deze stap passen.", label="Opleidingen", relation="programmes", default=[]
    )
    functieprofielen: list[Slug] = hint(
        "Werk dat bij deze stap past.", label="Functieprofielen", relation="profiles", default=[]
    )
    buddies: bool = hint(
        "true: toon de ervaringsdeskundigen die meeloopmaatje willen zijn.", label="Meeloopmaatjes tonen", default=False
    )
    source: Text | None = hint("Waar komt deze stap vandaan?", label="Bron", default=None)
    categories: list[Slug] = hint("Een of meer categorieën.", label="Categorieën", relation="categories", min_length=1)


MENU = ContentType(
    id="menu",
    label="Stap",
    plural="Menukaart",
    schema=MenuStep,
    source="data/menukaart.yml",
    key="slug",
    list_url="menukaart/",
    item_url="menukaart/#{slug}",
    list_title="Menukaart: van ervaring naar werk",
    description="De route van eigen ervaring via oriëntatie, opleiding en een meeloopmaatje naar werk.",
    intro="Van je eigen ervaring naar werk als ervaringsdeskundige gaat in stappen. Je hoeft niet alles "
    "tegelijk te doen. Begin waar jij nu bent.",
    in_short="Van ervaring naar werk gaat in stappen. Begin bij de stap waar je nu bent.",
    pages=(ListPage("menu.html", context=lambda site: {"buddies": [e for e in site.of("experts") if e.buddy]}),),
    summary="text",
    nav="aspirant",
    section=Section(
        "Van ervaring naar werk, stap voor stap",
        limit=8,
        style="steps",
        whole=True,
        all_label="Lees meer over elke stap op de menukaart",
        places=(Place("aspirant", order=10), Place("opleiding", "Waar past een opleiding in jouw route?", 20)),
    ),
    editor_hint="De stappen van ervaring naar werk. De volgorde hier is de volgorde op de site.",
)
