"""Load → validate → model. Collects every problem before failing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import schemas
from .model import ARTICLE_KINDS, IMAGE_FOLDER, Entry, Site
from .problems import ContentErrors, Problem, problems_from_validation
from .sources import SourceError, load_yaml_file, read_markdown

CATEGORIES_FILE = "data/categories.yml"
AUTHORS_FILE = "data/authors.yml"


def load_site(root: Path, *, today: dt.date | None = None, preview: bool = False) -> Site:
    """Load all content under `root`.

    `preview` (make serve) also includes drafts and future-dated items, marked as such.
    Raises ContentErrors with every problem found.
    """
    today = today or dt.date.today()
    problems: list[Problem] = []
    categories = _load_list(root, CATEGORIES_FILE, schemas.Category, problems)
    authors = {a.id: a for a in _load_list(root, AUTHORS_FILE, schemas.Author, problems)}
    category_ids = {c.id for c in categories}

    entries: list[Entry] = []
    left_out: dict[str, int] = {}
    for kind in ARTICLE_KINDS:
        seen_slugs: dict[str, str] = {}
        for path in sorted((root / kind.folder).glob("*.md")):
            label = f"{kind.folder}/{path.name}"
            try:
                source = read_markdown(path, label)
                meta = kind.schema.model_validate(source.meta)
            except SourceError as error:
                problems.append(error.problem)
                continue
            except ValidationError as error:
                problems += problems_from_validation(error, label, kind.schema)
                continue
            slug = meta.slug or path.stem
            problems += _check_references(root, label, meta, category_ids, authors)
            if slug in seen_slugs:
                problems.append(Problem(label, "slug", (
                    f"'{slug}' wordt al gebruikt door {seen_slugs[slug]}. "
                    "Elke pagina heeft een eigen slug nodig; kies een andere.")))
                continue
            seen_slugs[slug] = label
            status = _status(meta, today)
            if _consent_withdrawn(meta):
                left_out["toestemming ingetrokken"] = left_out.get("toestemming ingetrokken", 0) + 1
                continue
            if status and not preview:
                left_out[status] = left_out.get(status, 0) + 1
                continue
            entries.append(Entry(kind, meta, source.body, label, slug, status))

    if problems:
        raise ContentErrors(problems)
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    return Site(root=root, categories=categories, authors=authors, entries=entries, left_out=left_out)


def _load_list(root: Path, relative: str, model: type[BaseModel], problems: list[Problem]) -> list:
    try:
        raw = load_yaml_file(root / relative, relative)
    except SourceError as error:
        problems.append(error.problem)
        return []
    if not isinstance(raw, list):
        problems.append(Problem(relative, None, "moet een lijst zijn: elk item begint met '- '."))
        return []
    items, seen = [], set()
    for index, item in enumerate(raw, start=1):
        name = item.get("id") if isinstance(item, dict) else None
        entry = str(name or f"nummer {index}")
        try:
            parsed = model.model_validate(item)
        except ValidationError as error:
            problems += problems_from_validation(error, relative, model, entry=entry)
            continue
        if parsed.id in seen:
            problems.append(Problem(relative, "id", f"'{parsed.id}' komt twee keer voor. Elk id moet uniek zijn.",
                                    entry=entry))
            continue
        seen.add(parsed.id)
        items.append(parsed)
    return items


def _check_references(root: Path, label: str, meta: schemas.Article, category_ids: set[str],
                      authors: dict) -> list[Problem]:
    problems = []
    for index, category in enumerate(meta.categories, start=1):
        if category not in category_ids:
            problems.append(Problem(label, f"categories[{index}]", (
                f"'{category}' is geen bekende categorie. "
                f"Kies uit: {', '.join(sorted(category_ids))}.")))
    if isinstance(meta, schemas.Blog) and meta.author not in authors:
        problems.append(Problem(label, "author", (
            f"'{meta.author}' staat niet in {AUTHORS_FILE}. "
            f"Kies uit: {', '.join(sorted(authors)) or '(nog geen auteurs)'}, of voeg de auteur daar toe.")))
    if meta.image:
        image = root / IMAGE_FOLDER / meta.image
        if ".." in Path(meta.image).parts or Path(meta.image).is_absolute():
            problems.append(Problem(label, "image", (
                "moet een pad binnen de map content zijn, zoals 'afbeeldingen/foto.jpg' (zonder '..').")))
        elif not image.is_file():
            problems.append(Problem(label, "image", (
                f"het bestand '{IMAGE_FOLDER}/{meta.image}' bestaat niet. "
                f"Zet de afbeelding in {IMAGE_FOLDER}/afbeeldingen/ en schrijf bijvoorbeeld "
                "'image: afbeeldingen/foto.jpg'.")))
    return problems


def _status(meta: schemas.Article, today: dt.date) -> str | None:
    if meta.draft:
        return "Concept"
    if meta.date > today:
        return "Gepland"
    return None


def _consent_withdrawn(meta: schemas.Article) -> bool:
    person = getattr(meta, "person", None)
    return bool(person and person.consent and not person.consent.active)
