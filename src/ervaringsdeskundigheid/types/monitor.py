"""The project monitor: experts at work per year against the goal and the ambition, and the
monitor's other figures. One group of fields, not a list."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from ..core.fields import Count, Name, RuleViolation, Strict, Text, Year, hint
from ..core.site import Item, Site
from .base import HOME_PLACE, ContentType, Place, Section
from .pages import ListPage

Value = Annotated[float, Field(ge=0, le=1_000_000)]


class MonitorYear(Strict):
    year: Year = hint("Het jaar (de telling is van het eind van het jaar).", label="Jaar")
    at_work: Count | None = hint(
        "Het getelde aantal ervaringsdeskundigen in dienst, eind van het jaar. Alleen een echte telling, "
        "bij de organisaties die de vragenlijst invulden.",
        label="Aantal aan het werk",
        default=None,
    )
    expected: bool = hint("true: het getal is een verwachting, nog geen telling.", label="Verwachting", default=False)
    organisations_asked: Count | None = hint(
        "Aan hoeveel organisaties de vragenlijst ging.", label="Organisaties gevraagd", default=None
    )
    organisations_responded: Count | None = hint(
        "Hoeveel organisaties de vragenlijst invulden.", label="Organisaties die antwoordden", default=None
    )
    new_hires_expected_min: Count | None = hint(
        "Minstens zoveel nieuwe ervaringsdeskundigen verwacht.",
        label="Verwachte nieuwe ervaringsdeskundigen (minstens)",
        default=None,
    )
    note: Text | None = hint("Een korte toelichting bij dit jaar.", label="Toelichting", default=None)
    source: Text | None = hint("De bron van de cijfers van dit jaar.", label="Bron", default=None)

    @model_validator(mode="after")
    def _counted_or_expected(self) -> MonitorYear:
        if self.expected and self.at_work is not None:
            raise RuleViolation(
                "at_work",
                (
                    "hoort niet bij een verwachting. Tel alleen wat de projectmonitor echt geteld heeft. "
                    "Schrijf voor een verwachting bijvoorbeeld 'new_hires_expected_min: 24'."
                ),
            )
        if self.at_work is None and self.new_hires_expected_min is None and self.note is None:
            raise RuleViolation(
                "at_work", "ontbreekt. Vul het getelde aantal in, of 'new_hires_expected_min' voor een verwachting."
            )
        if (
            self.organisations_asked is not None
            and self.organisations_responded is not None
            and self.organisations_responded > self.organisations_asked
        ):
            raise RuleViolation("organisations_responded", "kan niet groter zijn dan organisations_asked.")
        return self


class MonitorFact(Strict):
    label: Name = hint("Wat het cijfer is.", label="Omschrijving")
    value: Text = hint("Het cijfer, als tekst.", label="Cijfer")
    source: Text | None = hint("De bron, als die anders is dan die van de monitor.", label="Bron", default=None)


class IndicatorValue(Strict):
    year: Year = hint("Het jaar (eind van het jaar).", label="Jaar")
    value: Value = hint("De waarde.", label="Waarde")
    count: Count | None = hint("Het aantal, bijvoorbeeld 16 organisaties ...", label="Aantal", default=None)
    total: Count | None = hint("... van de 31 die antwoordden.", label="Totaal", default=None)


class Indicator(Strict):
    """A number per year the site charts, e.g. the share of organisations that know the project."""

    label: Name = hint("Wat er gemeten is, bijvoorbeeld 'Organisaties die het project kennen'.", label="Omschrijving")
    unit: Literal["%", "aantal"] = hint("'%' of 'aantal'.", label="Eenheid")
    values: list[IndicatorValue] = Field(
        min_length=1, max_length=30, description="De waarde per jaar.", json_schema_extra={"label": "Waarden"}
    )
    source: Text = hint("De bron.", label="Bron")
    note: Text | None = hint("Een korte toelichting.", label="Toelichting", default=None)


class Monitor(Strict):
    source: Text = hint("Waar komen de cijfers vandaan?", label="Bron")
    goal: Count = hint("Het doel: zoveel ervaringsdeskundigen met vast werk.", label="Doel")
    ambition: Count = hint("De ambitie.", label="Ambitie")
    years: list[MonitorYear] = Field(
        min_length=1,
        max_length=50,
        description=("De telling per jaar, het oudste jaar eerst. Elk jaar van de projectmonitor komt erbij."),
        json_schema_extra={"label": "Jaren"},
    )
    facts: list[MonitorFact] = hint("Andere cijfers, als tekst.", label="Andere cijfers", default=[], max_length=40)
    indicators: list[Indicator] = hint(
        "Andere cijfers per jaar, voor kleine grafieken.", label="Cijfers per jaar", default=[], max_length=20
    )


def counted_years(monitor: Item) -> list[MonitorYear]:
    """The years with a real count (not an expectation), oldest first."""
    return [year for year in monitor.years if year.at_work is not None and not year.expected]


def _figures(site: Site) -> dict[str, Any]:
    monitor = site.single("monitor")
    assert monitor is not None, "data/monitor.yml is required: a loaded site has it"
    counted = counted_years(monitor)
    return {"monitor": monitor, "latest": counted[-1] if counted else monitor.years[-1]}


MONITOR = ContentType(
    id="monitor",
    label="Cijfers",
    plural="Cijfers",
    schema=Monitor,
    source="data/monitor.yml",
    key=None,
    list_url="cijfers/",
    list_title="Cijfers",
    in_short="Elk jaar vraagt het project hoeveel mensen met hun ervaring werken. Hier zie je die cijfers.",
    description="Hoeveel ervaringsdeskundigen er aan het werk zijn, tegen het doel en de ambitie.",
    pages=(ListPage("figures.html", context=_figures),),
    summary=None,
    title_attribute="source",
    nav="werkgevers",
    search=True,
    withholdable=False,
    section=Section(
        "Aan het werk in het netwerk",
        limit=1,
        style="figure",
        all_label="Bekijk alle cijfers",
        places=(Place("werkgevers", order=20), Place(HOME_PLACE, "Aan het werk", order=10)),
    ),
    editor_hint="De cijfers van de projectmonitor. Zet alleen getallen neer die echt in de projectmonitor of het "
    "projectplan staan, en reken zelf niets uit. Elk jaar komt er een jaar bij. Een jaar met "
    "'Verwachting' aan heeft nog geen 'Aantal aan het werk'.",
)
