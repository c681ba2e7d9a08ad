"""Working experts at partner organisations, published only with active consent and only with
the fields in its scope (see core.consent). Their photos too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import model_validator

from ..core import consent as consent_rule
from ..core.consent import Consent
from ..core.fields import Email, Name, RuleViolation, Slug, Strict, hint
from ..core.loading import LoadContext
from ..core.media import ImagePath, image_problems
from ..core.privacy import Person
from ..core.problems import Problem
from ..core.site import Item, Site
from .base import Card, ContentType, Filter, Place, Section
from .pages import ListPage

PERSON_FIELDS = ("name", "organisation", "function", "expertise", "region", "email", "phone", "buddy", "photo")
HIDDEN_NAME = "Naam niet gepubliceerd"  # shown instead of a name outside the consent scope
_EMPTY = {"expertise": [], "buddy": False}


class Expert(Strict):
    id: Slug = hint("Nooit veranderen. Alleen kleine letters, cijfers en streepjes, zoals anna-de-vries.", label="Id")
    draft: bool = hint(
        "true: alleen in de voorbeeldweergave (make serve).",
        label="Concept (nog niet publiceren)",
        default=False,
        example=True,
    )
    example: bool = hint("true: een verzonnen voorbeeldpersoon.", label="Verzonnen voorbeeld", default=False)
    name: Name = hint("Voor- en achternaam.", label="Naam")
    organisation: Slug | None = hint(
        "Staat de organisatie er niet bij? Voeg haar eerst toe bij Organisaties.",
        label="Organisatie",
        relation="organisations",
        default=None,
    )
    function: Name | None = hint(
        "De functie, bijvoorbeeld 'Ervaringsdeskundige armoede'.", label="Functie", default=None
    )
    expertise: list[Name] = hint(
        "Onderwerpen, bijvoorbeeld [armoede, schulden].", label="Expertise", default=[], max_length=12
    )
    region: Name | None = hint("Plaats of regio.", label="Regio", default=None)
    email: Email | None = hint("Zakelijk e-mailadres.", label="E-mailadres", default=None)
    phone: Name | None = hint("Zakelijk telefoonnummer.", label="Telefoon", default=None)
    buddy: bool = hint(
        "true als de persoon meeloopmaatje wil zijn: een aspirant mag dan een keer meelopen.",
        label="Wil meeloopmaatje zijn",
        default=False,
    )
    photo: ImagePath | None = hint(
        "Foto in content/afbeeldingen/. Alleen met 'photo' in de toestemming.",
        label="Foto",
        default=None,
        widget="image",
    )
    photo_alt: Name | None = hint("Wat staat er op de foto?", label="Beschrijving van de foto", default=None)
    categories: list[Slug] = hint(
        "Een of meer categorieën.",
        label="Categorieën",
        relation="categories",
        min_length=1,
        example=["ervaringsdeskundige"],
    )
    consent: Consent = hint(
        "Zet iemand alleen op de site met schriftelijke toestemming: de datum, en wat de persoon wil laten zien.",
        label="Toestemming",
    )

    @model_validator(mode="after")
    def _photo_needs_alt(self) -> Expert:
        if self.photo and not self.photo_alt:
            raise RuleViolation("photo_alt", "ontbreekt. Bij een foto hoort een korte beschrijving.")
        return self


def people(item: Item) -> list[Person]:
    expert = item.data
    return [Person(expert.name, expert.consent, email=expert.email, phone=expert.phone, anchor=item.key)]


def check(item: Item, context: LoadContext) -> list[Problem]:
    expert = item.data
    problems = consent_rule.scope_problems(expert.consent, PERSON_FIELDS, item.source, item.entry, today=context.today)
    if expert.photo and not consent_rule.has_ended(expert.consent, context.today):  # not shown: no slip stops the build
        problems += image_problems(context.root, expert.photo, item.source, "photo", item.entry)
    return problems


def public_view(item: Item, today: dt.date) -> tuple[Item, str | None]:
    """The expert with only the fields in the consent scope, or the reason they are left out.
    Without 'name' in scope the anchor id is not derived from the name either."""
    expert = item.data
    reason = consent_rule.status(expert.consent, today)
    if reason:
        return item, reason
    scope = consent_rule.scope_of(expert.consent)
    if not scope:
        return item, "toestemming zonder velden"
    hidden = {name: _EMPTY.get(name) for name in PERSON_FIELDS if name not in scope}
    if "photo" in hidden:
        hidden["photo_alt"] = None
    key = item.key
    if "name" in hidden:
        hidden["name"] = HIDDEN_NAME
        key = f"zonder-naam-{item.index}"  # its place in the file: nothing that leads back to the name
        hidden["id"] = key
    return item.replace(data=expert.model_copy(update=hidden), key=key), None


def _context(site: Site) -> dict[str, Any]:
    from ..core.text import slugify

    experts = site.of("experts")
    organisations = {o.key: o for o in site.of("organisations")}
    return {
        "filters": {
            "expertise": sorted({x for e in experts for x in e.expertise}),
            "organisation": sorted(
                {e.organisation for e in experts if e.organisation in organisations},
                key=lambda key: organisations[key].name,
            ),
            "region": sorted({e.region for e in experts if e.region}),
        },
        "option_labels": {"organisation": {key: org.name for key, org in organisations.items()}},
        "token": lambda value: slugify(value, fallback="x"),
        "public_name": public_name,
        "buddies": [e for e in experts if e.buddy],
    }


def public_name(expert: Item) -> str | None:
    """The expert's name when their consent lets us show it (for a message that names them)."""
    return None if expert.name == HIDDEN_NAME else expert.name


