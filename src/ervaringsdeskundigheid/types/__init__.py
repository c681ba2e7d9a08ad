"""Every content type of the section, in the order they are loaded and listed.

To add a type: write a module here with one `ContentType` (see base.py and any module
here), add it to TYPES below, and add its data file. `register` does the same at run time
(tests use it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from ..core import consent as consent_rule
from ..core.consent import ForbiddenText
from ..core.contact import unpublished_values
from ..core.loading import LoadContext
from ..core.loading import load_site as _load_site
from ..core.problems import Problem
from ..core.site import Site
from ..core.sources import SourceError, read_text, strings_in
from .authors import AUTHORS
from .base import ContentType, Fact, Place, Section
from .blogs import BLOGS
from .categories import CATEGORIES
from .checklists import CHECKLISTS
from .experts import EXPERTS
from .faq import FAQ
from .glossary import GLOSSARY
from .menu import MENU
from .monitor import MONITOR
from .organisations import ORGANISATIONS
from .partners import ISSUED, PARTNERS, inventory_problems
from .profiles import PROFILES
from .programmes import PROGRAMMES
from .stories import STORIES

TYPES: list[ContentType] = [CATEGORIES, AUTHORS, ORGANISATIONS, PROGRAMMES, PROFILES, EXPERTS, FAQ,
                            CHECKLISTS, MENU, MONITOR, GLOSSARY, STORIES, BLOGS, PARTNERS, ISSUED]
DOCS_DIR = "docs"

__all__ = ["TYPES", "ContentType", "Fact", "Place", "Section", "register", "load_site", "by_id"]


def register(ctype: ContentType) -> None:
    """Add a content type (replacing one with the same id)."""
    TYPES[:] = [t for t in TYPES if t.id != ctype.id] + [ctype]


def by_id(type_id: str) -> ContentType:
    return next(t for t in TYPES if t.id == type_id)


def load_site(root: Path, *, today: dt.date | None = None, preview: bool = False,
              types: Iterable[ContentType] | None = None) -> Site:
    """The whole site under `root`, validated. Raises ContentErrors with every problem."""
    return _load_site(root, list(types or TYPES), today=today, preview=preview,
                      checks=(inventory_problems, consent_text_problems))


# --- People without consent in free text -------------------------------------------------------

def _forbidden(context: LoadContext, site: Site) -> dict[str | None, ForbiddenText]:
    """Per expert id (None for everyone else): what the texts of others may not contain."""
    people: list[tuple[str | None, str, dict]] = []   # (owner id, reason, values)
    public = {item.key: item for item in site.of("experts")}
    for item in context.all_items.get("experts", []):
        expert = item.data
        reason = consent_rule.status(expert.consent, context.today)
        if reason:
            people.append((item.key, f"{expert.name} heeft {reason}" if reason != "geen toestemming"
                           else f"{expert.name} heeft geen toestemming gegeven",
                           {"name": expert.name, "email": expert.email, "phone": expert.phone}))
            continue
        scope = consent_rule.scope_of(expert.consent, ("name", "organisation", "function"))
        hidden = {name: getattr(expert, name) for name in ("name", "email", "phone") if name not in scope}
        if hidden:
            people.append((item.key, f"de toestemming van deze persoon geldt niet voor dit gegeven", hidden))
    for item in context.all_items.get("stories", []):
        person = item.data.person
        if person is None or person.pseudonym and person.consent is None:
            continue
        reason = consent_rule.status(person.consent, context.today)
        if reason or "name" not in consent_rule.scope_of(person.consent, ("name",)):
            people.append((None, f"{person.name} heeft {reason or 'geen toestemming voor de naam'}",
                           {"name": person.name}))
    people += _contact_people(context, site)
    shown_names = {item.data.name for item in public.values()}
    shown_emails = {item.data.email for item in public.values() if item.data.email}
    result: dict[str | None, ForbiddenText] = {}
    for owner in [None, *public]:
        text = ForbiddenText()
        for person, reason, values in people:
            if person is not None and person == owner:
                continue
            text.add(reason, **values)
        for name in shown_names:
            text.allow(name=name)
        for email in shown_emails:
            text.allow(email=email)
        result[owner] = text
    return result


def _contact_people(context: LoadContext, site: Site) -> list[tuple[None, str, dict]]:
    """Contact persons (data/site.yml, data/categories.yml) whose name or numbers may not be published."""
    found = []
    overrides = [category.data.contact for category in site.categories if category.data.contact]
    for person in [site.settings.contact.person if site.settings else None, *(c.person for c in overrides)]:
        values = unpublished_values(person, context.today)
        reason = f"{person.name} (contactpersoon) heeft daar geen toestemming voor" if values else ""
        if values:
            found.append((None, reason, {"name": values.get("name"), "email": values.get("email"),
                                         "phone": values.get("phone")}))
        if values.get("whatsapp"):
            found.append((None, reason, {"phone": values["whatsapp"]}))
    return found


def consent_text_problems(context: LoadContext, site: Site) -> list[Problem]:
    """The name, e-mail address or phone number of a person without active consent (or outside
    its scope) may not appear in any text that is published: items, article bodies, docs/."""
    forbidden = _forbidden(context, site)
    if not any(forbidden.values()):
        return []
    problems = []

    def scan(text: str, file: str, field: str | None, entry: str | None, owner: str | None = None):
        for found, reason in forbidden.get(owner, forbidden[None]).find(text):
            problems.append(Problem(file, field, (
                f"noemt '{found}', maar {reason}. Haal dit weg uit de tekst, of leg eerst toestemming "
                "vast in data/experts.yml."), entry=entry))

    for type_id, items in site.items.items():
        if type_id in ("partners", "issued_codes"):
            continue
        for item in items:
            owner = item.key if type_id == "experts" else None
            for path, text in strings_in(item.data.model_dump(mode="json")):
                if not path.startswith("contact.person."):   # a contact person's own record
                    scan(text, item.source, path, item.entry, owner)
            if item.body:
                scan(item.body, item.source, "tekst", None)
    for label in _docs_pages(context.root):
        try:
            scan(read_text(context.root, label), label, None, None)
        except SourceError:
            pass   # reported by the hand-written pages' own check
    return problems


def _docs_pages(root: Path) -> list[str]:
    base = root / DOCS_DIR
    if not base.is_dir():
        return []
    return sorted(path.relative_to(root).as_posix() for path in base.rglob("*.md")
                  if path.is_file() and not path.is_symlink())
