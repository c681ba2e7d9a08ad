"""Share images (1200×630) in each category's style, generated at build time with Pillow.

One image per category plus one for the section: pages without their own image use the
image of their first category, so the build stays fast however much content there is.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).parent.parent / "fonts"
FOLDER = "assets/delen"
HOME_ID = "start"
HOME_COLOUR = "#0b5563"


def image_path(category_id: str | None) -> str:
    return f"{FOLDER}/{category_id or HOME_ID}.png"


@lru_cache(maxsize=32)
def render(title: str, colour: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), colour)
    draw = ImageDraw.Draw(image)
    small = ImageFont.truetype(str(FONTS / "Roboto-Medium.ttf"), 40)
    big = ImageFont.truetype(str(FONTS / "Roboto-Bold.ttf"), 84)
    draw.text((80, 90), "Ervaringsdeskundigheid", font=small, fill="#ffffff")
    lines, line = [], ""
    for word in title.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=big) > WIDTH - 160 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    for index, text in enumerate(lines[:3]):
        draw.text((80, 220 + index * 100), text, font=big, fill="#ffffff")
    draw.text((80, HEIGHT - 110), "Alliantie van Kracht · Groningen en Drenthe", font=small, fill="#ffffff")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def share_images(categories) -> dict[str, bytes]:
    """Site path -> PNG bytes, for the section and each category (in the category's colour)."""
    images = {image_path(None): render("Werken met je ervaring", HOME_COLOUR)}
    for category in categories:
        images[image_path(category.key)] = render(category.title, category.colour)
    return images
