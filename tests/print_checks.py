"""Checks a print shop makes on a PDF, shared by the poster and handout tests.

Content streams are parsed with pikepdf (colour operators, the fill colour of each QR path),
fonts are listed by poppler's pdffonts, text positions come from `pdftotext -bbox`, and QR
codes are decoded by zxing-cpp from a render by pdftoppm, as a phone camera would see them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import zxingcpp
from PIL import Image

MM = 72 / 25.4
COLOUR_OPERATORS = {"g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"}
QR_PATH_MIN_RECTS = 40  # a QR code is one path of many rectangles; nothing else is


def colour_operators(pdf_path: Path) -> dict[str, int]:
    """Every colour operator in every page's content (and form XObjects), with its count."""
    found: dict[str, int] = {}
    with pikepdf.open(pdf_path) as pdf:
        streams = list(pdf.pages)
        for page in pdf.pages:
            xobjects = page.Resources.get("/XObject", {})
            streams += [x for x in xobjects.values() if x.get("/Subtype") == "/Form"]
        for stream in streams:
            for _operands, operator in pikepdf.parse_content_stream(stream):
                name = str(operator)
                if name in COLOUR_OPERATORS:
                    found[name] = found.get(name, 0) + 1
    return found


def rgb_resources(pdf_path: Path) -> list[str]:
    """Colour spaces or images in RGB anywhere in the file."""
    problems = []
    with pikepdf.open(pdf_path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Name) and obj == pikepdf.Name.DeviceRGB:
                problems.append("DeviceRGB")
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                if obj.get("/Subtype") == "/Image":
                    problems.append(f"image in {obj.get('/ColorSpace')}")
                space = obj.get("/ColorSpace")
                if isinstance(space, pikepdf.Name) and space in (pikepdf.Name.DeviceRGB, pikepdf.Name.CalRGB):
                    problems.append(str(space))
    return problems


def qr_fill_colours(pdf_path: Path) -> list[tuple[float, ...]]:
    """The CMYK fill colour of every QR-like path (many rectangles filled at once), per page in order."""
    colours = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            fill: tuple[float, ...] | None = None
            stack: list = []
            rects = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "k":
                    fill = tuple(float(v) for v in operands)
                elif name == "q":
                    stack.append(fill)
                elif name == "Q":
                    fill = stack.pop()
                elif name == "re":
                    rects += 1
                elif name in {"f", "f*", "F", "B", "B*", "b", "b*", "S", "s", "n"}:
                    if rects >= QR_PATH_MIN_RECTS and name.lower().startswith(("f", "b")):
                        colours.append(fill)
                    rects = 0
    return colours


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool


def fonts(pdf_path: Path) -> list[Font]:
    lines = subprocess.run(["pdffonts", str(pdf_path)], check=True, capture_output=True, text=True).stdout.splitlines()[
        2:
    ]
    result = []
    for line in lines:
        parts = line.split()
        result.append(Font(name=parts[0], type=" ".join(parts[1:-6]), embedded=parts[-5] == "yes"))
    return result


def creation_date(pdf_path: Path) -> dt.datetime:
    with pikepdf.open(pdf_path) as pdf:
        raw = str(pdf.docinfo["/CreationDate"])
    match = re.match(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", raw)
    assert match, raw
    offset = dt.timedelta(hours=int(match.group(3)), minutes=int(match.group(4)))
    zone = dt.timezone(offset if match.group(2) == "+" else -offset)
    return dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=zone)


def info(pdf_path: Path) -> dict[str, str]:
    with pikepdf.open(pdf_path) as pdf:
        return {str(k)[1:]: str(v) for k, v in pdf.docinfo.items()}


def boxes_mm(pdf_path: Path) -> list[dict[str, tuple[float, ...]]]:
    """MediaBox, BleedBox and TrimBox of every page, in mm."""
    result = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            result.append(
                {
                    name: tuple(round(float(v) / MM, 2) for v in page.obj[f"/{name}"])
                    for name in ("MediaBox", "BleedBox", "TrimBox")
                    if f"/{name}" in page.obj
                }
            )
    return result


