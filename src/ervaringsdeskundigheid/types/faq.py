"""Frequently asked questions, shown in full and per category."""

from __future__ import annotations

from typing import Any

from ..core.fields import InShort, LongText, Name, Slug, Strict, Text, hint, in_short_field
from ..core.site import Item, Site
from .base import ContentType, Section
from .pages import ListPage, markdown_text


class Question(Strict):
    id: Slug = hint("Nooit veranderen: staat in het webadres.", label="Id")
    draft: bool = hint(
        "true: alleen in de voorbeeldweergave (make serve).", label="Concept (nog niet publiceren)", default=False
    )
    question: Name = hint("De vraag, zoals een lezer hem stelt.", label="Vraag")
    in_short: InShort = in_short_field()
    answer: LongText = hint(
        "Het antwoord in Markdown, 40 tot 120 woorden, in eenvoudige taal (B1).", label="Antwoord", markdown=True
    )
    source: Text | None = hint(
        "Waar komt het antwoord vandaan? Bijvoorbeeld 'Projectplan 2025, §2.4'.", label="Bron", default=None
    )
    categories: list[Slug] = hint("Een of meer categorieën.", label="Categorieën", relation="categories", min_length=1)


def _groups(site: Site) -> dict[str, Any]:
    """The questions grouped by their first category, in the categories' order."""
    groups = []
    for category in site.categories:
        chosen = [q for q in site.of("faq") if q.categories[0] == category.key]
        if chosen:
            groups.append({"id": category.key, "title": category.title, "questions": chosen, "primary": True})
    return {"groups": groups, "structured_data": faq_page(site.of("faq"))}


def faq_page(questions: list[Item]) -> dict[str, Any] | None:
    """schema.org FAQPage: every question with its answer as plain text (for search engines)."""
    if not questions:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": q.question,
                "acceptedAnswer": {"@type": "Answer", "text": " ".join(markdown_text(q.answer).split())},
            }
            for q in questions
        ],
    }


FAQ = ContentType(
    id="faq",
    label="Vraag",
    plural="Veelgestelde vragen",
    schema=Question,
    source="data/faq.yml",
    key="id",
    list_url="veelgestelde-vragen/",
    item_url="veelgestelde-vragen/#{id}",
    description="Antwoorden op vragen over ervaringsdeskundigheid: diploma, betaling, uitkering en meer.",
    in_short="Hier staan vragen die mensen vaak stellen. Tik op een vraag om het antwoord te lezen.",
    pages=(ListPage("faq.html", context=_groups),),
    summary=None,
    title_attribute="question",
    nav="aspirant",
    section=Section(
        "Veelgestelde vragen",
        limit=6,
        style="faq",
        order=90,  # always last
        all_label="Alle veelgestelde vragen",
    ),
    editor_hint="Veelgestelde vragen met een kort antwoord in eenvoudige taal (B1): zinnen van hoogstens 20 "
    "woorden. Een bedrag staat altijd in dezelfde zin als het jaar, met waar de lezer de regel van nu "
    "vindt (Belastingdienst, gemeente of UWV).",
)
