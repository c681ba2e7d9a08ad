"""Content report for the communications team (`make report`): the plan's targets, consents
to renew, texts likely above B1 and drafts waiting."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader

from .loader import load_site
from .model import BLOGS, STORIES
from .readability import site_readability

YEARLY_TARGET = 12            # stories and blogs each, per year (project plan 2025)
CONSENT_RENEWAL_YEARS = 2


@dataclass
class Report:
    today: dt.date
    per_year: list[tuple[int, int, int]]                 # year, stories, blogs
    people_listed: int
    monitor_at_work: int | None
    monitor_year: int | None
    goal: int | None
    old_consents: list[tuple[str, str, dt.date]] = field(default_factory=list)   # source, who, date
    hard_texts: list = field(default_factory=list)
    drafts: list[tuple[str, str, str]] = field(default_factory=list)             # source, title, status


def build_report(root: Path, today: dt.date | None = None) -> Report:
    today = today or dt.date.today()
    site = load_site(root, today=today)
    preview = load_site(root, today=today, preview=True)
    stories = Counter(e.meta.date.year for e in site.of_kind(STORIES))
    blogs = Counter(e.meta.date.year for e in site.of_kind(BLOGS))
    years = sorted(set(stories) | set(blogs) | {today.year})
    counted = [y for y in (site.monitor.years if site.monitor else []) if not y.expected and y.at_work is not None]
    limit = today.replace(year=today.year - CONSENT_RENEWAL_YEARS)
    old = [("data/experts.yml", e.name, e.consent.date) for e in site.experts if e.consent.date <= limit]
    old += [(e.source, e.meta.person.name, e.meta.person.consent.date) for e in site.entries
            if getattr(e.meta, "person", None) and e.meta.person.consent and e.meta.person.consent.date <= limit]
    drafts = [(e.source, e.meta.title, e.status) for e in preview.entries if e.status]
    for name, items in (("data/opleidingen.yml", preview.programmes), ("data/functieprofielen.yml", preview.profiles),
                        ("data/organisations.yml", preview.organisations)):
        drafts += [(name, getattr(item, "title", None) or item.name, "Concept") for item in items if item.draft]
    return Report(today=today, per_year=[(y, stories[y], blogs[y]) for y in years],
                  people_listed=len(site.experts),
                  monitor_at_work=counted[-1].at_work if counted else None,
                  monitor_year=counted[-1].year if counted else None,
                  goal=site.monitor.goal if site.monitor else None,
                  old_consents=old, hard_texts=[t for t in site_readability(site) if t.likely_above_b1],
                  drafts=drafts)


def as_text(report: Report) -> str:
    lines = [f"Inhoudsrapport ({report.today.isoformat()})", "",
             f"{'Jaar':<6}{'Verhalen':>10}{'Blogs':>8}   doel: {YEARLY_TARGET} van elk"]
    for year, stories, blogs in report.per_year:
        mark = "" if stories >= YEARLY_TARGET and blogs >= YEARLY_TARGET else "  (onder het doel)"
        lines.append(f"{year:<6}{stories:>10}{blogs:>8}{mark}")
    lines += ["", f"Ervaringsdeskundigen op de site: {report.people_listed} "
                  f"(projectmonitor eind {report.monitor_year}: {report.monitor_at_work} aan het werk, doel {report.goal})",
              "", f"Toestemmingen ouder dan {CONSENT_RENEWAL_YEARS} jaar (opnieuw vragen): {len(report.old_consents)}"]
    lines += [f"  - {who} ({source}, {date.isoformat()})" for source, who, date in report.old_consents]
    lines += ["", f"Teksten waarschijnlijk moeilijker dan B1: {len(report.hard_texts)}"]
    lines += [f"  - {t.source}: {t.title} (Flesch-Douma {t.score:.0f})" for t in report.hard_texts]
    lines += ["", f"Concepten en geplande stukken: {len(report.drafts)}"]
    lines += [f"  - {source}: {title} ({status})" for source, title, status in report.drafts]
    return "\n".join(lines)


def as_html(report: Report) -> str:
    env = Environment(loader=PackageLoader("ervaringsdeskundigheid", "templates"), autoescape=True)
    return env.get_template("report.html").render(report=report, target=YEARLY_TARGET,
                                                  renewal_years=CONSENT_RENEWAL_YEARS)
