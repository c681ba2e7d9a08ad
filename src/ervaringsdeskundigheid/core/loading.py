"""Load → validate → model, for any set of content types. Collects every problem before failing.

The content types themselves are declared in `ervaringsdeskundigheid.types`; this module
only knows what every declaration offers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import BaseModel, ValidationError

from . import clock
from .consent import WITHDRAWN, Consent, ended_in
from .fields import SLUG_PATTERN, meta, placeholders
from .locate import describe
from .problems import ContentErrors, Notice, Problem, problems_from_validation, suggestion
from .settings import load_settings
from .site import ContentKind, Item, Site
from .sources import SourceError, files_in, load_yaml_file, read_markdown, strings_in, symlinks_below
from .text import slugify

_SLUG = re.compile(SLUG_PATTERN)
SOURCE_FOLDERS = ("content", "data", "docs")
PLACEHOLDER = "Schrijf hier"  # how every example text of `make new` starts
EXAMPLE = "Voorbeeld"  # why an item is left out when data/site.yml says show_examples: false

# An item that failed validation: (type, raw fields, file, entry); its references are still checked.
InvalidItem = tuple[ContentKind, dict[str, Any], str, str | None]


@dataclass(frozen=True)
class WithdrawnEntry:
    """An entry that failed validation and whose person withdrew: never published, its errors stop
    nothing, and its person's name and details stay forbidden (types/privacy.py `people_of`)."""

    type: ContentKind
    file: str
    entry: str | None
    title: str
    person: dict[str, Any]  # the entry itself, or its `person:`
    consent: Consent
    own: bool  # the consent is the entry's own (an expert), not that of the person it is about (a story)


@dataclass
class LoadContext:
    """What a type's checks may look at: every item (drafts included), by type."""

    root: Path
    today: dt.date
    preview: bool
    all_items: dict[str, list[Item]]
    problems: list[Problem] = field(default_factory=list)
    invalid: list[InvalidItem] = field(default_factory=list)
    withdrawn: list[WithdrawnEntry] = field(default_factory=list)

    def keys(self, type_id: str) -> set[str]:
        return {item.key for item in self.all_items.get(type_id, []) if item.key is not None}

    def find(self, type_id: str, key: str) -> Item | None:
        return next((item for item in self.all_items.get(type_id, []) if item.key == key), None)


def load_site(
    root: Path,
    types: Iterable[ContentKind],
    *,
    today: dt.date | None = None,
    preview: bool = False,
    checks: Iterable[Callable[[LoadContext, Site], list[Problem]]] = (),
    review: Callable[[LoadContext, Site], tuple[Site, list[Problem]]] | None = None,
) -> Site:
    """Load all content under `root` for the given content types.

    `preview` (make serve) also includes drafts and items with a future date, marked as such.
    `checks` run on the finished site; `review` may then hold items back (the consent rule).
    Raises ContentErrors with every problem found."""
    root = Path(root)
    today = today or clock.today()
    by_id = {ctype.id: ctype for ctype in types}
    problems: list[Problem] = []
    for folder in SOURCE_FOLDERS:
        problems += symlinks_below(root, folder)
    settings = load_settings(root, problems)
    invalid: list[InvalidItem] = []
    all_items = {type_id: load_items(root, ctype, problems, invalid=invalid) for type_id, ctype in by_id.items()}
    withdrawn = _withdrawn_entries(invalid, today)
    context = LoadContext(root, today, preview, all_items, problems, invalid, withdrawn)
    found = check_relations(by_id, context)
    for ctype in by_id.values():
        for item in all_items[ctype.id]:
            for check in ctype.checks:
                found += check(item, context)
            found += placeholder_problems(item)
    # A withdrawal wins: an item or entry whose person withdrew is not published, so a slip in it (a
    # reference that no longer exists, a field removed) must not stop the build and keep the old site
    # online. (The person's name stays forbidden everywhere.)
    ended = {
        (item.source, item.entry)
        for ctype in by_id.values()
        for item in all_items[ctype.id]
        if _withdrawn(ctype, item, today)
    }
    ended |= {(gone.file, gone.entry) for gone in withdrawn}
    problems[:] = [problem for problem in problems + found if (problem.file, problem.entry) not in ended]

    published: dict[str, list[Item]] = {}
    notices: list[Notice] = []
    unpublished: set[str] = set()  # the pages of items left out: a link or redirect to one is no typo
    hide_examples = settings is not None and not settings.show_examples
    for type_id, ctype in by_id.items():
        kept: list[Item] = []
        for item in all_items[type_id]:
            reason = EXAMPLE if hide_examples and getattr(item.data, "example", False) is True else None
            reason = reason or ctype.published(item, today)
            preview_as = reason if preview and reason in ("Concept", "Gepland") else None
            if (reason is None or preview_as) and ctype.public_view is not None:
                item, why = ctype.public_view(item, today)  # a previewed draft, too, shows only what the scope allows
                reason, preview_as = why or reason, None if why else preview_as
            if reason is None:
                kept.append(item)
            elif preview_as:
                kept.append(item.replace(status=preview_as))
            else:
                notices.append(left_out_notice(item, reason))
                if item.url:
                    unpublished.add(item.url)
        if ctype.sort_key:
            kept.sort(key=ctype.sort_key)
        published[type_id] = kept
    notices += [withdrawn_entry_notice(gone) for gone in withdrawn]
    problems += check_published_references(by_id, context, published)
    if problems or settings is None:  # without settings, load_settings said why in `problems`
        raise ContentErrors(describe(problems, by_id.values(), root), notices)
    site = Site(
        root=root,
        today=today,
        preview=preview,
        settings=settings,
        types=by_id,
        items=published,
        notices=notices,
        unpublished=unpublished,
    )
    for site_check in checks:
        problems += site_check(context, site)
    if review is not None:
        site, found = review(context, site)
        problems += found
    if problems:
        raise ContentErrors(describe(problems, by_id.values(), root), notices)
    return site


