"""Reach of the posters without tracking: counts from the web server's own access log.

A *scan* is a request for a poster's short link, `<base>/p/<code>/` (or without the trailing
slash, as printed under the QR code). A *page reached from a poster* is a request that carries the
utm parameters the short link forwards with (`utm_medium=poster` or `banner`). The log is read as a
stream, line by line (plain or gzip, several rotated files in the order of their first line), in
the combined log format of nginx and Apache.

Nothing personal is kept: a client (address + browser) is only used, as a salted in-memory hash,
to drop repeat hits within a short window; it is never written. Bots (by their user agent),
methods other than GET/HEAD and failed requests (not 2xx/3xx) are not counted. A line that is not
in the combined format is counted as unreadable and skipped.

`generate_reach` writes to dist/bereik/: the CSVs, the charts (SVG and PNG) and a Dutch
explanation; it swaps the folder in only when everything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import gzip
import os
import re
import shutil
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from ..build import publish
from ..core.problems import ContentErrors
from ..types import partners as inventory

OUTPUT_DIR = "dist/bereik"
WINDOW_MINUTES = 30
SCANS_PER_WEEK = "scans-per-week.csv"
SCANS_PER_CODE = "scans-per-code.csv"
PAGES = "paginas-via-posters.csv"
EXPLANATION = "uitleg.txt"
CHART_CODES = "scans-per-plek"
CHART_WEEKS = "scans-per-week"
POSTER_MEDIA = ("poster", "banner")


# host ident user [day/Mon/year:h:m:s zone] "request" status bytes "referer" "agent" (the last two
# are absent in the common log format; nginx and Apache may add fields after them, and Apache's
# vhost_combined puts "site:port " before them). nginx writes a quote inside a field as \x22,
# Apache as \"; the second pattern (slower) is used only for a line with \".
def _line_pattern(quoted: bytes) -> re.Pattern:
    return re.compile(
        rb"(?:\S+ )?(\S+) \S+ \S+ \[(\d{2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\d{4}):"
        rb"(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] " + quoted + rb" (\d{3}) (?:\d+|-)"
        rb"(?: " + quoted + rb" " + quoted + rb")?(?:\s|$)"
    )


_LINE_PLAIN = _line_pattern(rb'"([^"]*)"')
_LINE_ESCAPED = _line_pattern(rb'"([^"\\]*(?:\\.[^"\\]*)*)"')


def _match(line: bytes) -> re.Match | None:
    return (_LINE_ESCAPED if b'\\"' in line else _LINE_PLAIN).match(line)


_SHORT_LINK = re.compile(rb"^(.*?)/p/([a-z0-9]+(?:-[a-z0-9]+)*)(?:/(?:index\.html)?)?$")
_BOT = re.compile(
    rb"bot\b|crawl|spider|slurp|scrape|archiv|preview|fetcher|facebookexternalhit|meta-external|whatsapp|"
    rb"telegram|slack|discord|skype|embedly|iframely|pinterest|monitor|uptime|pingdom|statuscake|lighthouse|"
    rb"headless|phantom|selenium|puppeteer|playwright|python|curl|wget|go-http|java/|libwww|httpclient|okhttp|"
    rb"axios|node-fetch|undici|validator|checker|https?://"
)  # on the lower-cased user agent
_MONTHS = {
    m: n
    for n, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)
}


class ReachError(Exception):
    """A Dutch message for the team: a log that cannot be read, or data that does not load."""


@dataclass(frozen=True)
class PosterCode:
    code: str
    partner: str
    organisation: str
    location: str
    medium: str
    campaign: str
    retired: bool


@dataclass(frozen=True)
class Inventory:
    """The codes that were ever printed or are planned (retired ones too), and the site's path."""

    codes: dict[str, PosterCode]
    base_path: str = "/"

    def code_for_query(self, query: dict[str, str]) -> str | None:
        """The code whose short link forwards with these utm parameters."""
        wanted = (query.get("utm_source"), query.get("utm_medium"), query.get("utm_content"))
        matches = [c for c in self.codes.values() if (c.partner, c.medium, inventory.slugify(c.location)) == wanted]
        exact = [c for c in matches if c.campaign == query.get("utm_campaign")]
        chosen = exact or matches
        return chosen[0].code if chosen else None


