"""Reading source files strictly: nothing outside the project, no symlinks, size limits,
UTF-8 only, no invisible control characters, and YAML without anchors, aliases or
duplicate keys. Every failure becomes a Dutch `Problem` naming the file (and the line).
"""

from __future__ import annotations

import pickle
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, Iterator

import yaml

from .problems import Problem

MAX_TEXT_BYTES = 1_000_000  # one Markdown or YAML file
MAX_YAML_DEPTH = 12  # nesting of lists and groups; our deepest file uses 6
TEXT_SUFFIXES = (".md", ".yml", ".yaml")

# libyaml's parser when PyYAML has it: about ten times faster than the pure-Python one.
if TYPE_CHECKING:  # one class for the type checker; both have SafeLoader's interface
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


# --- Paths ----------------------------------------------------------------------------------


def safe_path(root: Path, relative: str) -> Path:
    """`root / relative`, refused when it leaves the project or passes a symlink on the way."""
    parts = PurePosixPath(relative).parts
    if PurePosixPath(relative).is_absolute() or ".." in parts or not parts:
        raise SourceError(Problem(relative, None, "ligt buiten de projectmap. Gebruik een pad binnen het project."))
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            raise SourceError(
                Problem(
                    relative,
                    None,
                    (
                        "is een snelkoppeling (symlink). Zet het bestand zelf in de map; "
                        "de site leest niets van buiten het project."
                    ),
                )
            )
    return path


def symlinks_below(root: Path, folder: str) -> list[Problem]:
    """Every symlink below `folder` (files and folders), as a problem."""
    base = root / folder
    if base.is_symlink():
        return [Problem(folder, None, "is een snelkoppeling (symlink). Zet de map zelf in het project.")]
    if not base.is_dir():
        return []
    found = []
    for path in sorted(base.rglob("*")):
        if path.is_symlink():
            found.append(
                Problem(
                    path.relative_to(root).as_posix(),
                    None,
                    (
                        "is een snelkoppeling (symlink). Zet het bestand zelf in de map; "
                        "de site leest niets van buiten het project."
                    ),
                )
            )
    return found


def files_in(root: Path, folder: str, suffix: str) -> list[str]:
    """Relative paths of the regular files with `suffix` directly in `folder`, sorted.
    Symlinks are left out here; `symlinks_below` reports them."""
    base = root / folder
    if not base.is_dir() or base.is_symlink():
        return []
    return sorted(
        f"{folder}/{path.name}"
        for path in base.iterdir()
        if path.suffix == suffix and path.is_file() and not path.is_symlink()
    )


# --- Text -----------------------------------------------------------------------------------


def _forbidden(char: str) -> bool:
    code = ord(char)
    if char in "\t\n":
        return False
    if unicodedata.category(char) == "Cc":  # C0 and C1 controls, DEL
        return True
    return (
        code in (0x2028, 0x2029, 0xFEFF)  # line/paragraph separators, BOM inside text
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069  # bidirectional overrides
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )  # noncharacters


_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)


def control_character(text: str) -> tuple[int, int, str] | None:
    """(line, column, name) of the first forbidden invisible character, or None."""
    match = _SUSPECT.search(text)
    while match and not _forbidden(match.group()):
        match = _SUSPECT.search(text, match.end())
    if not match:
        return None
    before = text[: match.start()]
    line = before.count("\n") + 1
    column = match.start() - (before.rfind("\n") + 1) + 1
    return line, column, f"U+{ord(match.group()):04X}"


def control_character_message(name: str) -> str:
    return (
        f"bevat een onzichtbaar stuurteken ({name}). Haal het weg: het komt vaak mee als je "
        "tekst kopieert uit Word, een pdf of een chat."
    )


