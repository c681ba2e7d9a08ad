"""Schemas of every content type, each defined once.

Keys follow MkDocs/Material conventions in English; the values editors write are Dutch.
Cross-file references (category ids, authors, image files) are checked in `loader`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class RuleViolation(ValueError):
    """A rule between fields; `field` is the field the editor has to fix."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


class Strict(BaseModel):
    """Unknown keys are errors, so a typo such as `titel` is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(Strict):
    id: Slug
    title: Text
    path: Slug
    summary: Text
    intro: Text


class Author(Strict):
    id: Slug
    name: Text
    role: Text | None = None


class Consent(Strict):
    date: dt.date
    scope: list[str] | None = None
    withdrawn: dt.date | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn is None


class StoryPerson(Strict):
    """The person a story is about: a pseudonym, or a real name only with recorded consent."""

    name: Text
    pseudonym: bool = False
    consent: Consent | None = None

    @model_validator(mode="after")
    def _real_name_needs_consent(self) -> "StoryPerson":
        if not self.pseudonym and self.consent is None:
            raise RuleViolation(
                "name", "een echte naam mag alleen met vastgelegde toestemming. "
                "Zet 'pseudonym: true' bij een schuilnaam, of vul 'consent' in met de datum van de toestemming.")
        return self


class Article(Strict):
    """Front matter shared by stories and blogs."""

    title: Text
    date: dt.date
    description: Text
    categories: list[Slug] = Field(min_length=1)
    tags: list[Text] = []
    slug: Slug | None = None
    draft: bool = False
    example: bool = False
    image: Text | None = None
    image_alt: Text | None = None

    @model_validator(mode="after")
    def _image_needs_alt(self) -> "Article":
        if self.image and not self.image_alt:
            raise RuleViolation(
                "image_alt", "ontbreekt. Bij een afbeelding hoort een korte beschrijving "
                "van wat erop staat, voor mensen die de afbeelding niet zien.")
        return self


class Story(Article):
    person: StoryPerson | None = None


class Blog(Article):
    author: Slug


class SiteSettings(Strict):
    site_url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s/]+(/[^\s]*)?/$")]
    site_name: Text
