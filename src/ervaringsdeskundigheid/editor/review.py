"""The Dutch comment on a pull request, in two halves that run in different jobs.

`collect` (the read-only job, which runs the pull request's own code) checks the project and
writes what it found as data: problems, notices, B1 tips for the changed files, and a change
of `site_url` or `repository`. `comment` (a separate job that may write to the pull request
but runs only the default branch's code) turns that data into Markdown. Everything in the data
came from the change, so all of it is escaped: no heading, link, HTML, image or @mention can
come from it. The headline follows the check's real outcome, not the data.

This module imports only the standard library at the top: the comment job needs no installs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARKER = "<!-- ervaringsdeskundigheid-controle -->"  # finds this comment again, to update it in place
FORMAT = 1
MAX_PROBLEMS = 40
MAX_NOTICES = 20
MAX_TIP_FILES = 8
MAX_OTHER = 10
MAX_LENGTH = 60_000  # GitHub refuses comments above 65,536 characters
WATCHED_SETTINGS = ("site_url", "repository")  # data/site.yml: every QR code follows these


@dataclass
class Run:
    """What the comment job knows for sure (from GitHub, not from the pull request)."""

    conclusion: str = "failure"  # the check's outcome: success, failure, cancelled, ...
    preview_url: str | None = None  # the preview of this pull request, when it was published
    run_url: str | None = None  # the run's page with every step's log
    commit: str | None = None


# --- escaping ------------------------------------------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_\[\]()|~!{}])")
_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}
_BREAK = "\u200b"  # a zero-width space: breaks links and mentions


def plain(value: Any, limit: int = 600) -> str:
    """Text from the change, shown as text: one line, no HTML, no Markdown, no links, no
    @mentions or #references, no invisible characters."""
    text = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in str(value))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(r"\\\1", text)
    text = re.sub(r"[@#]", lambda m: m.group() + _BREAK, text).replace("://", ":" + _BREAK + "//")  # @name, #12
    return re.sub(r"(?i)\bwww\.", "www." + _BREAK, text)


def _url(value: Any) -> str | None:
    """A URL from the workflow (not from the change): https only, nothing that leaves the link."""
    text = str(value or "")
    return text if re.fullmatch(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~%/+=-]*)?", text) else None


# --- collecting (read-only job) ------------------------------------------------------------------


def _problem(problem) -> dict:
    return {
        "file": problem.file,
        "line": problem.line,
        "title": problem.title,
        "entry": problem.entry,
        "field": problem.field,
        "label": problem.label,
        "message": problem.message,
    }


def settings_changes(root: Path, base_settings: Path | None) -> list[dict]:
    """`site_url` or `repository` of data/site.yml changed against the base branch."""
    if base_settings is None:
        return []
    import yaml

    def read(path: Path) -> dict:
        try:
            value = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            return {}
        return value if isinstance(value, dict) else {}

    old, new = read(base_settings), read(Path(root) / "data/site.yml")
    return [
        {"field": name, "old": old.get(name), "new": new.get(name)}
        for name in WATCHED_SETTINGS
        if old.get(name) != new.get(name)
    ]


def collect(root: Path, changed: list[str], base_settings: Path | None = None, today=None) -> dict:
    """Everything the comment needs, as data (runs the whole check)."""
    from ..render.readability import B1_THRESHOLD
    from .check import check_project
    from .tips import tips

    result = check_project(Path(root), today=today)
    changed_set = set(changed)
    texts = _texts_by_source(Path(root), today) if result.readability else {}
    tip_files = []
    for text in result.readability:
        if text.source not in changed_set:
            continue
        body = texts.get((text.source, text.title), "")
        tip_files.append(
            {
                "file": text.source,
                "title": text.title,
                "score": round(text.score),
                "target": B1_THRESHOLD,
                "sentences": [tip.__dict__ for tip in tips(body)],
            }
        )
    other = [
        hint
        for hint in result.hints
        if not hint.startswith(("Leesbaarheid:", "Voorbeelden:")) and any(file in hint for file in changed_set)
    ]
    return {
        "format": FORMAT,
        "changed": sorted(changed_set),
        "problems": [_problem(p) for p in result.problems],
        "notices": [{"file": n.file, "title": n.title, "reason": n.reason, "fix": n.fix} for n in result.notices],
        "tips": tip_files,
        "other": other,
        "settings": settings_changes(root, base_settings),
    }


