"""Words and abbreviations readers may not know, explained once and used everywhere
(<abbr> on first use, and a glossary page)."""

from __future__ import annotations

from ..core.fields import Name, Strict, Text, hint
from .base import ContentType


class GlossaryTerm(Strict):
    term: Name = hint("Het woord of de afkorting, zoals 'MBO' of 'jobcarving'.")
    full: Name | None = hint("Voluit, voor een afkorting: 'middelbaar beroepsonderwijs'.", default=None)
    explanation: Text = hint("Uitleg in één of twee korte zinnen (B1).")
    abbreviation: bool = hint("true voor een afkorting.", default=False)
    forms: list[Name] = hint("Andere schrijfwijzen in teksten, zoals 'mbo' voor 'MBO'.", default=[], max_length=10)
    source: Text | None = hint("Waar komt de uitleg vandaan?", default=None)


def alphabetical(item):
    return item.data.term.lower()


GLOSSARY = ContentType(
    id="glossary", label="Begrip", plural="Begrippen", schema=GlossaryTerm, source="data/begrippen.yml",
    key="term", list_url="begrippen/", item_url="begrippen/#{term}", list_title="Begrippen en afkortingen",
    description="Wat betekenen de woorden en afkortingen op deze site? Korte uitleg in gewone taal.",
    intro="Hier staan woorden en afkortingen die vaak voorkomen, met een korte uitleg.",
    in_short="Hier staan moeilijke woorden en afkortingen. Bij elk woord staat wat het betekent.",
    list_template="glossary.html", summary="explanation", title_attribute="term",
    sort_key=alphabetical, search=False,
    editor_hint="Woorden en afkortingen met een korte uitleg.",
    extra={"optional": True, "source_hint": False},   # explanations of words, not claims
)
