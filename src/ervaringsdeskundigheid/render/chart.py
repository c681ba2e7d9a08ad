"""The monitor charts as accessible inline SVG, generated at build time.

The drawing is 360 units wide, about the width of a phone screen, so its 13-unit text is
at least 12 px there; CSS keeps it from growing too large on a desktop.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from ..core.text import dutch_number

WIDTH, HEIGHT = 360, 250
LEFT, RIGHT, TOP, BOTTOM = 40, 76, 22, 36
BAR = "#0b5563"
GOAL = "#8a3b12"
AMBITION = "#5a3d8a"
TEXT = "#1a1a1a"
FONT = 13


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) that divides 0..top into about `ticks` parts."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= raw)


def chart_description(monitor) -> str:
    parts = [f"eind {y.year}: {y.at_work}" for y in monitor.years if y.at_work is not None]
    return (
        f"Staafdiagram van het aantal ervaringsdeskundigen aan het werk per jaar: {', '.join(parts)}. "
        f"Het doel is {monitor.goal}, de ambitie is {monitor.ambition}."
    )


def monitor_chart_svg(monitor, element_id: str = "ed-chart") -> Markup:
    years = [y for y in monitor.years if y.at_work is not None]
    top_value = max([monitor.ambition, monitor.goal, *(y.at_work for y in years), 1])
    step = nice_step(top_value)
    scale_max = step * math.ceil(top_value / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h - plot_h * value / scale_max

    slot = plot_w / max(len(years), 1)
    bar_w = min(48, slot * 0.6)
    out = [
        f'<svg class="ed-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{element_id}-title">Ervaringsdeskundigen aan het werk per jaar</title>',
        f'<desc id="{element_id}-desc">{escape(chart_description(monitor))}</desc>',
    ]
    tick = 0.0
    while tick <= scale_max:
        y = y_of(tick)
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5dde0"/>')
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT}" fill="{TEXT}">'
            f"{dutch_number(tick)}</text>"
        )
        tick += step
    for index, year in enumerate(years):
        x = LEFT + slot * index + (slot - bar_w) / 2
        y = y_of(year.at_work)
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{TOP + plot_h - y:.1f}" fill="{BAR}"/>')
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-size="{FONT + 1}" '
            f'font-weight="700" fill="{TEXT}">{year.at_work}</text>'
        )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" '
            f'font-size="{FONT}" fill="{TEXT}">{year.year}</text>'
        )
    for value, colour, name in ((monitor.goal, GOAL, "Doel"), (monitor.ambition, AMBITION, "Ambitie")):
        y = y_of(value)
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            'stroke-width="2.5" stroke-dasharray="8 5"/>'
        )
        out.append(
            f'<text x="{LEFT + plot_w + 6}" y="{y + 5:.1f}" font-size="{FONT}" font-weight="700" '
            f'fill="{colour}">{name} {value}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def indicator_svg(indicator, element_id: str) -> Markup:
    """A small bar chart of one indicator over the years, values on the bars."""
    width, height, left, top, bottom = 280, 150, 8, 22, 28
    values = indicator.values
    unit = "%" if indicator.unit == "%" else ""
    top_value = max([v.value for v in values] + ([100] if unit == "%" else []) + [1])
    plot_h = height - top - bottom
    slot = (width - 2 * left) / len(values)
    bar_w = min(56, slot * 0.6)
    label = f"{indicator.label}: " + ", ".join(f"{v.year}: {dutch_number(v.value)}{unit}" for v in values)
    out = [
        f'<svg class="ed-chart ed-chart--small" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{element_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{element_id}">{escape(label)}</title>',
    ]
    for index, value in enumerate(values):
        bar_h = plot_h * value.value / top_value
        x = left + slot * index + (slot - bar_w) / 2
        y = top + plot_h - bar_h
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" fill="{BAR}"/>')
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-size="{FONT}" '
            f'font-weight="700" fill="{TEXT}">{dutch_number(value.value)}{escape(unit)}</text>'
        )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 9}" text-anchor="middle" font-size="{FONT}" '
            f'fill="{TEXT}">{value.year}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def value_text(value, unit: str | None) -> str:
    """'61,3% (19 van de 31)' or '133'."""
    text = f"{dutch_number(value.value)}{'%' if unit == '%' else ''}"
    if value.count is not None and value.total is not None:
        text += f" ({value.count} van de {value.total})"
    return text