def load_inventory(root: Path) -> Inventory:
    """The poster codes from data/partners.yml and data/issued_codes.yml."""
    from ..types import TYPES, load_site

    wanted = {"partners", "issued_codes", "organisations", "categories"}
    try:
        site = load_site(Path(root), types=[t for t in TYPES if t.id in wanted])
    except ContentErrors as errors:
        raise ReachError(errors.report("De poster-codes konden niet gelezen worden: {count} {noun}.")) from None
    names = {o.key: o.title for o in site.of("organisations")}
    retired = {r.code for r in site.of("issued_codes") if r.retired}
    codes = {
        link.code: PosterCode(
            link.code,
            link.partner,
            names.get(link.partner, link.partner),
            link.location,
            link.medium,
            link.campaign,
            link.code in retired,
        )
        for link in inventory.short_links(site)
    }
    return Inventory(codes, urlsplit(site.site_url).path or "/")


# --- Reading the log -------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the log holds, counted. Holds no address, browser or anything else personal."""

    lines: int = 0
    malformed: int = 0
    failed: int = 0  # scans and poster pages that were not GET/HEAD or not 2xx/3xx
    bots: int = 0
    repeats: int = 0
    without_agent: int = 0  # counted, from lines without a user agent (common log format)
    scans: Counter = field(default_factory=Counter)  # (iso week, code) -> scans
    landings: Counter = field(default_factory=Counter)  # code ("" if unknown) -> pages reached
    pages: Counter = field(default_factory=Counter)  # path -> pages reached from posters
    first_day: int | None = None  # proleptic ordinals of the first and last day in the log
    last_day: int | None = None
    files: list[str] = field(default_factory=list)

    @property
    def total_scans(self) -> int:
        return sum(self.scans.values())

    def scans_per_code(self) -> Counter:
        result: Counter = Counter()
        for (_, code), count in self.scans.items():
            result[code] += count
        return result


def _open(path: Path):
    """A binary stream of the file, unpacked when it is gzip (by its content, not its name)."""
    handle = open(path, "rb")
    if handle.read(2) == b"\x1f\x8b":
        handle.seek(0)
        return gzip.GzipFile(fileobj=handle)
    handle.seek(0)
    return handle


def _first_moment(path: Path) -> tuple:
    """When the file starts (its first readable line), to read rotated logs in order."""
    try:
        with _open(path) as stream:
            for number, line in enumerate(stream):
                match = _match(line)
                if match and (ordinal := _ordinal(match.group(2))) is not None:
                    return (0, ordinal * 86400 + _seconds(match), str(path))
                if number > 1000:
                    break
    except (OSError, EOFError, zlib.error, ValueError):
        pass  # reported properly when the file is read
    return (1, 0, str(path))


def log_files(patterns: list[str]) -> list[Path]:
    """The files named, a glob pattern each allowed (rotated logs: access.log*), oldest first."""
    if not patterns:
        raise ReachError(
            "Geef het logbestand op, bijvoorbeeld: make bereik LOG=access.log "
            '(meer bestanden mag ook: LOG="logs/access.log*").'
        )
    files: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_file():
            found = [path]
        elif path.is_dir():
            raise ReachError(
                f"'{pattern}' is een map, geen logbestand. Geef het bestand zelf op, "
                f"bijvoorbeeld {pattern.rstrip('/')}/access.log."
            )
        else:
            found = sorted(Path(p) for p in glob.glob(pattern) if Path(p).is_file())
            if not found:
                raise ReachError(f"Het logbestand '{pattern}' bestaat niet. Kijk of de naam en de map kloppen.")
        files += [f for f in found if f not in files]
    for path in files:
        if not os.access(path, os.R_OK):
            raise ReachError(
                f"Het logbestand '{path}' kan niet gelezen worden: je hebt geen toestemming "
                "om het te openen. Kopieer het naar je eigen map en probeer het opnieuw."
            )
    return sorted(files, key=_first_moment)


class _Clients:
    """The last counted hit per (client, thing), only for the window. In memory; the key is a
    salted hash (Python's own, new for every run), never the address or browser itself."""

    def __init__(self, window_seconds: int):
        self.window = window_seconds
        self.last: dict[tuple, int] = {}
        self.pruned = 0

    def repeat(self, client: int, thing, moment: int) -> bool:
        key = (client, thing)
        last = self.last.get(key)
        if last is not None and 0 <= moment - last < self.window:
            return True
        self.last[key] = moment
        if moment - self.pruned > self.window * 4:  # keep memory small over a year of logs
            self.last = {k: v for k, v in self.last.items() if moment - v < self.window}
            self.pruned = moment
        return False


