"""The Dutch comment on a pull request: what `make check` found (errors and B1 hints) and
where the preview is. The pull-request workflow posts it once per run (scripts/review.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .check import CheckResult

MAX_PROBLEMS = 40
MAX_HINTS = 20
READABILITY = "Leesbaarheid: "


@dataclass
class Run:
    """What the workflow knows about this run."""

    build: str = "skipped"             # the preview build: success, failure, cancelled or skipped
    preview_url: str | None = None     # where the preview can be downloaded
    run_url: str | None = None         # the run's page with every step's log
    commit: str | None = None


def plain(text: str) -> str:
    """Editors' text shown as text: no HTML, Markdown or @mentions."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    return re.sub(r"([\\`*_\[\]()#|~!])", r"\\\1", text)


def _items(lines: list[str], limit: int, more: str) -> list[str]:
    shown = [f"- {plain(line)}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"- … {more.format(count=len(lines) - limit)}")
    return shown


def review_comment(result: CheckResult, run: Run) -> str:
    count = len(result.problems)
    noun = "fout" if count == 1 else "fouten"
    if count:
        title = f"## ❌ Controle: {count} {noun} gevonden"
    else:
        title = "## ✅ Controle: geen fouten gevonden"
    about = []
    if run.commit:
        about.append(f"Gecontroleerd: versie {plain(run.commit[:7])}.")
    if run.run_url:
        about.append(f"[Alle stappen van de controle]({run.run_url})")
    lines = [title, "", " ".join(about)] if about else [title]
    if count:
        lines += ["", "### Wat moet er anders?",
                  "Deze fouten houden de wijziging tegen. Verbeter ze in hetzelfde bestand, op dezelfde branch. "
                  "Na het opslaan (commit) loopt de controle vanzelf opnieuw.", ""]
        lines += _items([str(problem) for problem in result.problems], MAX_PROBLEMS,
                        "en nog {count} meer. Alle fouten staan bij de stap 'Controle (make check)'.")
    readability = [hint.removeprefix(READABILITY) for hint in result.hints if hint.startswith(READABILITY)]
    others = [hint for hint in result.hints if not hint.startswith(READABILITY)]
    if readability:
        lines += ["", "### Tips: moeilijke tekst (taalniveau B1)",
                  "Geen fout, wel een tip: maak de zinnen korter en de woorden eenvoudiger. "
                  "Zie CONTRIBUTING.md, 'Schrijven op B1'.", ""]
        lines += _items(readability, MAX_HINTS, "en nog {count} teksten.")
    if others:
        lines += ["", "### Andere tips", ""] + _items(others, MAX_HINTS, "en nog {count} tips.")
    lines += ["", "### Voorbeeld van de site", ""]
    if run.build == "success" and run.preview_url:
        lines += [f"[Download het voorbeeld]({run.preview_url}) (een zip-bestand; je moet ingelogd zijn op GitHub). "
                  "Pak het uit en open `index.html` in je browser. Alle pagina's en links werken zo. "
                  "Alleen **zoeken werkt niet** in het voorbeeld: daarvoor is een webserver nodig."]
    elif count:
        lines += ["Er is geen voorbeeld, omdat de site met deze fouten niet gebouwd kan worden. "
                  "Verbeter eerst de fouten hierboven."]
    else:
        lines += ["Er is geen voorbeeld: het bouwen van de site is niet gelukt. Kijk bij de stap "
                  "'Voorbeeldsite bouwen' wat er misging, of vraag het een ontwikkelaar."]
    return "\n".join(lines) + "\n"
