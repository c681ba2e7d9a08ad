"""Editors' images: checked with Pillow before anything uses them."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Annotated

from PIL import Image
from pydantic import BeforeValidator

from .fields import Name
from .problems import Problem
from .sources import SourceError, safe_path

IMAGE_FOLDER = "content"  # `image:` paths are relative to this folder
IMAGE_SUBFOLDER = "afbeeldingen"
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
MAX_BYTES = 15_000_000
MAX_PIXELS = 40_000_000  # a 8000 × 5000 photo; beyond that, a decompression bomb


def _below_content(value: object) -> object:
    """The web editor writes an image as its public path, '/afbeeldingen/foto.jpg'; that is the
    same file as 'afbeeldingen/foto.jpg' (paths are relative to content/)."""
    if isinstance(value, str) and value.startswith(f"/{IMAGE_SUBFOLDER}/"):
        return value[1:]
    return value


# An image field of a schema: a path below content/, such as 'afbeeldingen/foto.jpg'.
ImagePath = Annotated[Name, BeforeValidator(_below_content)]


def image_problems(root: Path, image: str, file: str, field: str, entry: str | None = None) -> list[Problem]:
    """Why `image` (a path below content/) cannot be published, or []."""

    def problem(message: str) -> list[Problem]:
        return [Problem(file, field, message, entry=entry)]

    pure = PurePosixPath(image)
    if pure.is_absolute() or ".." in pure.parts or "://" in image or image.startswith("//"):
        return problem(
            "moet een bestand in content/afbeeldingen/ zijn, zoals 'afbeeldingen/foto.jpg' "
            "(geen webadres en geen '..'). Afbeeldingen van andere websites laden we niet, "
            "voor de privacy van lezers."
        )
    if pure.parts[0] != IMAGE_SUBFOLDER or len(pure.parts) < 2:
        return problem(
            f"moet in de map content/{IMAGE_SUBFOLDER}/ staan. Schrijf bijvoorbeeld '{IMAGE_SUBFOLDER}/foto.jpg'."
        )
    allowed = [suffix for suffixes in FORMATS.values() for suffix in suffixes]
    if pure.suffix.lower() not in allowed:
        return problem("is geen foto in een bekend formaat. Gebruik .jpg, .png of .webp (geen .svg of .gif).")
    try:
        path = safe_path(root, f"{IMAGE_FOLDER}/{image}")
    except SourceError as error:
        return problem(error.problem.message)
    if not path.is_file():
        return problem(
            f"het bestand '{IMAGE_FOLDER}/{image}' bestaat niet. Zet de afbeelding in "
            f"{IMAGE_FOLDER}/{IMAGE_SUBFOLDER}/ en schrijf bijvoorbeeld 'image: {IMAGE_SUBFOLDER}/foto.jpg'."
        )
    stat = path.stat()
    if stat.st_size > MAX_BYTES:
        return problem(f"is te groot ({stat.st_size // 1_000_000} MB). Hoogstens {MAX_BYTES // 1_000_000} MB.")
    fault = _fault(str(path), image, stat.st_mtime_ns, stat.st_size)
    return problem(fault) if fault else []


@lru_cache(maxsize=4096)  # one photo is often used by many items; the file's time and size are in the key
def _fault(path: str, image: str, mtime_ns: int, size: int) -> str | None:
    """Why the file cannot be shown, or None."""
    broken = (
        f"'{image}' is geen geldige afbeelding of is beschadigd. Sla de foto opnieuw op "
        "als .jpg of .png en probeer het nog eens."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                kind = opened.format
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    return (
                        f"is te groot ({width} × {height} beeldpunten). Maak de foto kleiner, "
                        "bijvoorbeeld 3000 beeldpunten breed."
                    )
                opened.verify()
            with Image.open(path) as opened:  # verify() reads the structure; a truncated file fails here
                opened.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "is te groot om veilig te openen. Maak de foto kleiner, bijvoorbeeld 3000 beeldpunten breed."
    except Exception:  # Pillow raises many kinds of errors for broken files
        return broken
    if kind not in FORMATS:
        return f"is een {kind or 'onbekend'}-bestand. Gebruik een foto als .jpg, .png of .webp."
    if PurePosixPath(image).suffix.lower() not in FORMATS[kind]:
        return (
            f"is eigenlijk een {kind}-bestand, maar heeft de naam '{PurePosixPath(image).name}'. "
            f"Geef het de juiste extensie ({FORMATS[kind][0]})."
        )
    return None


# Metadata a camera or phone writes that can tell where a photo was taken, or who is in it or
# made it. The published copies are made without it (render/images.py); the source file keeps it.
_GPS_IFD = 0x8825
_NAME_TAGS = {
    0x013B: "maker (Artist)",
    0x9C9D: "maker (XPAuthor)",
    0xA430: "eigenaar van de camera",
    0x010E: "beschrijving",
    0x9C9B: "titel (XPTitle)",
    0x9C9C: "opmerking (XPComment)",
    0x9286: "opmerking (UserComment)",
    0x8298: "copyright",
}
_XMP_NAMES = (
    b"dc:creator",
    b"photoshop:Credit",
    b"Iptc4xmpCore:CreatorContactInfo",
    b"mwg-rs:Name",
    b"MP:PersonDisplayName",
)


def metadata_hints(root: Path) -> list[str]:
    """Advice (never an error) on every source image whose file still carries a location or a
    name, with how to remove it."""
    folder = Path(root) / IMAGE_FOLDER / IMAGE_SUBFOLDER
    hints = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        if (
            path.is_symlink()
            or not path.is_file()
            or path.suffix.lower() not in {s for f in FORMATS.values() for s in f}
        ):
            continue
        found = _personal_metadata(str(path), path.stat().st_mtime_ns)
        if found:
            hints.append(
                f"Privacy: {path.relative_to(root).as_posix()} bevat in de bestandsgegevens {', '.join(found)}. "
                "Op de site staat een kopie zonder die gegevens, maar het originele bestand staat ermee in git. "
                "Haal ze eruit en zet het bestand opnieuw neer: op Windows met de rechtermuisknop, Eigenschappen, "
                "Details, 'Eigenschappen en persoonlijke gegevens verwijderen'; op een Mac in Voorvertoning met "
                "Extra, 'Toon infovenster', 'Verwijder locatiegegevens'; of met 'exiftool -all= bestand'."
            )
    return hints


@lru_cache(maxsize=4096)
def _personal_metadata(path: str, mtime_ns: int) -> tuple[str, ...]:
    found = []
    try:
        with warnings.catch_warnings(), Image.open(path) as image:
            warnings.simplefilter("ignore")
            exif = image.getexif()
            if exif.get_ifd(_GPS_IFD) or _GPS_IFD in exif:
                found.append("de plek waar de foto is gemaakt (GPS)")
            for tag, label in _NAME_TAGS.items():
                if _meaningful(exif.get(tag)) or _meaningful(exif.get_ifd(0x8769).get(tag)):
                    found.append(f"een {label}")
            xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
            if isinstance(xmp, str):
                xmp = xmp.encode()
            if any(name in xmp for name in _XMP_NAMES):
                found.append("een naam (XMP)")
    except (OSError, ValueError, SyntaxError):
        return ()
    return tuple(dict.fromkeys(found))


def _meaningful(value: object) -> bool:
    if isinstance(value, bytes):
        value = value.replace(b"\x00", b"").decode("utf-8", errors="ignore")
    return isinstance(value, str) and bool(value.strip().strip("\x00"))