def _counted_thing(target: bytes, known: Inventory, base: bytes) -> tuple[str, str, str | None] | None:
    """("scan", code, code) for a short link of a poster, ("page", path, code or None) for a page
    reached from a poster (by its utm parameters), None for anything else."""
    address, _, query = target.partition(b"?")
    address = address.split(b"#", 1)[0]
    scan = _SHORT_LINK.match(address)
    if scan is not None:
        code = scan.group(2).decode()
        if code not in known.codes and scan.group(1) not in (base, b""):
            return None  # a /p/ path of another part of the website
        return ("scan", code, code)
    fields = dict(parse_qsl(query.decode("latin-1")))
    if fields.get("utm_medium") not in POSTER_MEDIA or not _is_page(address):
        return None
    page = address.decode("latin-1")
    page = page[: -len("index.html")] if page.endswith("/index.html") else page
    return ("page", page, known.code_for_query(fields))


def count(files: list[Path], known: Inventory, window_minutes: int = WINDOW_MINUTES) -> Tally:
    """Stream every line of every file once and count scans and pages reached from posters.
    Every line is checked against the format; only requests that mention /p/ or utm_medium=
    (a tiny part of a log) are looked at further."""
    tally = Tally(files=[str(f) for f in files])
    clients = _Clients(window_minutes * 60)
    days: dict[bytes, int | None] = {}
    weeks: dict[int, str] = {}
    base = known.base_path.rstrip("/").encode()
    match_line, is_bot = _match, _BOT.search
    for path in files:
        try:
            with _open(path) as stream:
                for line in stream:
                    tally.lines += 1
                    match = match_line(line)
                    day = days.get(match.group(2), -1) if match else None
                    if day == -1 and match:
                        day = days[match.group(2)] = _ordinal(match.group(2))
                    if day is None or match is None:
                        tally.malformed += 1
                        continue
                    request = match.group(9).split(b" ")
                    if len(request) < 2 or (b"/p/" not in request[1] and b"utm_medium=" not in request[1]):
                        continue
                    thing = _counted_thing(request[1], known, base)
                    if thing is None:
                        continue
                    if request[0] not in (b"GET", b"HEAD") or match.group(10)[:1] not in (b"2", b"3"):
                        tally.failed += 1
                        continue
                    agent = match.group(12)
                    if agent is None:
                        tally.without_agent += 1  # the common log format: bots cannot be told apart
                    elif agent in (b"", b"-") or is_bot(agent.lower()):
                        tally.bots += 1
                        continue
                    kind, what, code = thing
                    if clients.repeat(hash((match.group(1), agent)), what, day * 86400 + _seconds(match)):
                        tally.repeats += 1
                    elif kind == "scan":
                        tally.scans[(weeks.get(day) or weeks.setdefault(day, _iso_week(day)), code)] += 1
                    else:
                        tally.pages[what] += 1
                        tally.landings[code or ""] += 1
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise ReachError(
                f"Het logbestand '{path}' kan niet helemaal gelezen worden ({_reason(error)}). "
                "Er is niets geschreven. Is het bestand volledig gekopieerd?"
            ) from None
    seen = [day for day in days.values() if day is not None]
    tally.first_day, tally.last_day = (min(seen), max(seen)) if seen else (None, None)
    return tally


def _is_page(address: bytes) -> bool:
    last = address.rsplit(b"/", 1)[-1]
    return not last or last.endswith(b".html") or b"." not in last


def _ordinal(day_text: bytes) -> int | None:
    day, month, year = day_text.decode().split("/")
    try:
        return dt.date(int(year), _MONTHS[month], int(day)).toordinal()
    except ValueError:
        return None


def _seconds(match: re.Match) -> int:
    """Seconds since midnight UTC of the line's day (the zone offset taken off)."""
    offset = int(match.group(7)) * 3600 + int(match.group(8)) * 60
    local = int(match.group(3)) * 3600 + int(match.group(4)) * 60 + int(match.group(5))
    return local - offset if match.group(6) == b"+" else local + offset


def _iso_week(ordinal: int) -> str:
    year, week, _ = dt.date.fromordinal(ordinal).isocalendar()
    return f"{year}-W{week:02d}"


def _reason(error: Exception) -> str:
    if isinstance(error, (EOFError, zlib.error, gzip.BadGzipFile)):
        return "het gzip-bestand is beschadigd of niet compleet"
    if isinstance(error, PermissionError):
        return "geen toestemming om het te lezen"
    return getattr(error, "strerror", None) or str(error)


# --- Writing the report -----------------------------------------------------------------------------


