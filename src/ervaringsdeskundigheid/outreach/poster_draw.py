"""Drawing one poster or banner: a print-ready PDF from a PosterJob and its Layout."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from .poster_layout import (BANNER_FOOT_MM, CALL_TO_ACTION, SENDER_LINE, Layout, band_text_height,
                            fitting_size, footer_lines, layout)
from .poster_plan import PosterJob
from .printing import (BLACK, BLEED_MM, FONTS, GREY, MM, PAPER, QUIET_ZONE_MODULES, Metadata, Sheet,
                       draw_crop_marks, draw_qr, draw_slug_note, finish_pdf, ink_for, open_canvas, qr_symbol)


def pt(value_mm: float) -> float:
    return value_mm * MM


def draw_poster(job: PosterJob, path: Path, now: dt.datetime | None = None) -> Layout:
    spec = job.spec
    modules = qr_symbol(job.qr_url).symbol_size(border=0)[0]
    lay = layout(spec, job.wording, job.viewing_distance_m, modules)
    s = lay.sizes
    ink = ink_for(job.colour)
    colour = ink.colour()
    sheet = Sheet(spec.width_mm, spec.height_mm)
    b = sheet.bleed_mm
    w, h, m = spec.width_mm, spec.height_mm, s["margin"]

    buffer = io.BytesIO()
    c = open_canvas(buffer, sheet)

    # Coloured band at the top, into the bleed on three sides (never into the slug).
    c.setFillColor(colour)
    c.rect(pt(-b), pt(lay.band_bottom), pt(w + 2 * b), pt(h - lay.band_bottom + b), stroke=0, fill=1)
    # A calm, lighter circle in the band (clipped to the band).
    c.saveState()
    clip = c.beginPath()
    clip.rect(pt(-b), pt(lay.band_bottom), pt(w + 2 * b), pt(h - lay.band_bottom + b))
    c.clipPath(clip, stroke=0, fill=0)
    c.setFillColor(ink.colour(0.9))
    c.circle(pt(w * 0.95), pt(h - (h - lay.band_bottom) * 0.15), pt(w * 0.42), stroke=0, fill=1)
    c.restoreState()

    # Band text: category label, headline, one line of body text, a little above the middle.
    spare = (h - lay.band_bottom) - 1.8 * m - band_text_height(s, lay.headline, lay.body)
    y = h - m - spare * 0.45 - s["label"] * 0.75
    c.setFillColor(ink.colour(0.28))
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

    # QR code in pure black on white, then the call to action, the link and the contact line.
    draw_qr(c, job.qr_url, pt(lay.qr_x), pt(lay.qr_y), pt(lay.qr_mm))
    quiet = QUIET_ZONE_MODULES * lay.qr_mm / modules
    y = lay.qr_y - quiet - s["scan"] * 0.95
    c.setFillColor(colour)
    c.setFont(FONTS["bold"], pt(s["scan"]))
    c.drawCentredString(pt(w / 2), pt(y), CALL_TO_ACTION)
    c.setFillColor(BLACK)
    y -= s["url"] * 1.75
    c.setFont(FONTS["medium"], pt(fitting_size(job.printed_url, FONTS["medium"], s["url"], w - 2 * m)))
    c.drawCentredString(pt(w / 2), pt(y), job.printed_url)
    y -= s["contact"] * 1.7
    c.setFont(FONTS["regular"], pt(fitting_size(job.contact, FONTS["regular"], s["contact"], w - 2 * m)))
    c.drawCentredString(pt(w / 2), pt(y), job.contact)

    # Footer: rule, sender, sender line and the location line; above the foot of a banner.
    lines = footer_lines(spec, s)
    c.setStrokeColor(colour)
    c.setLineWidth(pt(max(0.4, w * 0.002)))
    c.line(pt(m), pt(lines["rule"]), pt(w - m), pt(lines["rule"]))
    c.setFillColor(colour)
    c.setFont(FONTS["bold"], pt(s["sender"]))
    c.drawString(pt(m), pt(lines["sender"]), job.organisation)
    c.setFillColor(GREY)
    c.setFont(FONTS["regular"], pt(fitting_size(SENDER_LINE, FONTS["regular"], s["sender_line"], w - 2 * m)))
    c.drawString(pt(m), pt(lines["sender_line"]), SENDER_LINE)
    c.setFont(FONTS["regular"], pt(fitting_size(job.location_line, FONTS["regular"], s["location"], w - 2 * m)))
    c.drawString(pt(m), pt(lines["location"]), job.location_line)

    if spec.medium == "banner":   # a coloured foot, mostly hidden in the stand; balances the band
        c.setFillColor(colour)
        c.rect(pt(-b), pt(-b), pt(w + 2 * b), pt(BANNER_FOOT_MM * 0.8 + b), stroke=0, fill=1)

    now = (now or dt.datetime.now()).astimezone()
    draw_crop_marks(c, sheet)
    draw_slug_note(c, sheet, (
        f"{job.organisation} · {job.file} · {spec.label}, snijmaat {w:g} × {h:g} mm, {BLEED_MM:g} mm afloop · "
        f"CMYK (bedoeld voor FOGRA39) · {job.copies} ex. · {now:%d-%m-%Y}"))
    c.showPage()
    c.save()
    finish_pdf(buffer.getvalue(), path, Metadata(
        title=f"{job.headline} – {job.partner_name}, {job.location} ({spec.label})",
        author=job.organisation,
        subject=f"Poster ervaringsdeskundigheid met QR-code naar {job.printed_url}",
        keywords=f"poster, {job.partner}, {job.code}, {job.campaign}"), key=job.file, now=now)
    return lay