def _texts_by_source(root: Path, today) -> dict[tuple[str, str], str]:
    from ..render.readability import texts
    from ..types import load_site

    return {(source, title): markdown for source, title, markdown in texts(load_site(root, today=today))}


# --- the comment (the job that may write) ---------------------------------------------------------


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _by_file(entries: list[dict]) -> dict[str, list[dict]]:
    files: dict[str, list[dict]] = {}
    for entry in entries:
        if isinstance(entry, dict):
            files.setdefault(str(entry.get("file") or "(onbekend bestand)"), []).append(entry)
    return files


def _problem_line(problem: dict) -> str:
    parts = []
    if isinstance(problem.get("line"), int):
        parts.append(f"regel {problem['line']}")
    if problem.get("title") or problem.get("entry"):
        parts.append(f"'{plain(problem.get('title') or problem.get('entry'), 120)}'")
    field, label = problem.get("field"), problem.get("label")
    if label and field and str(label).lower() != str(field).lower():
        parts.append(f"veld **{plain(label, 80)}** ({plain(field, 80)})")
    elif label or field:
        parts.append(f"veld **{plain(label or field, 80)}**")
    where = ", ".join(parts)
    return f"- {where + ': ' if where else ''}{plain(problem.get('message'))}"


def _settings_warning(settings: list) -> list[str]:
    lines = []
    for change in settings:
        if not isinstance(change, dict) or change.get("field") not in WATCHED_SETTINGS:
            continue
        name = change["field"]
        what = "het adres van de site" if name == "site_url" else "de repository (waar de webeditor opslaat)"
        lines.append(
            f"> **Let op: alle QR-codes** en links op posters volgen `{name}` in data/site.yml. Deze "
            f"wijziging verandert {what} van '{plain(change.get('old'), 200)}' naar "
            f"'{plain(change.get('new'), 200)}'. Voeg dit alleen samen als dat echt de bedoeling is, "
            "en vraag het eerst aan de beheerder van de site."
        )
    return lines + [""] if lines else []


