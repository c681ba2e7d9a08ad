"""Dutch, editor-facing error reporting.

Every problem names the file, the entry (for YAML lists), the field and what is expected.
All problems of one run are collected and reported together.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from pydantic import ValidationError


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    field: str | None
    message: str
    entry: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f", item '{self.entry}'"
        if self.field:
            where += f", veld '{self.field}'"
        return f"{where}: {self.message}"


class ContentErrors(Exception):
    """Raised when content or data cannot be published. Carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self, heading: str = "De site is niet gebouwd: {count} {noun} gevonden. "
                                     "Er is niets veranderd aan de site.") -> str:
        count = len(self.problems)
        noun = "fout" if count == 1 else "fouten"
        lines = [heading.format(count=count, noun=noun)]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def _field_path(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part + 1}]"] if parts else [f"[{part + 1}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


def _dutch_message(error: dict, known_fields: Iterable[str]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "ontbreekt. Dit veld is verplicht."
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        guess = difflib.get_close_matches(name, list(known_fields), n=1, cutoff=0.5)
        hint = f" Bedoel je '{guess[0]}'?" if guess else ""
        allowed = ", ".join(sorted(known_fields))
        return f"is een onbekend veld.{hint} Toegestane velden: {allowed}."
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        return (f"'{error.get('input')}' is geen bestaande datum. "
                "Verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2025-03-05.")
    if kind in {"string_type"}:
        return "moet tekst zijn."
    if kind == "string_too_short":
        return "mag niet leeg zijn."
    if kind == "string_pattern_mismatch":
        return ("mag alleen kleine letters, cijfers en streepjes bevatten, "
                "bijvoorbeeld 'mijn-eerste-verhaal'.")
    if kind in {"bool_type", "bool_parsing"}:
        return "moet true (ja) of false (nee) zijn."
    if kind in {"list_type", "tuple_type"}:
        return "moet een lijst zijn, bijvoorbeeld [aspirant, werkgevers]."
    if kind == "too_short":
        return "mag niet leeg zijn. Noem er minstens één."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "moet een heel getal zijn."
    if kind in {"greater_than_equal", "greater_than"}:
        return f"moet minstens {ctx.get('ge', ctx.get('gt'))} zijn."
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "moet een groep velden zijn (sleutel: waarde), geen losse waarde."
    if kind == "literal_error":
        return f"moet een van deze waarden zijn: {ctx.get('expected')}."
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"heeft een ongeldige waarde ({error['msg']})."


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
    return list(getattr(current, "model_fields", {}))
