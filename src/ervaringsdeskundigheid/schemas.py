"""Schemas of every content type, each defined once.

Keys follow MkDocs/Material conventions in English; the values editors write are Dutch.
Cross-file references (category ids, authors, image files) are checked in `loader`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

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
    source: Text | None = None          # documents behind the facts in the intro


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
    organisations: list[Slug] = []      # ids in data/organisations.yml this item is about
    source: Text | None = None          # documents behind the facts, e.g. "Projectplan 2025, §2.4"

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


# --- Data files (data/*.yml). Every item declares its categories. ---

Categories = Annotated[list[Slug], Field(min_length=1)]
OptionalText = Text | None


class Organisation(Strict):
    id: Slug
    draft: bool = False                 # true: only in the preview (make serve)
    example: bool = False               # a made-up organisation for the example people
    name: Text
    sector: OptionalText = None
    description: OptionalText = None
    how: OptionalText = None
    location: OptionalText = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    contact: OptionalText = None
    source: OptionalText = None
    categories: Categories


class Programme(Strict):
    slug: Slug
    draft: bool = False                 # true: only in the preview (make serve)
    title: Text
    kind: Literal["opleiding", "orientatie"]
    provider: OptionalText = None
    level: Literal["MBO 2", "MBO 3", "MBO 4", "Ad", "HBO", "Cursus"] | None = None
    form: Literal["BOL", "BBL", "deeltijd", "voltijd"] | None = None
    duration: OptionalText = None
    place: OptionalText = None
    regional: bool = False
    target_group: Text
    admission: OptionalText = None
    costs: OptionalText = None
    diploma: OptionalText = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    organisation: Slug | None = None    # id in data/organisations.yml, when the provider is a partner
    summary: Text
    source: Text
    categories: Categories


class PayGuidance(Strict):
    text: Text
    source: Text
    year: int


class JobProfile(Strict):
    slug: Slug
    draft: bool = False                 # true: only in the preview (make serve)
    title: Text
    summary: Text
    tasks: list[Text] = Field(min_length=1)
    competences: list[Text] = Field(min_length=1)
    level: OptionalText = None
    training: OptionalText = None
    workplaces: list[Text] = []
    career_path: OptionalText = None
    pay: list[PayGuidance] = []
    source: OptionalText = None
    categories: Categories


EXPERT_FIELDS = ("name", "organisation", "function", "expertise", "region", "email", "phone", "buddy", "photo")


class Expert(Strict):
    id: Slug
    draft: bool = False                 # true: only in the preview (make serve)
    example: bool = False
    name: Text
    organisation: Slug
    function: OptionalText = None
    expertise: list[Text] = []
    region: OptionalText = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    phone: OptionalText = None
    buddy: bool = False
    photo: OptionalText = None
    photo_alt: OptionalText = None
    categories: Categories
    consent: Consent | None = None

    @model_validator(mode="after")
    def _photo_needs_alt(self) -> "Expert":
        if self.photo and not self.photo_alt:
            raise RuleViolation("photo_alt", "ontbreekt. Bij een foto hoort een korte beschrijving.")
        return self


class Question(Strict):
    id: Slug
    question: Text
    answer: Text
    source: OptionalText = None
    categories: Categories


class ChecklistSection(Strict):
    title: Text
    items: list[Text] = Field(min_length=1)


class Checklist(Strict):
    slug: Slug
    title: Text
    intro: Text
    categories: Categories
    sections: list[ChecklistSection] = Field(min_length=1)
    source: OptionalText = None


class MonitorYear(Strict):
    """One year of the project monitor. `at_work` only when the monitor counted it at the end of the year."""

    year: int
    at_work: int | None = Field(default=None, ge=0)
    expected: bool = False                      # the year's figures are an expectation, not a count
    organisations_asked: int | None = Field(default=None, ge=0)
    organisations_responded: int | None = Field(default=None, ge=0)
    new_hires_expected_min: int | None = Field(default=None, ge=0)   # "at least N new hires expected"
    source: OptionalText = None

    @model_validator(mode="after")
    def _expected_year_has_no_count(self) -> "MonitorYear":
        if self.expected and self.at_work is not None:
            raise RuleViolation("at_work", (
                "hoort niet bij een verwachting. Tel alleen wat de projectmonitor echt geteld heeft. "
                "Schrijf voor een verwachting bijvoorbeeld 'new_hires_expected_min: 24'."))
        if None not in (self.organisations_asked, self.organisations_responded) \
                and self.organisations_responded > self.organisations_asked:
            raise RuleViolation("organisations_responded", "kan niet groter zijn dan organisations_asked.")
        return self


class MonitorFact(Strict):
    label: Text
    value: Text
    source: OptionalText = None


class IndicatorValue(Strict):
    year: int                                   # the end of this year
    value: float = Field(ge=0)
    count: int | None = Field(default=None, ge=0)   # e.g. 16 organisations ...
    total: int | None = Field(default=None, ge=0)   # ... of the 31 that answered


class Indicator(Strict):
    """A number per year that the site can chart, e.g. the share of organisations that know the project."""

    label: Text
    unit: Literal["%", "aantal"]
    values: list[IndicatorValue] = Field(min_length=1)
    source: Text
    note: OptionalText = None


class Monitor(Strict):
    source: Text
    goal: int = Field(ge=0)
    ambition: int = Field(ge=0)
    years: list[MonitorYear] = Field(min_length=1)
    indicators: list[Indicator] = []
    facts: list[MonitorFact] = []


class MenuStep(Strict):
    slug: Slug
    title: Text
    text: Text
    opleidingen: list[Slug] = []
    functieprofielen: list[Slug] = []
    buddies: bool = False
    source: OptionalText = None
    categories: Categories


class GlossaryTerm(Strict):
    """A word or abbreviation readers may not know, explained in plain Dutch (data/begrippen.yml)."""

    term: Text
    full: OptionalText = None                   # the written-out form of an abbreviation
    explanation: Text
    abbreviation: bool = False
    forms: list[Text] = []                      # other spellings in texts, e.g. "mbo" for "MBO"