def _withdrawn_entries(invalid: list[InvalidItem], today: dt.date) -> list[WithdrawnEntry]:
    found = []
    for ctype, raw, file, entry in invalid:
        if ended := ended_in(raw, today):
            person, consent = ended
            title = str(raw.get("title") or person.get("name") or entry or file)
            found.append(WithdrawnEntry(ctype, file, entry, title, person, consent, own=person is raw))
    return found


def _withdrawn(ctype: ContentKind, item: Item, today: dt.date) -> bool:
    """The item is not published because its person withdrew their consent."""
    if ctype.published(item, today) == WITHDRAWN:
        return True
    return ctype.public_view is not None and ctype.public_view(item, today)[1] == WITHDRAWN


# --- What is not published, said plainly --------------------------------------------------------


def _day(date: dt.date | None) -> str:
    return date.strftime("%d-%m-%Y") if date else ""


def _withdrawn_texts(whose: str, consent: Consent | None) -> tuple[str, str]:
    return (
        f"staat niet meer op de site: de toestemming {whose}is ingetrokken op "
        f"{_day(getattr(consent, 'withdrawn', None))}.",
        "Laat de naam en de toestemming staan: zo houdt de controle elke tekst met de naam tegen. Haal de "
        "andere gegevens van deze persoon uit het bestand (zie CONTRIBUTING.md, 'Mensen en toestemming').",
    )


_STORY_PERSON = "van de persoon in dit verhaal "  # whose consent, when it is not the item's own


def withdrawn_entry_notice(gone: WithdrawnEntry) -> Notice:
    """An entry that failed validation and whose person withdrew stays off the site."""
    text, fix = _withdrawn_texts("" if gone.own else _STORY_PERSON, gone.consent)
    return Notice(gone.file, gone.title, text, fix, entry=gone.entry, group=gone.type.plural.lower(), short=WITHDRAWN)


def left_out_notice(item: Item, reason: str) -> Notice:
    """Why an item stays off the site, and what to do, in the words of the form."""
    data = item.data
    consent = getattr(data, "consent", None) or getattr(getattr(data, "person", None), "consent", None)
    whose = _STORY_PERSON if not hasattr(data, "consent") else ""
    texts = {
        "Concept": (
            "staat niet op de site: het is een concept ('Concept (nog niet publiceren)' staat aan, draft: true).",
            "Is het klaar? Zet 'Concept' uit (draft: false).",
        ),
        "Gepland": (
            f"komt pas op {_day(getattr(data, 'date', None))} op de site: de datum ligt in de toekomst.",
            "Moet het eerder online? Zet de datum op vandaag. Anders hoef je niets te doen.",
        ),
        "geen toestemming": (
            f"staat niet op de site: er is geen toestemming {whose}vastgelegd.",
            "Vul 'Toestemming' in: de datum en wat we mogen tonen.",
        ),
        "toestemming gaat later in": (
            f"staat nog niet op de site: de toestemming {whose}gaat pas in op {_day(getattr(consent, 'date', None))}.",
            "Klopt die datum? Dan hoef je niets te doen.",
        ),
        WITHDRAWN: _withdrawn_texts(whose, consent),
        "toestemming zonder velden": (
            "staat niet op de site: bij 'Wat mogen we tonen?' is niets gekozen.",
            "Kies wat de persoon wil laten zien.",
        ),
    }
    text, fix = texts.get(reason, (f"staat niet op de site ({reason}).", ""))
    return Notice(
        item.source, str(item.title), text, fix, entry=item.entry, group=item.type.plural.lower(), short=reason.lower()
    )


