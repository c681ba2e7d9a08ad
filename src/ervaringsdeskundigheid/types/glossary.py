"""Words and abbreviations readers may not know, explained once and used everywhere
(<abbr> on first use, and a glossary page)."""

from __future__ import annotations

from ..core.fields import Name, Strict, Text, hint
from ..core.site import Item
from .base import ContentType
from .pages import ListPage


class GlossaryTerm(Strict):
    term: Name = hint("Het woord of de afkorting, zoals 'MBO' of 'jobcarving'.", label="Woord of afkorting")
    full: Name | None = hint("Voluit, voor een afkorting: 'middelbaar beroepsonderwijs'.", label="Voluit", default=None)
    explanation: Text = hint("Uitleg in één of twee korte zinnen (B1).", label="Uitleg")
    abbreviation: bool = hint("true voor een afkorting.", label="Afkorting", default=False)
    forms: list[Name] = hint(
        "Andere schrijfwijzen in teksten, zoals 'mbo' voor 'MBO'.",
        label="Andere schrijfwijzen",
        default=[],
        max_length=10,
    )
    source: Text | None = hint("Waar komt de uitleg vandaan?", label="Bron", default=None)


def explained_forms(term: Item) -> dict[str, str]:
    """An abbreviation explains itself in all its written forms."""
    if not term.data.abbreviation:
        return {}
    return {form: term.data.full or term.data.explanation for form in (term.data.term, *term.data.forms)}


def alphabetical(item: Item) -> str:
    return str(item.data.term).lower()


GLOSSARY = ContentType(
    id="glossary",
    label="Begrip",
    plural="Begrippen",
    schema=GlossaryTerm,
    source="data/begrippen.yml",
    key="term",
    list_url="begrippen/",
    item_url="begrippen/#{term}",
    list_title="Begrippen en afkortingen",
    description="Wat betekenen de woorden en afkortingen op deze site? Korte uitleg in gewone taal.",
    intro="Hier staan woorden en afkortingen die vaak voorkomen, met een korte uitleg.",
    in_short="Hier staan moeilijke woorden en afkortingen. Bij elk woord staat wat het betekent.",
    pages=(ListPage("glossary.html"),),
    summary="explanation",
    title_attribute="term",
    sort_key=alphabetical,
    search=False,
    optional=True,
    terms=explained_forms,
    source_hint=False,  # explanations of words, not claims
    editor_hint="Woorden en afkortingen met een korte uitleg. Gebruik je een afkorting uit deze lijst in een "
    "tekst? Leg hem uit waar hij op een pagina voor het eerst staat, bijvoorbeeld 'middelbaar "
    "beroepsonderwijs (mbo)'.",
)
