"""From the inventory (data/partners.yml) to a list of poster jobs, with every check done first.

Bad input raises `PosterErrors` (Dutch, every problem at once) before anything is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import partners as inv
from ..loader import load_site
from ..model import Site
from ..problems import ContentErrors, Problem
from .poster_layout import HOME_LABEL, LayoutError, layout
from .printing import offline_contact, printed_link, qr_modules

OUTPUT_DIR = "dist/posters"


class PosterErrors(ContentErrors):
    def report(self) -> str:
        count = len(self.problems)
        noun = "fout" if count == 1 else "fouten"
        lines = [f"De posters zijn niet gemaakt: {count} {noun} gevonden. Er is niets veranderd in {OUTPUT_DIR}."]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class PosterJob:
    """Everything needed to draw one PDF. Picklable, so jobs can run in other processes."""

    index: int
    partner: str
    partner_name: str
    location: str
    format: str
    copies: int
    code: str
    medium: str
    campaign: str
    category: str
    label: str
    qr_url: str
    printed_url: str                # the QR target as people type it (no https://)
    target_url: str
    contact: str                    # "Geen smartphone? Bel ..." (data/site.yml)
    organisation: str               # the sender and PDF author (data/site.yml)
    viewing_distance_m: float
    file: str                       # relative to the output folder
    preview: str

    @property
    def spec(self) -> inv.Format:
        return inv.FORMATS[self.format]

    @property
    def location_line(self) -> str:
        """Which poster this is, for whoever checks the inventory on the wall."""
        return f"Hangt bij {self.partner_name} · {self.location}"


def plan_posters(root: Path, *, partners_file: Path | None = None, partner: str | None = None,
                 fmt: str | None = None, site: Site | None = None) -> tuple[list[PosterJob], list[inv.ShortLink]]:
    """Validate everything and decide which PDFs to make. Raises PosterErrors."""
    try:
        site = site or load_site(root)
    except ContentErrors as errors:
        raise PosterErrors(errors.problems) from None
    settings = site.settings
    data = inv.load_poster_data(root, partners_file, organisations={o.id for o in site.organisations})
    problems = list(data.problems)
    label = data.partners_file
    if not (partners_file or root / inv.PARTNERS_FILE).exists():
        problems.append(Problem(label, None, (
            "bestaat niet. Maak het bestand aan met 'campaign:' en een lijst 'partners:' "
            "(zie de uitleg bovenaan data/partners.yml in de repository).")))
    if fmt is not None and fmt not in inv.FORMATS:
        problems.append(Problem("--format", None, f"'{fmt}' is geen bekend formaat. Kies uit: {', '.join(inv.FORMATS)}."))
    if partner is not None and partner not in {p.partner for p in data.placements} and not problems:
        problems.append(Problem("--partner", None, (
            f"'{partner}' staat niet in {label}. Kies uit: "
            f"{', '.join(dict.fromkeys(p.partner for p in data.placements))}.")))
    categories = inv.category_paths(site.categories)
    links = data.links()
    problems += inv.check_link_targets(links, categories, inv.known_page_urls(root, site))
    jobs: list[PosterJob] = []
    printed: list[inv.ShortLink] = []
    by_code = {link.code: link for link in links}
    names = {o.id: o.name for o in site.organisations}
    contact = offline_contact(settings.contact)
    for placement in data.placements:
        if partner is not None and placement.partner != partner:
            continue
        loc = placement.location
        for format_id, spec in inv.FORMATS.items():
            copies = loc.copies.get(format_id, 0)
            if copies == 0 or (fmt is not None and format_id != fmt):
                continue
            link = by_code[loc.code_for(format_id)]
            distance = loc.viewing_distance.get(format_id, spec.viewing_distance_m)
            category = _category_of(link, site, categories)
            stem = f"{placement.partner}/{inv.slugify(loc.name)}-{format_id}"
            qr_url = link.qr_url(settings.site_url)
            job = PosterJob(
                index=len(jobs), partner=placement.partner, partner_name=names.get(placement.partner, placement.partner),
                location=loc.name, format=format_id, copies=copies, code=link.code, medium=link.medium,
                campaign=link.campaign, category=category,
                label=site.category(category).title if category != "home" else HOME_LABEL,
                qr_url=qr_url, printed_url=printed_link(qr_url, www_optional=settings.www_optional, short_link=True),
                target_url=link.target_url(settings.site_url, categories), contact=contact,
                organisation=settings.organisation, viewing_distance_m=distance,
                file=f"{stem}.pdf", preview=f"{stem}.png")
            try:
                layout(spec, category, distance, qr_modules(qr_url))
            except LayoutError as error:
                problems.append(Problem(label, f"viewing_distance.{format_id}", str(error), entry=placement.entry))
                continue
            jobs.append(job)
            if link not in printed:
                printed.append(link)
    if problems:
        raise PosterErrors(problems)
    return jobs, printed


def _category_of(link: inv.ShortLink, site: Site, categories: dict[str, str]) -> str:
    """The category whose design and wording suit the target page."""
    if link.target in categories:
        return link.target
    url = inv.resolve_target(link.target, categories)
    for category in site.categories:
        if url == f"{category.path}/" or url.startswith(f"{category.path}/"):
            return category.id
    for entry in site.entries:
        if entry.url == url and entry.meta.categories:
            return entry.meta.categories[0]
    return "home"
