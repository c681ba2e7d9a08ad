"""Training programmes (opleidingen) and short orientation courses, each with its target group."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import model_validator

from ..core.contact import PhoneNumber
from ..core.fields import Email, Name, RuleViolation, Slug, Strict, Text, Url, hint
from ..core.site import Item, Site
from ..core.text import slugify
from .base import Card, ContentType, Fact, Filter, Place, Section
from .pages import ItemPages, ListPage
from ..core.fields import InShort, in_short_field

Level = Literal["MBO 2", "MBO 3", "MBO 4", "Ad", "HBO", "Cursus"]
Form = Literal["BOL", "BBL", "deeltijd", "voltijd"]


class SignUp(Strict):
    """How to sign up at the school itself: its own page, phone or e-mail for new students.
    Only what the school publishes; never a person's own number or address."""

    url: Url | None = hint("De aanmeldpagina van de school, met https://.", label="Aanmeldpagina", default=None)
    phone: PhoneNumber | None = hint(
        "Het telefoonnummer van de school voor aanmelden, zoals 0598 123 456. Nooit een privénummer.",
        label="Telefoon",
        default=None,
    )
    email: Email | None = hint(
        "Het e-mailadres van de school voor aanmelden, zoals aanmelden@school.nl.", label="E-mailadres", default=None
    )

    @model_validator(mode="after")
    def _some_route(self) -> SignUp:
        if not (self.url or self.phone or self.email):
            raise RuleViolation(
                "url",
                "ontbreekt. Noem minstens één: url, phone of email. Weet je het niet? "
                "Laat 'signup' dan weg: de site zegt dan wie in het netwerk helpt.",
            )
        return self


class Programme(Strict):
    slug: Slug = hint("Staat in het webadres; nooit meer veranderen.", label="Webadres (slug)")
    draft: bool = hint(
        "true: alleen in de voorbeeldweergave (make serve).",
        label="Concept (nog niet publiceren)",
        default=False,
        example=True,
    )
    title: Name = hint("De naam van de opleiding.", label="Titel")
    in_short: InShort = in_short_field()
    kind: Literal["opleiding", "orientatie"] = hint(
        "opleiding, of orientatie (een korte cursus).", label="Soort", example="opleiding"
    )
    provider: Name | None = hint("De school of aanbieder.", label="Aanbieder", default=None, unknown=True)
    level: Level | None = hint("MBO 2, MBO 3, MBO 4, Ad, HBO of Cursus.", label="Niveau", default=None, unknown=True)
    form: Form | None = hint("BOL, BBL, deeltijd of voltijd.", label="Vorm", default=None, unknown=True)
    duration: Name | None = hint("Bijvoorbeeld '2 jaar'.", label="Duur", default=None, unknown=True)
    place: Name | None = hint("De plaats.", label="Plaats", default=None, unknown=True)
    regional: bool = hint(
        "true als de opleiding in Groningen of Drenthe is.", label="In Groningen of Drenthe", default=False
    )
    target_group: Text = hint("Voor wie is deze opleiding? Eén of twee zinnen.", label="Voor wie")
    admission: Text | None = hint(
        "Toelating: wie mag beginnen, en hoe meld je je aan?",
        label="Toelating en aanmelden",
        default=None,
        unknown=True,
    )
    costs: Text | None = hint("Kosten en wie ze kan betalen.", label="Kosten", default=None, unknown=True)
    diploma: Name | None = hint(
        "Het diploma of certificaat.", label="Diploma of certificaat", default=None, unknown=True
    )
    url: Url | None = hint("De website van de opleiding, met https://.", label="Website", default=None, unknown=True)
    signup: SignUp | None = hint(
        "Zo meld je je aan bij de school: de aanmeldpagina, het telefoonnummer of het "
        "e-mailadres van de school. Alleen wat de school zelf publiceert. Leeg: de site "
        "zegt wie in het netwerk helpt met aanmelden.",
        label="Aanmelden bij de school",
        default=None,
    )
    organisation: Slug | None = hint(
        "De id van de school in data/organisations.yml, als die partner is.",
        label="Organisatie",
        relation="organisations",
        default=None,
    )
    summary: Text = hint("Korte samenvatting.", label="Samenvatting")
    source: Text = hint("Waar komen deze gegevens vandaan?", label="Bron")
    categories: list[Slug] = hint(
        "Een of meer categorieën.", label="Categorieën", relation="categories", min_length=1, example=["opleiding"]
    )


NOTE = (
    "De lijst van opleidingen buiten onze regio komt uit een overzicht uit Gelderland-Zuid "
    "(ongeveer 2021 tot 2023). Die lijst is misschien niet volledig. Vraag bij de school wat nu geldt."
)


