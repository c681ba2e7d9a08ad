"""Frequently asked questions, shown in full and per category."""

from __future__ import annotations

from ..core.fields import InShort, LongText, Name, Slug, Strict, Text, hint, in_short_field
from .base import ContentType, Section


class Question(Strict):
    id: Slug = hint("Nooit veranderen: staat in het webadres.")
    draft: bool = hint("true: alleen in de voorbeeldweergave (make serve).", default=False)
    question: Name = hint("De vraag, zoals een lezer hem stelt.")
    in_short: InShort = in_short_field()
    answer: LongText = hint("Het antwoord in Markdown, 40 tot 120 woorden, in eenvoudige taal (B1).",
                            markdown=True)
    source: Text | None = hint("Waar komt het antwoord vandaan? Bijvoorbeeld 'Projectplan 2025, §2.4'.",
                               default=None)
    categories: list[Slug] = hint("Een of meer categorieën.", relation="categories", min_length=1)


FAQ = ContentType(
    id="faq", label="Vraag", plural="Veelgestelde vragen", schema=Question, source="data/faq.yml", key="id",
    list_url="veelgestelde-vragen/", item_url="veelgestelde-vragen/#{id}",
    description="Antwoorden op vragen over ervaringsdeskundigheid: diploma, betaling, uitkering en meer.",
    list_template="faq.html", summary=None, title_attribute="question",
    in_short="Hier staan vragen die mensen vaak stellen. Tik op een vraag om het antwoord te lezen.",
    nav="aspirant", section=Section("Veelgestelde vragen", limit=6, style="faq", order=90,   # always last
                                    all_label="Alle veelgestelde vragen"),
    editor_hint="Veelgestelde vragen met een kort antwoord in eenvoudige taal.",
)