FILTERS = (
    Filter("expertise", lambda e: e.expertise),
    Filter("organisation", lambda e: [e.organisation] if e.organisation else []),
    Filter("region", lambda e: [e.region] if e.region else []),
    Filter("buddy", lambda e: ["ja"]),
)


def _card(expert: Item, site: Site) -> Card:
    organisation = site.get("organisations", expert.organisation) if expert.organisation else None
    meta = " · ".join(
        part for part in (expert.function, organisation.name if organisation else None, expert.region) if part
    )
    lines = ((meta, None),) if meta else ()
    return Card(lines=lines + ((("", "Wil meeloopmaatje zijn"),) if expert.buddy else ()))


def _buddies_first(items: list[Item]) -> list[Item]:
    """On a landing page: first the people an aspirant may walk along with."""
    return sorted(items, key=lambda item: not getattr(item.data, "buddy", False))


EXPERTS = ContentType(
    id="experts",
    label="Ervaringsdeskundige",
    plural="Ervaringsdeskundigen",
    schema=Expert,
    source="data/experts.yml",
    key="id",
    list_url="ervaringsdeskundigen/",
    item_url="ervaringsdeskundigen/#{id}",
    list_title="Ervaringsdeskundigen in het netwerk",
    in_short="Hier staan mensen die al werken met hun ervaring. Je kunt zoeken wie bij je past.",
    description="Overzicht van ervaringsdeskundigen bij de partners, met expertise en meeloopmaatjes.",
    pages=(ListPage("experts.html", context=_context, filters=FILTERS),),
    summary="function",
    title_attribute="name",
    nav="ervaringsdeskundige",
    section=Section(
        "Collega's in het netwerk",
        limit=3,
        pick=_buddies_first,
        all_label="Alle ervaringsdeskundigen",
        card=_card,
        places=(
            Place("aspirant", "Loop mee met een ervaringsdeskundige", order=30, limit=2),
            Place("ervaringsdeskundige", order=30),
        ),
    ),
    make_new="ervaringsdeskundige",
    search=False,
    examples=True,
    editor_hint="Ervaringsdeskundigen bij de partners. Zet iemand alleen op de site met schriftelijke "
    "toestemming, en toon alleen wat de persoon koos bij 'Wat mogen we tonen?'. Verzonnen voorbeelden "
    "krijgen 'Verzonnen voorbeeld' aan en een e-mailadres op example.org, nooit een telefoonnummer.",
    checks=(check,),
    public_view=public_view,
    person_fields=PERSON_FIELDS,
    people=people,
    # Consent is a fact the person supplies: `make new` leaves it for the editor to fill in.
    scaffold_extra="""\
# Toestemming (verplicht). Vul in wat de persoon schriftelijk gaf:
#   date:  de datum van de toestemming, zoals 2025-04-01;
#   scope: wat we mogen tonen. Kies uit: name, organisation, function, expertise, region,
#          email, phone, buddy, photo. Bijvoorbeeld [name, organisation, function].
consent:
  date:
  scope:""",
)
