"""The poster inventory and the short links printed on posters.

Two data files:

- `data/partners.yml` (the inventory): per partner organisation its locations; per location
  the number of copies per format, a target page and a short code.
- `data/issued_codes.yml` (the record): every code that was ever put on a poster. A printed
  code hangs in a canteen for years, so a recorded code keeps its page forever, also when
  its location leaves the inventory, and it can never be given to another location.

Everything here is generator-neutral; `shortlinks` turns the links into site pages and
`posters` into PDFs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlencode

from pydantic import Field, StringConstraints, ValidationError, field_validator, model_validator

from . import urls
from .problems import Problem, problems_from_validation
from .schemas import RuleViolation, Slug, Strict, Text
from .sources import SourceError, load_yaml_file, parse_yaml, read_text
from .text import slugify as _slugify


def slugify(text: str) -> str:
    return _slugify(text, fallback="locatie")

PARTNERS_FILE = "data/partners.yml"
ISSUED_FILE = "data/issued_codes.yml"
ORGANISATIONS_FILE = "data/organisations.yml"
SHORTLINK_PREFIX = "p"          # short links live at <site_url>/p/<code>/
HOME_TARGET = "home"
DOCS_DIR = "docs"


@dataclass(frozen=True)
class Format:
    id: str
    label: str                  # Dutch, for people
    width_mm: float             # trim size, portrait
    height_mm: float
    medium: Literal["poster", "banner"]
    viewing_distance_m: float   # default distance people scan from


FORMATS: dict[str, Format] = {f.id: f for f in (
    Format("A4", "A4-poster", 210, 297, "poster", 1.0),
    Format("A3", "A3-poster", 297, 420, "poster", 1.5),
    Format("A2", "A2-poster", 420, 594, "poster", 2.0),
    Format("banner", "roll-upbanner 85 × 200 cm", 850, 2000, "banner", 3.0),
)}
POSTER_FORMATS = tuple(f for f, spec in FORMATS.items() if spec.medium == "poster")

Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                                        max_length=40)]
Count = Annotated[int, Field(strict=True, ge=0)]
Distance = Annotated[float, Field(gt=0, le=50)]


def _check_format_keys(value):
    if isinstance(value, dict):
        for key in value:
            if key not in FORMATS:
                guess = difflib.get_close_matches(str(key), list(FORMATS), n=1, cutoff=0.3)
                hint = f" Bedoel je '{guess[0]}'?" if guess else ""
                raise RuleViolation(str(key), f"'{key}' is geen bekend formaat.{hint} "
                                              f"Kies uit: {', '.join(FORMATS)}.")
    return value


class Location(Strict):
    """One place at a partner where posters or a banner hang."""

    name: Text
    target: Text
    code: Code | None = None            # on the posters (A4, A3, A2) of this location
    banner_code: Code | None = None     # on the roll-up banner of this location
    copies: dict[str, Count] = Field(min_length=1)
    viewing_distance: dict[str, Distance] = {}   # metres per format, overrides the default

    @field_validator("copies", "viewing_distance", mode="before")
    @classmethod
    def _known_formats(cls, value):
        return _check_format_keys(value)

    @model_validator(mode="after")
    def _codes_fit_copies(self) -> "Location":
        if self.poster_copies and not self.code:
            raise RuleViolation("code", (
                "ontbreekt. Deze locatie krijgt posters; geef een korte code voor de QR-code, "
                "bijvoorbeeld 'lefier-kantine'."))
        if self.copies.get("banner") and not self.banner_code:
            raise RuleViolation("banner_code", (
                "ontbreekt. Deze locatie krijgt een banner; geef de banner een eigen korte code, "
                "bijvoorbeeld 'lefier-entree-banner'. Zo tellen bezoekers via posters en banners apart."))
        if not self.code and not self.banner_code:
            raise RuleViolation("code", "ontbreekt. Elke locatie heeft een korte code nodig.")
        if self.code and self.code == self.banner_code:
            raise RuleViolation("banner_code", "moet anders zijn dan 'code': posters en banner krijgen elk een eigen code.")
        return self

    @property
    def poster_copies(self) -> int:
        return sum(self.copies.get(f, 0) for f in POSTER_FORMATS)

    def code_for(self, format_id: str) -> str | None:
        return self.banner_code if FORMATS[format_id].medium == "banner" else self.code


class PartnerEntry(Strict):
    partner: Slug
    draft: bool = False                           # true: checked, but no posters or short links yet
    locations: list[dict] = Field(min_length=1)   # each validated on its own, as Location


class Inventory(Strict):
    campaign: Slug
    partners: list = Field(min_length=1)


class IssuedCode(Strict):
    code: Code
    partner: Slug
    location: Text
    medium: Literal["poster", "banner"]
    campaign: Slug
    target: Text
    issued: dt.date


@dataclass(frozen=True)
class ShortLink:
    """A code with its page: what the QR code encodes and where it forwards to."""

    code: str
    partner: str
    location: str
    medium: str
    campaign: str
    target: str              # as the editor wrote it: home, a category id or a page address
    file: str                # where the target is set, for error messages
    entry: str
    issued: dt.date | None = None

    @property
    def url(self) -> str:
        return f"{SHORTLINK_PREFIX}/{self.code}/"

    @property
    def query(self) -> str:
        return urlencode([("utm_source", self.partner), ("utm_medium", self.medium),
                          ("utm_campaign", self.campaign), ("utm_content", slugify(self.location))])

    def qr_url(self, site_url: str) -> str:
        return urls.absolute(site_url, self.url)

    def target_url(self, site_url: str, categories: dict[str, str]) -> str:
        return f"{urls.absolute(site_url, resolve_target(self.target, categories))}?{self.query}"

    def relative_target(self, categories: dict[str, str]) -> str:
        """The forward address as seen from the short-link page (works under any base path)."""
        return f"{urls.relative(resolve_target(self.target, categories), self.url)}?{self.query}"


@dataclass(frozen=True)
class Placement:
    """One location of a partner in the inventory, validated."""

    partner: str
    location: Location
    entry: str


@dataclass
class PosterData:
    """Everything read from the two files. `problems` lists what is wrong; callers decide
    whether to stop (posters) or to report with the rest of the build (site)."""

    campaign: str | None = None
    placements: list[Placement] = field(default_factory=list)
    issued: list[IssuedCode] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    partners_file: str = PARTNERS_FILE

    def links(self) -> list[ShortLink]:
        """Every code that needs a page: the recorded ones and the ones in the inventory.

        A code in the inventory forwards to its target there; a recorded code whose location
        left the inventory keeps forwarding to its recorded target."""
        by_code = {i.code: i for i in self.issued}
        result: dict[str, ShortLink] = {}
        for placement in self.placements:
            loc = placement.location
            for code, medium in ((loc.code, "poster"), (loc.banner_code, "banner")):
                if not code or code in result:
                    continue
                record = by_code.get(code)
                result[code] = ShortLink(
                    code=code, partner=placement.partner, location=loc.name, medium=medium,
                    campaign=record.campaign if record else (self.campaign or "posters"),
                    target=loc.target, file=self.partners_file, entry=placement.entry,
                    issued=record.issued if record else None)
        for record in self.issued:
            if record.code not in result:
                result[record.code] = ShortLink(
                    code=record.code, partner=record.partner, location=record.location,
                    medium=record.medium, campaign=record.campaign, target=record.target,
                    file=ISSUED_FILE, entry=record.code, issued=record.issued)
        return list(result.values())


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


def _target_problem(target: str, categories: dict[str, str]) -> str | None:
    """A Dutch reason why a target can never be valid, whatever pages exist."""
    if re.match(r"^[a-z]+:", target) or target.startswith("//"):
        return "moet een pagina van deze site zijn, zonder https:// ervoor."
    if "?" in target or "#" in target:
        return "mag geen '?' of '#' bevatten. De QR-code voegt zelf de gegevens voor de statistiek toe."
    if resolve_target(target, {}).startswith(f"{SHORTLINK_PREFIX}/"):
        return "mag niet naar een andere korte link wijzen. Kies de pagina zelf."
    return None


def target_hint(categories: dict[str, str]) -> str:
    return (f"Kies {HOME_TARGET}, {', '.join(categories)} of het adres van een pagina van deze site, "
            "zoals 'verhalen/maaike-vindt-betaald-werk/'.")


# --- Loading ---------------------------------------------------------------------------


def load_poster_data(root: Path, partners_file: Path | None = None,
                     organisations: set[str] | None = None) -> PosterData:
    """Read and check the inventory and the record. Never raises for bad input: every
    problem is in `.problems`. `organisations` (ids) enables the partner check."""
    partners_path = partners_file or root / PARTNERS_FILE
    label = _label(root, partners_path)
    data = PosterData(partners_file=label)
    data.issued = _load_issued(root, data.problems)
    if partners_path.exists():
        _load_inventory(partners_path, label, data)
    data.problems += _check_codes(data)
    if organisations is not None:
        for placement in _first_per_partner(data.placements):
            if placement.partner not in organisations:
                guess = difflib.get_close_matches(placement.partner, sorted(organisations), n=1, cutoff=0.6)
                hint = f" Bedoel je '{guess[0]}'?" if guess else ""
                data.problems.append(Problem(label, "partner", (
                    f"'{placement.partner}' staat niet in {ORGANISATIONS_FILE}.{hint} "
                    f"Gebruik de id van een organisatie uit dat bestand, of voeg de organisatie daar eerst toe."),
                    entry=placement.partner))
    return data


def _label(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _first_per_partner(placements: list[Placement]) -> list[Placement]:
    seen, result = set(), []
    for placement in placements:
        if placement.partner not in seen:
            seen.add(placement.partner)
            result.append(placement)
    return result


def _load_inventory(path: Path, label: str, data: PosterData) -> None:
    try:
        raw = load_yaml_file(path, label)
    except SourceError as error:
        data.problems.append(error.problem)
        return
    if not isinstance(raw, dict):
        data.problems.append(Problem(label, None, (
            "moet beginnen met 'campaign:' en daarna 'partners:' met een lijst partners. "
            "Kijk in het voorbeeld bovenaan het bestand.")))
        return
    try:
        top = Inventory.model_validate(raw)
    except ValidationError as error:
        data.problems += problems_from_validation(error, label, Inventory)
        if not isinstance(raw.get("partners"), list):
            return
        top = None
    data.campaign = top.campaign if top else None
    partners = raw["partners"]
    seen_partners: dict[str, int] = {}
    for index, item in enumerate(partners, start=1):
        name = item.get("partner") if isinstance(item, dict) else None
        entry = str(name or f"partner nummer {index}")
        try:
            partner = PartnerEntry.model_validate(item)
        except ValidationError as error:
            data.problems += problems_from_validation(error, label, PartnerEntry, entry=entry)
            continue
        if partner.partner in seen_partners:
            data.problems.append(Problem(label, "partner", (
                f"'{partner.partner}' staat twee keer in de lijst (ook als partner nummer "
                f"{seen_partners[partner.partner]}). Zet alle locaties van een partner onder één 'partner:'."),
                entry=entry))
            continue
        seen_partners[partner.partner] = index
        seen_names: set[str] = set()
        for number, loc_raw in enumerate(partner.locations, start=1):
            loc_name = loc_raw.get("name") if isinstance(loc_raw, dict) else None
            loc_entry = f"{partner.partner} / {loc_name or f'locatie nummer {number}'}"
            try:
                location = Location.model_validate(loc_raw)
            except ValidationError as error:
                data.problems += problems_from_validation(error, label, Location, entry=loc_entry)
                continue
            if slugify(location.name) in seen_names:
                data.problems.append(Problem(label, "name", (
                    "deze locatie staat twee keer bij deze partner. Geef elke locatie een eigen naam."),
                    entry=loc_entry))
                continue
            seen_names.add(slugify(location.name))
            reason = _target_problem(location.target, {})
            if reason:
                data.problems.append(Problem(label, "target", f"'{location.target}' {reason}", entry=loc_entry))
                continue
            if not partner.draft:
                data.placements.append(Placement(partner.partner, location, loc_entry))


def _load_issued(root: Path, problems: list[Problem]) -> list[IssuedCode]:
    path = root / ISSUED_FILE
    if not path.exists():
        return []
    try:
        text = read_text(path, ISSUED_FILE)
        raw = parse_yaml(text, ISSUED_FILE)
    except SourceError as error:
        problems.append(error.problem)
        return []
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(ISSUED_FILE, None, "moet een lijst zijn: elk item begint met '- code:'."))
        return []
    records, seen = [], set()
    for index, item in enumerate(raw, start=1):
        entry = str(item.get("code") if isinstance(item, dict) and item.get("code") else f"nummer {index}")
        try:
            record = IssuedCode.model_validate(item)
        except ValidationError as error:
            problems.extend(problems_from_validation(error, ISSUED_FILE, IssuedCode, entry=entry))
            continue
        if record.code in seen:
            problems.append(Problem(ISSUED_FILE, "code", (
                f"'{record.code}' staat twee keer in de lijst. Een code wordt maar één keer uitgegeven."),
                entry=entry))
            continue
        seen.add(record.code)
        records.append(record)
    return records


def _check_codes(data: PosterData) -> list[Problem]:
    """Codes are unique in the inventory and never move to another location or medium."""
    problems = []
    used: dict[str, str] = {}
    by_code = {i.code: i for i in data.issued}
    for placement in data.placements:
        loc = placement.location
        for field_name, code, medium in (("code", loc.code, "poster"), ("banner_code", loc.banner_code, "banner")):
            if not code:
                continue
            if code in used:
                problems.append(Problem(data.partners_file, field_name, (
                    f"'{code}' wordt al gebruikt bij {used[code]}. "
                    "Elke locatie (en elke banner) heeft een eigen code nodig."), entry=placement.entry))
                continue
            used[code] = placement.entry
            record = by_code.get(code)
            if record and (record.partner, slugify(record.location), record.medium) != (
                    placement.partner, slugify(loc.name), medium):
                problems.append(Problem(data.partners_file, field_name, (
                    f"'{code}' is op {record.issued.isoformat()} al uitgegeven voor {record.partner} / "
                    f"{record.location} ({record.medium}), zie {ISSUED_FILE}. Een gedrukte code blijft "
                    "voor altijd van die plek. Kies een nieuwe code."), entry=placement.entry))
    return problems


def check_link_targets(links: list[ShortLink], categories: dict[str, str], known_urls: set[str]) -> list[Problem]:
    """Every short link forwards to a page that exists."""
    problems = []
    for link in links:
        reason = _target_problem(link.target, categories)
        if reason is None:
            if resolve_target(link.target, categories) in known_urls:
                continue
            guess = difflib.get_close_matches(link.target, [HOME_TARGET, *categories], n=1, cutoff=0.7)
            hint = f"Bedoel je '{guess[0]}'? " if guess else ""
            reason = f"is geen bestaande pagina van deze site. {hint}{target_hint(categories)}"
            if link.file == ISSUED_FILE:
                reason += (f" Code '{link.code}' hangt misschien nog op een poster: zet hier een nieuw "
                           "doel (target), en verwijder de code niet.")
        problems.append(Problem(link.file, "target", f"'{link.target}' {reason}", entry=link.entry))
    return problems


def known_page_urls(root: Path, site) -> set[str]:
    """The URLs of the pages the site will have, without building it: the generated pages
    and the hand-written pages in docs/."""
    from .pages import PageRenderer  # local import: pages is heavier and not needed by the build hook here

    known = {urls.HOME} | {page.url for page in PageRenderer(site).all_pages()}
    docs = root / DOCS_DIR
    for path in docs.rglob("*.md"):
        rel = path.relative_to(docs)
        if rel.name == "index.md":
            known.add("" if rel.parent == Path(".") else f"{rel.parent.as_posix()}/")
        else:
            known.add(f"{rel.with_suffix('').as_posix()}/")
    return known


def category_paths(categories) -> dict[str, str]:
    return {c.id: c.path for c in categories}


# --- The record of issued codes ----------------------------------------------------------

ISSUED_HEADER = """\
# Uitgegeven korte codes van posters en banners. NIET met de hand verwijderen.
#
# Dit bestand wordt bijgehouden door 'make posters'. Elke code die ooit op een poster of banner
# is gezet, staat hier. Zo'n poster hangt soms jaren. Daarom:
# - blijft de pagina <site>/p/<code>/ voor altijd bestaan, ook als de locatie uit
#   data/partners.yml verdwijnt;
# - kan een code nooit aan een andere locatie worden gegeven.
# Staat de code nog in data/partners.yml, dan geldt het doel (target) uit dat bestand.
# Is de locatie weg en bestaat de doelpagina niet meer? Verander dan hier alleen 'target'.
"""


def record_issued(root: Path, links: list[ShortLink], today: dt.date | None = None) -> list[str]:
    """Add the printed codes to the record (and keep the recorded target in step with the
    inventory). Returns the newly issued codes. Writes the file atomically."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    records = {r.code: r for r in _load_issued(root, problems)}
    if problems:
        raise ValueError(str(problems[0]))
    new = []
    for link in links:
        old = records.get(link.code)
        if old is None:
            new.append(link.code)
            records[link.code] = IssuedCode(code=link.code, partner=link.partner, location=link.location,
                                            medium=link.medium, campaign=link.campaign, target=link.target,
                                            issued=today)
        elif old.target != link.target:
            records[link.code] = old.model_copy(update={"target": link.target})
    text = ISSUED_HEADER + "".join(_issued_yaml(r) for r in records.values())
    parse_yaml(text, ISSUED_FILE)  # never write a file we cannot read back
    path = root / ISSUED_FILE
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return new


def _issued_yaml(record: IssuedCode) -> str:
    def quote(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (f"\n- code: {record.code}\n  partner: {record.partner}\n  location: {quote(record.location)}\n"
            f"  medium: {record.medium}\n  campaign: {record.campaign}\n  target: {quote(record.target)}\n"
            f"  issued: {record.issued.isoformat()}\n")
