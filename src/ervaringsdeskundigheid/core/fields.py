"""Building blocks for the content-type schemas: strict models, bounded field types, and the
field metadata (Dutch hint, relation, Markdown) that the loader, `make new` and the web
editor's configuration read.

Keys follow MkDocs/Material conventions in English; the values editors write are Dutch.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[^\s\"'<>`\\]*)?$"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
PAGE_PATH_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)+$"  # a page inside the section: 'verhalen/oude-naam/'

# Lengths are generous for editors and small enough that no field can slow the build down.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40_000)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=URL_PATTERN, max_length=500)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, pattern=EMAIL_PATTERN, max_length=200)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Percentage = Annotated[float, Field(ge=0, le=100)]


def _sane_date(value: dt.date) -> dt.date:
    if not 1990 <= value.year <= 2100:
        raise ValueError(f"'{value.isoformat()}' ligt te ver in het verleden of de toekomst. Klopt het jaar?")
    return value


Date = Annotated[dt.date, AfterValidator(_sane_date)]

# "In het kort": the short summary at A2 that every reader page starts with (DESIGN.md, two
# reading levels). At most three short sentences; the readability hints check the rest.
IN_SHORT_MAX_SENTENCES = 3
IN_SHORT_PLACEHOLDER = "Schrijf hier in het kort waar deze pagina over gaat."
IN_SHORT_HINT = (
    "In het kort: hoogstens 3 korte zinnen in heel eenvoudige taal (A2). Ongeveer 10 woorden per "
    "zin, gewone woorden, geen afkortingen. Dit staat bovenaan de pagina, in een kader."
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a short plain text: each ends with '.', '!' or '?' and a space (or the end),
    so '€1.900' and '2.5' stay in one sentence."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if re.search(r"\w", part)]


def _short_summary(value: str) -> str:
    count = len(sentences(value))
    if count > IN_SHORT_MAX_SENTENCES:
        raise ValueError(
            f"heeft {count} zinnen. 'In het kort' heeft hoogstens {IN_SHORT_MAX_SENTENCES} korte "
            "zinnen van ongeveer 10 woorden. Maak het korter; de rest staat al op de pagina."
        )
    return value


InShort = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400), AfterValidator(_short_summary)
]


class RuleViolation(ValueError):
    """A rule between fields; `field` is the field the editor has to fix."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


class Strict(BaseModel):
    """Unknown keys are errors, so a typo such as `titel` is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def hint(
    text: str,
    *,
    label: str | None = None,
    default: Any = ...,
    relation: str | None = None,
    markdown: bool = False,
    example: Any = None,
    widget: str | None = None,
    unknown: bool = False,
    placeholder: str | None = None,
    form_required: bool = False,
    **kwargs: Any,
) -> Any:
    """A pydantic Field with what editors and tools need to know about it:
    `text` the Dutch explanation (in `make new` templates, the web editor and messages);
    `label` the Dutch name of the field as the web editor's form shows it (and every message);
    `relation` the content type whose keys the value must be (checked by the loader);
    `markdown` rendered as Markdown (sanitised); `example` the value `make new` writes;
    `widget` a web editor widget when the type does not say it (e.g. 'image');
    `unknown` a fact the team should fill in when it is missing (listed by `make report`);
    `placeholder` the text `make new` writes, which may never be published;
    `form_required` required in the web editor's form although the schema lets it out in one
    case, which a rule between fields checks (a withdrawn consent needs no scope)."""
    extra = {
        key: value
        for key, value in (
            ("label", label),
            ("relation", relation),
            ("markdown", markdown or None),
            ("example", example),
            ("widget", widget),
            ("unknown", unknown or None),
            ("placeholder", placeholder),
            ("form_required", form_required or None),
        )
        if value is not None
    }
    return Field(default, description=text, json_schema_extra=extra or None, **kwargs)


def meta(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The extra metadata of one field (see `hint`)."""
    extra = model.model_fields[name].json_schema_extra
    return dict(extra) if isinstance(extra, dict) else {}


def label_of(model: type[BaseModel], name: str) -> str | None:
    """The Dutch label of a field, as the web editor shows it (None: the field has none)."""
    info = getattr(model, "model_fields", {}).get(name)
    label: str | None = meta(model, name).get("label") if info is not None else None
    return label


def placeholders(model: BaseModel, path: str = "") -> list[tuple[str, str]]:
    """(field path, placeholder) for every field of `model` (and of nested models) that still
    holds the text `make new` wrote."""
    found: list[tuple[str, str]] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        extra: dict[str, Any] = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        where = f"{path}.{name}" if path else name
        if extra.get("placeholder") and isinstance(value, str) and extra["placeholder"] in value:
            found.append((where, extra["placeholder"]))
        if isinstance(value, BaseModel):
            found += placeholders(value, where)
    return found


def in_short_field() -> Any:
    """The required `in_short` field of every reader page type (see `InShort`)."""
    return hint(IN_SHORT_HINT, label="In het kort", placeholder=IN_SHORT_PLACEHOLDER)
