"""Print-ready posters and banners with a QR code, one per partner location and format.

`generate_posters` reads the inventory (data/partners.yml), checks it against the site,
and writes to dist/posters/:

- one vector PDF per location and format: trim size plus 3 mm bleed (MediaBox = BleedBox),
  TrimBox and BleedBox set, crop marks in the bleed, only embedded Roboto fonts;
- a PNG preview of each PDF;
- manifest.json (one entry per PDF) and drukorder.csv (copies per format per partner).

The QR code is drawn as vector rectangles, black on white, with a quiet zone of 4 modules,
error correction M or higher, and at least one tenth of the viewing distance wide.
Bad input raises `PosterErrors` before anything is written; output is built in a temporary
folder and swapped into place only when every poster is done.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import multiprocessing
import os
import shutil
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import segno
from PIL import Image
from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from . import partners as inv
from . import publish
from .loader import load_site
from .model import Site
from .problems import ContentErrors, Problem

OUTPUT_DIR = "dist/posters"
MANIFEST = "manifest.json"
PRINT_ORDER = "drukorder.csv"
BLEED_MM = 3.0
CROP_MARK_OFFSET_MM = 1.0        # marks start 1 mm outside the trim, inside the bleed
QUIET_ZONE_MODULES = 4
ERROR_CORRECTION = "m"           # segno boosts it to q or h when that does not make the code larger
BANNER_FOOT_MM = 150             # bottom of a roll-up banner that disappears in the stand
PREVIEW_LONG_SIDE_PX = 800
SENDER = "Alliantie van Kracht"
SENDER_LINE = "Ervaringsdeskundigheid en Werk · Groningen en Drenthe"
CALL_TO_ACTION = "Scan mij"

FONT_DIR = Path(__file__).parent / "fonts"
FONTS = {"regular": "Roboto", "medium": "Roboto-Medium", "bold": "Roboto-Bold"}
_FONT_FILES = {"Roboto": "Roboto-Regular.ttf", "Roboto-Medium": "Roboto-Medium.ttf", "Roboto-Bold": "Roboto-Bold.ttf"}

MM = 72 / 25.4
rl_config.useA85 = 0     # binary (Flate) streams: smaller files, and ASCII85 costs time for nothing
INK = CMYKColor(0, 0, 0, 1)          # pure black ink for the QR code and small text
PAPER = CMYKColor(0, 0, 0, 0)


@dataclass(frozen=True)
class Theme:
    colour: str
    headline: str
    body: str


# Wording per target category: a big question or promise, and one short line. Plain Dutch (B1).
THEMES = {
    "home": Theme("#0b5563", "Jouw ervaring telt", "Over leren en werken met je eigen ervaring."),
    "aspirant": Theme("#0b5563", "Wil jij je ervaring inzetten?", "Ontdek hoe jouw verhaal anderen helpt."),
    "opleiding": Theme("#5a3d8a", "Leer werken met je ervaring", "Van korte cursus tot mbo of Associate degree."),
    "ervaringsdeskundige": Theme("#2f6b2f", "Werk jij al als ervaringsdeskundige?",
                                 "Steun bij je werk, een eerlijk loon en maatje worden."),
    "werkgevers": Theme("#8a3b12", "Een ervaringsdeskundige in jouw team?",
                        "Bereik mensen die anders buiten beeld blijven."),
}
HOME_LABEL = "Ervaringsdeskundigheid"


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
    target_url: str
    viewing_distance_m: float
    file: str                       # relative to the output folder
    preview: str

    @property
    def spec(self) -> inv.Format:
        return inv.FORMATS[self.format]


@dataclass
class PosterRun:
    out_dir: Path
    manifest: list[dict]
    seconds: float
    new_codes: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.manifest)


Progress = Callable[[int, int, dict], None]


# --- Planning: inventory -> jobs ------------------------------------------------------------


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
            job = PosterJob(
                index=len(jobs), partner=placement.partner, partner_name=names.get(placement.partner, placement.partner),
                location=loc.name, format=format_id, copies=copies, code=link.code, medium=link.medium,
                campaign=link.campaign, category=category,
                label=site.category(category).title if category != "home" else HOME_LABEL,
                qr_url=link.qr_url(settings.site_url), target_url=link.target_url(settings.site_url, categories),
                viewing_distance_m=distance, file=f"{stem}.pdf", preview=f"{stem}.png")
            try:
                layout(job, _modules(job.qr_url))
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


# --- Layout ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_CORRECTION, boost_error=True, micro=False)


@functools.lru_cache(maxsize=1024)
def _modules(url: str) -> int:
    """Modules per side of the QR code for `url`. Cheap: a fixed mask has the same size,
    so planning does not pay for choosing the best mask."""
    return segno.make(url, error=ERROR_CORRECTION, boost_error=True, micro=False, mask=0).symbol_size(border=0)[0]


@dataclass(frozen=True)
class Layout:
    qr_mm: float
    qr_x: float           # bottom-left of the symbol (without quiet zone), trim coordinates in mm
    qr_y: float
    band_bottom: float
    headline: list[str]
    body: list[str]
    sizes: dict


def _sizes(spec: inv.Format) -> dict:
    w = spec.width_mm
    if spec.medium == "banner":   # read from further away, and a tall format: larger type
        return {"margin": 0.075 * w, "label": 0.032 * w, "headline": 0.1 * w, "body": 0.045 * w,
                "scan": 0.062 * w, "url": 0.03 * w, "sender": 0.042 * w, "sender_line": 0.026 * w,
                "headline_lines": 3}
    return {"margin": 0.075 * w, "label": 0.024 * w, "headline": 0.084 * w, "body": 0.034 * w,
            "scan": 0.048 * w, "url": 0.026 * w, "sender": 0.032 * w, "sender_line": 0.021 * w,
            "headline_lines": 2}


def _bottom(spec: inv.Format) -> float:
    return BANNER_FOOT_MM if spec.medium == "banner" else 0.0


def _footer_top(spec: inv.Format, s: dict) -> float:
    return _bottom(spec) + s["margin"] + s["sender_line"] * 1.5 + s["sender"] * 1.2


def _band_text_height(s: dict, headline: list[str], body: list[str]) -> float:
    return (s["label"] * 1.3 + len(headline) * s["headline"] * 1.08 + s["headline"] * 0.3
            + len(body) * s["body"] * 1.3)


def _band_bottom(spec: inv.Format, s: dict, headline: list[str], body: list[str]) -> float:
    height = s["margin"] * 1.8 + _band_text_height(s, headline, body)
    minimum = 0.32 if spec.medium == "poster" else 0.30
    return spec.height_mm - max(height, minimum * spec.height_mm)


def _text_group(s: dict) -> float:
    """Height under the QR code: the call to action and the short URL."""
    return s["scan"] * 1.0 + s["url"] * 1.9


class LayoutError(ValueError):
    pass


def layout(job: PosterJob, modules: int) -> Layout:
    """Where everything goes, in trim coordinates (mm, origin bottom-left). Raises LayoutError
    (Dutch) when the QR code cannot be as large as the viewing distance needs."""
    spec = job.spec
    s = dict(_sizes(spec))
    theme = THEMES.get(job.category, THEMES["home"])
    width = spec.width_mm - 2 * s["margin"]
    s["headline"], headline = _fit(theme.headline, FONTS["bold"], s["headline"], width, s["headline_lines"])
    body = _wrap(theme.body, FONTS["regular"], s["body"], width)
    band_bottom = _band_bottom(spec, s, headline, body)
    footer_top = _footer_top(spec, s)
    scale = 1 + 2 * QUIET_ZONE_MODULES / modules              # symbol plus quiet zone
    breathing = 0.06 * spec.width_mm                           # white space above and below the group
    room = min((band_bottom - footer_top - _text_group(s) - breathing) / scale,
               (spec.width_mm - s["margin"]) / scale)
    minimum = job.viewing_distance_m * 100                     # one tenth of the distance, in mm
    if room < minimum:
        raise LayoutError(
            f"een QR-code voor {job.viewing_distance_m:g} m kijkafstand moet minstens {minimum / 10:.0f} cm "
            f"breed zijn, maar op een {spec.label} is plek voor {room / 10:.0f} cm. Kies een groter "
            "formaat of een kleinere kijkafstand.")
    preferred = max(minimum, (0.52 if spec.medium == "poster" else 0.64) * spec.width_mm)
    qr_mm = min(preferred, room)
    quiet = QUIET_ZONE_MODULES * qr_mm / modules
    group = qr_mm + quiet + _text_group(s)                      # what the eye sees: code, text, URL
    gap = max(quiet, (band_bottom - footer_top - group) / 2)    # equal white above and below
    return Layout(qr_mm=qr_mm, qr_x=(spec.width_mm - qr_mm) / 2, qr_y=band_bottom - gap - qr_mm,
                  band_bottom=band_bottom, headline=headline, body=body, sizes=s)


def _fit(text: str, font: str, size_mm: float, width_mm: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest size (down to 70 %) at which `text` fits in `max_lines` lines."""
    size = size_mm
    while True:
        lines = _wrap(text, font, size, width_mm)
        widest = max(pdfmetrics.stringWidth(line, font, size * MM) for line in lines)
        if (len(lines) <= max_lines and widest <= width_mm * MM) or size < 0.7 * size_mm:
            return size, lines
        size *= 0.96


