"""Where a problem is, in the editor's words: the field by the label the web editor's form
shows (the code name second, for GitHub), the item by its title or name, and the line.

The loader and the build find problems by code names (`consent.scope[2]`, item `anna`);
`describe` adds the rest from the content-type declarations and the file itself, so
`make check`, the build and the pull-request comment all say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import BaseModel

from .fields import label_of
from .problems import Problem
from .site import ContentKind
from .sources import FRONT_MATTER, SourceError, read_text

BODY_FIELD = "tekst"  # how problems name the text of a story or blog
BODY_LABEL = "Tekst"
FRONT_MATTER_FIELD = "front matter"  # the fields between the two '---' lines of a story or blog
FRONT_MATTER_LABEL = "Velden bovenaan, tussen de regels ---"
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def field_parts(path: str) -> list[str | int]:
    """'consent.scope[2]' -> ['consent', 'scope', 1] (list positions from 0)."""
    return [name if name else int(number) - 1 for name, number in _PART.findall(path)]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (Optional, list, Annotated), or None."""
    if hasattr(annotation, "model_fields"):
        model: type[BaseModel] = annotation
        return model
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found = _model_of(meta)
        if found is not None:
            return found
    return None


def field_label(schema: type[BaseModel] | None, path: str | None) -> str | None:
    """The form's label of the field a path ends in ('consent.scope[2]' -> 'Wat mogen we tonen?')."""
    if not path:
        return None
    if path == BODY_FIELD:
        return BODY_LABEL
    if path == FRONT_MATTER_FIELD:
        return FRONT_MATTER_LABEL
    model, label = schema, None
    for part in field_parts(path):
        if isinstance(part, int):
            continue
        if model is None or part not in getattr(model, "model_fields", {}):
            return None
        label = label_of(model, part) or label
        model = _model_of(model.model_fields[part].annotation)
    return label


# --- lines ----------------------------------------------------------------------------------


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _child(node: yaml.Node, part: str | int) -> tuple[int, yaml.Node] | None:
    """(line of the key or item, the value node) of one step of a path."""
    if isinstance(part, int) and isinstance(node, yaml.SequenceNode) and 0 <= part < len(node.value):
        value = node.value[part]
        return value.start_mark.line, value
    if isinstance(part, str) and isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key.start_mark.line, value
    return None


def _scalar(node: yaml.Node | None, key: str | None) -> str | None:
    found = _child(node, key) if node is not None and key is not None else None
    if found and isinstance(found[1], yaml.ScalarNode) and found[1].value.strip():
        return str(found[1].value).strip()
    return None


def _items(root: yaml.Node | None, key: str | None) -> list[yaml.Node]:
    """The items of a list file: the file itself, or the list under one key of it."""
    if isinstance(root, yaml.SequenceNode):
        return list(root.value)
    if isinstance(root, yaml.MappingNode):
        for _, value in root.value:
            if isinstance(value, yaml.SequenceNode) and any(
                _scalar(item, key) for item in value.value if isinstance(item, yaml.MappingNode)
            ):
                return list(value.value)
    return []


class _File:
    """One source file, composed once: its item nodes and where its lines start."""

    def __init__(self, root: Path, ctype: ContentKind, label: str):
        self.ctype = ctype
        self.node: yaml.Node | None = None
        self.offset = 0
        try:
            text = read_text(root, label)
        except SourceError:
            return
        if ctype.is_markdown:
            match = FRONT_MATTER.match(text)
            if match and match.group(1):
                self.node, self.offset = _compose(match.group(1)), 1
        else:
            self.node = _compose(text)

    def item(self, entry: str | None) -> yaml.Node | None:
        if self.ctype.is_markdown or self.ctype.single:
            return self.node
        items = _items(self.node, self.ctype.key)
        number = re.fullmatch(r"nummer (\d+)", entry or "")
        if number:
            index = int(number.group(1)) - 1
            return items[index] if 0 <= index < len(items) else None
        return next((item for item in items if _scalar(item, self.ctype.key) == entry), None)

    def line(self, item: yaml.Node | None, field: str | None) -> int | None:
        """The line of the field (its key), or of the nearest part of it that is there: a missing
        field of a list item points at the item's first line."""
        if item is None:
            return None
        line = item.start_mark.line if not self.ctype.is_markdown or not field else None
        node = item
        for part in field_parts(field) if field and field != BODY_FIELD else []:
            step = _child(node, part)
            if step is None:
                break
            line, node = step
        return None if line is None else line + 1 + self.offset


def _type_of(types: Iterable[ContentKind], file: str) -> ContentKind | None:
    for ctype in types:
        if file == ctype.source or (ctype.is_markdown and file.startswith(ctype.source + "/")):
            return ctype
    return None


def describe(problems: Iterable[Problem], types: Iterable[ContentKind], root: Path) -> list[Problem]:
    """Every problem with its field's label, its item's title and its line where they can be found."""
    types = list(types)
    files: dict[str, _File] = {}
    result = []
    for problem in problems:
        ctype = _type_of(types, problem.file)
        if ctype is None or problem.label or problem.title:
            result.append(problem)
            continue
        if problem.file not in files:
            files[problem.file] = _File(root, ctype, problem.file)
        source = files[problem.file]
        item = source.item(problem.entry)
        title = (
            _scalar(item, ctype.title_attribute) if isinstance(item, yaml.MappingNode) and not ctype.single else None
        )
        line = problem.line
        if line is None and problem.field != BODY_FIELD:
            line = source.line(item, problem.field)
        result.append(replace(problem, label=field_label(ctype.schema, problem.field), title=title, line=line))
    return result
