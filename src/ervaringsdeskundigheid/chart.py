"""The monitor chart as an accessible inline SVG, generated at build time."""

from __future__ import annotations

from markupsafe import Markup, escape

from .schemas import Monitor

WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 56, 120, 24, 48
BAR = "#0b5563"
EXPECTED = "#7aa7b0"
GOAL = "#8a3b12"
AMBITION = "#5a3d8a"


def counted_years(monitor: Monitor) -> list:
    """Years with a count; an expectation without a count (e.g. "at least 24 new hires") has no bar."""
    return [y for y in monitor.years if y.at_work is not None]


def chart_description(monitor: Monitor) -> str:
    parts = [f"eind {y.year}: {y.at_work}{' (verwachting)' if y.expected else ''}"
             for y in counted_years(monitor)]
    return (f"Staafdiagram van het aantal ervaringsdeskundigen aan het werk per jaar: {', '.join(parts)}. "
            f"Het doel is {monitor.goal}, de ambitie is {monitor.ambition}.")


def monitor_chart_svg(monitor: Monitor) -> Markup:
    years = counted_years(monitor)
    top_value = max([monitor.ambition, monitor.goal, *(y.at_work for y in years)])
    scale_max = ((top_value // 50) + 1) * 50
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h - plot_h * value / scale_max

    slot = plot_w / max(1, len(years))
    bar_w = min(72, slot * 0.6)
    out = [f'<svg class="ed-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="ed-chart-title ed-chart-desc" xmlns="http://www.w3.org/2000/svg">',
           '<title id="ed-chart-title">Ervaringsdeskundigen aan het werk per jaar</title>',
           f'<desc id="ed-chart-desc">{escape(chart_description(monitor))}</desc>']
    for tick in range(0, scale_max + 1, 50):
        y = y_of(tick)
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5dde0"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="13" fill="#333">{tick}</text>')
    for index, year in enumerate(years):
        x = LEFT + slot * index + (slot - bar_w) / 2
        y = y_of(year.at_work)
        colour = EXPECTED if year.expected else BAR
        pattern = ' stroke="#0b5563" stroke-dasharray="4 3"' if year.expected else ""
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{TOP + plot_h - y:.1f}" '
                   f'fill="{colour}"{pattern}/>')
        out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="14" '
                   f'font-weight="700" fill="#1a1a1a">{year.at_work}</text>')
        label = f"{year.year}{'*' if year.expected else ''}"
        out.append(f'<text x="{x + bar_w / 2:.1f}" y="{TOP + plot_h + 20}" text-anchor="middle" '
                   f'font-size="13" fill="#333">{label}</text>')
    for value, colour, name in ((monitor.goal, GOAL, "Doel"), (monitor.ambition, AMBITION, "Ambitie")):
        y = y_of(value)
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
                   'stroke-width="2.5" stroke-dasharray="8 5"/>')
        out.append(f'<text x="{LEFT + plot_w + 8}" y="{y + 5:.1f}" font-size="14" font-weight="700" '
                   f'fill="{colour}">{name}: {value}</text>')
    if any(y.expected for y in years):
        out.append(f'<text x="{LEFT}" y="{HEIGHT - 8}" font-size="12" fill="#333">* verwachting</text>')
    out.append("</svg>")
    return Markup("".join(out))