def _wrap(text: str, font: str, size_mm: float, width_mm: float) -> list[str]:
    _register_fonts()
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and pdfmetrics.stringWidth(candidate, font, size_mm * MM) <= width_mm * MM:
            lines[-1] = candidate
        else:
            lines.append(word)
    return _balance(lines, font, size_mm, width_mm)


def _balance(lines: list[str], font: str, size_mm: float, width_mm: float) -> list[str]:
    """Move words down so the last line is not a lonely word (calmer headlines)."""
    if len(lines) == 2 and len(lines[1].split()) == 1 and len(lines[0].split()) > 1:
        first, moved = lines[0].rsplit(" ", 1)
        candidate = f"{moved} {lines[1]}"
        if pdfmetrics.stringWidth(candidate, font, size_mm * MM) <= width_mm * MM:
            return [first, candidate]
    return lines


# --- Drawing --------------------------------------------------------------------------------

_registered = False


def _register_fonts() -> None:
    global _registered
    if not _registered:
        for name, filename in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        _registered = True


def _mix(colour: Color, amount: float) -> Color:
    """`colour` mixed with white; amount 0 is the colour, 1 is white."""
    return Color(*(c + (1 - c) * amount for c in (colour.red, colour.green, colour.blue)))


def draw_poster(job: PosterJob, path: Path) -> Layout:
    _register_fonts()
    spec = job.spec
    qr = _qr(job.qr_url)
    modules = qr.symbol_size(border=0)[0]
    lay = layout(job, modules)
    s = lay.sizes
    theme = THEMES.get(job.category, THEMES["home"])
    colour = HexColor(theme.colour)
    b = BLEED_MM
    page_w, page_h = spec.width_mm + 2 * b, spec.height_mm + 2 * b

    c = Canvas(str(path), pagesize=(page_w * MM, page_h * MM), invariant=True, pageCompression=1,
               initialFontName=FONTS["regular"], initialFontSize=12, lang="nl-NL")
    c.setTitle(f"{theme.headline} – {job.partner_name}, {job.location} ({spec.label})")
    c.setAuthor(SENDER)
    c.setSubject(f"Poster ervaringsdeskundigheid met QR-code naar {job.qr_url}")
    c.setCreator("ervaringsdeskundigheid posters")
    c.setTrimBox((b * MM, b * MM, (b + spec.width_mm) * MM, (b + spec.height_mm) * MM))
    c.setBleedBox((0, 0, page_w * MM, page_h * MM))
    c.setFont(FONTS["regular"], 12)
    c.translate(b * MM, b * MM)     # from here on: trim coordinates in points

    def pt(v: float) -> float:
        return v * MM

    w, h, m = spec.width_mm, spec.height_mm, s["margin"]
    # Coloured band at the top, into the bleed on three sides.
    c.setFillColor(colour)
    c.rect(pt(-b), pt(lay.band_bottom), pt(w + 2 * b), pt(h - lay.band_bottom + b), stroke=0, fill=1)
    # A calm, lighter circle in the band (clipped to the band).
    c.saveState()
    clip = c.beginPath()
    clip.rect(pt(-b), pt(lay.band_bottom), pt(w + 2 * b), pt(h - lay.band_bottom + b))
    c.clipPath(clip, stroke=0, fill=0)
    c.setFillColor(_mix(colour, 0.1))
    c.circle(pt(w * 0.95), pt(h - (h - lay.band_bottom) * 0.15), pt(w * 0.42), stroke=0, fill=1)
    c.restoreState()

    # Band text: category label, headline, one line of body text.
    # The text block sits in the middle of the band, a little higher than centre.
    spare = (h - lay.band_bottom) - 1.8 * m - _band_text_height(s, lay.headline, lay.body)
    y = h - m - spare * 0.45 - s["label"] * 0.75
    c.setFillColor(_mix(colour, 0.72))
    c.setFont(FONTS["medium"], pt(s["label"]))
    c.drawString(pt(m), pt(y), job.label)
    y -= s["label"] * 0.55
    c.setFillColor(PAPER)
    c.setFont(FONTS["bold"], pt(s["headline"]))
    for line in lay.headline:
        y -= s["headline"] * 1.08
        c.drawString(pt(m), pt(y), line)
    y -= s["headline"] * 0.3
    c.setFont(FONTS["regular"], pt(s["body"]))
    for line in lay.body:
        y -= s["body"] * 1.3
        c.drawString(pt(m), pt(y), line)

    # QR code: white paper with a quiet zone, black modules as vector rectangles.
    module = lay.qr_mm / modules
    quiet = QUIET_ZONE_MODULES * module
    c.setFillColor(PAPER)
    c.rect(pt(lay.qr_x - quiet), pt(lay.qr_y - quiet), pt(lay.qr_mm + 2 * quiet), pt(lay.qr_mm + 2 * quiet),
           stroke=0, fill=1)
    c.setFillColor(INK)
    c.saveState()
    c.translate(pt(lay.qr_x), pt(lay.qr_y))
    c.scale(pt(module), pt(module))           # one unit is one module: short, exact coordinates
    modules_path = c.beginPath()
    for row_index, row in enumerate(qr.matrix):
        y0 = modules - 1 - row_index
        col = 0
        while col < modules:
            if row[col] & 1:
                start = col
                while col < modules and row[col] & 1:
                    col += 1
                modules_path.rect(start, y0, col - start, 1)
            else:
                col += 1
    c.drawPath(modules_path, stroke=0, fill=1)
    c.restoreState()

    # Call to action and the short URL, under the code.
    y = lay.qr_y - quiet - s["scan"] * 0.95
    c.setFillColor(colour)
    c.setFont(FONTS["bold"], pt(s["scan"]))
    c.drawCentredString(pt(w / 2), pt(y), CALL_TO_ACTION)
    url_size = min(s["url"], (w - 2 * m) * MM / pdfmetrics.stringWidth(job.qr_url, FONTS["medium"], 1) / MM)
    y -= s["url"] * 1.75
    c.setFillColor(INK)
    c.setFont(FONTS["medium"], pt(url_size))
    c.drawCentredString(pt(w / 2), pt(y), job.qr_url)

    # Sender, above the foot of a banner.
    foot = _bottom(spec) + m
    c.setFillColor(INK)
    c.setFillColor(HexColor("#4a4a4a"))
    c.setFont(FONTS["regular"], pt(s["sender_line"]))
    c.drawString(pt(m), pt(foot), SENDER_LINE)
    c.setFillColor(colour)
    c.setFont(FONTS["bold"], pt(s["sender"]))
    c.drawString(pt(m), pt(foot + s["sender_line"] * 1.5), SENDER)
    c.setStrokeColor(colour)
    c.setLineWidth(pt(max(0.4, w * 0.002)))
    rule = foot + s["sender_line"] * 1.5 + s["sender"] * 1.2
    c.line(pt(m), pt(rule), pt(w - m), pt(rule))

    if spec.medium == "banner":   # a coloured foot, mostly hidden in the stand; balances the band
        c.setFillColor(colour)
        c.rect(pt(-b), pt(-b), pt(w + 2 * b), pt(BANNER_FOOT_MM * 0.8 + b), stroke=0, fill=1)

    _crop_marks(c, w, h)
    c.showPage()
    c.save()
    return lay


