"""Where everything goes on a poster or banner: pure geometry, no drawing.

Coordinates are trim coordinates in millimetres, origin at the bottom-left of the trim.

A poster is read in passing, from three metres, by someone who did not come for it. So the
loudest thing is one plain question in big type on the category colour, with who it is for
right under it; the sender (the organisation) sits on top of that band. Below, on white: a
picture slot (a drawn pictogram now, the team's own photo later) with what happens when you
scan or call, and the QR code, sized for its viewing distance, with a clear white zone of
`CLEAR_MODULES` around it that nothing else enters. Under the code: the shortest address a
person can type. At the foot: the project line and the location line for the inventory.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..types import partners as inv
from .printing import CLEAR_MODULES, FONTS, MM, QUIET_ZONE_MODULES, SAFE_MM, text_width, wrap

BANNER_FOOT_MM = 150  # bottom of a roll-upbanner that disappears in the stand
SCAN_LINE = "Scan de code met de camera van je telefoon."
SENDER_LINE = "Ervaringsdeskundigheid en Werk · Groningen en Drenthe"
HOME_LABEL = "Ervaringsdeskundigheid"
MODULE_MM_PER_M = 2.0  # a phone resolves a module of 2 mm per metre of distance (see README)


@dataclass(frozen=True)
class Theme:
    """The words of a poster: a question or promise, who it is for, and what you get when you scan."""

    headline: str
    audience: str
    outcome: str


# Wording per target category, in reader words (B1). A category's `question` in
# data/categories.yml replaces the headline, so the page a scan opens asks the same question.
THEMES = {
    "home": Theme(
        "Wat jij hebt meegemaakt, kan een ander helpen",
        "Voor iedereen die zelf armoede, schulden of een andere zware tijd kent.",
        "Je leest wat je met je ervaring kunt doen, en hoe je begint.",
    ),
    "aspirant": Theme(
        "Wil jij je ervaring inzetten?",
        "Voor iedereen die zelf armoede, schulden of een andere zware tijd kent.",
        "Je leest hoe je begint. Voor de eerste stap heb je geen diploma nodig.",
    ),
    "opleiding": Theme(
        "Leer werken met je ervaring",
        "Voor wie van zijn eigen ervaring zijn werk wil maken.",
        "Je ziet de opleidingen in Veendam en Groningen, en korte cursussen.",
    ),
    "ervaringsdeskundige": Theme(
        "Werk jij al met je eigen ervaring?",
        "Voor ervaringsdeskundigen in Groningen en Drenthe.",
        "Je vindt steun bij je werk, collega's en uitleg over een eerlijk loon.",
    ),
    "werkgevers": Theme(
        "Iemand met levenservaring in jouw team?",
        "Voor werkgevers, teams en HR in Groningen en Drenthe.",
        "Je leest hoe je begint en wat het je team en je cliënten oplevert.",
    ),
}


class LayoutError(ValueError):
    pass


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    qr_mm: float
    qr_x: float  # bottom-left of the symbol (without quiet zone)
    qr_y: float
    module_mm: float
    clear_mm: float  # white around the symbol that nothing else enters (quiet zone and more)
    band_bottom: float
    headline: list[str]
    audience: list[str]
    outcome: list[str]
    picture: Box  # the picture slot: a pictogram now, a photo (with consent) later
    column: Box  # the text column beside the code
    sizes: dict  # font sizes and the margin, in mm


def theme_for(category: str) -> Theme:
    return THEMES.get(category, THEMES["home"])


def sizes(spec: inv.Format) -> dict:
    w = spec.width_mm
    if spec.medium == "banner":  # read from further away, and a tall format: larger type
        return {
            "margin": 0.075 * w,
            "sender": 0.05 * w,
            "headline": 0.1 * w,
            "audience": 0.045 * w,
            "scan": 0.046 * w,
            "outcome": 0.04 * w,
            "contact": 0.04 * w,
            "url": 0.026 * w,
            "sender_line": 0.026 * w,
            "location": 0.018 * w,
            "headline_lines": 4,
            "band_share": 0.36,
        }
    return {
        "margin": 0.075 * w,
        "sender": 0.034 * w,
        "headline": 0.074 * w,
        "audience": 0.033 * w,
        "scan": 0.03 * w,
        "outcome": 0.027 * w,
        "contact": 0.03 * w,
        "url": 0.021 * w,
        "sender_line": 0.02 * w,
        "location": 0.016 * w,
        "headline_lines": 3,
        "band_share": 0.0,
    }


def bottom(spec: inv.Format) -> float:
    return BANNER_FOOT_MM if spec.medium == "banner" else 0.0


def footer_lines(spec: inv.Format, s: dict) -> dict[str, float]:
    """Baselines of the footer, bottom up: location line, project line, and the rule above them."""
    location = bottom(spec) + s["margin"]
    sender_line = location + s["location"] * 2.0
    return {"location": location, "sender_line": sender_line, "rule": sender_line + s["sender_line"] * 1.6}


def band_height(s: dict, headline: list[str], audience: list[str]) -> float:
    return (
        s["margin"]
        + s["sender"] * 1.0
        + s["headline"] * 0.55
        + len(headline) * s["headline"] * 1.08
        + s["headline"] * 0.25
        + len(audience) * s["audience"] * 1.3
        + s["margin"] * 0.6
    )


def fitting_size(text: str, font: str, size_mm: float, width_mm: float) -> float:
    """`size_mm`, or smaller so that `text` fits on one line of `width_mm`."""
    return min(size_mm, width_mm * MM / text_width(text, font, MM)) if text else size_mm


def minimum_qr_mm(viewing_distance_m: float, modules: int) -> float:
    """The code must be a tenth of the distance wide, and each module 2 mm per metre."""
    return max(viewing_distance_m * 100, modules * MODULE_MM_PER_M * viewing_distance_m)


def layout(spec: inv.Format, wording: Theme, viewing_distance_m: float, modules: int) -> Layout:
    """Raises LayoutError (Dutch) when the QR code cannot be as large as the viewing distance needs."""
    s = dict(sizes(spec))
    assert s["margin"] >= SAFE_MM, "margins keep text and code inside the safe zone"
    w, h, m = spec.width_mm, spec.height_mm, s["margin"]
    width = w - 2 * m
    s["headline"], headline = _fit(wording.headline, FONTS["bold"], s["headline"], width, s["headline_lines"])
    s["audience"], audience = _fit(wording.audience, FONTS["regular"], s["audience"], width, 2)
    band_bottom = h - max(band_height(s, headline, audience), s["band_share"] * h)
    footer_top = footer_lines(spec, s)["rule"]

    minimum = minimum_qr_mm(viewing_distance_m, modules)
    clear_per_mm = CLEAR_MODULES / modules  # clear zone per mm of symbol
    url_room = s["url"] * 1.8  # the typable address under the code
    gap = 0.015 * w  # white between band, clear zone and footer
    room = min(
        (band_bottom - footer_top - url_room - 2 * gap) / (1 + 2 * clear_per_mm), (width * 0.72) / (1 + clear_per_mm)
    )
    if room < minimum:
        raise LayoutError(
            f"een QR-code voor {viewing_distance_m:g} m kijkafstand moet minstens {minimum / 10:.0f} cm "
            f"breed zijn, maar op een {spec.label} is plek voor {room / 10:.0f} cm. Kies een groter "
            "formaat of een kleinere kijkafstand."
        )
    qr_mm = minimum if spec.medium == "poster" else min(room, max(minimum, 0.42 * w))
    module = qr_mm / modules
    clear = CLEAR_MODULES * module
    assert clear >= QUIET_ZONE_MODULES * module + 1.0, "the clear zone is the quiet zone with room to spare"
    qr_x = w - m - qr_mm  # the clear zone may reach into the margin
    block = qr_mm + 2 * clear + url_room  # clear zone, code, clear zone, address
    space = band_bottom - footer_top - block
    qr_y = footer_top + space / 2 + url_room + clear
    column_x = m
    column_width = qr_x - clear - column_x - 0.01 * w
    top = band_bottom - gap * 1.5
    picture_size = min(column_width * 0.8, (top - footer_top) * 0.33)
    picture = Box(column_x, top - picture_size, picture_size, picture_size)
    s["outcome"], outcome = _fit(wording.outcome, FONTS["regular"], s["outcome"], column_width, 4)
    column = Box(column_x, footer_top + gap, column_width, picture.y - gap * 0.8 - footer_top - gap)
    return Layout(
        qr_mm=qr_mm,
        qr_x=qr_x,
        qr_y=qr_y,
        module_mm=module,
        clear_mm=clear,
        band_bottom=band_bottom,
        headline=headline,
        audience=audience,
        outcome=outcome,
        picture=picture,
        column=column,
        sizes=s,
    )


def _fit(text: str, font: str, size_mm: float, width_mm: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest size (down to 60 %) at which `text` fits in `max_lines` lines."""
    size = size_mm
    while True:
        lines = wrap(text, font, size * MM, width_mm * MM)
        widest = max(text_width(line, font, size * MM) for line in lines)
        if (len(lines) <= max_lines and widest <= width_mm * MM) or size < 0.6 * size_mm:
            return size, lines
        size *= 0.96
