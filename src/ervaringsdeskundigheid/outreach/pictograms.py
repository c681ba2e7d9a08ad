"""Drawn pictograms for the picture slot of a poster, one per target category.

Plain vector shapes in one ink on a light disc of the same ink: people, a speech balloon, a
book, a heart. They say "this is about people" from across a room, print sharp at any size and
need no photo of anyone (the slot takes the team's own photo later, see poster_draw).
Drawn in a unit square: (0, 0) bottom-left, (1, 1) top-right.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas


def _person(c: Canvas, x: float, y: float, size: float) -> None:
    """A person seen from the front: a head and rounded shoulders, standing on (x, y)."""
    c.circle(x, y + 0.78 * size, 0.2 * size, stroke=0, fill=1)
    body = c.beginPath()
    half = 0.36 * size
    body.moveTo(x - half, y)
    body.lineTo(x - half, y + 0.2 * size)
    body.curveTo(x - half, y + 0.5 * size, x + half, y + 0.5 * size, x + half, y + 0.2 * size)
    body.lineTo(x + half, y)
    body.close()
    c.drawPath(body, stroke=0, fill=1)


def _balloon(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    """A speech balloon with its tail at the bottom left; (x, y) its bottom-left corner."""
    c.roundRect(x, y, w, h, 0.22 * h, stroke=0, fill=1)
    tail = c.beginPath()
    tail.moveTo(x + 0.15 * w, y + 0.05 * h)
    tail.lineTo(x + 0.05 * w, y - 0.35 * h)
    tail.lineTo(x + 0.4 * w, y + 0.05 * h)
    tail.close()
    c.drawPath(tail, stroke=0, fill=1)


def _heart(c: Canvas, x: float, y: float, size: float) -> None:
    """A heart whose bottom point is at (x, y)."""
    heart = c.beginPath()
    heart.moveTo(x, y)
    heart.curveTo(x - 0.6 * size, y + 0.45 * size, x - 0.45 * size, y + 1.0 * size, x, y + 0.72 * size)
    heart.curveTo(x + 0.45 * size, y + 1.0 * size, x + 0.6 * size, y + 0.45 * size, x, y)
    heart.close()
    c.drawPath(heart, stroke=0, fill=1)


def _book(c: Canvas, x: float, y: float, w: float, h: float, paper) -> None:
    """An open book seen from the front; (x, y) bottom-left."""
    for left in (x, x + w / 2 + 0.015):
        page = c.beginPath()
        page.moveTo(left, y)
        page.lineTo(left, y + h)
        page.curveTo(left + w * 0.16, y + h * 1.08, left + w * 0.32, y + h * 1.08, left + w / 2 - 0.015, y + h)
        page.lineTo(left + w / 2 - 0.015, y)
        page.curveTo(left + w * 0.32, y + 0.08 * h, left + w * 0.16, y + 0.08 * h, left, y)
        page.close()
        c.drawPath(page, stroke=0, fill=1)
    c.saveState()
    c.setStrokeColor(paper)
    c.setLineWidth(0.012)
    for row in range(3):
        level = y + h * (0.35 + 0.2 * row)
        c.line(x + 0.06 * w, level, x + w * 0.42, level)
        c.line(x + w * 0.58 + 0.015, level, x + w * 0.94, level)
    c.restoreState()


def draw_pictogram(c: Canvas, category: str, ink, paper) -> None:
    """The pictogram for `category` in the unit square, filled with `ink` (one CMYK colour)."""
    c.setFillColor(ink)
    if category == "opleiding":
        _person(c, 0.5, 0.42, 0.5)
        _book(c, 0.14, 0.1, 0.72, 0.34, paper)
    elif category == "werkgevers":
        _person(c, 0.2, 0.14, 0.44)
        _person(c, 0.8, 0.14, 0.44)
        c.setFillColor(paper)
        c.circle(0.5, 0.14 + 0.78 * 0.6, 0.2 * 0.6 + 0.04, stroke=0, fill=1)  # a white edge around the middle one
        c.rect(0.5 - 0.36 * 0.6 - 0.04, 0.14, 0.72 * 0.6 + 0.08, 0.3, stroke=0, fill=1)
        c.setFillColor(ink)
        _person(c, 0.5, 0.14, 0.6)
    elif category == "ervaringsdeskundige":
        _person(c, 0.32, 0.12, 0.62)
        _balloon(c, 0.56, 0.66, 0.34, 0.22)
        _heart(c, 0.74, 0.22, 0.3)
    else:  # aspirant and the home page: two people, one tells, the other listens
        _person(c, 0.28, 0.12, 0.6)
        _person(c, 0.74, 0.12, 0.5)
        _balloon(c, 0.5, 0.72, 0.34, 0.2)