def _crop_marks(c: Canvas, w: float, h: float) -> None:
    """Crop marks at the four trim corners, in the bleed (the page is trim + bleed exactly)."""
    start, end = CROP_MARK_OFFSET_MM * MM, BLEED_MM * MM
    segments = []
    for x, y, sx, sy in ((0, 0, -1, -1), (w, 0, 1, -1), (0, h, -1, 1), (w, h, 1, 1)):
        px, py = x * MM, y * MM
        segments.append((px + sx * start, py, px + sx * end, py))     # horizontal, along the trim line
        segments.append((px, py + sy * start, px, py + sy * end))     # vertical
    for width, colour in ((0.9, PAPER), (0.3, CMYKColor(1, 1, 1, 1))):   # registration colour on a white edge
        c.setStrokeColor(colour)
        c.setLineWidth(width)
        c.lines(segments)


def render_preview(pdf: Path, png: Path, long_side_px: int = PREVIEW_LONG_SIDE_PX) -> None:
    """A PNG of the whole page, rendered by poppler (one pdftoppm call). pdftoppm's own PNG
    writer is slow; Pillow's fast compression makes the preview about three times cheaper."""
    result = subprocess.run(["pdftoppm", "-singlefile", "-scale-to", str(long_side_px), str(pdf)],
                            check=True, capture_output=True)
    Image.open(io.BytesIO(result.stdout)).save(png, format="PNG", compress_level=1)


