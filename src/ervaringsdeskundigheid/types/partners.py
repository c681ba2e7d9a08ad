"""The poster inventory (data/partners.yml) and the record of issued codes
(data/issued_codes.yml), and the short links printed on posters: <site_url>/p/<code>/.

- The inventory lists, per partner organisation, its locations; per location the number of
  copies per format, a target page and a short code.
- The record lists every code that was ever put on a poster. A printed code hangs in a
  canteen for years: it keeps its page forever and can never move to another location.
  A code whose location leaves the inventory must be retired explicitly in the record,
  with the page it forwards to from then on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Callable, Literal
from urllib.parse import urlencode

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..core import urls
from ..core.fields import Date, Name, RuleViolation, Slug, Strict, hint
from ..core.loading import InvalidItem, LoadContext
from ..core.problems import Problem, suggestion
from ..core.site import Item, Site
from ..core.text import slugify as _slugify
from .base import ContentType
from .code_history import history_problems
from .pages import Page, category_url
from .privacy import TAKEN_OUT

PARTNERS_FILE = "data/partners.yml"
ISSUED_FILE = "data/issued_codes.yml"
HOME_TARGET = "home"
Medium = Literal["poster", "banner"]


def slugify(text: str) -> str:
    return _slugify(text, fallback="locatie")


@dataclass(frozen=True)
class Format:
    id: str
    label: str  # Dutch, for people
    width_mm: float  # trim size, portrait
    height_mm: float
    medium: Medium
    viewing_distance_m: float  # default distance people scan from


FORMATS: dict[str, Format] = {
    f.id: f
    for f in (
        Format("A4", "A4-poster", 210, 297, "poster", 1.0),
        Format("A3", "A3-poster", 297, 420, "poster", 1.5),
        Format("A2", "A2-poster", 420, 594, "poster", 2.0),
        Format("banner", "roll-upbanner 85 × 200 cm", 850, 2000, "banner", 3.0),
    )
}
POSTER_FORMATS = tuple(f for f, spec in FORMATS.items() if spec.medium == "poster")

Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Copies = Annotated[int, Field(strict=True, ge=0, le=1000)]
Distance = Annotated[float, Field(gt=0, le=50)]
Target = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _check_format_keys(value: object) -> object:
    if isinstance(value, dict):
        for key in value:
            if key not in FORMATS:
                raise RuleViolation(
                    str(key),
                    f"'{key}' is geen bekend formaat.{suggestion(key, FORMATS, 0.3)} Kies uit: {', '.join(FORMATS)}.",
                )
    return value


def target_problem(target: str) -> str | None:
    """A Dutch reason why a target can never be valid, whatever pages exist."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith("//"):
        return "moet een pagina van deze site zijn, zonder https:// ervoor."
    if "?" in target or "#" in target or "\\" in target or ".." in target.split("/"):
        return "mag geen '?', '#', '\\' of '..' bevatten. De QR-code voegt zelf de gegevens voor de statistiek toe."
    if resolve_target(target, {}).startswith(f"{urls.SHORTLINK_PREFIX}/"):
        return "mag niet naar een andere korte link wijzen. Kies de pagina zelf."
    return None


def _valid_target(value: str) -> str:
    reason = target_problem(value)
    if reason:
        raise ValueError(f"'{value}' {reason}")
    return value


