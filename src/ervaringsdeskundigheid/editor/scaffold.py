"""`make new`: a new item of any content type, written from its declaration: every field
with its Dutch hint as a comment, a unique slug from the title, today's date, `draft: true`,
and the example texts that can never be published unchanged."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from ..core import clock
from ..core.problems import suggestion
from ..core.sources import SourceError, load_yaml_file
from ..core.text import slugify
from ..types import TYPES, ContentType


PLACEHOLDER_PREFIX = "Schrijf hier"  # every text `make new` writes for the editor to replace


class ScaffoldError(ValueError):
    """A Dutch message for the editor."""


def kinds() -> dict[str, ContentType]:
    return {ctype.make_new: ctype for ctype in TYPES if ctype.make_new}


def _yaml_line(name: str, value) -> str:
    """`name: value` on one line; a list in brackets, like the rest of the files."""
    if isinstance(value, (list, tuple)):
        text = yaml.safe_dump(list(value), allow_unicode=True, default_flow_style=True, width=1000).strip()
    else:
        text = yaml.safe_dump(value, allow_unicode=True, width=1000).strip()
        text = text.removesuffix("\n...").removesuffix("...").strip()
    return f"{name}: {text}"


def _is_date(annotation) -> bool:
    return (
        annotation is dt.date
        or dt.date in typing.get_args(annotation)
        or any(_is_date(arg) for arg in typing.get_args(annotation))
    )


def field_lines(ctype: ContentType, title: str, key: str, today: dt.date | None) -> list[str]:
    """The fields of a new item, each after its hint as a comment; optional fields without an
    example are written as a comment the editor can fill in."""
    lines = []
    given = {
        line.split(":", 1)[0] for line in ctype.scaffold_extra.splitlines() if line and not line.startswith((" ", "#"))
    }
    for name, info in ctype.schema.model_fields.items():
        if name in given:
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        hint = f"# {info.description}" if info.description else None
        value: typing.Any
        if name == ctype.title_attribute:
            value = title
        elif name == ctype.key:
            value = key
        elif name == "draft":
            value = True
        elif "placeholder" in extra:
            value = extra["placeholder"]
        elif "example" in extra:
            value = extra["example"]
        elif name == "date" and _is_date(info.annotation):
            if today is None:  # a template without a day: the editor fills it in
                if hint:
                    lines.append(hint)
                lines.append(f"{name}:")
                continue
            value = today
        elif info.is_required():
            annotation = info.annotation
            models = [
                a
                for a in (annotation, *typing.get_args(annotation))
                if isinstance(a, type) and issubclass(a, BaseModel)
            ]
            if models or typing.get_origin(annotation) in (list, dict):
                continue  # a group or list: the type's own example below shows how
            value = f"{PLACEHOLDER_PREFIX}: {info.description or name}".rstrip(".")
        else:
            if hint:
                lines.append(hint)
            lines.append(f"# {name}: ")
            continue
        if hint:
            lines.append(hint)
        lines.append(_yaml_line(name, value))
    return lines


def existing_keys(root: Path, ctype: ContentType) -> set[str]:
    if ctype.is_markdown:
        folder = root / ctype.source
        return {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()
    try:
        data = load_yaml_file(root, ctype.source) if (root / ctype.source).exists() else []
    except SourceError as error:
        raise ScaffoldError(f"{error.problem}") from None
    if isinstance(data, dict):
        data = data.get(ctype.container or "partners") or []
    return {str(item.get(ctype.key)) for item in data if isinstance(item, dict)}


def unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def markdown_text(ctype: ContentType, lines: list[str]) -> str:
    """A new story or blog: its fields between the '---' lines, then the example text."""
    lines = [f"# {line}" if line.startswith("slug:") else line for line in lines]  # the file name is the slug
    return "---\n" + "\n".join(lines) + "\n---\n" + ctype.body_template


# GitHub's own editor: a link that opens its new-file page with the template of `make new` filled in.
GITHUB_FILES = {"verhaal": "nieuw-verhaal", "blog": "nieuwe-blog"}  # the editor renames it: it becomes the address
GITHUB_TITLE = f"{PLACEHOLDER_PREFIX} de titel"  # never published unchanged


def github_template(kind: str) -> tuple[str, str]:
    """(file name, text) of a new story or blog for GitHub's new-file page: the same template
    as `make new`, without a date (the editor fills in the day)."""
    ctype = kinds()[kind]
    key = GITHUB_FILES[kind]
    return f"{key}.md", markdown_text(
        ctype, field_lines(ctype, GITHUB_TITLE, key, None) + ctype.scaffold_extra.splitlines()
    )


def github_new_file_url(repository: str, kind: str, branch: str = "main") -> str:
    from urllib.parse import quote

    ctype = kinds()[kind]
    name, text = github_template(kind)
    return (
        f"https://github.com/{repository}/new/{branch}/{ctype.source}"
        f"?filename={quote(name)}&value={quote(text, safe='')}"
    )


GITHUB_LINKS = {"verhaal": "Nieuw verhaal op GitHub", "blog": "Nieuwe blog op GitHub"}  # in CONTRIBUTING.md


def guide_repository(root: Path) -> str:
    """The repository named in data/site.yml (not the one a workflow runs in), or a placeholder."""
    from ..core.settings import load_settings
    from ..render.webeditor import PLACEHOLDER_REPOSITORY

    settings = load_settings(root, [])
    return settings.repository if settings and settings.repository else PLACEHOLDER_REPOSITORY


def with_github_links(guide: str, repository: str) -> str:
    """CONTRIBUTING.md with its "new story" and "new blog" links made from today's template
    (`python scripts/new.py --links` writes them; tests/test_editor.py keeps them true)."""
    import re

    for kind, text in GITHUB_LINKS.items():
        link = f"[{text}]({github_new_file_url(repository, kind)})"

        def keep(_: re.Match[str], link: str = link) -> str:  # the link as written, no escapes
            return link

        guide = re.sub(rf"\[{re.escape(text)}\]\([^)]*\)", keep, guide)
    return guide


def create(root: Path, kind: str, title: str, today: dt.date | None = None) -> Path:
    """Create the item; returns the file written. Raises ScaffoldError with a Dutch message."""
    available = kinds()
    if kind not in available:
        raise ScaffoldError(f"Onbekende soort '{kind}'.{suggestion(kind, available)} Kies uit: {', '.join(available)}.")
    if not title.strip():
        raise ScaffoldError(f'Geef een titel mee, bijvoorbeeld: make new KIND={kind} TITLE="Mijn titel"')
    ctype = available[kind]
    today = today or clock.today()
    if ctype.scaffold:
        try:
            return ctype.scaffold(root, title.strip(), today, existing_keys(root, ctype))
        except ValueError as error:
            raise ScaffoldError(str(error)) from None
    key = unique_slug(title, existing_keys(root, ctype))
    lines = field_lines(ctype, title.strip(), key, today)
    lines += ctype.scaffold_extra.replace("{today}", today.isoformat()).splitlines()
    if ctype.is_markdown:
        path = root / ctype.source / f"{key}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown_text(ctype, lines), encoding="utf-8")
        return path
    path = root / ctype.source
    indent = "  " if ctype.container else ""
    item = [f"{indent}# Nieuw: {ctype.label.lower()}, aangemaakt op {today.isoformat()}."]
    first_field = True
    for line in lines:
        if line.startswith("#"):
            item.append(f"{indent}  {line}")
        else:
            item.append(f"{indent}{'- ' if first_field else '  '}{line}")
            first_field = False
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(current.rstrip("\n") + "\n\n" + "\n".join(item) + "\n", encoding="utf-8")
    return path
