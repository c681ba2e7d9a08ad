"""What every printed file shares: CMYK inks, fonts, page boxes, crop marks, QR codes and metadata.

Print shops in the Netherlands work in CMYK for coated paper (FOGRA39 / ISO Coated v2). So every
colour here is a CMYK colour, and canvases are opened with reportlab's `enforceColorSpace='cmyk'`,
which refuses any RGB colour (RGB greys become black ink). QR codes and small text are pure
black ink (K only), so they stay sharp whatever the registration of the press.

A sheet for a print shop is the trim size plus 3 mm bleed plus a slug (the strip that is cut
away) of 7 mm with the crop marks, outside the bleed. Its TrimBox and BleedBox say where to cut.

reportlab names every font subset AAAAAA+, AAAAAB+, ... in every file, and offers no setting to
change that; `finish_pdf` renames the subsets with pikepdf (a tag from the file and its glyphs),
so files imposed on one press sheet never share a subset name. It also writes the real metadata.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import segno
from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
BLEED_MM = 3.0  # what print shops ask for
SLUG_MM = 7.0  # room for crop marks outside the bleed (at least 5 mm)
SAFE_MM = 5.0  # nothing important closer to the trim than this
CROP_GAP_MM = 0.5  # crop marks start this far outside the bleed ...
CROP_LENGTH_MM = 5.0  # ... and are this long
CROP_LINE_PT = 0.25
QUIET_ZONE_MODULES = 4  # what the QR standard asks for ...
CLEAR_MODULES = 6  # ... and what we keep white: room to spare for trimming, framing and tape
ERROR_CORRECTION = "q"  # 25 % may be lost to grease and scratches; segno boosts it to h when free
LANG = "nl-NL"
CREATOR = "ervaringsdeskundigheid (outreach)"
PDFX_VERSION = "PDF/X-1a:2003"
# The printing condition, by its name in the ICC characterization registry. PDF/X-1a allows a
# registered name without an embedded profile; no FOGRA39 profile may be shipped freely (README).
OUTPUT_CONDITION = {
    "OutputConditionIdentifier": "FOGRA39",
    "RegistryName": "http://www.color.org",
    "OutputCondition": "Offset commercial and specialty printing according to ISO 12647-2:2004 / Amd 1, "
    "paper type 1 or 2 (gloss or matt coated offset), 115 g/m2, screen ruling 60/cm",
    "Info": "Coated FOGRA39 (ISO 12647-2:2004)",
}

rl_config.useA85 = 0  # binary (Flate) streams: smaller files, and ASCII85 costs time for nothing

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONTS = {"regular": "Roboto", "medium": "Roboto-Medium", "bold": "Roboto-Bold"}
_FONT_FILES = {"Roboto": "Roboto-Regular.ttf", "Roboto-Medium": "Roboto-Medium.ttf", "Roboto-Bold": "Roboto-Bold.ttf"}


# --- Inks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ink:
    """A brand colour: `hex` for screens (site, newsletter), `cmyk` (0–1) for print.

    The CMYK builds are chosen for coated paper (FOGRA39) to match the screen colours closely,
    with a total ink coverage far below 300 %. They are not a profile conversion: no free
    FOGRA39 profile is available to this project (see README, "Print and outreach")."""

    hex: str
    cmyk: tuple[float, float, float, float]

    def colour(self, tint: float = 1.0) -> CMYKColor:
        """The ink at `tint` (1 is full strength, 0 is paper). A CMYK tint is each ink scaled."""
        return CMYKColor(*(value * tint for value in self.cmyk))


PALETTE = {
    "teal": Ink("#0b5563", (0.90, 0.40, 0.40, 0.30)),
    "purple": Ink("#5a3d8a", (0.75, 0.85, 0.05, 0.05)),
    "green": Ink("#2f6b2f", (0.80, 0.30, 1.00, 0.20)),
    "rust": Ink("#8a3b12", (0.25, 0.80, 1.00, 0.25)),
}
HOUSE = PALETTE["teal"]  # the home page and the experts overview


def ink_for(hex_colour: str) -> Ink:
    """The print build of a screen colour (a category's `colour` in data/categories.yml).
    A colour without a hand-chosen build gets a plain conversion with black generation:
    usable, but check a proof, and add it to PALETTE."""
    for ink in PALETTE.values():
        if ink.hex.lower() == hex_colour.lower():
            return ink
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    black = 1 - max(r, g, b)
    if black >= 1:
        return Ink(hex_colour, (0.0, 0.0, 0.0, 1.0))
    cyan, magenta, yellow = ((1 - part - black) / (1 - black) for part in (r, g, b))
    return Ink(hex_colour, (round(cyan, 3), round(magenta, 3), round(yellow, 3), round(black, 3)))


BLACK = CMYKColor(0, 0, 0, 1)  # K only: QR codes, small text
GREY = CMYKColor(0, 0, 0, 0.75)  # secondary text, still K only
LIGHT = CMYKColor(0, 0, 0, 0.08)  # backgrounds of cards and boxes
PAPER = CMYKColor(0, 0, 0, 0)
REGISTRATION = CMYKColor(1, 1, 1, 1)  # crop marks: visible on every separation


# --- Fonts and text ------------------------------------------------------------------------


_registered = False


def register_fonts() -> None:
    """Register Roboto once per process (workers forked after this inherit the parsed fonts)."""
    global _registered
    if not _registered:
        for name, filename in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        _registered = True


def text_width(text: str, font: str, size_pt: float) -> float:
    return pdfmetrics.stringWidth(text, font, size_pt)


def wrap(text: str, font: str, size_pt: float, width_pt: float) -> list[str]:
    """Greedy word wrap; a last line of one word is avoided when it can be (calmer headlines)."""
    register_fonts()
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, font, size_pt) <= width_pt:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) == 2 and len(lines[1].split()) == 1 and len(lines[0].split()) > 1:
        first, moved = lines[0].rsplit(" ", 1)
        candidate = f"{moved} {lines[1]}"
        if text_width(candidate, font, size_pt) <= width_pt:
            return [first, candidate]
    return lines


# --- Links and contact -------------------------------------------------------------------


def printed_link(url: str, *, www_optional: bool, short_link: bool = False) -> str:
    """A URL as people can type it: no scheme, no 'www.' when the host works without it.

    Short links (/p/<code>/) lose their trailing slash too: the site writes redirects for
    both forms. Other pages keep it, so no host has to guess."""
    text = re.sub(r"^https?://", "", url)
    if www_optional:
        text = re.sub(r"^www\.", "", text)
    if short_link:
        text = text.rstrip("/")
    return text


def typable_route(settings, code: str) -> str:
    """The shortest address a person can type for a printed code: `short_url` from
    data/site.yml with the code (the host forwards it to the code's page), else the section's
    own address. Never the 60-character link of the code itself."""
    if getattr(settings, "short_url", None):
        return f"{settings.short_url.rstrip('/')}/{code}"
    return printed_link(settings.site_url, www_optional=settings.www_optional, short_link=True)


def offline_contact(contact, lead: str = "Geen smartphone?") -> str:
    """One line for people without a smartphone (or with a question): the general phone number,
    else the e-mail address (data/site.yml)."""
    if contact.phone:
        return f"{lead} Bel {contact.phone}."
    return f"{lead} Mail naar {contact.email}."


# --- Sheets, boxes and crop marks ----------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """A page: the trim size, with bleed and slug around it (both 0 for office prints)."""

    width_mm: float
    height_mm: float
    bleed_mm: float = BLEED_MM
    slug_mm: float = SLUG_MM

    @property
    def offset_mm(self) -> float:
        """Where the trim starts, from the page edge."""
        return self.bleed_mm + self.slug_mm

    @property
    def page_pt(self) -> tuple[float, float]:
        return ((self.width_mm + 2 * self.offset_mm) * MM, (self.height_mm + 2 * self.offset_mm) * MM)

    def _box(self, grow_mm: float) -> tuple[float, float, float, float]:
        o = self.offset_mm - grow_mm
        return (o * MM, o * MM, (o + self.width_mm + 2 * grow_mm) * MM, (o + self.height_mm + 2 * grow_mm) * MM)

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        return self._box(0)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        return self._box(self.bleed_mm)


def open_canvas(target, sheet: Sheet) -> Canvas:
    """A CMYK-only canvas with the page boxes set, translated so (0, 0) is the trim's
    bottom-left corner (units: points)."""
    register_fonts()
    c = Canvas(
        target,
        pagesize=sheet.page_pt,
        invariant=True,
        pageCompression=1,
        enforceColorSpace="cmyk",
        initialFontName=FONTS["regular"],
        initialFontSize=12,
        lang=LANG,
    )
    c.setTrimBox(sheet.trim_box)
    c.setBleedBox(sheet.bleed_box)
    c.setFont(FONTS["regular"], 12)
    c.translate(sheet.offset_mm * MM, sheet.offset_mm * MM)
    return c


def draw_crop_marks(c: Canvas, sheet: Sheet) -> None:
    """Crop marks on the trim lines at the four corners, in the slug: they start outside the
    bleed, so no mark is ever printed on the part that is kept. Trim coordinates."""
    w, h = sheet.width_mm, sheet.height_mm
    start = sheet.bleed_mm + CROP_GAP_MM
    end = min(start + CROP_LENGTH_MM, sheet.offset_mm - 0.5)
    segments = []
    for x, y, sx, sy in ((0, 0, -1, -1), (w, 0, 1, -1), (0, h, -1, 1), (w, h, 1, 1)):
        segments.append(((x + sx * start) * MM, y * MM, (x + sx * end) * MM, y * MM))  # along the horizontal trim line
        segments.append((x * MM, (y + sy * start) * MM, x * MM, (y + sy * end) * MM))  # along the vertical trim line
    c.saveState()
    c.setStrokeColor(REGISTRATION)
    c.setLineWidth(CROP_LINE_PT)
    c.lines(segments)
    c.restoreState()


def draw_slug_note(c: Canvas, sheet: Sheet, text: str) -> None:
    """A small line for the print shop in the bottom slug (cut away): file, size, bleed, date."""
    size = 5.5
    c.saveState()
    c.setFillColor(BLACK)
    c.setFont(FONTS["regular"], size)
    y = -(sheet.bleed_mm + sheet.slug_mm / 2) * MM - size * 0.35
    c.drawString(3 * MM, y, text)
    c.restoreState()


# --- QR codes ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def qr_symbol(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_CORRECTION, boost_error=True, micro=False)


@functools.lru_cache(maxsize=1024)
def qr_modules(url: str) -> int:
    """Modules per side of the QR code for `url`. Cheap: a fixed mask has the same size,
    so planning does not pay for choosing the best mask."""
    return int(segno.make(url, error=ERROR_CORRECTION, boost_error=True, micro=False, mask=0).symbol_size(border=0)[0])


def draw_qr(c: Canvas, url: str, x: float, y: float, size: float, quiet_modules: int = QUIET_ZONE_MODULES) -> None:
    """The QR code for `url` as vector rectangles in pure black ink, on a white quiet zone.
    (x, y) is the bottom-left corner of the symbol without its quiet zone; `size` its width (points)."""
    qr = qr_symbol(url)
    modules = qr.symbol_size(border=0)[0]
    module = size / modules
    quiet = quiet_modules * module
    c.saveState()
    c.setFillColor(PAPER)
    c.rect(x - quiet, y - quiet, size + 2 * quiet, size + 2 * quiet, stroke=0, fill=1)
    c.setFillColor(BLACK)
    c.translate(x, y)
    c.scale(module, module)  # one unit is one module: short, exact coordinates
    path = c.beginPath()
    for row_index, row in enumerate(qr.matrix):
        y0 = modules - 1 - row_index
        col = 0
        while col < modules:
            if row[col] & 1:
                start = col
                while col < modules and row[col] & 1:
                    col += 1
                path.rect(start, y0, col - start, 1)
            else:
                col += 1
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


# --- Finishing: metadata and font subset names ---------------------------------------------


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str  # the organisation (data/site.yml)
    subject: str
    keywords: str = ""


def pdf_date(moment: dt.datetime) -> str:
    """D:YYYYMMDDHHmmSS+HH'mm' (PDF date with the local UTC offset)."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def _subset_tag(key: str, font: pikepdf.Dictionary) -> str:
    """Six capital letters from the file's key and the subset's glyphs: distinct per file
    and per subset, the same when the same file is made again."""
    digest = hashlib.sha256(key.encode())
    digest.update(str(font.get("/BaseFont")).encode())
    digest.update(repr([int(w) for w in font.get("/Widths", [])]).encode())
    if "/ToUnicode" in font:
        digest.update(font.ToUnicode.read_bytes())
    number = int.from_bytes(digest.digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, rest = divmod(number, 26)
        letters.append(chr(ord("A") + rest))
    return "".join(letters)


_SUBSET = re.compile(r"^/([A-Z]{6})\+(.+)$")


def rename_font_subsets(pdf: pikepdf.Pdf, key: str) -> None:
    renamed: dict[str, str] = {}
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        match = _SUBSET.match(str(obj.get("/BaseFont", "")))
        if not match:
            continue
        old = f"{match.group(1)}+{match.group(2)}"
        new = f"{_subset_tag(key, obj)}+{match.group(2)}"
        renamed[old] = new
        obj.BaseFont = pikepdf.Name("/" + new)
        if "/FontDescriptor" in obj:
            obj.FontDescriptor.FontName = pikepdf.Name("/" + new)
        if "/ToUnicode" in obj:  # the CMap repeats the name; keep it consistent
            cmap = obj.ToUnicode.read_bytes().replace(old.encode(), new.encode())
            obj.ToUnicode.write(cmap)


def xmp_packet(meta: Metadata, moment: dt.datetime, producer: str, pdfx: bool = False) -> str:
    """The XMP metadata (Dublin Core, XMP basic, Adobe PDF), written out directly: a template is
    several times cheaper per poster than building it with an XML library."""

    def x(text: str) -> str:
        return html.escape(text, quote=True)

    stamp = moment.isoformat()
    keywords = f"<pdf:Keywords>{x(meta.keywords)}</pdf:Keywords>" if meta.keywords else ""
    pdfx_id = f"<pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>" if pdfx else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        'xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">'
        f"<dc:format>application/pdf</dc:format>"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(meta.title)}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{x(meta.author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(meta.subject)}</rdf:li></rdf:Alt></dc:description>'
        f"<dc:language><rdf:Bag><rdf:li>{LANG}</rdf:li></rdf:Bag></dc:language>"
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{stamp}</xmp:MetadataDate><xmp:CreatorTool>{x(CREATOR)}</xmp:CreatorTool>"
        f"<pdf:Producer>{x(producer)}</pdf:Producer><pdf:Trapped>False</pdf:Trapped>{keywords}{pdfx_id}"
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    )


def build_moment(now: dt.datetime | None = None) -> dt.datetime:
    """The moment a file is made, on the build's day: `SECTION_TODAY` (core/clock.py) moves the
    date, never the time of day. Without it this is simply now."""
    from ..core import clock

    now = (now or dt.datetime.now()).astimezone()
    return dt.datetime.combine(clock.today(), now.timetz()).replace(microsecond=0)


def finish_pdf(
    data: bytes, path: Path, meta: Metadata, *, key: str, now: dt.datetime | None = None, pdfx: bool = False
) -> None:
    """Write `data` (a PDF from reportlab) to `path` with real metadata (document info and XMP,
    creation date: the build's moment), unique font subset names, and page boxes on every page.
    `pdfx`: mark it PDF/X-1a:2003 with the FOGRA39 output intent (the caller keeps the rules:
    CMYK only, fonts embedded, TrimBox and BleedBox, no transparency)."""
    now = (now or build_moment()).astimezone().replace(microsecond=0)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        rename_font_subsets(pdf, key)
        for page in pdf.pages:  # office sheets without bleed: the page is the trim
            if "/TrimBox" not in page.obj:
                page.obj.TrimBox = page.obj.MediaBox
            if "/BleedBox" not in page.obj:
                page.obj.BleedBox = page.obj.TrimBox
        stamp = pdf_date(now)
        info = pdf.docinfo
        info.Title = meta.title
        info.Author = meta.author
        info.Subject = meta.subject
        if meta.keywords:
            info.Keywords = meta.keywords
        info.Creator = CREATOR
        info.Producer = f"ReportLab, pikepdf {pikepdf.__version__}"
        info.CreationDate = stamp
        info.ModDate = stamp
        info.Trapped = pikepdf.Name("/False")
        if pdfx:
            info.GTS_PDFXVersion = PDFX_VERSION
            intent = pikepdf.Dictionary(
                {
                    "/Type": pikepdf.Name.OutputIntent,
                    "/S": pikepdf.Name.GTS_PDFX,
                    **{f"/{name}": pikepdf.String(value) for name, value in OUTPUT_CONDITION.items()},
                }
            )
            pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        pdf.Root.Lang = LANG
        pdf.Root.Metadata = pdf.make_stream(
            xmp_packet(meta, now, str(info.Producer), pdfx).encode("utf-8"),
            Type=pikepdf.Name.Metadata,
            Subtype=pikepdf.Name.XML,
        )
        out = io.BytesIO()  # pikepdf's own file writing adds a temporary file and a rename per PDF
        pdf.save(
            out,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # streams are compressed already
            fix_metadata_version=False,
        )  # the packet above is complete
    Path(path).write_bytes(out.getvalue())
