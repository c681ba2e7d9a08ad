"""The reach charts for the project monitor, drawn once and written twice: as SVG (for documents
that scale) and as PNG (for Word, PowerPoint and e-mail), with the same layout. Text is measured
with the Roboto font the package ships, so labels fit in both."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from ..render.chart import nice_step
from ..core.text import dutch_number

WIDTH = 800
BAR = "#0b5563"
MUTED = "#4a4a4a"
TEXT = "#1a1a1a"
GRID = "#d5dde0"
MOST_PLACES = 20
PNG_SCALE = 2


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "Roboto-Bold.ttf" if bold else "Roboto-Regular.ttf"
    with resources.as_file(resources.files("ervaringsdeskundigheid") / "fonts" / name) as path:
        return ImageFont.truetype(str(path), size)


def text_width(text: str, size: int, bold: bool = False) -> float:
    return _font(size, bold).getlength(text)


@dataclass
class Chart:
    """Rectangles, lines and text on a canvas WIDTH wide; y grows downwards, text sits on its baseline."""

    height: int
    title: str
    description: str
    shapes: list[tuple] = field(default_factory=list)

    def rect(self, x, y, w, h, fill=BAR):
        self.shapes.append(("rect", x, y, w, h, fill))

    def line(self, x1, y1, x2, y2, stroke=GRID):
        self.shapes.append(("line", x1, y1, x2, y2, stroke))

    def text(self, x, y, text, size=13, bold=False, anchor="start", fill=TEXT):
        self.shapes.append(("text", x, y, text, size, bold, anchor, fill))

    def svg(self) -> str:
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {self.height}" width="{WIDTH}" '
            f'height="{self.height}" role="img" aria-labelledby="title desc" '
            'font-family="Roboto, Arial, sans-serif">',
            f'<title id="title">{escape(self.title)}</title>',
            f'<desc id="desc">{escape(self.description)}</desc>',
            f'<rect width="{WIDTH}" height="{self.height}" fill="#ffffff"/>',
        ]
        for shape in self.shapes:
            kind = shape[0]
            if kind == "rect":
                _, x, y, w, h, fill = shape
                out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>')
            elif kind == "line":
                _, x1, y1, x2, y2, stroke = shape
                out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"/>')
            else:
                _, x, y, text, size, bold, anchor, fill = shape
                weight = ' font-weight="700"' if bold else ""
                out.append(
                    f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{weight} text-anchor="{anchor}" '
                    f'fill="{fill}">{escape(text)}</text>'
                )
        out.append("</svg>")
        return "\n".join(out) + "\n"

    def png(self, path: Path, scale: int = PNG_SCALE) -> None:
        image = Image.new("RGB", (WIDTH * scale, self.height * scale), "#ffffff")
        draw = ImageDraw.Draw(image)
        anchors = {"start": "ls", "middle": "ms", "end": "rs"}
        for shape in self.shapes:
            kind = shape[0]
            if kind == "rect":
                _, x, y, w, h, fill = shape
                if w > 0 and h > 0:
                    draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1], fill=fill)
            elif kind == "line":
                _, x1, y1, x2, y2, stroke = shape
                draw.line([x1 * scale, y1 * scale, x2 * scale, y2 * scale], fill=stroke, width=scale)
            else:
                _, x, y, text, size, bold, anchor, fill = shape
                draw.text(
                    (x * scale, y * scale), text, font=_font(size * scale, bold), fill=fill, anchor=anchors[anchor]
                )
        image.save(path, "PNG")


def _header(chart: Chart, subtitle: str) -> int:
    chart.text(24, 36, chart.title, size=20, bold=True)
    chart.text(24, 60, subtitle, size=13, fill=MUTED)
    return 84


def _fit(text: str, width: float, size: int) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def codes_chart(rows: list[dict], period: str) -> Chart:
    """Scans per poster or banner (its place and code), most first; unknown codes left out."""
    places = [r for r in rows if r["status"] != "onbekende code"][:MOST_PLACES]
    total = sum(r["scans"] for r in rows)
    title = "Scans per poster en banner"
    description = (
        f"Staafdiagram, {period}. "
        + "; ".join(f"{r['organisatie']}, {r['locatie']} ({r['medium']}): {r['scans']}" for r in places)
        + "."
    )
    row_height, bar_height = 30, 18
    chart = Chart(height=84 + 24 + max(len(places), 1) * row_height + 28, title=title, description=description)
    more = f" · de {MOST_PLACES} plekken met de meeste scans" if len(rows) > MOST_PLACES else ""
    top = _header(chart, f"{period} · {dutch_number(total)} scans in totaal{more}")
    if not places:
        chart.text(24, top + 30, "Er zijn nog geen posters of banners met een code.", size=15)
        return chart
    labels = [f"{r['organisatie']} · {r['locatie']} ({r['medium']})" for r in places]
    label_width = min(max(text_width(label, 13) for label in labels), 330)
    left = 24 + label_width + 12
    most = max(r["scans"] for r in places) or 1
    room = WIDTH - left - 24 - text_width(dutch_number(most), 13, bold=True) - 8
    y = top + 20
    for row, label in zip(places, labels, strict=True):
        chart.text(24, y + 13, _fit(label, label_width, 13), size=13)
        width = room * row["scans"] / most
        chart.rect(left, y, width, bar_height)
        chart.text(left + width + 6, y + 13, dutch_number(row["scans"]), size=13, bold=True)
        y += row_height
    chart.text(
        24,
        y + 16,
        "Bron: het logboek van de webserver, zonder bots en herhalingen. Zie uitleg.txt.",
        size=11,
        fill=MUTED,
    )
    return chart


def _weeks_between(first: str, last: str) -> list[str]:
    start = dt.date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    end = dt.date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
    weeks, day = [], start
    while day <= end:
        year, week, _ = day.isocalendar()
        weeks.append(f"{year}-W{week:02d}")
        day += dt.timedelta(days=7)
    return weeks


def weeks_chart(scans: Counter, period: str) -> Chart:
    """All scans per ISO week, every week from the first to the last with scans (0 included)."""
    per_week: Counter = Counter()
    for (week, _code), number in scans.items():
        per_week[week] += number
    weeks = _weeks_between(min(per_week), max(per_week)) if per_week else []
    title = "Scans per week, alle posters en banners samen"
    description = (
        f"Staafdiagram, {period}. "
        + "; ".join(f"week {w[6:].lstrip('0')} van {w[:4]}: {per_week[w]}" for w in weeks)
        + "."
    )
    plot_top, plot_height = 84 + 20, 240
    chart = Chart(height=plot_top + plot_height + 70, title=title, description=description)
    top = _header(chart, f"{period} · {dutch_number(sum(per_week.values()))} scans in totaal")
    if not weeks:
        chart.text(24, top + 30, "Er zijn nog geen scans in deze periode.", size=15)
        return chart
    most = max(per_week.values())
    step = max(1, int(nice_step(most, 4)))
    scale_max = step * -(-most // step)
    left, right = 64, WIDTH - 24
    bottom = plot_top + plot_height
    tick = 0
    while tick <= scale_max:
        y = bottom - plot_height * tick / scale_max
        chart.line(left, y, right, y)
        chart.text(left - 8, y + 4, dutch_number(int(tick)), size=12, anchor="end", fill=MUTED)
        tick += step
    slot = (right - left) / len(weeks)
    every = max(1, -(-len(weeks) // 12))
    for index, week in enumerate(weeks):
        height = plot_height * per_week.get(week, 0) / scale_max
        x = left + index * slot
        chart.rect(x + slot * 0.15, bottom - height, slot * 0.7, height)
        if index % every == 0:
            chart.text(x + slot / 2, bottom + 18, f"wk {int(week[6:])}", size=12, anchor="middle")
            if index == 0 or week[:4] != weeks[index - every][:4]:
                chart.text(x + slot / 2, bottom + 34, week[:4], size=12, anchor="middle", fill=MUTED)
    chart.text(
        24,
        bottom + 58,
        "Bron: het logboek van de webserver, zonder bots en herhalingen. Zie uitleg.txt.",
        size=11,
        fill=MUTED,
    )
    return chart
