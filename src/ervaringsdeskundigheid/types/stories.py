"""Stories (verhalen): Markdown files in content/stories/, about a person who is named by a
pseudonym, or by their real name only with active consent and within its scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import model_validator

from ..core import consent as consent_rule
from ..core.consent import Consent
from ..core.fields import Name, RuleViolation, Strict, hint
from ..core.loading import LoadContext
from ..core.privacy import Person
from ..core.problems import Problem
from ..core.site import Item
from . import articles
from .base import ContentType

PERSON_FIELDS = ("name", "photo")
NAME_PLACEHOLDER = "Schuilnaam"


class StoryPerson(Strict):
    """The person a story is about: a pseudonym, or a real name only with recorded consent."""

    name: Name = hint(
        "Een schuilnaam (pseudonym: true), of een echte naam alleen met toestemming.",
        label="Naam of schuilnaam",
        placeholder=NAME_PLACEHOLDER,
    )
    pseudonym: bool = hint("true: de naam is verzonnen.", label="Dit is een schuilnaam", default=False, example=True)
    consent: Consent | None = hint(
        "Toestemming voor een echte naam: datum, en in scope [name].", label="Toestemming", default=None
    )

    @model_validator(mode="after")
    def _real_name_needs_consent(self) -> StoryPerson:
        if not self.pseudonym and self.consent is None:
            raise RuleViolation(
                "name",
                "een echte naam mag alleen met vastgelegde toestemming. Is het een schuilnaam? Zet dan "
                "'Dit is een schuilnaam' aan (pseudonym: true). Is het de echte naam? Vul dan 'Toestemming' in "
                "(consent): de datum en wat we mogen tonen.",
            )
        return self


SCAFFOLD_PERSON = f"""\
# Over wie gaat het? Een schuilnaam (pseudonym: true), of een echte naam alleen met toestemming:
#   person: {{name: "Echte Naam", consent: {{date: 2025-04-01, scope: [name]}}}}
person:
  name: {NAME_PLACEHOLDER}
  pseudonym: true"""


class Story(articles.Article):
    person: StoryPerson | None = hint("Over wie gaat het verhaal?", label="Over wie gaat het?", default=None)


def people(item: Item) -> list[Person]:
    """The person the story is about, unless the name is a pseudonym without consent."""
    person = item.data.person
    if person is None or person.pseudonym and person.consent is None:
        return []
    return [Person(person.name, person.consent)]


def check_person(item: Item, context: LoadContext) -> list[Problem]:
    person = item.data.person
    if person is None:
        return []
    return consent_rule.scope_problems(
        person.consent, PERSON_FIELDS, item.source, None, "person.consent", today=context.today
    )


def public_view(item: Item, today: dt.date) -> tuple[Item, str | None]:
    """A real name is shown only with active consent and with 'name' in its scope, the story's
    image (the person's photo) only with 'photo'; without active consent the story is not
    published at all."""
    person = item.data.person
    if person is None or person.pseudonym and person.consent is None:
        return item, None
    reason = consent_rule.status(person.consent, today)
    if reason:
        return item, reason
    scope = consent_rule.scope_of(person.consent)
    update: dict[str, Any] = {}
    if "name" not in scope:
        update["person"] = person.model_copy(update={"name": "naam niet gepubliceerd", "pseudonym": False})
    if "photo" not in scope and item.data.image:  # the story's image shows the person: page, share image, feeds
        update.update(image=None, image_alt=None)
    return (item.replace(data=item.data.model_copy(update=update)) if update else item), None


STORIES = ContentType(
    id="stories",
    label="Verhaal",
    plural="Verhalen",
    schema=Story,
    source="content/stories",
    list_url="verhalen/",
    item_url="verhalen/{slug}/",
    description="Alle verhalen over ervaringsdeskundigheid.",
    in_short="Hier lees je verhalen over werken met je ervaring.",
    pages=articles.PAGES,
    summary="description",
    article=True,
    make_new="verhaal",
    published=articles.published,
    sort_key=articles.newest_first,
    examples=True,
    editor_hint="Verhalen van en over ervaringsdeskundigen. Gebruik een schuilnaam, of een echte naam "
    "alleen met toestemming.",
    checks=(articles.check_image, check_person),
    person_fields=PERSON_FIELDS,
    public_view=public_view,
    people=people,
    body_template="\nSchrijf hier het verhaal. Gebruik korte zinnen.\n\n## Een tussenkop\n\nMeer tekst.\n",
    body_placeholders=("Schrijf hier het verhaal.",),
    scaffold_extra=SCAFFOLD_PERSON,
)
