"""Dutch, editor-facing error reporting.

Every problem names the file, the entry (for YAML lists), the field and what is expected,
and where it can, the line. All problems of one run are collected and reported together.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from pydantic import ValidationError


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    field: str | None
    message: str
    entry: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in self.file)
        if self.line:
            where += f" (regel {self.line})"
        if self.entry:
            where += f", item '{self.entry}'"
        if self.field:
            where += f", veld '{self.field}'"
        return f"{where}: {self.message}"


class ContentErrors(Exception):
    """Raised when content or data cannot be published. Carries every problem found."""

    HEADING = "De site is niet gebouwd: {count} {noun} gevonden. Er is niets veranderd aan de site."

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_report_order)
        super().__init__(self.report())

    def report(self, heading: str | None = None) -> str:
        heading = heading or self.HEADING
        count = len(self.problems)
        noun = "fout" if count == 1 else "fouten"
        lines = [heading.format(count=count, noun=noun)]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def _report_order(problem: Problem) -> tuple:
    return (problem.file, problem.entry or "", problem.line or 0, problem.field or "", problem.message)


def suggestion(value: object, options: Iterable[str], cutoff: float = 0.6) -> str:
    """' Bedoel je 'x'?' for the option closest to `value`, or ''."""
    options = [str(option) for option in options]
    text = str(value)
    lowered = {option.lower(): option for option in options}
    if text.lower() in lowered:
        return f" Bedoel je '{lowered[text.lower()]}'?"
    guess = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=cutoff)
    return f" Bedoel je '{lowered[guess[0]]}'?" if guess else ""


def _field_path(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part + 1}]"] if parts else [f"[{part + 1}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def date_hint(value: object) -> str:
    """A day-month-year date written the Dutch way gets the ISO form as a suggestion."""
    import datetime as dt

    match = _DAY_FIRST.match(str(value))
    if not match:
        return ""
    day, month, year = (int(part) for part in match.groups())
    try:
        return f" Bedoel je {dt.date(year, month, day).isoformat()}?"
    except ValueError:
        return ""


def _dutch_message(error: dict, known_fields: Iterable[str]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "ontbreekt. Dit veld is verplicht."
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        known = list(known_fields)
        hint = suggestion(name, known, cutoff=0.5)
        return f"is een onbekend veld.{hint} Toegestane velden: {', '.join(sorted(known))}."
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        value = error.get("input")
        hint = date_hint(value)
        if hint:
            return (f"'{value}' staat in de verkeerde volgorde: schrijf eerst het jaar, dan de maand, "
                    f"dan de dag.{hint}")
        return (f"'{value}' is geen bestaande datum. "
                "Verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2025-03-05.")
    if kind == "string_type":
        return "moet tekst zijn."
    if kind == "string_too_short":
        return "mag niet leeg zijn."
    if kind == "string_too_long":
        return f"is te lang. Gebruik hoogstens {ctx.get('max_length')} tekens."
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "@" in pattern:
            return "is geen geldig e-mailadres, zoals naam@voorbeeld.nl."
        if "https" in pattern:
            return "moet een webadres zijn dat begint met https://, zonder spaties."
        if "/" in pattern:
            return ("moet een adres van deze site zijn, in kleine letters en met een / aan het eind, "
                    "bijvoorbeeld 'verhalen/oude-naam/'.")
        return ("mag alleen kleine letters, cijfers en streepjes bevatten, "
                "bijvoorbeeld 'mijn-eerste-verhaal'.")
    if kind in {"bool_type", "bool_parsing"}:
        return "moet true (ja) of false (nee) zijn."
    if kind in {"list_type", "tuple_type", "set_type"}:
        return "moet een lijst zijn, bijvoorbeeld [aspirant, werkgevers]."
    if kind == "too_short":
        return "mag niet leeg zijn. Noem er minstens één."
    if kind == "too_long":
        return f"is te lang. Noem er hoogstens {ctx.get('max_length')}."
    if kind in {"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"}:
        return "moet een getal zijn."
    if kind in {"greater_than_equal", "greater_than"}:
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn."
    if kind in {"less_than_equal", "less_than"}:
        return f"mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn."
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "moet een groep velden zijn (sleutel: waarde), geen losse waarde."
    if kind == "literal_error":
        hint = suggestion(error.get("input"), re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"moet een van deze waarden zijn: {ctx.get('expected')}.{hint}"
    if kind == "enum":
        return f"moet een van deze waarden zijn: {ctx.get('expected')}."
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return "heeft een ongeldige waarde. Kijk in het voorbeeld bovenaan het bestand hoe het moet."


def problems_from_validation(error: ValidationError, file: str, model: type,
                             entry: str | None = None) -> list[Problem]:
    """Translate a pydantic ValidationError into Dutch problems."""
    result = []
    for item in error.errors(include_url=False):
        loc = item["loc"]
        rule_field = getattr((item.get("ctx") or {}).get("error"), "field", None)
        if rule_field:
            loc = (*loc, rule_field)
        fields = _known_fields(model, loc)
        result.append(Problem(file=file, entry=entry, field=_field_path(loc) or None,
                              message=_dutch_message(item, fields)))
    return result


def _known_fields(model: type, loc: tuple) -> list[str]:
    """The field names allowed at the place of an error, for 'did you mean' hints."""
    current = model
    for part in loc[:-1]:
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            continue
        annotation = field.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if hasattr(candidate, "model_fields"):
                current = candidate
                break
            for inner in getattr(candidate, "__args__", ()):
                if hasattr(inner, "model_fields"):
                    current = inner
                    break
    return list(getattr(current, "model_fields", {}))
