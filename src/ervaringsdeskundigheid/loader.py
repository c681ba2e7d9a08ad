"""Load → validate → model. Collects every problem before failing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import schemas
from .model import ARTICLE_KINDS, IMAGE_FOLDER, Entry, Site
from .problems import ContentErrors, Problem, problems_from_validation
from .settings import load_settings
from .sources import SourceError, load_yaml_file, read_markdown



@dataclass(frozen=True)
class DataFile:
    """A YAML file in data/: a list of items with a unique `key`, or one mapping (key None)."""

    path: str
    model: type[BaseModel]
    key: str | None = "id"


# Every data file, defined once. The Site attribute has the same name as the dict key.
DATA_FILES = {
    "categories": DataFile("data/categories.yml", schemas.Category),
    "authors": DataFile("data/authors.yml", schemas.Author),
    "organisations": DataFile("data/organisations.yml", schemas.Organisation),
    "programmes": DataFile("data/opleidingen.yml", schemas.Programme, key="slug"),
    "profiles": DataFile("data/functieprofielen.yml", schemas.JobProfile, key="slug"),
    "experts": DataFile("data/experts.yml", schemas.Expert),
    "faq": DataFile("data/faq.yml", schemas.Question),
    "checklists": DataFile("data/checklists.yml", schemas.Checklist, key="slug"),
    "menu": DataFile("data/menukaart.yml", schemas.MenuStep, key="slug"),
    "monitor": DataFile("data/monitor.yml", schemas.Monitor, key=None),
    "glossary": DataFile("data/begrippen.yml", schemas.GlossaryTerm, key="term"),
}
AUTHORS_FILE = DATA_FILES["authors"].path


def load_site(root: Path, *, today: dt.date | None = None, preview: bool = False) -> Site:
    """Load all content under `root`.

    `preview` (make serve) also includes drafts and future-dated items, marked as such.
    Raises ContentErrors with every problem found.
    """
    today = today or dt.date.today()
    problems: list[Problem] = []
    try:
        settings = load_settings(root)
    except ContentErrors as errors:
        settings = None
        problems += errors.problems
    data = {name: load_data_file(root, spec, problems) for name, spec in DATA_FILES.items()}
    categories = data["categories"]
    authors = {a.id: a for a in data["authors"]}
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
                problems += _check_categories(label, source.meta.get("categories"), category_ids)
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

    problems += check_data_references(data, category_ids)
    if not preview:
        data = {name: [item for item in items if not getattr(item, "draft", False)] if isinstance(items, list)
                else items for name, items in data.items()}
    if problems:
        raise ContentErrors(problems)
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    experts = [public_view(e) for e in data["experts"] if has_consent(e)]
    if len(experts) < len(data["experts"]):
        left_out["ervaringsdeskundigen zonder (geldige) toestemming"] = len(data["experts"]) - len(experts)
    return Site(root=root, categories=categories, authors=authors, entries=entries, left_out=left_out,
                organisations=data["organisations"], programmes=data["programmes"],
                profiles=data["profiles"], experts=experts, faq=data["faq"],
                checklists=data["checklists"], menu=data["menu"], monitor=data["monitor"],
                glossary=data["glossary"],
                settings=settings)


def has_consent(expert: schemas.Expert) -> bool:
    return expert.consent is not None and expert.consent.active


def public_view(expert: schemas.Expert) -> schemas.Expert:
    """The expert with every field outside the consent scope removed.

    Without a scope, consent covers name, organisation and function only."""
    scope = set(expert.consent.scope if expert.consent.scope is not None else ("name", "organisation", "function"))
    empty = {"expertise": [], "buddy": False}
    hidden = {name: empty.get(name) for name in schemas.EXPERT_FIELDS if name not in scope}
    if "photo" in hidden:
        hidden["photo_alt"] = None
    if "name" in hidden:
        hidden["name"] = "Naam niet gepubliceerd"
    return expert.model_copy(update=hidden)


def check_data_references(data: dict, category_ids: set[str]) -> list[Problem]:
    """References between data files: categories, organisations, programmes, profiles."""
    problems = []
    refs = {
        "organisation": {o.id for o in data["organisations"]},
        "opleidingen": {p.slug for p in data["programmes"]},
        "functieprofielen": {p.slug for p in data["profiles"]},
    }
    for name, spec in DATA_FILES.items():
        items = data[name] if spec.key else []
        for item in items:
            entry = str(getattr(item, spec.key))
            problems += _check_categories(spec.path, getattr(item, "categories", None), category_ids, entry)
            for field_name, known in refs.items():
                value = getattr(item, field_name, None) if name != "organisations" else None
                values = value if isinstance(value, list) else [value] if value else []
                for target in values:
                    if target not in known:
                        problems.append(Problem(spec.path, field_name, (
                            f"'{target}' bestaat niet. Kies uit: {', '.join(sorted(known)) or '(leeg)'}."),
                            entry=entry))
    return problems


def load_data_file(root: Path, spec: DataFile, problems: list[Problem]):
    """Validate one data file; problems are appended. A missing optional file gives []."""
    relative, model = spec.path, spec.model
    try:
        raw = load_yaml_file(root / relative, relative)
    except SourceError as error:
        problems.append(error.problem)
        return [] if spec.key else None
    if spec.key is None:
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            problems += problems_from_validation(error, relative, model)
            return None
    if not isinstance(raw, list):
        problems.append(Problem(relative, None, "moet een lijst zijn: elk item begint met '- '."))
        return []
    items, seen = [], set()
    for index, item in enumerate(raw, start=1):
        name = item.get(spec.key) if isinstance(item, dict) else None
        entry = str(name or f"nummer {index}")
        try:
            parsed = model.model_validate(item)
        except ValidationError as error:
            problems += problems_from_validation(error, relative, model, entry=entry)
            continue
        key = getattr(parsed, spec.key)
        if key in seen:
            problems.append(Problem(relative, spec.key, f"'{key}' komt twee keer voor. Dit moet uniek zijn.",
                                    entry=entry))
            continue
        seen.add(key)
        items.append(parsed)
    return items


def _check_references(root: Path, label: str, meta: schemas.Article, category_ids: set[str],
                      authors: dict) -> list[Problem]:
    problems = _check_categories(label, meta.categories, category_ids)
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


def _check_categories(label: str, categories, category_ids: set[str], entry: str | None = None) -> list[Problem]:
    if not isinstance(categories, list):
        return []
    return [Problem(label, f"categories[{index}]", (
                f"'{category}' is geen bekende categorie. Kies uit: {', '.join(sorted(category_ids))}."),
                entry=entry)
            for index, category in enumerate(categories, start=1)
            if isinstance(category, str) and category not in category_ids]


def _status(meta: schemas.Article, today: dt.date) -> str | None:
    if meta.draft:
        return "Concept"
    if meta.date > today:
        return "Gepland"
    return None


def _consent_withdrawn(meta: schemas.Article) -> bool:
    person = getattr(meta, "person", None)
    return bool(person and person.consent and not person.consent.active)