def _render_job(job: PosterJob, out_dir: Path, previews: bool) -> dict:
    pdf = out_dir / job.file
    pdf.parent.mkdir(parents=True, exist_ok=True)
    lay = draw_poster(job, pdf)
    if previews:
        render_preview(pdf, out_dir / job.preview)
    return manifest_entry(job, lay)


def manifest_entry(job: PosterJob, lay: Layout) -> dict:
    spec = job.spec
    return {
        "partner": job.partner, "location": job.location, "format": job.format, "copies": job.copies,
        "file": job.file, "qr_url": job.qr_url, "target_url": job.target_url,
        "trim_mm": [spec.width_mm, spec.height_mm], "bleed_mm": BLEED_MM,
        "preview": job.preview, "code": job.code, "medium": job.medium, "campaign": job.campaign,
        "category": job.category, "partner_name": job.partner_name,
        "viewing_distance_m": job.viewing_distance_m, "qr_mm": round(lay.qr_mm, 1),
    }


# --- Running --------------------------------------------------------------------------------


def generate_posters(root: Path, out_dir: Path | None = None, *, partner: str | None = None,
                     fmt: str | None = None, partners_file: Path | None = None, issue: bool = False,
                     previews: bool = True, workers: int | None = None, progress: Progress | None = None,
                     today: dt.date | None = None) -> PosterRun:
    """Make every poster of the inventory (or of one partner / one format).

    `issue=True` (the posters script) records the printed codes in data/issued_codes.yml.
    The benchmark calls this with a synthetic `partners_file` and the default issue=False.
    Raises PosterErrors on bad input; then nothing in `out_dir` has changed."""
    started = time.perf_counter()
    root = Path(root)
    out_dir = Path(out_dir) if out_dir else root / OUTPUT_DIR
    jobs, printed = plan_posters(root, partners_file=partners_file, partner=partner, fmt=fmt)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        manifest = _render_all(jobs, staging, previews, workers, progress)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        write_print_order(staging / PRINT_ORDER, jobs)
        publish.replace_directory(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    new_codes = inv.record_issued(root, printed, today) if issue else []
    return PosterRun(out_dir=out_dir, manifest=manifest, seconds=time.perf_counter() - started, new_codes=new_codes)


def _render_all(jobs: list[PosterJob], out_dir: Path, previews: bool, workers: int | None,
                progress: Progress | None) -> list[dict]:
    _register_fonts()    # before forking, so workers inherit the parsed fonts
    results: list[dict | None] = [None] * len(jobs)
    workers = workers or os.cpu_count() or 1
    done = 0
    if workers == 1 or len(jobs) < 3:
        for job in jobs:
            results[job.index] = _render_job(job, out_dir, previews)
            done += 1
            if progress:
                progress(done, len(jobs), results[job.index])
        return results
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_render_job, job, out_dir, previews): job for job in jobs}
        for future in as_completed(futures):
            entry = future.result()
            results[futures[future].index] = entry
            done += 1
            if progress:
                progress(done, len(jobs), entry)
    return results