def read_text(root: Path, relative: str, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """A project file as UTF-8 text with Unix line ends. `relative` is the path editors see."""
    path = safe_path(root, relative)
    try:
        if path.stat().st_size > max_bytes:
            raise SourceError(
                Problem(
                    relative,
                    None,
                    (
                        f"is te groot ({path.stat().st_size // 1000} kB). Hoogstens {max_bytes // 1000} kB; "
                        "splits de tekst of haal grote stukken weg."
                    ),
                )
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise SourceError(Problem(relative, None, "bestaat niet. Maak het bestand aan.")) from error
    except IsADirectoryError as error:
        raise SourceError(Problem(relative, None, "is een map, geen bestand.")) from error
    except OSError as error:
        raise SourceError(Problem(relative, None, f"kan het bestand niet lezen ({error.strerror}).")) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            Problem(
                relative,
                None,
                f"is geen UTF-8-tekst (vreemd teken op positie {error.start}). Sla het bestand op als UTF-8.",
            )
        ) from error
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    found = control_character(text)
    if found:
        line, column, name = found
        raise SourceError(Problem(relative, None, f"{control_character_message(name)} (kolom {column})", line=line))
    return text


# --- YAML -----------------------------------------------------------------------------------


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Loader(_SafeLoader):
    """SafeLoader that keeps dates as text (so 2025-02-30 reaches validation as a clear
    field error) and refuses a key that appears twice in one group."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, object] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise _DuplicateKey(
                            problem=f"het veld '{key_node.value}' staat twee keer in hetzelfde blok; haal er één weg",
                            problem_mark=key_node.start_mark,
                        )
                    seen[key_node.value] = True
        return super().construct_mapping(node, deep=deep)


# YAML 1.2 reading of plain values, as editors (and the web editor) expect: only true/false
# are booleans ('No', 'on' stay text), '12:30' is text, and dates stay text until validation.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+)$")
_Loader.yaml_implicit_resolvers = {
    key: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))

# Parsed YAML by its text, pickled. `make serve` rebuilds in the same process after every edit;
# files that did not change are not parsed again. Callers get a copy and may change it (unpickling
# plain values is some five times faster than copy.deepcopy).
_PARSED: dict[str, bytes] = {}
_PARSED_LIMIT = 5_000

# libyaml's English problems, in Dutch, with what to do.
_YAML_PROBLEMS = (
    (
        "mapping values are not allowed",
        "er staat een dubbele punt op een plek waar dat niet kan. "
        "Zet tekst met een dubbele punt tussen aanhalingstekens",
    ),
    ("found character '\\t'", "er staat een tab. Gebruik spaties om in te springen"),
    ("tab character", "er staat een tab. Gebruik spaties om in te springen"),
    (
        "cannot start any token",
        "er staat een teken dat hier niet mag, zoals een tab, @ of ` aan het begin. "
        "Gebruik spaties om in te springen en zet tekst tussen aanhalingstekens",
    ),
    ("could not find expected ':'", "er mist een dubbele punt na een veldnaam"),
    ("found unexpected end of stream", "een aanhalingsteken of haakje is niet gesloten"),
    ("found unexpected ':'", "er staat een dubbele punt op een plek waar dat niet kan"),
    ("expected ',' or ']'", "een lijst tussen [ en ] is niet goed gesloten"),
    ("expected ',' or '}'", "een groep tussen { en } is niet goed gesloten"),
    ("did not find expected key", "de inspringing klopt niet: een veld staat te ver naar links of rechts"),
    ("did not find expected '-' indicator", "de inspringing van de lijst klopt niet"),
    ("found duplicate anchor", "gebruik geen ankers (&) in de bestanden"),
    ("found undefined alias", "gebruik geen verwijzingen (*) in de bestanden"),
    ("could not determine a constructor", "gebruik geen YAML-tags (zoals !!python)"),
)


def _dutch_yaml_problem(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or ""
    if isinstance(error, _DuplicateKey):
        return problem
    for english, dutch in _YAML_PROBLEMS:
        if english in problem:
            return dutch
    return "de opmaak klopt niet"


def parse_yaml(text: str, label: str, field: str | None = None, line_offset: int = 0) -> Any:
    try:
        return pickle.loads(_PARSED[text])
    except KeyError:
        value = _parse_yaml(text, label, field, line_offset)
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        _PARSED[text] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return value


def _yaml_error(label: str, field: str | None, line: int | None, message: str) -> SourceError:
    return SourceError(
        Problem(
            label,
            field,
            f"is geen geldige YAML: {message}. Controleer dubbele punten, inspringing en aanhalingstekens.",
            line=line,
        )
    )


def _explicit_tag(event: yaml.Event) -> bool:
    """A tag the editor wrote (`!!binary`, `!!python/...`, `!x`); editors never need one."""
    tag, implicit = getattr(event, "tag", None), getattr(event, "implicit", True)
    if tag is None or tag == "!":
        return False
    return not any(implicit) if isinstance(implicit, tuple) else not implicit


def _check_structure(text: str, label: str, field: str | None, line_offset: int) -> None:
    """Anchors and aliases (an alias bomb expands a few hundred bytes into gigabytes) and
    very deep nesting are refused from the event stream, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 + line_offset if event.start_mark else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise SourceError(
                Problem(
                    label,
                    field,
                    ("gebruikt een anker (&) of verwijzing (*). Dat kan hier niet: schrijf de waarde gewoon uit."),
                    line=line,
                )
            )
        if _explicit_tag(event):
            raise SourceError(
                Problem(
                    label,
                    field,
                    (
                        f"gebruikt een YAML-tag ({getattr(event, 'tag', '')}). "
                        "Dat kan hier niet: schrijf de waarde gewoon uit."
                    ),
                    line=line,
                )
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise SourceError(
                    Problem(
                        label,
                        field,
                        (
                            f"is te diep genest (meer dan {MAX_YAML_DEPTH} niveaus). Kijk in het voorbeeld "
                            "bij een ander item in het bestand hoe het moet."
                        ),
                        line=line,
                    )
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _error_mark(error: yaml.YAMLError) -> yaml.Mark | None:
    """Where the editor has to look: an unclosed quote, bracket or key is reported by libyaml
    where it noticed (often the next line); the start of that construct is the true line."""
    context = getattr(error, "context", None) or ""
    context_mark: yaml.Mark | None = getattr(error, "context_mark", None)
    if context.startswith(("while scanning", "while parsing a flow")) and context_mark:
        return context_mark
    problem_mark: yaml.Mark | None = getattr(error, "problem_mark", None)
    return problem_mark


def _parse_yaml(text: str, label: str, field: str | None, line_offset: int) -> Any:
    try:
        _check_structure(text, label, field, line_offset)
        value = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as error:
        mark = _error_mark(error)
        line = mark.line + 1 + line_offset if mark else None
        message = _dutch_yaml_problem(error)
        if mark and mark.line < len(text.split("\n")) and text.split("\n")[mark.line].strip():
            message += f" (op die regel staat: {text.split(chr(10))[mark.line].strip()[:80]})"
        raise _yaml_error(label, field, line, message) from error
    except RecursionError as error:
        raise _yaml_error(label, field, None, "het bestand is te diep genest") from error
    # A parsed string holds only characters of the text, unless an escape ("\\x07") made one.
    if "\\" in text or _SUSPECT.search(text):
        for path, string in strings_in(value):
            found = control_character(string)
            if found:
                raise SourceError(Problem(label, path or field, control_character_message(found[2])))
    return value


def strings_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in parsed YAML (keys too), with a readable field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                yield name, key
            yield from strings_in(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from strings_in(item, f"{path}[{index}]")


def load_yaml_file(root: Path, relative: str) -> Any:
    text = read_text(root, relative)
    if not text.strip():
        raise SourceError(Problem(relative, None, "is leeg. Verwacht YAML-gegevens."))
    return parse_yaml(text, relative)


# --- Markdown with front matter --------------------------------------------------------------

# The same boundaries MkDocs uses for front matter, so both read the same block.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|$)", re.S)


@dataclass(frozen=True)
class MarkdownSource:
    meta: dict[str, Any]
    body: str
    body_line: int  # line number of the first body line, for messages


def split_front_matter(text: str, label: str, required: bool = True) -> MarkdownSource:
    match = FRONT_MATTER.match(text)
    if not match:
        if required:
            if text.startswith("---"):
                raise SourceError(Problem(label, "front matter", "is niet afgesloten met een regel '---'."))
            raise SourceError(
                Problem(
                    label,
                    "front matter",
                    ("ontbreekt. Het bestand moet beginnen met een regel '---', dan de velden, dan weer '---'."),
                )
            )
        return MarkdownSource(meta={}, body=text, body_line=1)
    block = match.group(1) or ""
    meta = parse_yaml(block, label, "front matter", line_offset=1) if block.strip() else {}
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(Problem(label, "front matter", "moet velden bevatten in de vorm 'naam: waarde'."))
    return MarkdownSource(meta=meta, body=text[match.end() :], body_line=text[: match.end()].count("\n") + 1)


def read_markdown(root: Path, relative: str, required: bool = True) -> MarkdownSource:
    """Split a Markdown file into front matter (a mapping) and body."""
    text = read_text(root, relative)
    if not text.strip():
        raise SourceError(
            Problem(relative, None, "is leeg. Verwacht front matter tussen twee regels '---' en daarna de tekst.")
        )
    return split_front_matter(text, relative, required)
