"""Where everything goes on a poster or banner: pure geometry, no drawing.

Coordinates are trim coordinates in millimetres, origin at the bottom-left of the trim.
From the top: a coloured band (category label, headline, one line of body text), the QR
code with "Scan mij", the printed link and the line for people without a smartphone, and a
footer with the sender and the location line ("Hangt bij Lefier · kantine").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..types import partners as inv
from .printing import FONTS, MM, QUIET_ZONE_MODULES, SAFE_MM, text_width, wrap

BANNER_FOOT_MM = 150             # bottom of a roll-up banner that disappears in the stand
CALL_TO_ACTION = "Scan mij"
SENDER_LINE = "Ervaringsdeskundigheid en Werk · Groningen en Drenthe"
HOME_LABEL = "Ervaringsdeskundigheid"


@dataclass(frozen=True)
class Theme:
    headline: str
    body: str


# Wording per target category: a big question or promise, and one short line. Plain Dutch (B1).
# A category's `question` in data/categories.yml replaces the headline; its colour comes from there too.
THEMES = {
    "home": Theme("Jouw ervaring telt", "Over leren en werken met je eigen ervaring."),
    "aspirant": Theme("Wil jij je ervaring inzetten?", "Ontdek hoe jouw verhaal anderen helpt."),
    "opleiding": Theme("Leer werken met je ervaring", "Van korte cursus tot mbo of Associate degree."),
    "ervaringsdeskundige": Theme("Werk jij al als ervaringsdeskundige?", "Steun bij je werk en een eerlijk loon."),
    "werkgevers": Theme("Een ervaringsdeskundige in jouw team?",
                        "Bereik mensen die anders buiten beeld blijven."),
}


class LayoutError(ValueError):
    pass


@dataclass(frozen=True)
class Layout:
    qr_mm: float
    qr_x: float           # bottom-left of the symbol (without quiet zone)
    qr_y: float
    band_bottom: float
    headline: list[str]
    body: list[str]
    sizes: dict           # font sizes and the margin, in mm


def theme_for(category: str) -> Theme:
    return THEMES.get(category, THEMES["home"])


def sizes(spec: inv.Format) -> dict:
    w = spec.width_mm
    if spec.medium == "banner":   # read from further away, and a tall format: larger type
        return {"margin": 0.075 * w, "label": 0.032 * w, "headline": 0.1 * w, "body": 0.045 * w,
                "scan": 0.062 * w, "url": 0.03 * w, "contact": 0.026 * w, "sender": 0.042 * w,
                "sender_line": 0.026 * w, "location": 0.018 * w, "headline_lines": 3}
    return {"margin": 0.075 * w, "label": 0.024 * w, "headline": 0.084 * w, "body": 0.034 * w,
            "scan": 0.048 * w, "url": 0.026 * w, "contact": 0.022 * w, "sender": 0.032 * w,
            "sender_line": 0.021 * w, "location": 0.016 * w, "headline_lines": 2}


def bottom(spec: inv.Format) -> float:
    return BANNER_FOOT_MM if spec.medium == "banner" else 0.0


def footer_lines(spec: inv.Format, s: dict) -> dict[str, float]:
    """Baselines of the footer, bottom up: location line, sender line, sender, and the rule."""
    location = bottom(spec) + s["margin"]
    sender_line = location + s["location"] * 2.0
    sender = sender_line + s["sender_line"] * 1.5
    return {"location": location, "sender_line": sender_line, "sender": sender, "rule": sender + s["sender"] * 1.2}


def band_text_height(s: dict, headline: list[str], body: list[str]) -> float:
    return (s["label"] * 1.3 + len(headline) * s["headline"] * 1.08 + s["headline"] * 0.3
            + len(body) * s["body"] * 1.3)


def _band_bottom(spec: inv.Format, s: dict, headline: list[str], body: list[str]) -> float:
    height = s["margin"] * 1.8 + band_text_height(s, headline, body)
    minimum = 0.30
    return spec.height_mm - max(height, minimum * spec.height_mm)


def text_group(s: dict) -> float:
    """Height under the QR code: the call to action, the printed link and the contact line."""
    return s["scan"] * 1.0 + s["url"] * 1.9 + s["contact"] * 1.7


def fitting_size(text: str, font: str, size_mm: float, width_mm: float) -> float:
    """`size_mm`, or smaller so that `text` fits on one line of `width_mm`."""
    return min(size_mm, width_mm * MM / text_width(text, font, MM)) if text else size_mm


def layout(spec: inv.Format, wording: Theme, viewing_distance_m: float, modules: int) -> Layout:
    """Raises LayoutError (Dutch) when the QR code cannot be as large as the viewing distance needs."""
    s = dict(sizes(spec))
    assert s["margin"] >= SAFE_MM, "margins keep text and code inside the safe zone"
    width = spec.width_mm - 2 * s["margin"]
    s["headline"], headline = _fit(wording.headline, FONTS["bold"], s["headline"], width, s["headline_lines"])
    s["body"], body = _fit(wording.body, FONTS["regular"], s["body"], width, 1)   # one line keeps the QR large
    band_bottom = _band_bottom(spec, s, headline, body)
    footer_top = footer_lines(spec, s)["rule"]
    scale = 1 + 2 * QUIET_ZONE_MODULES / modules              # symbol plus quiet zone
    breathing = 0.045 * spec.width_mm                          # white space above and below the group
    room = min((band_bottom - footer_top - text_group(s) - breathing) / scale,
               (spec.width_mm - s["margin"]) / scale)
    minimum = viewing_distance_m * 100                         # one tenth of the distance, in mm
    if room < minimum:
        raise LayoutError(
            f"een QR-code voor {viewing_distance_m:g} m kijkafstand moet minstens {minimum / 10:.0f} cm "
            f"breed zijn, maar op een {spec.label} is plek voor {room / 10:.0f} cm. Kies een groter "
            "formaat of een kleinere kijkafstand.")
    preferred = max(minimum, (0.52 if spec.medium == "poster" else 0.64) * spec.width_mm)
    qr_mm = min(preferred, room)
    quiet = QUIET_ZONE_MODULES * qr_mm / modules
    group = qr_mm + quiet + text_group(s)                       # what the eye sees: code, text, link
    gap = max(quiet, (band_bottom - footer_top - group) / 2)    # equal white above and below
    return Layout(qr_mm=qr_mm, qr_x=(spec.width_mm - qr_mm) / 2, qr_y=band_bottom - gap - qr_mm,
                  band_bottom=band_bottom, headline=headline, body=body, sizes=s)


def _fit(text: str, font: str, size_mm: float, width_mm: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest size (down to 70 %) at which `text` fits in `max_lines` lines."""
    size = size_mm
    while True:
        lines = wrap(text, font, size * MM, width_mm * MM)
        widest = max(text_width(line, font, size * MM) for line in lines)
        if (len(lines) <= max_lines and widest <= width_mm * MM) or size < 0.7 * size_mm:
            return size, lines
        size *= 0.96