def write_print_order(path: Path, jobs: list[PosterJob]) -> None:
    """Copies per format per partner, and totals: what to order from the printer."""
    formats = list(inv.FORMATS)
    rows: dict[str, dict] = {}
    for job in jobs:
        row = rows.setdefault(job.partner, {"partner": job.partner, "organisatie": job.partner_name,
                                            **{f: 0 for f in formats}})
        row[job.format] += job.copies
    totals = {"partner": "totaal", "organisatie": "", **{f: sum(r[f] for r in rows.values()) for f in formats}}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["partner", "organisatie", *formats, "totaal"])
        writer.writeheader()
        for row in [*rows.values(), totals]:
            writer.writerow({**row, "totaal": sum(row[f] for f in formats)})


def benchmark_inventory(organisation_ids: list[str], locations: int = 2) -> str:
    """A synthetic data/partners.yml for timing: every organisation, `locations` locations,
    every format, targets spread over home and the categories."""
    targets = ["home", *(t for t in THEMES if t != "home")]
    lines = ["campaign: benchmark", "partners:"]
    n = 0
    for org in organisation_ids:
        lines += [f"  - partner: {org}", "    locations:"]
        for number in range(1, locations + 1):
            n += 1
            lines += [f"      - name: locatie {number}", f"        target: {targets[n % len(targets)]}",
                      f"        code: b{n}", f"        banner_code: b{n}-banner",
                      "        copies: {A4: 2, A3: 1, A2: 1, banner: 1}"]
    return "\n".join(lines) + "\n"