@dataclass
class ReachRun:
    out_dir: Path
    tally: Tally
    seconds: float


def code_rows(tally: Tally, known: Inventory) -> list[dict]:
    """One row per code: every known code (none scanned is news too), and unknown codes seen."""
    per_code = tally.scans_per_code()
    weeks_of: dict[str, list[str]] = {}
    for week, code in sorted(tally.scans):
        weeks_of.setdefault(code, []).append(week)
    rows = []
    for code in sorted(set(known.codes) | set(per_code)):
        info = known.codes.get(code)
        status = "onbekende code" if info is None else ("weggehaald" if info.retired else "hangt")
        rows.append(
            {
                "code": code,
                "partner": info.partner if info else "",
                "organisatie": info.organisation if info else "",
                "locatie": info.location if info else "",
                "medium": info.medium if info else "",
                "status": status,
                "scans": per_code.get(code, 0),
                "bezoeken": tally.landings.get(code, 0),
                "eerste_week": weeks_of.get(code, [""])[0],
                "laatste_week": weeks_of.get(code, [""])[-1],
            }
        )
    return sorted(rows, key=lambda row: (-row["scans"], row["code"]))


def week_rows(tally: Tally, known: Inventory) -> list[dict]:
    rows = []
    for (week, code), scans in sorted(tally.scans.items()):
        info = known.codes.get(code)
        rows.append(
            {
                "week": week,
                "code": code,
                "partner": info.partner if info else "",
                "organisatie": info.organisation if info else "",
                "locatie": info.location if info else "",
                "medium": info.medium if info else "",
                "scans": scans,
            }
        )
    return rows


def _write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _date(ordinal: int | None) -> str:
    from ..core.text import dutch_date

    return dutch_date(dt.date.fromordinal(ordinal)) if ordinal is not None else "-"


def explanation(tally: Tally, known: Inventory, window_minutes: int = WINDOW_MINUTES) -> str:
    """What the numbers mean and what they cannot show, in plain Dutch (B1)."""
    rows = code_rows(tally, known)
    best = [r for r in rows if r["scans"]][:3]
    silent = [r for r in rows if not r["scans"] and r["status"] == "hangt"]
    unknown = [r for r in rows if r["status"] == "onbekende code"]
    lines = [
        "BEREIK VAN DE POSTERS EN BANNERS",
        "",
        f"Periode in het logboek: {_date(tally.first_day)} tot en met {_date(tally.last_day)}.",
        f"Gelezen: {tally.lines} regels uit {len(tally.files)} {'bestand' if len(tally.files) == 1 else 'bestanden'}.",
        f"Scans geteld: {tally.total_scans}. Pagina's bezocht via een poster: {sum(tally.pages.values())}.",
        "",
        "Het meest gescand:",
        *(
            [f"- {r['organisatie']} · {r['locatie']} ({r['medium']}, code {r['code']}): {r['scans']}" for r in best]
            or ["- (nog geen scans)"]
        ),
    ]
    if silent:
        lines += [
            "",
            "Nog niet gescand (hangt de poster er nog, en is hij goed te zien?):",
            *[f"- {r['organisatie']} · {r['locatie']} ({r['medium']}, code {r['code']})" for r in silent],
        ]
    if unknown:
        lines += [
            "",
            "Codes die niet in data/partners.yml of data/issued_codes.yml staan "
            "(een tikfout in een adres, of een oude test):",
            *[f"- {r['code']}: {r['scans']}" for r in unknown],
        ]
    lines += [
        "",
        "WAT BETEKENEN DE CIJFERS?",
        "- Een scan: iemand opent de korte link van een poster of banner. Meestal door de QR-code te",
        "  scannen, soms door het adres onder de QR-code over te typen. Beide tellen mee.",
        "- Elke poster en banner heeft een eigen code. Zo zie je per plek hoeveel mensen de poster gebruiken.",
        "  Een code die is weggehaald (status 'weggehaald') telt ook nog mee: de poster kan er nog hangen.",
        "- Weken zijn weken van maandag tot en met zondag, met het weeknummer (2025-W07 is week 7 van 2025).",
        f"- Opent dezelfde telefoon dezelfde code binnen {window_minutes} minuten nog eens? Dan telt dat één keer.",
        "- Computers die websites lezen (zoekmachines, linkvoorbeelden in WhatsApp en dergelijke) tellen niet mee.",
        "- 'Pagina's bezocht via een poster': de pagina waar de korte link naartoe stuurt. In de kolom",
        "  'bezoeken' van scans-per-code.csv staat dat per code. Dat is vaak iets minder dan het aantal scans:",
        "  niet iedereen wacht tot de pagina open is.",
        "",
        "WAT LATEN DE CIJFERS NIET ZIEN?",
        "- Hoeveel mensen de poster zien maar niet scannen.",
        "- Of het steeds andere mensen zijn. Wie vandaag en volgende week scant, telt twee keer.",
        "  Mensen die hetzelfde wifi-netwerk en hetzelfde soort telefoon gebruiken, tellen binnen",
        f"  {window_minutes} minuten misschien maar één keer.",
        "- Wat mensen daarna lezen. Alleen de eerste pagina na het scannen draagt de code van de poster.",
        "- Wie het zijn. We bewaren geen IP-adressen en geen gegevens over telefoons of browsers.",
        "- Scans die niet in het logboek staan, bijvoorbeeld omdat het logboek na een tijd is gewist.",
        "",
        "NIET MEEGETELD",
        f"- {tally.bots} keer een computer (bot) in plaats van een mens.",
        f"- {tally.repeats} keer dezelfde telefoon binnen {window_minutes} minuten.",
        f"- {tally.failed} keer een mislukte aanvraag (een foutcode van de server, of geen gewone aanvraag).",
        f"- {tally.malformed} regels die niet te lezen waren (geen gewone regel van een logboek).",
        *(
            [
                f"Let op: {tally.without_agent} scans en bezoeken komen uit regels zonder gegevens over de browser. "
                "Daarin kunnen we bots niet herkennen; ze tellen mee. Vraag de hostingpartij om het 'combined' "
                "formaat."
            ]
            if tally.without_agent
            else []
        ),
        "",
        "DE BESTANDEN",
        f"- {SCANS_PER_WEEK}: scans per week, per code en plek.",
        f"- {SCANS_PER_CODE}: alle codes met het totaal, ook codes zonder scans.",
        f"- {PAGES}: de pagina's die mensen via een poster bereikten, de meest bezochte eerst.",
        f"- {CHART_CODES}.png en .svg, {CHART_WEEKS}.png en .svg: grafieken voor de projectmonitor.",
        "",
        "LET OP: het logboek van de webserver zelf bevat wel persoonsgegevens (IP-adressen).",
        "Gooi het weg als je klaar bent met tellen. Deze map bevat alleen aantallen.",
    ]
    return "\n".join(lines) + "\n"


