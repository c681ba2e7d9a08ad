"""Print-ready posters and banners with a QR code, one per partner location and format.

`generate_posters` reads the inventory (data/partners.yml), checks it against the site, and
writes to dist/posters/:

- one vector PDF per location and format (see `printing` for what makes it print-ready);
- a PNG preview of each PDF;
- manifest.json (one entry per PDF), drukorder.csv (copies per format per partner) and
  voor-de-drukker.txt (what the print shop needs to know, in Dutch).

Bad input raises `PosterErrors` before anything is written; output is built in a temporary
folder and swapped into place only when every poster is done.
"""

from __future__ import annotations

import csv
import datetime as dt
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

from PIL import Image

from ..build import publish
from ..types import partners as inv
from . import issued_codes
from .consent_check import printed_problems
from .poster_draw import draw_poster, poster_texts
from .poster_layout import Layout
from .poster_plan import OUTPUT_DIR, WITHOUT_MARKS_SUFFIX, PosterErrors, PosterJob, PosterPlan, plan_posters
from .printing import BLEED_MM, OUTPUT_CONDITION, PDFX_VERSION, SLUG_MM, Sheet, qr_symbol, register_fonts

MANIFEST = "manifest.json"
PRINT_ORDER = "drukorder.csv"
PRINTER_NOTE = "voor-de-drukker.txt"
PREVIEW_LONG_SIDE_PX = 800
BEFORE_AFTER = "voor-en-na.png"
BEFORE_DIR = Path(__file__).resolve().parent / "before"  # thumbnails of the first design (posters-ronde-1)

__all__ = [
    "OUTPUT_DIR",
    "BEFORE_AFTER",
    "MANIFEST",
    "PRINT_ORDER",
    "PRINTER_NOTE",
    "PosterErrors",
    "PosterJob",
    "PosterPlan",
    "PosterRun",
    "generate_posters",
    "plan_posters",
    "render_preview",
]

Progress = Callable[[int, int, dict], None]


@dataclass
class PosterRun:
    out_dir: Path
    manifest: list[dict]
    seconds: float
    new_codes: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.manifest)