def comment(data: dict, run: Run) -> str:
    """The whole comment as Markdown, starting with what to do."""
    data = data if isinstance(data, dict) else {}
    problems = [p for p in _list(data.get("problems")) if isinstance(p, dict)]
    notices = [n for n in _list(data.get("notices")) if isinstance(n, dict)]
    passed = run.conclusion == "success"
    lines = [MARKER, *_settings_warning(_list(data.get("settings")))]
    count = len(problems)
    noun = "fout" if count == 1 else "fouten"
    preview = _url(run.preview_url)
    if passed:
        lines += [
            "## ✅ Klaar om na te kijken",
            "",
            "**Wat moet je doen?** Bekijk het voorbeeld hieronder. Klopt alles? Vraag dan een collega om "
            "je wijziging na te kijken en samen te voegen (Merge pull request).",
        ]
    elif count:
        lines += [
            f"## ❌ Nog niet klaar: {count} {noun} om te verbeteren",
            "",
            "**Wat moet je doen?** Verbeter de fouten hieronder. Dat kan in de webeditor: open hetzelfde "
            "item, verbeter het en klik op **Opslaan**. Of met het potlood op GitHub, in dit voorstel. "
            "De controle loopt daarna vanzelf opnieuw, en deze reactie wordt bijgewerkt.",
        ]
    else:
        lines += [
            "## ❌ De controle is niet gelukt",
            "",
            "**Wat moet je doen?** Er is geen fout in je tekst gevonden, maar de controle liep niet goed "
            "af. Klik hieronder op *Alle stappen van de controle* en vraag een ontwikkelaar om hulp.",
        ]
    lines += ["", "### Voorbeeld van de site"]
    if preview:
        lines += [
            f"[**Bekijk het voorbeeld**]({preview}) (opent de site met jouw wijziging in je browser). "
            "Het voorbeeld blijft staan tot dit voorstel is samengevoegd of gesloten."
        ]
    elif count:
        lines += ["Er is nog geen voorbeeld: met deze fouten kan de site niet gebouwd worden."]
    else:
        lines += [
            "Er is geen voorbeeld voor dit voorstel. (Een voorbeeld komt er alleen voor voorstellen uit deze "
            "repository, zoals die van de webeditor.)"
        ]
    if problems:
        lines += [
            "",
            "### Fouten, per bestand",
            "Het veld staat er zoals de webeditor het noemt, met de naam in het bestand erachter.",
            "",
        ]
        shown = 0
        for file, entries in _by_file(problems).items():
            if shown >= MAX_PROBLEMS:
                break
            lines += [f"**{plain(file, 200)}**", ""]
            for problem in entries[: MAX_PROBLEMS - shown]:
                lines.append(_problem_line(problem))
                shown += 1
            lines.append("")
        if count > shown:
            lines.append(f"… en nog {count - shown} meer. Alle fouten staan bij de stap *Controle (make check)*.")
    if notices:
        lines += [
            "",
            "### Niet op de site",
            "Geen fout, maar deze stukken komen (nog) niet op de site. Zo weet je waarom.",
            "",
        ]
        for notice in notices[:MAX_NOTICES]:
            lines.append(
                f"- **{plain(notice.get('file'), 200)}**, '{plain(notice.get('title'), 120)}': "
                f"{plain(notice.get('reason'))} {plain(notice.get('fix'))}"
            )
        if len(notices) > MAX_NOTICES:
            lines.append(f"- … en nog {len(notices) - MAX_NOTICES} meer.")
    tips = [t for t in _list(data.get("tips")) if isinstance(t, dict)][:MAX_TIP_FILES]
    if tips:
        lines += [
            "",
            "### Tips voor eenvoudige taal",
            "Geen fout, wel een tip. Deze teksten uit jouw wijziging zijn waarschijnlijk moeilijk voor een deel "
            "van de lezers. Korte zinnen en gewone woorden helpen iedereen.",
            "",
        ]
        for tip in tips:
            lines += [f"**{plain(tip.get('file'), 200)}**, '{plain(tip.get('title'), 120)}'", ""]
            for sentence in [s for s in _list(tip.get("sentences")) if isinstance(s, dict)][:3]:
                lines += [
                    f"- De zin: *{plain(sentence.get('sentence'), 400)}*",
                    f"    - Waarom: {plain(sentence.get('why'))}",
                    f"    - Eenvoudiger: {plain(sentence.get('example'), 400)}",
                ]
            lines.append("")
    other = [str(hint) for hint in _list(data.get("other"))][:MAX_OTHER]
    if other:
        lines += ["", "### Andere tips", ""] + [f"- {plain(hint)}" for hint in other]
    about = []
    if run.commit and re.fullmatch(r"[0-9a-f]{7,40}", run.commit):
        about.append(f"Gecontroleerd: versie {run.commit[:7]}.")
    if _url(run.run_url):
        about.append(f"[Alle stappen van de controle]({_url(run.run_url)})")
    if about:
        lines += ["", "<sub>" + " · ".join(about) + "</sub>"]
    text = "\n".join(lines).strip() + "\n"
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH].rsplit("\n", 1)[0] + "\n\n… (ingekort: de rest staat bij *Controle (make check)*)\n"
    return text


def read_data(path: Path) -> dict:
    """The collected data, or nothing when the read-only job left none (it failed early)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == FORMAT else {}