class Location(Strict):
    """One place at a partner where posters or a banner hang."""

    name: Name = hint("De plek, bijvoorbeeld 'kantine hoofdgebouw'.", label="Plek")
    target: Target = hint(
        "Waar de QR-code naartoe gaat: home, een categorie of het adres van een pagina.", label="Doel van de link"
    )
    code: Code | None = hint(
        "De korte code op de posters van deze plek. Na het drukken nooit meer veranderen.",
        label="Code van de posters",
        default=None,
    )
    banner_code: Code | None = hint(
        "De korte code op de roll-upbanner van deze plek.", label="Code van de banner", default=None
    )
    copies: dict[str, Copies] = Field(
        min_length=1,
        description="Aantal per formaat: A4, A3, A2, banner.",
        json_schema_extra={"keys": list(FORMATS), "label": "Aantal per formaat"},
    )
    viewing_distance: dict[str, Distance] = Field(
        default={},
        description="Meters per formaat.",
        json_schema_extra={"keys": list(FORMATS), "label": "Kijkafstand in meters"},
    )

    @field_validator("copies", "viewing_distance", mode="before")
    @classmethod
    def _known_formats(cls, value: object) -> object:
        return _check_format_keys(value)

    @field_validator("target")
    @classmethod
    def _target(cls, value: str) -> str:
        return _valid_target(value)

    @model_validator(mode="after")
    def _codes_fit_copies(self) -> Location:
        if self.poster_copies and not self.code:
            raise RuleViolation(
                "code",
                (
                    "ontbreekt. Deze locatie krijgt posters; geef een korte code voor de QR-code, "
                    "bijvoorbeeld 'lefier-kantine'."
                ),
            )
        if self.copies.get("banner") and not self.banner_code:
            raise RuleViolation(
                "banner_code",
                (
                    "ontbreekt. Deze locatie krijgt een banner; geef de banner een eigen korte code, "
                    "bijvoorbeeld 'lefier-entree-banner'. Zo tellen bezoekers via posters en banners apart."
                ),
            )
        if not self.code and not self.banner_code:
            raise RuleViolation("code", "ontbreekt. Elke locatie heeft een korte code nodig.")
        if self.code and self.code == self.banner_code:
            raise RuleViolation(
                "banner_code", "moet anders zijn dan 'code': posters en banner krijgen elk een eigen code."
            )
        return self

    @property
    def poster_copies(self) -> int:
        return sum(self.copies.get(f, 0) for f in POSTER_FORMATS)

    def code_for(self, format_id: str) -> str | None:
        return self.banner_code if FORMATS[format_id].medium == "banner" else self.code


class PartnerEntry(Strict):
    partner: Slug = hint(
        "De id van de organisatie in data/organisations.yml.", label="Partner", relation="organisations"
    )
    campaign: Slug = hint("De drukronde (komt in de statistiek).", label="Drukronde (alleen als die anders is)")
    draft: bool = hint(
        "true: gecontroleerd, maar nog geen posters of korte link.",
        label="Concept (nog niet publiceren)",
        default=False,
    )
    locations: list[Location] = Field(
        min_length=1,
        max_length=100,
        description="Elke plek bij deze partner waar posters of een banner hangen.",
        json_schema_extra={"label": "Plekken"},
    )

    @model_validator(mode="after")
    def _unique_locations(self) -> PartnerEntry:
        seen: set[str] = set()
        for index, location in enumerate(self.locations, start=1):
            if slugify(location.name) in seen:
                raise RuleViolation(
                    f"locations[{index}].name",
                    "deze locatie staat twee keer bij deze partner. Geef elke locatie een eigen naam.",
                )
            seen.add(slugify(location.name))
        return self


class Retirement(Strict):
    date: Date = hint("Sinds wanneer de plek geen posters meer heeft.", label="Datum")
    reason: Name | None = hint("Waarom, bijvoorbeeld 'partner verhuisd'.", label="Reden", default=None)


class IssuedCode(Strict):
    code: Code
    partner: Slug
    location: Name
    medium: Medium
    campaign: Slug
    target: Target
    issued: Date
    retired: Retirement | None = hint(
        label="Niet meer in gebruik",
        text="Zet dit als de plek uit data/partners.yml verdwijnt. De korte link "
        "blijft werken en stuurt door naar 'target'.",
        default=None,
    )

    @field_validator("target")
    @classmethod
    def _target(cls, value: str) -> str:
        return _valid_target(value)


def _load_inventory(root: Path, ctype: ContentType, problems: list[Problem], invalid: list[InvalidItem]) -> list[Item]:
    """data/partners.yml is a group (campaign, partners); each partner gets the campaign."""
    from ..core.loading import load_items
    from ..core.sources import SourceError, load_yaml_file

    try:
        raw = load_yaml_file(root, PARTNERS_FILE)
    except SourceError as error:
        problems.append(error.problem)
        return []
    if not isinstance(raw, dict) or not isinstance(raw.get("partners"), list) or "campaign" not in raw:
        problems.append(
            Problem(
                PARTNERS_FILE,
                None,
                (
                    "moet beginnen met 'campaign:' en daarna 'partners:' met een lijst partners. "
                    "Kijk bij een ander item in hetzelfde bestand hoe het moet."
                ),
            )
        )
        return []
    extra = set(raw) - {"campaign", "partners"}
    if extra:
        problems.append(
            Problem(PARTNERS_FILE, sorted(extra)[0], "is een onbekend veld. Toegestane velden: campaign, partners.")
        )
    for entry in raw["partners"]:
        if isinstance(entry, dict):
            entry.setdefault("campaign", raw["campaign"])
    return load_items(root, ctype, problems, raw=raw["partners"], invalid=invalid)


