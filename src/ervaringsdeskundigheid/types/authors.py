"""Authors of blogs."""

from __future__ import annotations

from ..core.fields import Name, Slug, Strict, hint
from .base import ContentType


class Author(Strict):
    id: Slug = hint("Korte naam in kleine letters, zoals 'redactie'. Blogs verwijzen ernaar.", label="Id")
    name: Name = hint("De naam zoals lezers hem zien.", label="Naam")
    role: Name | None = hint("Functie of rol, bijvoorbeeld 'Communicatie'.", label="Rol", default=None)
    example: bool = hint("true: een verzonnen voorbeeld.", label="Verzonnen voorbeeld", default=False)


AUTHORS = ContentType(
    id="authors",
    label="Auteur",
    plural="Auteurs",
    schema=Author,
    source="data/authors.yml",
    key="id",
    summary=None,
    title_attribute="name",
    pages=(),
    editor_hint="Schrijvers van blogs.",
)
