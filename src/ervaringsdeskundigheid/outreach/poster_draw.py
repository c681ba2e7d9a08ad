"""Drawing one poster or banner: a print-ready PDF from a PosterJob and its Layout.

Each poster is drawn twice: with crop marks and a slug (for a print shop that cuts from the
sheet), and without them, the page being exactly the bleed box (what online print shops ask
for when you upload).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from .pictograms import draw_pictogram
from .poster_layout import (
    BANNER_FOOT_MM,
    SCAN_LINE,
    SENDER_LINE,
    Layout,
    band_height,
    fitting_size,
    footer_lines,
    layout,
)
from .poster_plan import PosterJob
from .printing import (
    BLACK,
    BLEED_MM,
    CLEAR_MODULES,
    FONTS,
    GREY,
    MM,
    PAPER,
    Metadata,
    Sheet,
    build_moment,
    draw_crop_marks,
    draw_qr,
    draw_slug_note,
    finish_pdf,
    ink_for,
    open_canvas,
    qr_symbol,
    wrap,
)


def pt(value_mm: float) -> float:
    return value_mm * MM


def poster_texts(job: PosterJob, lay: Layout) -> list[str]:
    """Every text printed on the poster, in reading order (one place, for checks on what is printed)."""
    return [
        job.organisation,
        *lay.headline,
        *lay.audience,
        SCAN_LINE,
        *lay.outcome,
        job.contact,
        job.printed_url,
        SENDER_LINE,
        job.location_line,
    ]


def draw_poster(job: PosterJob, path: Path, now: dt.datetime | None = None, *, marks: bool = True) -> Layout:
    """`marks=False`: the page is the bleed box, without crop marks and slug note."""
    spec = job.spec
    modules = int(qr_symbol(job.qr_url).symbol_size(border=0)[0])
    lay = layout(spec, job.wording, job.viewing_distance_m, modules)
    s = lay.sizes
    ink = ink_for(job.colour)
    colour = ink.colour()
    sheet = Sheet(spec.width_mm, spec.height_mm, slug_mm=Sheet.slug_mm if marks else 0.0)
    b = sheet.bleed_mm
    w, h, m = spec.width_mm, spec.height_mm, s["margin"]
    text_width = w - 2 * m

    buffer = io.BytesIO()
    c = open_canvas(buffer, sheet)

    # The band: the category colour into the bleed on three sides, with the sender on top,
    # the question in big type and who it is for.
    c.setFillColor(colour)
    c.rect(pt(-b), pt(lay.band_bottom), pt(w + 2 * b), pt(h - lay.band_bottom + b), stroke=0, fill=1)
    c.setFillColor(PAPER)
    y = h - m - s["sender"] * 0.75
    c.setFont(FONTS["bold"], pt(s["sender"]))
    c.drawString(pt(m), pt(y), job.organisation)
    spare = (h - lay.band_bottom) - band_height(s, lay.headline, lay.audience)  # a banner's band is taller
    y -= s["sender"] * 0.25 + s["headline"] * 0.55 + spare * 0.45
    c.setFont(FONTS["bold"], pt(s["headline"]))
    for line in lay.headline:
        y -= s["headline"] * 1.08
        c.drawString(pt(m), pt(y), line)
    y -= s["headline"] * 0.25
    c.setFont(FONTS["regular"], pt(s["audience"]))
    for line in lay.audience:
        y -= s["audience"] * 1.3
        c.drawString(pt(m), pt(y), line)

    # The picture slot: a light disc of the category ink with a pictogram (a photo later).
    box = lay.picture
    c.saveState()
    c.setFillColor(ink.colour(0.14))
    c.circle(pt(box.x + box.width / 2), pt(box.y + box.height / 2), pt(box.width / 2), stroke=0, fill=1)
    c.translate(pt(box.x + box.width * 0.1), pt(box.y + box.height * 0.08))
    c.scale(pt(box.width * 0.8), pt(box.height * 0.8))
    draw_pictogram(c, job.category, colour, ink.colour(0.14))
    c.restoreState()

    # What happens when you scan or call, in the column beside the code.
    column = lay.column
    y = box.y - s["scan"] * 1.6
    c.setFillColor(colour)
    c.setFont(FONTS["bold"], pt(s["scan"]))
    for line in wrap(SCAN_LINE, FONTS["bold"], pt(s["scan"]), pt(column.width)):
        c.drawString(pt(column.x), pt(y), line)
        y -= s["scan"] * 1.25
    y -= s["outcome"] * 0.35
    c.setFillColor(BLACK)
    c.setFont(FONTS["regular"], pt(s["outcome"]))
    for line in lay.outcome:
        c.drawString(pt(column.x), pt(y), line)
        y -= s["outcome"] * 1.3
    y -= s["contact"] * 0.5
    lead, _, route = job.contact.partition("? ")  # "Geen smartphone?" / "Bel 050 ..." or "Mail naar ..."
    lines = [
        (line, FONTS["bold"])
        for line in wrap(f"{lead}?" if route else lead, FONTS["bold"], pt(s["contact"]), pt(column.width))
    ]
    if route:  # the number or address whole on one line, smaller if it must be: it is copied, not read
        url_top = lay.qr_y - lay.clear_mm  # text beside the address would be read into it
        room = y - (len(lines) + 1) * s["contact"] * 1.25
        if (
            fitting_size(route, FONTS["medium"], s["contact"], column.width) < 0.8 * s["contact"]
            and " " in route
            and room > url_top
        ):
            lines += [(part, FONTS["medium"]) for part in route.rsplit(" ", 1)]
        else:
            lines.append((route, FONTS["medium"]))
    for line, font in lines:
        c.setFont(font, pt(fitting_size(line, font, s["contact"], column.width)))
        c.drawString(pt(column.x), pt(y), line)
        y -= s["contact"] * 1.25

    # The QR code in pure black on white, with a clear zone nothing else enters, and under it the
    # shortest address a person can type.
    draw_qr(c, job.qr_url, pt(lay.qr_x), pt(lay.qr_y), pt(lay.qr_mm), quiet_modules=CLEAR_MODULES)
    c.setFillColor(BLACK)
    size = fitting_size(job.printed_url, FONTS["medium"], s["url"], max(lay.qr_mm + lay.clear_mm, text_width * 0.5))
    c.setFont(FONTS["medium"], pt(size))
    c.drawCentredString(pt(lay.qr_x + lay.qr_mm / 2), pt(lay.qr_y - lay.clear_mm - size * 0.9), job.printed_url)

    # Footer: a rule, the project line and the location line; above the foot of a banner.
    footer = footer_lines(spec, s)
    c.setStrokeColor(colour)
    c.setLineWidth(pt(max(0.4, w * 0.002)))
    c.line(pt(m), pt(footer["rule"]), pt(w - m), pt(footer["rule"]))
    c.setFillColor(GREY)
    c.setFont(FONTS["regular"], pt(fitting_size(SENDER_LINE, FONTS["regular"], s["sender_line"], text_width)))
    c.drawString(pt(m), pt(footer["sender_line"]), SENDER_LINE)
    c.setFont(FONTS["regular"], pt(fitting_size(job.location_line, FONTS["regular"], s["location"], text_width)))
    c.drawString(pt(m), pt(footer["location"]), job.location_line)

    if spec.medium == "banner":  # a coloured foot, mostly hidden in the stand; balances the band
        c.setFillColor(colour)
        c.rect(pt(-b), pt(-b), pt(w + 2 * b), pt(BANNER_FOOT_MM * 0.8 + b), stroke=0, fill=1)

    now = build_moment(now)
    file = job.file if marks else job.file_without_marks
    if marks:
        draw_crop_marks(c, sheet)
        draw_slug_note(
            c,
            sheet,
            (
                f"{job.organisation} · {file} · {spec.label}, snijmaat {w:g} × {h:g} mm, {BLEED_MM:g} mm afloop · "
                f"CMYK (FOGRA39) · {job.copies} ex. · {now:%d-%m-%Y}"
            ),
        )
    c.showPage()
    c.save()
    finish_pdf(
        buffer.getvalue(),
        path,
        Metadata(
            title=f"{job.headline} – {job.partner_name}, {job.location} ({spec.label})",
            author=job.organisation,
            subject=f"Poster ervaringsdeskundigheid met QR-code naar {job.printed_url}",
            keywords=f"poster, {job.partner}, {job.code}, {job.campaign}",
        ),
        key=file,
        now=now,
        pdfx=True,
    )
    return lay