def generate_reach(
    root: Path, patterns: list[str], out_dir: Path | None = None, window_minutes: int = WINDOW_MINUTES
) -> ReachRun:
    """Count the logs and write the report. Raises ReachError (Dutch) on a missing or unreadable
    log or on data that does not load; then nothing in `out_dir` has changed."""
    from . import reach_chart

    started = time.perf_counter()
    root = Path(root)
    out_dir = Path(out_dir) if out_dir else root / OUTPUT_DIR
    files = log_files(patterns)
    known = load_inventory(root)
    tally = count(files, known, window_minutes)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        codes = code_rows(tally, known)
        _write_csv(
            staging / SCANS_PER_WEEK,
            week_rows(tally, known),
            ["week", "code", "partner", "organisatie", "locatie", "medium", "scans"],
        )
        _write_csv(staging / SCANS_PER_CODE, codes, list(codes[0]) if codes else ["code", "scans"])
        _write_csv(
            staging / PAGES,
            [
                {"pagina": page, "bezoeken": n}
                for page, n in sorted(tally.pages.items(), key=lambda item: (-item[1], item[0]))
            ],
            ["pagina", "bezoeken"],
        )
        period = f"{_date(tally.first_day)} tot en met {_date(tally.last_day)}"
        for name, chart in (
            (CHART_CODES, reach_chart.codes_chart(codes, period)),
            (CHART_WEEKS, reach_chart.weeks_chart(tally.scans, period)),
        ):
            (staging / f"{name}.svg").write_text(chart.svg(), encoding="utf-8")
            chart.png(staging / f"{name}.png")
        (staging / EXPLANATION).write_text(explanation(tally, known, window_minutes), encoding="utf-8")
        publish.replace_directory(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ReachRun(out_dir, tally, time.perf_counter() - started)


__all__ = [
    "OUTPUT_DIR",
    "ReachError",
    "ReachRun",
    "Tally",
    "Inventory",
    "PosterCode",
    "count",
    "explanation",
    "generate_reach",
    "load_inventory",
    "log_files",
]
