"""Moved pages (data/redirects.yml): the old address of a page that got a new one keeps working.

URLs are forever (DESIGN.md): links are shared in apps and e-mails and printed, so a page that
gets a new address (a story renamed because its old address said something untrue, say)
keeps its old address as a page that forwards to the new one. The build claims the old
address, so no other page can take it, and checks that the new one exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Callable

from pydantic import StringConstraints

from ..core import urls
from ..core.fields import PAGE_PATH_PATTERN, Date, Strict, Text, hint
from ..core.problems import Problem
from ..core.site import Site
from .base import ContentType
from .pages import Page, category_url

REDIRECTS_FILE = "data/redirects.yml"
# A page address inside the section, as it is written everywhere: 'verhalen/oude-naam/'.
PagePath = Annotated[str, StringConstraints(strip_whitespace=True, pattern=PAGE_PATH_PATTERN, max_length=200)]


class Redirect(Strict):
    path: PagePath = hint(
        "Het oude adres, zonder de site ervoor en met een / aan het eind, zoals "
        "'verhalen/oude-naam/'. Verander of verwijder dit nooit: links naar het oude adres "
        "blijven werken.",
        label="Oud adres",
    )
    target: PagePath = hint(
        "De pagina waar het oude adres nu naartoe gaat, zoals 'verhalen/nieuwe-naam/'.", label="Nieuwe pagina"
    )
    date: Date = hint("Sinds wanneer de pagina het nieuwe adres heeft (JJJJ-MM-DD).", label="Sinds")
    note: Text | None = hint("Waarom het adres veranderde. Alleen voor de redactie.", label="Toelichting", default=None)


def target_problems(site: Site, known: Callable[[str], bool]) -> list[Problem]:
    """Every old address forwards to a page that exists, and not to another old address (a chain
    or a loop). `known(url)` says whether the site has a page there."""
    moved = {item.data.path for item in site.of("redirects")}
    problems: list[Problem] = []
    for item in site.of("redirects"):
        target = item.data.target
        if target in site.unpublished:
            continue  # a page that is not published now (a draft, an example, held back): see forward_to
        if target in moved:
            reason = (
                f"'{target}' is zelf een oud adres in {REDIRECTS_FILE}. Kies de pagina waar dat adres nu naartoe gaat."
            )
        elif not known(target):
            reason = (
                f"'{target}' is geen pagina van deze site. Kies het adres van een bestaande pagina, "
                "zoals 'verhalen/nieuwe-naam/'."
            )
        else:
            continue
        problems.append(Problem(item.source, "target", reason, entry=item.entry))
    return problems


def moved_pages(site: Site) -> list[tuple[str, str]]:
    """(old, new) site-relative page addresses of the pages that moved."""
    return [(item.data.path, item.data.target) for item in site.of("redirects")]


def forward_to(target: str, site: Site) -> str:
    """Where an old address forwards: its new page, or, while that page is not published (a
    draft, a hidden example, held back by the consent rule), the nearest page above it that is."""
    if target not in site.unpublished:
        return target
    lists = {ctype.list_url for ctype in site.types.values() if ctype.list_url and (site.of(ctype.id) or ctype.single)}
    parent = target.rstrip("/").rpartition("/")[0]
    while parent:
        if parent + "/" in lists:
            return parent + "/"
        parent = parent.rpartition("/")[0]
    return urls.HOME


@dataclass(frozen=True)
class MovedPages:
    """The old address of a page that moved forwards to its new one (meta refresh, noindex)."""

    template: str = "moved.html"

    def plan(self, ctype: ContentType, site: Site) -> list[Page]:
        titles = {item.url: item.title for other in site.types.values() if other.item_url for item in site.of(other.id)}
        titles.update({category_url(c): c.title for c in site.categories})
        pages = []
        for item in site.of(ctype.id):
            old, new = item.data.path, forward_to(item.data.target, site)
            title = titles.get(new, "de nieuwe pagina")
            forward = urls.relative(new, old)
            pages.append(
                Page(
                    url=old,
                    title=f"Nieuw adres: {title}",
                    template=self.template,
                    source=item.source,
                    owner=f"het oude adres '{old}' in {item.source}",
                    context={"target_title": title, "forward": forward},
                    description=f"Deze pagina heeft een nieuw adres: {title}.",
                    label="Doorverwijzing",
                    search=False,
                    noindex=True,
                    refresh=forward,
                    next_step=False,
                    own_heading=True,
                )
            )
        return pages


REDIRECTS = ContentType(
    id="redirects",
    label="Verhuisde pagina",
    plural="Verhuisde pagina's",
    schema=Redirect,
    source=REDIRECTS_FILE,
    key="path",
    summary=None,
    title_attribute="path",
    search=False,
    pages=(MovedPages(),),
    optional=True,
    source_hint=False,
    # an old address that names a person whose consent ended cannot lose the name: it goes (privacy first)
    withholdable=True,
    editor_hint="Oude adressen van pagina's die een nieuw adres kregen. Het oude adres stuurt door naar het "
    "nieuwe. Haal een regel nooit weg: er kunnen links naar het oude adres bestaan.",
)