# The list page's filters: where (in the region or elsewhere) and the kind of level.
WHERE = {"regio": "In Groningen en Drenthe", "elders": "Elders in Nederland"}
REGIONAL_SEARCH_WEIGHT = 2.0
LEVEL_KINDS = {"mbo": "mbo", "ad": "Associate degree", "hbo": "hbo, bachelor", "cursus": "Korte cursus"}


def level_label(level: str | None) -> str | None:
    """A programme's level as readers write it: 'MBO 3' -> 'mbo niveau 3', 'HBO' -> 'hbo, bachelor',
    'Ad' -> 'Associate degree' (mbo and hbo in small letters, no unexplained 'Ad')."""
    if not level:
        return level
    kind, _, number = level.partition(" ")
    label = {"MBO": "mbo", "HBO": "hbo, bachelor", "Ad": "Associate degree", "Cursus": "korte cursus"}.get(kind, level)
    return f"{label} niveau {number}" if number else label


def where(programme: Item) -> str:
    return "regio" if programme.regional else "elders"


def level_kind(programme: Item) -> str | None:
    """The filter group of a programme's level ('MBO 3' -> 'mbo'), or None when unknown."""
    if programme.kind == "orientatie" or programme.level == "Cursus":
        return "cursus"
    if not programme.level:
        return None
    return slugify(programme.level.split()[0], fallback="x")


def _list_context(site: Site) -> dict[str, Any]:
    return {
        "where": where,
        "level_kind": level_kind,
        "where_labels": WHERE,
        "level_labels": LEVEL_KINDS,
        "level_label": level_label,
        "regional": [item for item in site.of("programmes") if item.data.regional],
        "elsewhere": [item for item in site.of("programmes") if not item.data.regional],
    }


def _card(programme: Item, site: Site) -> Card:
    meta = " · ".join(
        part for part in (level_label(programme.level), programme.form, programme.duration, programme.place) if part
    )
    lines = ((programme.provider, "In onze regio" if programme.regional else None),) if programme.provider else ()
    return Card(lines=lines + (((meta, None),) if meta else ()))


def regional_first(item: Item) -> tuple[bool, bool, int]:
    return (not item.data.regional, item.data.kind != "opleiding", item.index)


def regional_weight(item: Item) -> float:
    """In the site search, the programmes here come before those elsewhere (render/search.py)."""
    return REGIONAL_SEARCH_WEIGHT if item.data.regional else 1.0


def _only_regional(items: list[Item]) -> list[Item]:
    """On a landing page: the programmes in the region, when there are any."""
    return [item for item in items if item.data.regional] or items


PROGRAMMES = ContentType(
    id="programmes",
    label="Opleiding",
    plural="Opleidingen",
    schema=Programme,
    source="data/opleidingen.yml",
    key="slug",
    list_url="opleidingen/",
    item_url="opleidingen/{slug}/",
    description="Opleidingen en cursussen voor ervaringsdeskundigen, met voor wie ze zijn.",
    intro="Hier vind je opleidingen en korte cursussen. De opleidingen in onze regio staan bovenaan.",
    in_short="Hier vind je scholen en korte cursussen. Die in Groningen en Drenthe staan bovenaan.",
    pages=(
        ListPage(
            "programmes.html",
            context=_list_context,
            note=NOTE,
            filters=(Filter("niveau", lambda p: [kind] if (kind := level_kind(p)) else []),),
        ),
        ItemPages("programme.html", context=lambda item, site: {"level_label": level_label}),
    ),
    facts=(
        Fact("Aanbieder", "provider"),
        Fact("Niveau", "level"),
        Fact("Vorm", "form"),
        Fact("Duur", "duration"),
        Fact("Plaats", "place"),
        Fact("Voor wie", "target_group"),
        Fact("Toelating en aanmelden", "admission"),
        Fact("Kosten en betaling", "costs"),
        Fact("Diploma of certificaat", "diploma"),
        Fact("Website", "url", "link"),
    ),
    nav="opleiding",
    section=Section(
        "Opleidingen in Groningen en Drenthe",
        limit=3,
        pick=_only_regional,
        all_label="Alle opleidingen, ook elders in het land",
        card=_card,
        places=(Place("aspirant", order=20, limit=2), Place("opleiding", order=10)),
    ),
    make_new="opleiding",
    sort_key=regional_first,
    search_weight=regional_weight,
    editor_hint="Opleidingen en korte cursussen. Zet bij elke opleiding voor wie ze is en waar de gegevens "
    "vandaan komen. Weet je iets niet zeker? Laat het veld leeg; schrijf nooit 'Onbekend', en vul "
    "nooit zelf prijzen, toelatingseisen of webadressen in die je niet uit een betrouwbare bron hebt.",
)
