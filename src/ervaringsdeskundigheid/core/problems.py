"""Dutch, editor-facing error reporting.

Every problem names the file, the line, the item (by its title or name), the field (by the
label the web editor's form shows, then its code name for GitHub) and what to do. All problems
of one run are collected and reported together. Things that are no error but leave an item
off the site are `Notice`s: said just as plainly, never silent.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from pydantic import ValidationError
from pydantic_core import ErrorDetails


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    field: str | None  # the code name: 'description', 'consent.scope[2]'
    message: str
    entry: str | None = None  # the item's key in a list file
    line: int | None = None
    label: str | None = None  # the field as the form shows it: 'Samenvatting' (core/locate.py)
    title: str | None = None  # the item's title or name

    @property
    def where(self) -> str:
        """data/experts.yml (regel 40), item 'Anna de Vries' ('anna'), veld 'Toestemming' ('consent')"""
        where = _printable(self.file)
        if self.line:
            where += f" (regel {self.line})"
        if self.title and self.entry and self.title != self.entry:
            where += f", item '{_printable(self.title)}' ('{_printable(self.entry)}')"
        elif self.entry or self.title:
            where += f", item '{_printable(self.entry or self.title or '')}'"
        if self.field:
            where += f", {field_words(self.field, self.label)}"
        return where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def field_words(field: str, label: str | None) -> str:
    """ "veld 'Samenvatting' ('description')": the form's label first, the code name in the file second."""
    if label and label.lower() != field.lower():
        return f"veld '{label}' ('{field}')"
    return f"veld '{field}'"  # the label says no more than the name in the file


@dataclass(frozen=True)
class Notice:
    """An item that is not published although nothing is wrong with it, said plainly: the
    file, the item, why, and what to do to publish it. `kind` groups notices ('left_out':
    a draft, a date ahead, no active consent; other parts of the build add their own)."""

    file: str
    title: str
    reason: str
    fix: str
    entry: str | None = None
    kind: str = "left_out"
    group: str = ""  # for counting: the type's plural ('verhalen')
    short: str = ""  # for counting: the reason in a word or two ('concept')

    def __str__(self) -> str:
        return f"{_printable(self.file)}, '{_printable(self.title)}': {self.reason} {self.fix}"


class ContentErrors(Exception):
    """Raised when content or data cannot be published. Carries every problem found."""

    HEADING = "De site is niet gebouwd: {count} {noun} gevonden. Er is niets veranderd aan de site."

    def __init__(self, problems: Iterable[Problem], notices: Iterable[Notice] = ()):
        self.problems = sorted(set(problems), key=_report_order)
        self.notices = list(notices)  # what would stay off the site anyway (see Notice)
        super().__init__(self.report())

    def report(self, heading: str | None = None) -> str:
        heading = heading or self.HEADING
        count = len(self.problems)
        noun = "fout" if count == 1 else "fouten"
        lines = [heading.format(count=count, noun=noun)]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def _report_order(problem: Problem) -> tuple[str, str, int, str, str]:
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


def _field_path(loc: tuple[int | str, ...]) -> str:
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


def _list_hint(value: object) -> str:
    """A list written as plain text ('name, function') gets the same words as a list; the example is
    the editor's own field, never another one's."""
    text = value if isinstance(value, str) and len(value) <= 120 else ""
    words = [word.strip(" []") for word in text.split(",") if word.strip(" []")]  # a stray bracket stays out
    if words:
        return f"moet een lijst zijn. Schrijf het zo: [{', '.join(words)}]."
    return "moet een lijst zijn: de waarden tussen [ en ], met komma's ertussen."


_GROUPS_HINT = (
    "moet een lijst zijn: elk onderdeel op een eigen regel die begint met '- ', met zijn eigen velden. "
    "Kijk bij een ander item in hetzelfde bestand hoe het moet."
)


def _dutch_message(
    error: ErrorDetails, known_fields: Iterable[str], explanation: str | None = None, of_groups: bool = False
) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    fix = f" {explanation}" if explanation else ""
    if kind == "missing":
        return f"ontbreekt. Dit veld is verplicht.{fix}"
    if error.get("input", "") is None and kind not in ("value_error",):
        return f"is leeg. Dit veld is verplicht.{fix}"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        known = list(known_fields)
        hint = suggestion(name, known, cutoff=0.5)
        return f"is een onbekend veld.{hint} Toegestane velden: {', '.join(sorted(known))}."
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        value = error.get("input")
        hint = date_hint(value)
        if hint:
            return f"'{value}' staat in de verkeerde volgorde: schrijf eerst het jaar, dan de maand, dan de dag.{hint}"
        return f"'{value}' is geen bestaande datum. Verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2025-03-05."
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
            return (
                "moet een adres van deze site zijn, in kleine letters en met een / aan het eind, "
                "bijvoorbeeld 'verhalen/oude-naam/'."
            )
        return "mag alleen kleine letters, cijfers en streepjes bevatten, bijvoorbeeld 'mijn-eerste-verhaal'."
    if kind in {"bool_type", "bool_parsing"}:
        return "moet true (ja) of false (nee) zijn."
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _GROUPS_HINT if of_groups else _list_hint(error.get("input"))
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
    return 'heeft een ongeldige waarde. Kijk in CONTRIBUTING.md ("Gegevens in data/") of onder het veld in de webeditor hoe het moet.'


def problems_from_validation(error: ValidationError, file: str, model: type, entry: str | None = None) -> list[Problem]:
    """Translate a pydantic ValidationError into Dutch problems."""
    result = []
    for item in error.errors(include_url=False):
        loc = item["loc"]
        rule_field = getattr((item.get("ctx") or {}).get("error"), "field", None)
        if rule_field:
            loc = (*loc, rule_field)
        fields = _known_fields(model, loc)
        of_groups = _model_at(model, loc) is not _model_at(model, loc[:-1])  # a list of locations, not of words
        result.append(
            Problem(
                file=file,
                entry=entry,
                field=_field_path(loc) or None,
                message=_dutch_message(item, fields, _explanation(model, loc), of_groups),
            )
        )
    return result


def _explanation(model: type, loc: tuple[int | str, ...]) -> str | None:
    """The field's own hint (what the form shows under it): the fix for a missing value."""
    if not loc or not isinstance(loc[-1], str):
        return None
    info = getattr(_model_at(model, loc[:-1]), "model_fields", {}).get(loc[-1])
    text = (info.description or "").strip() if info is not None else ""
    return text or None


def _known_fields(model: type, loc: tuple[int | str, ...]) -> list[str]:
    """The field names allowed at the place of an error, for 'did you mean' hints."""
    return list(getattr(_model_at(model, loc[:-1]), "model_fields", {}))


def _model_at(model: type, loc: tuple[int | str, ...]) -> type:
    """The model that holds the fields at a place (the nested group of `consent.scope`)."""
    current = model
    for part in loc:
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
    return current
