"""Reading source files: UTF-8 text, YAML, and Markdown with front matter.

Every failure becomes a Dutch `Problem` naming the file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem


# libyaml's parser when PyYAML has it: about ten times faster than the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader that keeps dates as text, so a date that does not exist (2025-02-30)
    reaches validation as a clear field error instead of a YAML crash."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


class SourceError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_text(path: Path, label: str) -> str:
    """Read a file as UTF-8. `label` is the path shown to editors."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise SourceError(Problem(label, None, "bestaat niet. Maak het bestand aan.")) from error
    except OSError as error:
        raise SourceError(Problem(label, None, f"kan het bestand niet lezen ({error.strerror}).")) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(Problem(
            label, None,
            f"is geen UTF-8-tekst (vreemd teken op positie {error.start}). "
            "Sla het bestand op als UTF-8.")) from error
    return text.removeprefix("\ufeff")


# Parsed YAML by its text. `make serve` rebuilds in the same process after every edit;
# the files that did not change are not parsed again. Keyed by content, not by file time,
# so an edit is never missed. Callers get a copy and may change it.
_PARSED: dict[str, Any] = {}
_PARSED_LIMIT = 50_000


def parse_yaml(text: str, label: str, field: str | None = None, line_offset: int = 0) -> Any:
    try:
        value = _PARSED[text]
    except KeyError:
        value = _parse_yaml(text, label, field, line_offset)
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        _PARSED[text] = value
    return copy.deepcopy(value)


def _parse_yaml(text: str, label: str, field: str | None, line_offset: int) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" op regel {mark.line + 1 + line_offset}, kolom {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or "onleesbaar"
        raise SourceError(Problem(
            label, field,
            f"is geen geldige YAML{where} ({reason}). "
            "Controleer dubbele punten, inspringing en aanhalingstekens.")) from error


def load_yaml_file(path: Path, label: str) -> Any:
    text = read_text(path, label)
    if not text.strip():
        raise SourceError(Problem(label, None, "is leeg. Verwacht YAML-gegevens."))
    return parse_yaml(text, label)


@dataclass(frozen=True)
class MarkdownSource:
    meta: dict
    body: str


def read_markdown(path: Path, label: str) -> MarkdownSource:
    """Split a Markdown file into front matter (a mapping) and body."""
    text = read_text(path, label)
    if not text.strip():
        raise SourceError(Problem(
            label, None, "is leeg. Verwacht front matter tussen twee regels '---' en daarna de tekst."))
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        raise SourceError(Problem(
            label, "front matter",
            "ontbreekt. Het bestand moet beginnen met een regel '---', dan de velden, dan weer '---'."))
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            break
    else:
        raise SourceError(Problem(label, "front matter", "is niet afgesloten met een regel '---'."))
    meta = parse_yaml("".join(lines[1:index]), label, "front matter", line_offset=1)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(Problem(
            label, "front matter", "moet velden bevatten in de vorm 'naam: waarde'."))
    return MarkdownSource(meta=meta, body="".join(lines[index + 1:]))
