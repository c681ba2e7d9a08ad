"""Content report for the communications team (`make report`): the plan's targets, consents
to renew, facts still missing per item, texts likely above B1, example content and drafts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader

from ..core import clock
from ..core.fields import meta
from ..core.sources import strings_in
from ..render.readability import a2_problems, short_texts, site_readability
from ..types import load_site

YEARLY_TARGET = 12  # stories and blogs each, per year (project plan 2025)
CONSENT_RENEWAL_YEARS = 2


@dataclass
class Report:
    today: dt.date
    per_year: list[tuple[int, int, int]]  # year, stories, blogs
    people_listed: int
    monitor_at_work: int | None
    monitor_year: int | None
    goal: int | None
    old_consents: list[tuple[str, str, dt.date]] = field(default_factory=list)  # source, who, date
    missing: list[tuple[str, str, list[str]]] = field(default_factory=list)  # source, item, fields
    hard_texts: list = field(default_factory=list)
    hard_summaries: list[tuple[str, str, list[str]]] = field(default_factory=list)  # where, title, reasons (A2)
    examples: list[tuple[str, str]] = field(default_factory=list)  # source, title
    drafts: list[tuple[str, str, str]] = field(default_factory=list)  # source, title, status
    launch: list[str] = field(default_factory=list)  # what is still missing before the site goes live


def build_report(root: Path, today: dt.date | None = None) -> Report:
    today = today or clock.today()
    site = load_site(root, today=today)
    preview = load_site(root, today=today, preview=True)
    stories = Counter(e.date.year for e in site.of("stories"))
    blogs = Counter(e.date.year for e in site.of("blogs"))
    years = sorted(set(stories) | set(blogs) | {today.year})
    monitor = site.single("monitor")
    counted = [y for y in (monitor.years if monitor else []) if y.at_work is not None and not y.expected]
    limit = today.replace(year=today.year - CONSENT_RENEWAL_YEARS)
    old = [(e.source, e.name, e.consent.date) for e in site.of("experts") if e.consent.date <= limit]
    old += [
        (e.source, e.person.name, e.person.consent.date)
        for e in site.of("stories")
        if e.person and e.person.consent and e.person.consent.date <= limit
    ]
    missing = []
    for ctype in site.types.values():
        unknown = [name for name in ctype.schema.model_fields if meta(ctype.schema, name).get("unknown")]
        for item in site.of(ctype.id):
            empty = [name for name in unknown if getattr(item.data, name) in (None, "", [])]
            if empty:
                missing.append((item.source, item.title, empty))
    examples = [
        (item.source, item.title)
        for items in site.items.values()
        for item in items
        if getattr(item.data, "example", False)
    ]
    drafts = [
        (item.source, item.title, item.status) for items in preview.items.values() for item in items if item.status
    ]
    return Report(
        today=today,
        per_year=[(y, stories[y], blogs[y]) for y in years],
        people_listed=len(site.of("experts")),
        monitor_at_work=counted[-1].at_work if counted else None,
        monitor_year=counted[-1].year if counted else None,
        goal=monitor.goal if monitor else None,
        old_consents=old,
        missing=missing,
        hard_texts=[t for t in site_readability(site) if t.likely_above_b1],
        hard_summaries=_hard_summaries(site),
        examples=examples,
        drafts=drafts,
        launch=launch_list(site, len(examples)),
    )


def launch_list(site, examples: int) -> list[str]:
    """What is still missing before launch, in Dutch: a route to a voice, real people and
    stories with consent, and a way to sign up for the programmes in the region."""
    from ..core.contact import shown_person

    settings, found = site.settings, []
    contact = settings.contact
    if not contact.phone:
        found.append(
            "Telefoonnummer: zet een algemeen nummer bij 'contact: phone' in data/site.yml. Zonder "
            "nummer staat alleen e-mail op de site en op de posters, en e-mail is voor veel lezers te moeilijk."
        )
    if not contact.whatsapp:
        found.append("WhatsApp: zet een nummer bij 'contact: whatsapp' in data/site.yml, dan kunnen lezers ons appen.")
    if not contact.address:
        found.append(
            "Langskomen: zet bij 'contact: address' en 'hours' waar en wanneer lezers kunnen binnenlopen "
            "(mag weg als dat niet kan)."
        )
    people = [("data/site.yml", contact.person)] + [
        (f"data/categories.yml ({category.key})", category.contact.person)
        for category in site.categories
        if category.contact and category.contact.person
    ]
    for where, person in people:
        if person is not None and shown_person(person, site.today) is None:
            found.append(
                f"Contactpersoon in {where}: {person.name} staat nergens op de site: er is geen geldige "
                "toestemming (consent met date en scope, met 'name' in de scope)."
            )
    if settings.show_examples and examples:
        found.append(
            f"Voorbeelden: {examples} verzonnen voorbeelden staan nog op de site. Zet 'show_examples: false' "
            "in data/site.yml: dan verdwijnen ze overal."
        )
    real = {
        ctype.id: [item for item in site.of(ctype.id) if not getattr(item.data, "example", False)]
        for ctype in site.types.values()
        if ctype.examples
    }
    for type_id, items in real.items():
        ctype = site.types[type_id]
        if ctype.article and len(items) < YEARLY_TARGET:
            found.append(
                f"{ctype.plural}: {len(items)} echte {ctype.plural.lower()} (niet verzonnen) op de site; het "
                f"doel is {YEARLY_TARGET} per jaar."
            )
        elif not items:
            found.append(
                f"{ctype.plural}: nog geen echte {ctype.plural.lower()} (niet verzonnen) op de site"
                f"{', met toestemming (consent)' if ctype.person_fields else ''}."
            )
    withheld = sum(count for reason, count in site.left_out.items() if "toestemming" in reason)
    if withheld:
        found.append(
            f"Toestemming: {withheld} mensen staan niet op de site omdat hun toestemming ontbreekt, later "
            "ingaat of is ingetrokken. Vraag toestemming (consent) als ze er wel op willen."
        )
    for items in site.items.values():  # texts that still speak of the made-up examples
        for item in items:
            if getattr(item.data, "example", False):
                continue
            text = " ".join(value for _, value in strings_in(item.data.model_dump(mode="json"))) + item.body
            if "verzonnen voorbeeld" in text.lower():
                where = f"{item.source}, item '{item.key}'" if item.entry else item.source
                found.append(
                    f"Tekst over voorbeelden: {where} noemt verzonnen voorbeelden. Is het zelf een "
                    "voorbeeld? Zet dan 'example: true'. Anders: pas de tekst aan als de voorbeelden weg zijn."
                )
    for programme in site.of("programmes"):
        if programme.data.regional and not programme.data.signup:
            found.append(
                f"Aanmelden: bij {programme.title} ({programme.source}) staat nog geen eigen route van de "
                "school (signup: url, phone of email). De site verwijst nu naar het netwerk."
            )
    return found


def _hard_summaries(site) -> list[tuple[str, str, list[str]]]:
    """ "In het kort" texts likely above A2, with why."""
    abbreviations = frozenset(
        form for term in site.of("glossary") if term.abbreviation for form in (term.term, *term.forms)
    )
    found = [(where, title, a2_problems(text, abbreviations)) for where, title, text in short_texts(site)]
    return [entry for entry in found if entry[2]]


def as_text(report: Report) -> str:
    lines = [
        f"Inhoudsrapport ({report.today.isoformat()})",
        "",
        f"Nog te doen voordat de site live gaat: {len(report.launch)}",
    ]
    lines += [f"  - {line}" for line in report.launch]
    lines += ["", f"{'Jaar':<6}{'Verhalen':>10}{'Blogs':>8}   doel: {YEARLY_TARGET} van elk"]
    for year, stories, blogs in report.per_year:
        mark = "" if stories >= YEARLY_TARGET and blogs >= YEARLY_TARGET else "  (onder het doel)"
        lines.append(f"{year:<6}{stories:>10}{blogs:>8}{mark}")
    lines += [
        "",
        f"Ervaringsdeskundigen op de site: {report.people_listed} "
        f"(projectmonitor eind {report.monitor_year}: {report.monitor_at_work} aan het werk, doel {report.goal})",
        "",
        f"Toestemmingen ouder dan {CONSENT_RENEWAL_YEARS} jaar (opnieuw vragen): {len(report.old_consents)}",
    ]
    lines += [f"  - {who} ({source}, {date.isoformat()})" for source, who, date in report.old_consents]
    lines += ["", f"Gegevens die nog ontbreken (de site laat ze weg): {len(report.missing)} items"]
    lines += [f"  - {source}: {title}: {', '.join(fields)}" for source, title, fields in report.missing]
    lines += ["", f"Teksten waarschijnlijk moeilijker dan B1: {len(report.hard_texts)}"]
    lines += [f"  - {t.source}: {t.title} (Flesch-Douma {t.score:.0f})" for t in report.hard_texts]
    lines += ["", f"'In het kort' waarschijnlijk moeilijker dan A2: {len(report.hard_summaries)}"]
    lines += [f"  - {where}: {title} ({'; '.join(reasons)})" for where, title, reasons in report.hard_summaries]
    lines += ["", f"Voorbeelden (example: true) op de site: {len(report.examples)}"]
    lines += [f"  - {source}: {title}" for source, title in report.examples]
    lines += ["", f"Concepten en geplande stukken: {len(report.drafts)}"]
    lines += [f"  - {source}: {title} ({status})" for source, title, status in report.drafts]
    return "\n".join(lines)


def as_html(report: Report) -> str:
    env = Environment(loader=PackageLoader("ervaringsdeskundigheid", "editor/templates"), autoescape=True)
    return env.get_template("report.html").render(
        report=report, target=YEARLY_TARGET, renewal_years=CONSENT_RENEWAL_YEARS
    )