# --- Reading ---------------------------------------------------------------------------------


def load_items(
    root: Path, ctype: ContentKind, problems: list[Problem], raw: Any = None, invalid: list[InvalidItem] | None = None
) -> list[Item]:
    """Every item of one type, drafts included. `raw`: the parsed list, when a type's own
    loader read the file (see `ContentType.loader`). Items that fail validation go to `invalid`
    (their references are still checked, for more helpful messages)."""
    invalid = invalid if invalid is not None else []
    if raw is None and ctype.loader:
        if ctype.optional and not (root / ctype.source).exists():
            return []
        return ctype.loader(root, ctype, problems, invalid)
    if ctype.is_markdown:
        return _load_markdown(root, ctype, problems, invalid)
    return _load_data(root, ctype, problems, raw, invalid)


def _validation_problems(
    error: ValidationError, ctype: ContentKind, label: str, entry: str | None, raw: Any, invalid: list[InvalidItem]
) -> list[Problem]:
    """Pydantic's problems in Dutch; a badly written reference is left to the reference check,
    which can say which values exist (and suggest one)."""
    related = {name for name, _ in relations(ctype.schema)}
    found = [
        p
        for p in problems_from_validation(error, label, ctype.schema, entry=entry)
        if not (p.field and p.field.split("[", 1)[0] in related and p.message.startswith("mag alleen"))
    ]
    if isinstance(raw, dict):
        invalid.append((ctype, raw, label, entry))
    return found


def _load_markdown(root: Path, ctype: ContentKind, problems: list[Problem], invalid: list[InvalidItem]) -> list[Item]:
    items: list[Item] = []
    seen: dict[str, str] = {}
    folder = root / ctype.source
    for other in sorted(folder.iterdir()) if folder.is_dir() else ():
        if not other.name.startswith(".") and not (other.suffix == ".md" and other.is_file()):
            problems.append(
                Problem(
                    f"{ctype.source}/{other.name}",
                    None,
                    (
                        f"hoort niet in {ctype.source}/: daar staan alleen tekstbestanden die eindigen op .md. "
                        "Afbeeldingen horen in content/afbeeldingen/."
                    ),
                )
            )
    for index, label in enumerate(files_in(root, ctype.source, ".md")):
        stem = label.rsplit("/", 1)[-1][:-3]
        if not _SLUG.match(stem):
            problems.append(
                Problem(
                    label,
                    None,
                    (
                        "de bestandsnaam wordt het webadres en mag alleen kleine letters, cijfers en streepjes "
                        f"bevatten, zoals '{slugify(stem)}.md'. Geef het bestand een andere naam."
                    ),
                )
            )
            continue
        try:
            source = read_markdown(root, label)
            data = ctype.schema.model_validate(source.meta)
        except SourceError as error:
            problems.append(error.problem)
            continue
        except ValidationError as error:
            problems += _validation_problems(error, ctype, label, None, source.meta, invalid)
            continue
        slug = getattr(data, "slug", None) or stem
        if slug in seen:
            problems.append(
                Problem(
                    label,
                    "slug",
                    (
                        f"'{slug}' wordt al gebruikt door {seen[slug]}. "
                        "Elke pagina heeft een eigen slug nodig; kies een andere."
                    ),
                )
            )
            continue
        seen[slug] = label
        items.append(Item(ctype, data, slug, label, body=source.body, index=index))
    return items