@dataclass(frozen=True)
class ShortLinkPages:
    """A page per short link that forwards at once to its target (for hosts that cannot
    redirect on the server); it asks the poster's question when it shows."""

    template: str = "shortlink.html"

    def plan(self, ctype: ContentType, site: Site) -> list[Page]:
        paths = category_paths(site)
        titles = {"": "de startpagina"}
        titles.update({category_url(c): c.title for c in site.categories})
        titles.update({e.url: e.title for e in site.articles if e.url})
        questions = {category_url(c): c.question for c in site.categories if c.question}
        by_url = {category_url(c): c.key for c in site.categories}
        pages = []
        for link in short_links(site):
            target = resolve_target(link.target, paths)
            title = titles.get(target, "de pagina")
            forward = link.relative_target(paths)
            pages.append(
                Page(
                    url=link.url,
                    title=f"Doorsturen naar {title}",
                    template=self.template,
                    source=link.file,
                    owner=f"de korte link '{link.code}' in {link.file}",
                    context={
                        "target_title": title,
                        "forward": forward,
                        "link": link,
                        "target": target,
                        "question": questions.get(target),
                    },
                    description="Korte link van een poster of banner van Alliantie van Kracht.",
                    category=by_url.get(target),
                    label="Korte link",
                    search=False,
                    noindex=True,
                    refresh=forward,
                    next_step=False,
                    own_heading=True,
                    system=True,
                )
            )
        return pages


PARTNERS = ContentType(
    id="partners",
    label="Partner",
    plural="Partners (posters)",
    schema=PartnerEntry,
    source=PARTNERS_FILE,
    key="partner",
    summary=None,
    title_attribute="partner",
    search=False,
    make_new="partner",
    pages=(ShortLinkPages(),),
    loader=_load_inventory,
    optional=True,
    withholdable=False,  # a location that names a person whose consent ended is taken out
    held_back_when_stuck=True,  # and the partner too when it was its only location
    held_back_advice=(
        "Geen plek van deze partner komt nu op de site of op een poster. Haal de persoon uit de naam of de code "
        "van de plek. Was die poster al gedrukt? Haal hem weg, en laat de code in data/issued_codes.yml staan."
    ),
    scaffold=lambda *args: scaffold_partner(*args),
    editor_hint="Waar hangen posters en banners, en hoeveel? Verander een gedrukte code nooit.",
)

ISSUED = ContentType(
    id="issued_codes",
    label="Uitgegeven code",
    plural="Uitgegeven codes",
    schema=IssuedCode,
    source=ISSUED_FILE,
    key="code",
    summary=None,
    title_attribute="code",
    search=False,
    editable=False,
    published=lambda item, today: None,
    pages=(),
    optional=True,
    # a printed code that names a person whose consent ended stops working: privacy comes first
    held_back_advice=(
        "Haal de posters en banners met deze code weg: ze noemen deze persoon. Staat de persoon in de code zelf, "
        "dan werkt de QR-code niet meer. Laat de code in data/issued_codes.yml staan, zodat hij nooit opnieuw "
        "wordt uitgegeven. Staat de persoon in de naam van de plek (location)? Geef de plek dan een nieuwe naam, "
        "hier en in data/partners.yml."
    ),
)


# --- Short links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShortLink:
    """A code with its page: what the QR code encodes and where it forwards to."""

    code: str
    partner: str
    location: str
    medium: Medium
    campaign: str
    target: str  # as the editor wrote it: home, a category id or a page address
    file: str  # where the target is set, for error messages
    entry: str
    issued: dt.date | None = None

    @property
    def url(self) -> str:
        return f"{urls.SHORTLINK_PREFIX}/{self.code}/"

    @property
    def query(self) -> str:
        return urlencode(
            [
                ("utm_source", self.partner),
                ("utm_medium", self.medium),
                ("utm_campaign", self.campaign),
                ("utm_content", slugify(self.location)),
            ]
        )

    def qr_url(self, site_url: str) -> str:
        return urls.absolute(site_url, self.url)

    def target_url(self, site_url: str, categories: dict[str, str]) -> str:
        return f"{urls.absolute(site_url, resolve_target(self.target, categories))}?{self.query}"

    def relative_target(self, categories: dict[str, str]) -> str:
        """The forward address as seen from the short-link page (works under any base path)."""
        return f"{urls.relative(resolve_target(self.target, categories), self.url)}?{self.query}"


