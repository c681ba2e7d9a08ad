"""Share images (1200×630) in each category's style, generated at build time with Pillow.

One image per category plus one for the section: pages without their own image use the
image of their first category, so the build stays fast however much content there is.
The big text is the category's poster question, fitted to the image: it is never clipped.
"""

from __future__ import annotations

import hashlib
import io
import re
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..core.cachefiles import code_version, read_whole, write_whole

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
FONTS = Path(__file__).parent.parent / "fonts"
FOLDER = "assets/delen"
HOME_ID = "start"
HOME_COLOUR = "#0b5563"
HOME_TITLE = "Werken met je ervaring"
SIZES = (88, 80, 72, 64, 58, 52)  # the big text shrinks until it fits in three lines
MAX_LINES = 3


def image_path(category_id: str | None) -> str:
    return f"{FOLDER}/{category_id or HOME_ID}.png"


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str] | None:
    """Lines of `text` no wider than `width`, broken at spaces and after hyphens; None
    when a single word does not fit."""
    pieces = re.findall(r"[^\s-]+-?|\s+", text)
    lines, line = [], ""
    for piece in pieces:
        if piece.isspace():
            line += " " if line else ""
            continue
        candidate = line + piece
        if draw.textlength(candidate.rstrip(), font=font) <= width:
            line = candidate
            continue
        if draw.textlength(piece, font=font) > width:
            return None
        lines.append(line.rstrip())
        line = piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit(draw: ImageDraw.ImageDraw, text: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in SIZES:
        font = _font("Roboto-Bold.ttf", size)
        lines = wrap(draw, text, font, TEXT_WIDTH)
        if lines is not None and len(lines) <= MAX_LINES:
            return font, lines
    font = _font("Roboto-Bold.ttf", SIZES[-1])
    return font, (wrap(draw, text, font, TEXT_WIDTH) or [text])[:MAX_LINES]


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int, colour: str) -> None:
    """The section's mark (steps and a sun) on a white tile, as in the page header."""
    k = size / 40
    draw.rounded_rectangle((x, y, x + size, y + size), radius=int(8 * k), fill="#ffffff")
    steps = [(7, 33), (7, 27), (15, 27), (15, 21), (23, 21), (23, 15), (33, 15), (33, 33)]
    draw.polygon([(x + a * k, y + b * k) for a, b in steps], fill=colour)
    draw.ellipse((x + 8.5 * k, y + 8.5 * k, x + 17.5 * k, y + 17.5 * k), fill="#f4b860")


@lru_cache(maxsize=32)
def render(title: str, colour: str, label: str = "") -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), colour)
    draw = ImageDraw.Draw(image)
    small = _font("Roboto-Medium.ttf", 38)
    _mark(draw, MARGIN, 70, 64, colour)
    draw.text((MARGIN + 88, 102), "Ervaringsdeskundigheid", font=small, fill="#ffffff", anchor="lm")
    font, lines = fit(draw, title)
    line_height = int(font.size * 1.18)
    top = 190 + (MAX_LINES - len(lines)) * line_height // 2
    for index, text in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), text, font=font, fill="#ffffff")
    footer = f"{label} · Alliantie van Kracht" if label else "Alliantie van Kracht · Groningen en Drenthe"
    draw.text((MARGIN, HEIGHT - 80), footer, font=small, fill="#ffffff", anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # optimize=True: 3x the time for 5% less
    return buffer.getvalue()


def share_images(categories, cache: Path | None = None) -> dict[str, bytes]:
    """Site path -> PNG bytes, for the section and each category (in the category's colour),
    with the category's poster question when it has one. `cache`: a folder that keeps them
    (.cache/images), by a digest of what they are made from."""
    wanted = {image_path(None): (HOME_TITLE, HOME_COLOUR, "")}
    for category in categories:
        question = getattr(category.data, "question", None)
        wanted[image_path(category.key)] = (
            question or category.title,
            category.colour,
            category.title if question else "",
        )
    return {path: _made(cache, *made_from) for path, made_from in wanted.items()}


_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


def _made(cache: Path | None, title: str, colour: str, label: str) -> bytes:
    if cache is None:
        return render(title, colour, label)
    digest = hashlib.sha256(_recipe() + "\0".join((title, colour, label)).encode("utf-8", "surrogatepass"))
    kept = cache / f"share-{digest.hexdigest()[:32]}.png"
    data = read_whole(kept) or b""
    if data.startswith(_PNG_START) and data.endswith(_PNG_END):  # whole, not cut off
        return data
    data = render(title, colour, label)
    write_whole(kept, data)
    return data


@lru_cache(maxsize=1)
def _recipe() -> bytes:
    """This code, its fonts and Pillow's version: a change to any of them makes new images."""
    return code_version([Path(__file__), *sorted(FONTS.glob("*.ttf"))], ["pillow"]).encode()