def _load_data(
    root: Path, ctype: ContentKind, problems: list[Problem], raw: Any = None, invalid: list[InvalidItem] | None = None
) -> list[Item]:
    invalid = invalid if invalid is not None else []
    path = ctype.source
    if raw is None:
        if ctype.optional and not (root / path).exists():
            return []
        try:
            raw = load_yaml_file(root, path)
        except SourceError as error:
            problems.append(error.problem)
            return []
    elif ctype.container:
        raw = {ctype.container: raw}
    if ctype.container:
        if not isinstance(raw, dict) or ctype.container not in raw:
            problems.append(
                Problem(
                    path,
                    ctype.container,
                    (
                        f"ontbreekt. Het bestand moet een lijst onder '{ctype.container}:' hebben. "
                        "Kijk bij een ander item in hetzelfde bestand hoe het moet."
                    ),
                )
            )
            return []
        raw = raw[ctype.container]
    if ctype.key is None:  # one group of fields (a single type)
        try:
            return [Item(ctype, ctype.schema.model_validate(raw), None, path)]
        except ValidationError as error:
            problems += _validation_problems(error, ctype, path, None, raw, invalid)
            return []
    if not isinstance(raw, list):
        problems.append(Problem(path, None, "moet een lijst zijn: elk item begint met '- '."))
        return []
    items, seen = [], set()
    for index, value in enumerate(raw, start=1):
        name = value.get(ctype.key) if isinstance(value, dict) else None
        entry = str(name) if isinstance(name, (str, int)) and str(name).strip() else f"nummer {index}"
        try:
            data = ctype.schema.model_validate(value)
        except ValidationError as error:
            problems += _validation_problems(error, ctype, path, entry, value, invalid)
            continue
        key = str(getattr(data, ctype.key))
        if key in seen:
            problems.append(Problem(path, ctype.key, f"'{key}' komt twee keer voor. Dit moet uniek zijn.", entry=entry))
            continue
        seen.add(key)
        items.append(Item(ctype, data, key, path, index=index))
    return items


def placeholder_problems(item: Item) -> list[Problem]:
    """The example texts of `make new` are never published (a draft may keep them)."""
    if getattr(item.data, "draft", False):
        return []
    found = placeholders(item.data)
    found += [
        (path, text)
        for path, text in strings_in(item.data.model_dump(mode="json"))
        if text.startswith(PLACEHOLDER) and (path, text) not in found
    ]
    found += [("tekst", text) for text in item.type.body_placeholders if text in item.body]
    return [
        Problem(
            item.source,
            where,
            (
                f"bevat nog de voorbeeldtekst '{text}'. Vervang die door je eigen tekst, "
                "of zet 'draft: true' zolang het stuk nog niet klaar is."
            ),
            entry=item.entry,
        )
        for where, text in found
    ]


# --- References between types ------------------------------------------------------------------


def relations(schema: type[BaseModel]) -> list[tuple[str, str]]:
    """(field name, related type id) for every field that refers to another type."""
    return [
        (name, meta(schema, name)["relation"]) for name in schema.model_fields if meta(schema, name).get("relation")
    ]


def _values(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def check_relations(types: dict[str, ContentKind], context: LoadContext) -> list[Problem]:
    """Every reference names an existing item of the related type."""
    problems: list[Problem] = []
    for ctype in types.values():
        for field_name, target in relations(ctype.schema):
            if target not in types:
                continue
            known = context.keys(target)
            target_type = types[target]
            values = [
                (getattr(item.data, field_name, None), item.source, item.entry) for item in context.all_items[ctype.id]
            ]
            values += [
                (raw.get(field_name), file, entry) for kind, raw, file, entry in context.invalid if kind is ctype
            ]
            for value, file, entry in values:
                many = isinstance(value, (list, tuple))
                for position, key in enumerate(_values(value), start=1):
                    if key in known or not isinstance(key, str):
                        continue
                    where = f"{field_name}[{position}]" if many else field_name
                    hint = suggestion(slugify(key), sorted(known)) or suggestion(key, sorted(known))
                    problems.append(
                        Problem(
                            file,
                            where,
                            (
                                f"'{key}' staat niet in {target_type.source}.{hint} "
                                f"Kies uit: {', '.join(sorted(known)) or '(nog leeg)'}."
                            ),
                            entry=entry,
                        )
                    )
    return problems


def check_published_references(
    types: dict[str, ContentKind], context: LoadContext, published: dict[str, list[Item]]
) -> list[Problem]:
    """A published item may not point at an item that is not published (a draft, or a
    person without consent): its page would link to nothing."""
    problems: list[Problem] = []
    for ctype in types.values():
        for field_name, target in relations(ctype.schema):
            if target not in types or target == "categories":
                continue
            shown = {item.key for item in published.get(target, [])}
            for item in published.get(ctype.id, []):
                if item.status:
                    continue
                for key in _values(getattr(item.data, field_name, None)):
                    if key in context.keys(target) and key not in shown:
                        problems.append(
                            Problem(
                                item.source,
                                field_name,
                                (
                                    f"'{key}' staat in {types[target].source}, maar wordt niet gepubliceerd "
                                    "(een concept, een voorbeeld terwijl show_examples in data/site.yml op false staat, "
                                    "of zonder geldige toestemming). Publiceer dat eerst, "
                                    "of haal de verwijzing hier weg."
                                ),
                                entry=item.entry,
                            )
                        )
    return problems