def resolve_target(target: str, categories: dict[str, str]) -> str:
    """The site-relative URL of a target: 'home', a category id, or a page address."""
    target = target.strip()
    if target == HOME_TARGET:
        return urls.HOME
    if target in categories:
        return f"{categories[target]}/"
    path = target.lstrip("/")
    if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


def category_paths(site: Site) -> dict[str, str]:
    return {c.key: c.path for c in site.categories if c.key is not None}


@dataclass(frozen=True)
class Placement:
    """One location of a published partner."""

    partner: str
    campaign: str
    location: Location
    entry: str


def placements(site: Site) -> list[Placement]:
    return [
        Placement(p.partner, p.campaign, loc, f"{p.partner} / {loc.name}")
        for p in site.of("partners")
        for loc in p.locations
        if not p.status
    ]


def short_links(site: Site) -> list[ShortLink]:
    """Every code that needs a page: the ones in the inventory (forwarding to their target
    there) and the recorded ones whose location left it (forwarding to the recorded target)."""
    records = {r.code: r for r in site.of("issued_codes")}
    paths = category_paths(site)
    result: dict[str, ShortLink] = {}
    for placement in placements(site):
        loc = placement.location
        codes: tuple[tuple[str | None, Medium], ...] = ((loc.code, "poster"), (loc.banner_code, "banner"))
        for code, medium in codes:
            if not code or code in result:
                continue
            record = records.get(code)
            result[code] = ShortLink(
                code=code,
                partner=placement.partner,
                location=loc.name,
                medium=medium,
                campaign=record.campaign if record else placement.campaign,
                target=_published_target(site, loc.target, paths),
                file=PARTNERS_FILE,
                entry=placement.entry,
                issued=record.issued if record else None,
            )
    for record in records.values():
        if record.code not in result:
            result[record.code] = ShortLink(
                code=record.code,
                partner=record.partner,
                location=record.location,
                medium=record.medium,
                campaign=record.campaign,
                target=_published_target(site, record.target, paths),
                file=ISSUED_FILE,
                entry=record.code,
                issued=record.issued,
            )
    return list(result.values())


def _published_target(site: Site, target: str, paths: dict[str, str]) -> str:
    """A target the consent rule took off the site (a held-back page, an address taken out) leads home
    instead: a withdrawal never stops the build, and a printed QR code still leads somewhere."""
    if TAKEN_OUT in target or site.withheld(resolve_target(target, paths)):
        return HOME_TARGET
    return target


def inventory_problems(context: LoadContext, site: Site) -> list[Problem]:
    """Codes are unique in the inventory, never move to another location or medium, and an
    issued code leaves the inventory only when its record says it is retired."""
    problems = []
    records = {r.key: r.data for r in context.all_items.get("issued_codes", []) if r.key is not None}
    used: dict[str, str] = {}
    in_inventory = set()
    for item in context.all_items.get("partners", []):
        partner = item.data
        for index, loc in enumerate(partner.locations, start=1):
            entry = f"{partner.partner} / {loc.name}"
            for field_name, code, medium in (("code", loc.code, "poster"), ("banner_code", loc.banner_code, "banner")):
                if not code:
                    continue
                in_inventory.add(code)
                if code in used:
                    problems.append(
                        Problem(
                            PARTNERS_FILE,
                            f"locations[{index}].{field_name}",
                            (
                                f"'{code}' wordt al gebruikt bij {used[code]}. "
                                "Elke locatie (en elke banner) heeft een eigen code nodig."
                            ),
                            entry=entry,
                        )
                    )
                    continue
                used[code] = entry
                record = records.get(code)
                if record and (record.partner, slugify(record.location), record.medium) != (
                    partner.partner,
                    slugify(loc.name),
                    medium,
                ):
                    problems.append(
                        Problem(
                            PARTNERS_FILE,
                            f"locations[{index}].{field_name}",
                            (
                                f"'{code}' is op {record.issued.isoformat()} al uitgegeven voor {record.partner} / "
                                f"{record.location} ({record.medium}), zie {ISSUED_FILE}. Een gedrukte code blijft "
                                "voor altijd van die plek. Kies een nieuwe code."
                            ),
                            entry=entry,
                        )
                    )
                elif record and record.retired:
                    problems.append(
                        Problem(
                            ISSUED_FILE,
                            "retired",
                            (
                                f"code '{code}' staat als 'retired', maar de plek staat nog in {PARTNERS_FILE}. "
                                "Haal 'retired' weg, of haal de plek uit de lijst van partners."
                            ),
                            entry=code,
                        )
                    )
    for code, record in records.items():
        if code not in in_inventory and record.retired is None:
            problems.append(
                Problem(
                    ISSUED_FILE,
                    "retired",
                    (
                        f"de plek van code '{code}' ({record.partner} / {record.location}) staat niet meer in "
                        f"{PARTNERS_FILE}, maar de code hangt misschien nog op een poster. Zet bij deze code "
                        "'retired:' met de datum, en kies in 'target' de pagina waar de QR-code voortaan naartoe gaat."
                    ),
                    entry=code,
                )
            )
    names = {item.key: item.data.name for item in context.all_items.get("organisations", []) if item.key is not None}
    problems += history_problems(
        context.root,
        context.today,
        set(records),
        in_inventory,
        partners_file=PARTNERS_FILE,
        issued_file=ISSUED_FILE,
        names=names,
    )
    return problems