def text(pdf_path: Path, *, raw: bool = False) -> str:
    """The text, whitespace collapsed. `raw`: in the order it was drawn (columns one after the other)."""
    command = ["pdftotext", *(["-raw"] if raw else []), str(pdf_path), "-"]
    return " ".join(subprocess.run(command, check=True, capture_output=True, text=True).stdout.split())


def page_texts(pdf_path: Path) -> list[str]:
    raw = subprocess.run(["pdftotext", str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in raw.split("\f")[:-1]]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # mm from the left edge of the page
    y0: float  # mm from the top edge of the page
    x1: float
    y1: float


def words(pdf_path: Path, page: int = 1) -> list[Word]:
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf_path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [Word(m.group(5), *(float(m.group(i)) / MM for i in range(1, 5))) for m in pattern.finditer(html)]


def render(pdf_path: Path, width_px: int, page: int = 1) -> Image.Image:
    out = subprocess.run(
        [
            "pdftoppm",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            "-scale-to-x",
            str(width_px),
            "-scale-to-y",
            "-1",
            str(pdf_path),
        ],
        check=True,
        capture_output=True,
    ).stdout
    return Image.open(io.BytesIO(out)).convert("RGB")


def decode(image: Image.Image) -> list:
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def assert_print_ready(pdf_path: Path, *, author: str) -> None:
    """What every printed file of the project must be: CMYK only (no RGB at all), QR codes in
    pure black ink, every font embedded as a subset, real metadata of this decade."""
    operators = colour_operators(pdf_path)
    assert set(operators) <= {"k", "K"}, f"{pdf_path.name}: colour operators {operators}"
    assert not rgb_resources(pdf_path), f"{pdf_path.name}: {rgb_resources(pdf_path)}"
    assert all(colour == (0.0, 0.0, 0.0, 1.0) for colour in qr_fill_colours(pdf_path)), (
        f"{pdf_path.name}: QR not pure K: {qr_fill_colours(pdf_path)}"
    )
    found = fonts(pdf_path)
    assert found, f"{pdf_path.name}: no fonts"
    for font in found:
        assert font.embedded, f"{pdf_path.name}: {font.name} is not embedded"
        assert re.match(r"^[A-Z]{6}\+Roboto", font.name), f"{pdf_path.name}: {font.name}"
    assert b"Helvetica" not in pdf_path.read_bytes()
    created = creation_date(pdf_path)
    now = dt.datetime.now(dt.timezone.utc)
    assert 2020 <= created.year <= 2029
    assert now - dt.timedelta(days=1) <= created <= now + dt.timedelta(minutes=5), created
    meta = info(pdf_path)
    assert meta["Author"] == author
    assert meta["Title"].strip()
    assert "http://" not in text(pdf_path) and "https://" not in text(pdf_path)


def text_sizes(pdf_path: Path) -> dict[float, int]:
    """Characters drawn per effective font size in pt (Tf size × text matrix × CTM scale), all pages."""
    import math
    from collections import Counter

    sizes: Counter = Counter()
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            scale, stack = 1.0, []
            font_size, matrix_scale = 0.0, 1.0
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "q":
                    stack.append(scale)
                elif name == "Q":
                    scale = stack.pop()
                elif name == "cm":
                    a, b, c, d = (float(v) for v in operands[:4])
                    scale *= math.sqrt(abs(a * d - b * c))
                elif name == "Tf":
                    font_size = float(operands[1])
                elif name == "Tm":
                    a, b, c, d = (float(v) for v in operands[:4])
                    matrix_scale = math.sqrt(abs(a * d - b * c))
                elif name == "BT":
                    matrix_scale = 1.0
                elif name in {"Tj", "TJ", "'", '"'}:
                    value = operands[-1]
                    count = (
                        sum(len(bytes(item)) for item in value if isinstance(item, pikepdf.String))
                        if isinstance(value, pikepdf.Array)
                        else len(bytes(value))
                    )
                    sizes[round(font_size * matrix_scale * scale, 2)] += count
    return dict(sizes)
