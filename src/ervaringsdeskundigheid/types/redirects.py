"""Moved pages (data/redirects.yml): the old address of a page that got a new one keeps working.

URLs are forever (DESIGN.md): links are shared in apps and e-mails and printed, so a page that
gets a new address (a story renamed because its old address said something untrue, say)
keeps its old address as a page that forwards to the new one. The build claims the old
address, so no other page can take it, and checks that the new one exists.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from ..core.fields import PAGE_PATH_PATTERN, Date, Strict, Text, hint
from ..core.problems import Problem
from .base import ContentType

REDIRECTS_FILE = "data/redirects.yml"
# A page address inside the section, as it is written everywhere: 'verhalen/oude-naam/'.
PagePath = Annotated[str, StringConstraints(strip_whitespace=True, pattern=PAGE_PATH_PATTERN, max_length=200)]


class Redirect(Strict):
    path: PagePath = hint("Het oude adres, zonder de site ervoor en met een / aan het eind, zoals "
                          "'verhalen/oude-naam/'. Verander of verwijder dit nooit: links naar het oude adres "
                          "blijven werken.")
    target: PagePath = hint("De pagina waar het oude adres nu naartoe gaat, zoals 'verhalen/nieuwe-naam/'.")
    date: Date = hint("Sinds wanneer de pagina het nieuwe adres heeft (JJJJ-MM-DD).")
    note: Text | None = hint("Waarom het adres veranderde. Alleen voor de redactie.", default=None)


def target_problems(site, known) -> list[Problem]:
    """Every old address forwards to a page that exists, and not to another old address (a chain
    or a loop). `known(url)` says whether the site has a page there."""
    moved = {item.data.path for item in site.of("redirects")}
    problems = []
    for item in site.of("redirects"):
        target = item.data.target
        if target in moved:
            reason = (f"'{target}' is zelf een oud adres in {REDIRECTS_FILE}. Kies de pagina waar dat adres "
                      "nu naartoe gaat.")
        elif not known(target):
            reason = (f"'{target}' is geen pagina van deze site. Kies het adres van een bestaande pagina, "
                      "zoals 'verhalen/nieuwe-naam/'.")
        else:
            continue
        problems.append(Problem(item.source, "target", reason, entry=item.entry))
    return problems


def server_redirects(site) -> list[tuple[str, str]]:
    """(old, new) site-relative page addresses, for the redirect files of hosts that can redirect
    on the server (the forwarding pages work on any host)."""
    return [(item.data.path, item.data.target) for item in site.of("redirects")]


REDIRECTS = ContentType(
    id="redirects", label="Verhuisde pagina", plural="Verhuisde pagina's", schema=Redirect,
    source=REDIRECTS_FILE, key="path", summary=None, title_attribute="path", search=False,
    editor_hint="Oude adressen van pagina's die een nieuw adres kregen. Het oude adres stuurt door naar het "
                "nieuwe. Haal een regel nooit weg: er kunnen links naar het oude adres bestaan.",
    extra={"optional": True, "source_hint": False},
)