def generate_posters(
    root: Path,
    out_dir: Path | None = None,
    *,
    partner: str | None = None,
    fmt: str | None = None,
    issue: bool = False,
    previews: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> PosterRun:
    """Make every poster of the inventory (or of one partner / one format).

    `issue=True` (the posters script) records the printed codes in data/issued_codes.yml.
    Raises PosterErrors on bad input; then nothing in `out_dir` has changed."""
    started = time.perf_counter()
    root = Path(root)
    out_dir = Path(out_dir) if out_dir else root / OUTPUT_DIR
    plan = plan_posters(root, partner=partner, fmt=fmt)
    jobs = plan.jobs
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        manifest = _render_all(jobs, staging, previews, workers, progress)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        write_print_order(staging / PRINT_ORDER, jobs)
        (staging / PRINTER_NOTE).write_text(printer_note(jobs), encoding="utf-8")
        if previews:
            write_before_after(staging, manifest)
        problems = printed_problems(plan.site, _printed_texts(staging)) if plan.site else []
        if problems:
            raise PosterErrors(problems)
        publish.replace_directory(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    new_codes = issued_codes.record_issued(root, plan.printed, plan.records, today) if issue else []
    return PosterRun(out_dir=out_dir, manifest=manifest, seconds=time.perf_counter() - started, new_codes=new_codes)


def _printed_texts(folder: Path) -> list[tuple[str, str]]:
    """Every file name of a run, and the text of its manifest (every printed text of every
    poster), print order and note for the print shop."""
    texts = [(f"{OUTPUT_DIR}/{path.name}", path.name) for path in sorted(folder.iterdir())]
    texts += [
        (f"{OUTPUT_DIR}/{name}", (folder / name).read_text(encoding="utf-8"))
        for name in (MANIFEST, PRINT_ORDER, PRINTER_NOTE)
        if (folder / name).is_file()
    ]
    return texts


def render_preview(pdf: Path, png: Path, sheet: Sheet, long_side_px: int = PREVIEW_LONG_SIDE_PX) -> None:
    """A PNG of the poster as it hangs on the wall: only the trim, its long side `long_side_px`
    (one pdftoppm call that renders only that area). pdftoppm's own PNG writer is slow;
    Pillow's fast compression makes the preview about three times cheaper."""
    dpi = long_side_px / (max(sheet.width_mm, sheet.height_mm) / 25.4)
    px = dpi / 25.4
    edge = round(sheet.offset_mm * px)
    width, height = round(sheet.width_mm * px), round(sheet.height_mm * px)
    result = subprocess.run(
        [
            "pdftoppm",
            "-singlefile",
            "-r",
            f"{dpi:.4f}",
            "-x",
            str(edge),
            "-y",
            str(edge),
            "-W",
            str(width),
            "-H",
            str(height),
            str(pdf),
        ],
        check=True,
        capture_output=True,
    )
    Image.open(io.BytesIO(result.stdout)).save(png, format="PNG", compress_level=1)


def write_before_after(out_dir: Path, manifest: list[dict], height_px: int = 420) -> Path | None:
    """One sheet for the team: per format, the first design (a committed thumbnail) beside
    this run's poster of that format."""
    from PIL import ImageDraw, ImageFont

    from .printing import FONT_DIR

    pairs = []
    for format_id in inv.FORMATS:
        entry = next((e for e in manifest if e["format"] == format_id), None)
        first = BEFORE_DIR / f"{format_id}.png"
        if entry and first.is_file():
            pairs.append(
                (
                    inv.FORMATS[format_id].label,
                    Image.open(first).convert("RGB"),
                    Image.open(out_dir / entry["preview"]).convert("RGB"),
                )
            )
    if not pairs:
        return None
    font = ImageFont.truetype(str(FONT_DIR / "Roboto-Medium.ttf"), 20)

    def fitted(image: Image.Image) -> Image.Image:
        return image.resize((round(image.width * height_px / image.height), height_px))

    scaled = [(label, fitted(before), fitted(after)) for label, before, after in pairs]
    gap, top = 24, 64
    width = sum(a.width + b.width + 3 * gap for _, a, b in scaled) + gap
    sheet = Image.new("RGB", (width, height_px + top + gap), "#e6e6e6")
    draw = ImageDraw.Draw(sheet)
    x = gap
    for label, before, after in scaled:
        draw.text((x, 8), label, fill="#1a1a1a", font=font)
        for caption, image in (("Voor", before), ("Na", after)):
            draw.text((x, 34), caption, fill="#444444", font=font)
            sheet.paste(image, (x, top))
            x += image.width + gap
        x += gap
    path = out_dir / BEFORE_AFTER
    sheet.save(path, format="PNG", optimize=True)
    return path


def _render_job(job: PosterJob, out_dir: Path, previews: bool) -> dict:
    pdf = out_dir / job.file
    pdf.parent.mkdir(parents=True, exist_ok=True)
    lay = draw_poster(job, pdf)
    draw_poster(job, out_dir / job.file_without_marks, marks=False)
    if previews:
        render_preview(pdf, out_dir / job.preview, Sheet(job.spec.width_mm, job.spec.height_mm))
    return manifest_entry(job, lay)


def manifest_entry(job: PosterJob, lay: Layout) -> dict:
    spec = job.spec
    return {
        "partner": job.partner,
        "location": job.location,
        "format": job.format,
        "copies": job.copies,
        "file": job.file,
        "qr_url": job.qr_url,
        "printed_url": job.printed_url,
        "target_url": job.target_url,
        "trim_mm": [spec.width_mm, spec.height_mm],
        "bleed_mm": BLEED_MM,
        "slug_mm": SLUG_MM,
        "preview": job.preview,
        "code": job.code,
        "medium": job.medium,
        "campaign": job.campaign,
        "category": job.category,
        "partner_name": job.partner_name,
        "viewing_distance_m": job.viewing_distance_m,
        "qr_mm": round(lay.qr_mm, 1),
        "file_without_marks": job.file_without_marks,
        "module_mm": round(lay.module_mm, 2),
        "modules": round(lay.qr_mm / lay.module_mm),
        "error_correction": qr_symbol(job.qr_url).error.upper(),
        "clear_zone_mm": round(lay.clear_mm, 1),
        "texts": poster_texts(job, lay),
    }


def _render_all(
    jobs: list[PosterJob], out_dir: Path, previews: bool, workers: int | None, progress: Progress | None
) -> list[dict]:
    register_fonts()  # before forking, so workers inherit the parsed fonts
    results: list[dict] = [{} for _ in jobs]  # each filled in at its job's index
    workers = workers or os.cpu_count() or 1
    done = 0
    if workers == 1 or len(jobs) < 3:
        for job in jobs:
            results[job.index] = _render_job(job, out_dir, previews)
            done += 1
            if progress:
                progress(done, len(jobs), results[job.index])
        return results
    # The formats of one location share their QR code: one worker draws them all, so the code's best
    # mask (segno tries all eight) is chosen once, not once in every worker.
    same_code: dict[str, list[PosterJob]] = {}
    for job in jobs:
        same_code.setdefault(job.qr_url, []).append(job)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_render_jobs, group, out_dir, previews): group for group in same_code.values()}
        for future in as_completed(futures):
            for job, entry in zip(futures[future], future.result(), strict=True):
                results[job.index] = entry
                done += 1
                if progress:
                    progress(done, len(jobs), entry)
    return results


