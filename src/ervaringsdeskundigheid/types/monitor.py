"""The project monitor: experts at work per year against the goal and the ambition, and the
monitor's other figures. One group of fields, not a list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..core.fields import Count, Name, RuleViolation, Strict, Text, Year, hint
from .base import ContentType, Place, Section

Value = Annotated[float, Field(ge=0, le=1_000_000)]


class MonitorYear(Strict):
    year: Year = hint("Het jaar (de telling is van het eind van het jaar).")
    at_work: Count | None = hint("Het getelde aantal ervaringsdeskundigen in dienst. Alleen een echte telling.",
                                 default=None)
    expected: bool = hint("true: het getal is een verwachting, nog geen telling.", default=False)
    organisations_asked: Count | None = hint("Aan hoeveel organisaties de vragenlijst ging.", default=None)
    organisations_responded: Count | None = hint("Hoeveel organisaties de vragenlijst invulden.", default=None)
    new_hires_expected_min: Count | None = hint("Minstens zoveel nieuwe ervaringsdeskundigen verwacht.",
                                                default=None)
    note: Text | None = hint("Een korte toelichting bij dit jaar.", default=None)
    source: Text | None = hint("De bron van de cijfers van dit jaar.", default=None)

    @model_validator(mode="after")
    def _counted_or_expected(self):
        if self.expected and self.at_work is not None:
            raise RuleViolation("at_work", (
                "hoort niet bij een verwachting. Tel alleen wat de projectmonitor echt geteld heeft. "
                "Schrijf voor een verwachting bijvoorbeeld 'new_hires_expected_min: 24'."))
        if self.at_work is None and self.new_hires_expected_min is None and self.note is None:
            raise RuleViolation("at_work", "ontbreekt. Vul het getelde aantal in, of 'new_hires_expected_min' "
                                           "voor een verwachting.")
        if None not in (self.organisations_asked, self.organisations_responded) \
                and self.organisations_responded > self.organisations_asked:
            raise RuleViolation("organisations_responded", "kan niet groter zijn dan organisations_asked.")
        return self


class MonitorFact(Strict):
    label: Name = hint("Wat het cijfer is.")
    value: Text = hint("Het cijfer, als tekst.")
    source: Text | None = hint("De bron, als die anders is dan die van de monitor.", default=None)


class IndicatorValue(Strict):
    year: Year = hint("Het jaar (eind van het jaar).")
    value: Value = hint("De waarde.")
    count: Count | None = hint("Het aantal, bijvoorbeeld 16 organisaties ...", default=None)
    total: Count | None = hint("... van de 31 die antwoordden.", default=None)


class Indicator(Strict):
    """A number per year the site charts, e.g. the share of organisations that know the project."""

    label: Name = hint("Wat er gemeten is, bijvoorbeeld 'Organisaties die het project kennen'.")
    unit: Literal["%", "aantal"] = hint("'%' of 'aantal'.")
    values: list[IndicatorValue] = Field(min_length=1, max_length=30, description="De waarde per jaar.")
    source: Text = hint("De bron.")
    note: Text | None = hint("Een korte toelichting.", default=None)


class Monitor(Strict):
    source: Text = hint("Waar komen de cijfers vandaan?")
    goal: Count = hint("Het doel: zoveel ervaringsdeskundigen met vast werk.")
    ambition: Count = hint("De ambitie.")
    years: list[MonitorYear] = Field(min_length=1, max_length=50, description=(
        "De telling per jaar, het oudste jaar eerst. Elk jaar van de projectmonitor komt erbij."))
    facts: list[MonitorFact] = hint("Andere cijfers, als tekst.", default=[], max_length=40)
    indicators: list[Indicator] = hint("Andere cijfers per jaar, voor kleine grafieken.", default=[],
                                       max_length=20)


MONITOR = ContentType(
    id="monitor", label="Cijfers", plural="Cijfers", schema=Monitor, source="data/monitor.yml", key=None,
    list_url="cijfers/", list_title="Cijfers",
    in_short="Elk jaar vraagt het project hoeveel mensen met hun ervaring werken. Hier zie je die cijfers.",
    description="Hoeveel ervaringsdeskundigen er aan het werk zijn, tegen het doel en de ambitie.",
    list_template="figures.html", summary=None, title_attribute="source",
    nav="werkgevers", search=True,
    section=Section("Aan het werk in het netwerk", limit=1, style="figure", all_label="Bekijk alle cijfers",
                    places=(Place("werkgevers", order=20),)),
    editor_hint="De cijfers van de projectmonitor. Alleen getelde aantallen uit de monitor.",
)
