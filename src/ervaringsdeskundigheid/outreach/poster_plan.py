"""From the inventory (data/partners.yml, part of the loaded site) to a list of poster jobs,
with every check done first.

Bad input raises `PosterErrors` (Dutch, every problem at once) before anything is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build.session import BuildSession, load_built_site
from ..core.loading import load_items
from ..core.problems import ContentErrors, Problem
from ..core.site import Item, Site
from ..types import partners as inv
from ..types.privacy import TAKEN_OUT
from .poster_layout import HOME_LABEL, LayoutError, Theme, layout, theme_for
from .printing import HOUSE, offline_contact, qr_modules, typable_route

OUTPUT_DIR = "dist/posters"
WITHOUT_MARKS_SUFFIX = "-zonder-snijtekens"  # the file to upload to an online print shop


class PosterErrors(ContentErrors):
    HEADING = f"De posters zijn niet gemaakt: {{count}} {{noun}} gevonden. Er is niets veranderd in {OUTPUT_DIR}."


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
    headline: str
    audience: str  # who it is for
    outcome: str  # what you get when you scan
    colour: str  # the category's screen colour; printing.ink_for gives its CMYK build
    qr_url: str
    printed_url: str  # the shortest address people can type (no https://, see typable_route)
    target_url: str
    contact: str  # "Geen smartphone? Bel ..." (data/site.yml)
    organisation: str  # the sender and PDF author (data/site.yml)
    viewing_distance_m: float
    file: str  # relative to the output folder: with crop marks and slug
    file_without_marks: str  # the page is the bleed box: what online print shops want uploaded
    preview: str

    @property
    def spec(self) -> inv.Format:
        return inv.FORMATS[self.format]

    @property
    def wording(self) -> Theme:
        return Theme(self.headline, self.audience, self.outcome)

    @property
    def location_line(self) -> str:
        """Which poster this is, for whoever checks the inventory on the wall."""
        return f"Hangt bij {self.partner_name} · {self.location}"


@dataclass
class PosterPlan:
    jobs: list[PosterJob]
    printed: list[inv.ShortLink]  # the codes on these posters, to record as issued
    records: list[inv.IssuedCode]  # data/issued_codes.yml as it is
    site: Site | None = None  # what the posters are made from (for the consent rule on the result)


def plan_posters(
    root: Path, *, partner: str | None = None, fmt: str | None = None, site: Site | None = None
) -> PosterPlan:
    """Validate everything and decide which PDFs to make. Raises PosterErrors."""
    root = Path(root)
    try:
        site = site or load_built_site(root)
    except ContentErrors as errors:
        raise PosterErrors(errors.problems) from None
    settings = site.settings
    problems: list[Problem] = []
    if not (root / inv.PARTNERS_FILE).exists():
        problems.append(
            Problem(
                inv.PARTNERS_FILE,
                None,
                (
                    "bestaat niet. Maak het bestand aan met 'campaign:' en een lijst 'partners:' "
                    "(zie de uitleg bovenaan data/partners.yml in de repository)."
                ),
            )
        )
    placements = inv.placements(site)
    if fmt is not None and fmt not in inv.FORMATS:
        problems.append(
            Problem("--format", None, f"'{fmt}' is geen bekend formaat. Kies uit: {', '.join(inv.FORMATS)}.")
        )
    if partner is not None and partner not in {p.partner for p in placements} and not problems:
        problems.append(
            Problem(
                "--partner",
                None,
                (
                    f"'{partner}' staat niet in {inv.PARTNERS_FILE}. Kies uit: "
                    f"{', '.join(dict.fromkeys(p.partner for p in placements))}."
                ),
            )
        )
    paths = inv.category_paths(site)
    links = inv.short_links(site)
    problems += missing_targets(site, links, paths)
    by_code = {link.code: link for link in links}
    names = {o.key: o.name for o in site.of("organisations")}
    contact = offline_contact(settings.contact)
    jobs: list[PosterJob] = []
    printed: list[inv.ShortLink] = []
    records = _records_as_written(root)
    for placement in placements:
        if partner is not None and placement.partner != partner:
            continue
        loc = placement.location
        if TAKEN_OUT in loc.name:
            problems.append(_taken_out(site, placement, {record.code for record in records}))
            continue
        if any(by_code[code].target != loc.target for code in (loc.code, loc.banner_code) if code in by_code):
            problems.append(_target_taken_out(site, placement))
            continue
        for format_id, spec in inv.FORMATS.items():
            copies = loc.copies.get(format_id, 0)
            if copies == 0 or (fmt is not None and format_id != fmt):
                continue
            code = loc.code_for(format_id)
            assert code is not None, "the schema asks a code for every format with copies"
            link = by_code[code]
            distance = loc.viewing_distance.get(format_id, spec.viewing_distance_m)
            category = _category_of(link, site, paths)
            item = site.get("categories", category)
            theme = theme_for(category)
            wording = Theme(getattr(item, "question", None) or theme.headline, theme.audience, theme.outcome)
            if item is not None and TAKEN_OUT in f"{item.title} {wording.headline}":
                problems.append(_category_taken_out(item, "question" if TAKEN_OUT in wording.headline else "title"))
                continue
            stem = f"{placement.partner}/{inv.slugify(loc.name)}-{format_id}"
            qr_url = link.qr_url(settings.site_url)
            job = PosterJob(
                index=len(jobs),
                partner=placement.partner,
                partner_name=names.get(placement.partner, placement.partner),
                location=loc.name,
                format=format_id,
                copies=copies,
                code=link.code,
                medium=link.medium,
                campaign=link.campaign,
                category=category,
                label=item.title if item else HOME_LABEL,
                headline=wording.headline,
                audience=wording.audience,
                outcome=wording.outcome,
                colour=item.colour if item else HOUSE.hex,
                qr_url=qr_url,
                printed_url=typable_route(settings, link.code),
                target_url=link.target_url(settings.site_url, paths),
                contact=contact,
                organisation=settings.organisation,
                viewing_distance_m=distance,
                file=f"{stem}.pdf",
                file_without_marks=f"{stem}{WITHOUT_MARKS_SUFFIX}.pdf",
                preview=f"{stem}.png",
            )
            try:
                layout(spec, wording, distance, qr_modules(qr_url))
            except LayoutError as error:
                problems.append(
                    Problem(inv.PARTNERS_FILE, f"viewing_distance.{format_id}", str(error), entry=placement.entry)
                )
                continue
            jobs.append(job)
            if link not in printed:
                printed.append(link)
    if problems:
        raise PosterErrors(problems)
    return PosterPlan(jobs=jobs, printed=printed, records=records, site=site)


def _records_as_written(root: Path) -> list[inv.IssuedCode]:
    """The issued codes as the file has them, not as published: a record the consent rule held back
    or took a name out of stays as it is when the file is written again."""
    return [item.data for item in load_items(root, inv.ISSUED, problems=[])]


def _number(site: Site, placement: inv.Placement) -> int:
    partner = site.get("partners", placement.partner)
    locations = partner.locations if partner else []
    return next((n for n, loc in enumerate(locations, start=1) if loc is placement.location), 1)


def _taken_out(site: Site, placement: inv.Placement, recorded: set[str]) -> Problem:
    """The consent rule took a person out of this location's name: a poster would print '[weggehaald]'.
    A printed code keeps its place by the name in its record: that name changes with it."""
    loc = placement.location
    printed = [code for code in (loc.code, loc.banner_code) if code in recorded]
    also = (
        f" Geef de plek dezelfde nieuwe naam in {inv.ISSUED_FILE}, bij 'location' van code "
        f"{' en '.join(repr(code) for code in printed)}."
        if printed
        else ""
    )
    return Problem(
        inv.PARTNERS_FILE,
        f"locations[{_number(site, placement)}].name",
        (
            "de naam van deze plek noemt iemand die de toestemming heeft ingetrokken, dus er is geen poster "
            f"voor gemaakt. Geef de plek een nieuwe naam (zonder die persoon).{also} Maak daarna de posters opnieuw."
        ),
        entry=placement.partner,
    )


def _target_taken_out(site: Site, placement: inv.Placement) -> Problem:
    """The page this location's QR code leads to is held back by the consent rule: its short link leads
    home for now, but a new poster should not."""
    return Problem(
        inv.PARTNERS_FILE,
        f"locations[{_number(site, placement)}].target",
        (
            "de pagina waar de QR-code van deze plek naartoe gaat, staat niet op de site: hij noemt iemand die de "
            "toestemming heeft ingetrokken. De QR-code gaat nu naar de startpagina, en er is geen nieuwe poster "
            "gemaakt. Kies een ander doel (target) en maak de posters opnieuw."
        ),
        entry=placement.partner,
    )


def _category_taken_out(category: Item, field: str) -> Problem:
    """The consent rule took a person out of the category's question or title: a poster would print it."""
    return Problem(
        category.source,
        field,
        (
            "noemt iemand die de toestemming heeft ingetrokken. Dat is weggehaald, dus er zijn geen posters voor "
            "deze categorie gemaakt. Schrijf het opnieuw (zonder die persoon) en maak de posters opnieuw."
        ),
        entry=category.entry,
    )


def missing_targets(site: Site, links: list[inv.ShortLink], paths: dict[str, str]) -> list[Problem]:
    """Short links whose target is no page of the site (the build's URL table says which are)."""
    known = BuildSession(site.root, mode="check", today=site.today, site=site).plan()
    return inv.target_problems(links, paths, lambda url: url in known)


def _category_of(link: inv.ShortLink, site: Site, paths: dict[str, str]) -> str:
    """The category whose design and wording suit the target page."""
    if link.target in paths:
        return link.target
    url = inv.resolve_target(link.target, paths)
    for category_id, path in paths.items():
        if url == f"{path}/" or url.startswith(f"{path}/"):
            return category_id
    for entry in site.articles:
        if entry.url == url and entry.categories:
            return entry.categories[0]
    return "home"