def _render_jobs(jobs: list[PosterJob], out_dir: Path, previews: bool) -> list[dict]:
    return [_render_job(job, out_dir, previews) for job in jobs]


def write_print_order(path: Path, jobs: list[PosterJob]) -> None:
    """Copies per format per partner, and totals: what to order from the printer."""
    formats = list(inv.FORMATS)
    rows: dict[str, dict] = {}
    for job in jobs:
        row = rows.setdefault(
            job.partner, {"partner": job.partner, "organisatie": job.partner_name, **{f: 0 for f in formats}}
        )
        row[job.format] += job.copies
    totals = {"partner": "totaal", "organisatie": "", **{f: sum(r[f] for r in rows.values()) for f in formats}}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["partner", "organisatie", *formats, "totaal"])
        writer.writeheader()
        for row in [*rows.values(), totals]:
            writer.writerow({**row, "totaal": sum(row[f] for f in formats)})


def printer_note(jobs: list[PosterJob]) -> str:
    """What to tell the print shop, in Dutch, with the formats of this run."""
    used = [spec for spec in inv.FORMATS.values() if any(job.format == spec.id for job in jobs)]
    formats = "\n".join(
        f"- {spec.label}: snijmaat {spec.width_mm:g} × {spec.height_mm:g} mm, bestand met afloop "
        f"{spec.width_mm + 2 * BLEED_MM:g} × {spec.height_mm + 2 * BLEED_MM:g} mm"
        for spec in used
    )
    return f"""Drukbestanden posters en banners – uitleg voor de drukker

Welk bestand stuur je op?
- Online drukkerij (je uploadt zelf een bestand): gebruik de bestanden die eindigen op
  '{WITHOUT_MARKS_SUFFIX}.pdf'. De pagina is precies de snijmaat plus {BLEED_MM:g} mm afloop rondom,
  zonder snijtekens. Dat vragen de meeste online drukkerijen.
- Eigen drukker die snijtekens wil: gebruik de bestanden zonder die toevoeging. Daar staan
  snijtekens in een rand van {SLUG_MM:g} mm buiten de afloop, met onderaan een regel met
  bestandsnaam, formaat en datum. Die rand wordt weggesneden.
- Hoeveel van elk: zie drukorder.csv.

Formaten in deze levering:
{formats or "- (geen)"}

Over de bestanden:
- PDF 1.4, één pagina per bestand. Alle kleuren zijn CMYK (DeviceCMYK), bedoeld voor gestreken
  papier volgens FOGRA39 (ISO Coated v2). Druk de CMYK-waarden zoals ze zijn; zet niets om.
  De totale inktbezetting blijft ruim onder 300 %.
- De bestanden zijn opgebouwd volgens {PDFX_VERSION}: alleen CMYK, geen transparantie, alle
  lettertypen ingebed, TrimBox en BleedBox gezet, en een output intent '{OUTPUT_CONDITION["OutputConditionIdentifier"]}'
  (de geregistreerde naam van ISO Coated v2 bij het ICC). Er zit geen ICC-profiel in: geen enkel
  FOGRA39-profiel mag vrij worden meegeleverd, en {PDFX_VERSION} staat een geregistreerde naam
  zonder profiel toe. Eerlijk gezegd: we hebben de bestanden niet met een gecertificeerde
  preflight (Acrobat, PitStop) gecontroleerd. Laat de drukker de preflight doen.
- Het zijn geen PDF/X-4-bestanden: PDF/X-4 vraagt een ingebed profiel.
- De QR-code en de kleine tekst zijn 100 % zwart (alleen K). Houd dat zo en schaal niet: de
  QR-code moet scanbaar blijven. Rond de code blijft een witte rand vrij; snijd of plak daar niets.
- {BLEED_MM:g} mm afloop rondom. Belangrijke tekst en de QR-code staan minstens 5 mm binnen de snijlijn.
- Alle lettertypen (Roboto) zijn ingebed; elk bestand heeft eigen namen voor de subsets.
- Roll-upbanners: de onderste 15 cm valt in de voet van de banner.
"""