def suggestion_for(target: str, categories: dict[str, str]) -> str:
    return suggestion(target, [HOME_TARGET, *categories], 0.7)


def target_problems(links: list[ShortLink], categories: dict[str, str], known: Callable[[str], bool]) -> list[Problem]:
    """Every short link forwards to a page that exists (a printed code lives for years).
    `known(url)` says whether the site has that page."""
    problems = []
    for link in links:
        target = resolve_target(link.target, categories)
        if known(target) or known(target.rstrip("/")):
            continue
        reason = (
            f"'{link.target}' is geen bestaande pagina van deze site.{suggestion_for(link.target, categories)} "
            f"Kies {HOME_TARGET}, {', '.join(categories)} of het adres van een pagina van deze site, zoals "
            "'verhalen/maaike-en-de-ervaringsdeskundige/'."
        )
        if link.file == ISSUED_FILE:
            reason += (
                f" Code '{link.code}' hangt misschien nog op een poster: zet hier een nieuw doel "
                "(target), en verwijder de code niet."
            )
        problems.append(Problem(link.file, "target", reason, entry=link.entry))
    return problems


PARTNER_TEMPLATE = """
  # Nieuwe partner voor posters, aangemaakt op {today}. Uitleg staat bovenaan dit bestand.
  - partner: {key}                 # id uit data/organisations.yml
    draft: true                    # zet op false als alles klopt: dan komen er posters en een korte link
    locations:
      - name: kantine              # de plek, bijvoorbeeld "kantine hoofdgebouw"
        target: aspirant           # home, aspirant, opleiding, ervaringsdeskundige, werkgevers of een pagina-adres
        code: {key}-kantine        # korte code voor de QR-code; na het drukken nooit meer veranderen
        copies: {{A3: 1}}          # aantal per formaat: A4, A3, A2, banner
"""


def scaffold_partner(root: Path, title: str, today: dt.date, existing: set[str]) -> Path:
    """A partner is an organisation that already exists: find it by id or name. Raises
    ValueError with a Dutch message."""
    from ..core.sources import load_yaml_file

    organisations = load_yaml_file(root, "data/organisations.yml") or []
    key = next(
        (
            o["id"]
            for o in organisations
            if isinstance(o, dict) and title.lower() in {str(o.get("id")).lower(), str(o.get("name")).lower()}
        ),
        None,
    )
    if key is None:
        raise ValueError(
            f"De organisatie '{title}' staat niet in data/organisations.yml. "
            f'Maak haar eerst aan: make new KIND=organisatie TITLE="{title}"'
        )
    if key in existing:
        raise ValueError(f"'{key}' staat al in {PARTNERS_FILE}. Voeg daar een locatie toe onder die partner.")
    path = root / PARTNERS_FILE
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n")
        + "\n"
        + PARTNER_TEMPLATE.format(key=key, today=today.isoformat()),
        encoding="utf-8",
    )
    return path
