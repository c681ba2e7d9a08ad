"""Editors' images, resized and compressed at build time for phones.

Every image becomes JPEG files at a few widths (never wider than the original), each at
most MAX_BYTES, so a reader on a phone downloads only what the screen needs. Each width also
comes as WebP, which pages offer first (`<picture>`): for a drawing like the site's
illustration it is a third of the JPEG (the largest paint on a phone comes sooner). The JPEG
stays for e-mail (the newsletter), share cards and browsers without WebP.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

from ..core.cachefiles import read_whole

WIDTHS = (480, 960, 1440)
DEFAULT_WIDTH = 960  # the `src`, used in feeds and share cards too
MAX_BYTES = 200 * 1024
QUALITIES = (82, 72, 62, 52, 42)
WEBP_QUALITY = 80


@dataclass(frozen=True)
class Variant:
    path: str  # site path, e.g. "afbeeldingen/koffie-960.jpg"
    width: int
    height: int
    data: bytes
    webp: bytes = b""

    @property
    def webp_path(self) -> str:
        return str(PurePosixPath(self.path).with_suffix(".webp"))


def variant_path(image: str, width: int) -> str:
    path = PurePosixPath(image)
    return str(path.with_name(f"{path.stem}-{width}.jpg"))


def _encode(picture: Image.Image) -> tuple[Image.Image, bytes]:
    """JPEG at the best quality that fits MAX_BYTES; a very detailed image is made smaller."""
    while True:
        for quality in QUALITIES:
            buffer = io.BytesIO()
            picture.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
            if buffer.tell() <= MAX_BYTES:
                return picture, buffer.getvalue()
        picture = picture.resize((round(picture.width * 0.85), round(picture.height * 0.85)), Image.Resampling.LANCZOS)


CACHE = Path(".cache") / "images"  # below the project: encoded variants by the source's digest
_RECIPE = f"{WIDTHS}{MAX_BYTES}{QUALITIES}{WEBP_QUALITY}no-comment"  # a change here makes new files


def _from_cache(folder: Path, image: str) -> tuple[Variant, ...] | None:
    def read(name: str) -> bytes:
        data = read_whole(folder / name)
        if data is None:
            raise FileNotFoundError(name)
        return data

    try:
        sizes = json.loads(read("sizes.json"))
        return tuple(
            Variant(variant_path(image, width), width, height, read(f"{width}.jpg"), read(f"{width}.webp"))
            for width, height in sizes
        )
    except (OSError, ValueError, TypeError, RecursionError):  # damaged (also nested too deep): encoded again
        return None


def _to_cache(folder: Path, found: tuple[Variant, ...]) -> None:
    """Written to a temporary folder and renamed: a build killed meanwhile, or two at once,
    never leave half a set (the next build then encodes again)."""
    temporary = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    try:
        temporary.mkdir(parents=True, exist_ok=True)
        for variant in found:
            (temporary / f"{variant.width}.jpg").write_bytes(variant.data)
            (temporary / f"{variant.width}.webp").write_bytes(variant.webp)
        (temporary / "sizes.json").write_text(json.dumps([[v.width, v.height] for v in found]), encoding="utf-8")
        temporary.rename(folder)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)  # a cache: without it, the build only takes longer


@lru_cache(maxsize=256)
def _variants_cached(source: Path, image: str, mtime: float, size: int, cache: Path) -> tuple[Variant, ...]:
    folder = cache / _source_digest(source, mtime, size)
    found = _from_cache(folder, image)
    if found is None:
        found = _encode_all(source.read_bytes(), image)
        _to_cache(folder, found)
    return found


@lru_cache(maxsize=256)
def _source_digest(source: Path, mtime: float, size: int) -> str:
    """The cache folder's name: the recipe and the file's bytes (read once per version of the file)."""
    return hashlib.sha256(_RECIPE.encode() + source.read_bytes()).hexdigest()[:32]


def _encode_all(data: bytes, image: str) -> tuple[Variant, ...]:
    with Image.open(io.BytesIO(data)) as opened:
        picture = ImageOps.exif_transpose(opened)
        if picture.mode in ("RGBA", "LA", "P"):
            rgba = picture.convert("RGBA")
            picture = Image.new("RGB", rgba.size, "white")
            picture.paste(rgba, mask=rgba.getchannel("A"))
        else:
            picture = picture.convert("RGB")
    picture.info.clear()  # a JPEG's comment (COM) would be written again: it can name who is in the photo
    widths = sorted({min(width, picture.width) for width in WIDTHS})
    result = {}
    for width in widths:
        height = round(picture.height * width / picture.width)
        resized = picture if width == picture.width else picture.resize((width, height), Image.Resampling.LANCZOS)
        encoded, data = _encode(resized)
        webp = io.BytesIO()
        encoded.save(webp, format="WEBP", quality=WEBP_QUALITY)
        result[encoded.width] = Variant(
            variant_path(image, encoded.width), encoded.width, encoded.height, data, webp.getvalue()
        )
    return tuple(result[width] for width in sorted(result))


def encoded(root: Path, image: str) -> bool:
    """Whether the variants of `image` are in the cache on disk (then `variants` only reads them)."""
    source = root / "content" / image
    try:
        stat = source.stat()
        return (root / CACHE / _source_digest(source, stat.st_mtime, stat.st_size) / "sizes.json").is_file()
    except OSError:
        return False


def variants(root: Path, image: str) -> tuple[Variant, ...]:
    """All sizes of `image` (a path below content/, checked by core.media), smallest first.
    Cached in memory by file time and size (`make serve` does not redo unchanged images), and
    on disk by content (the next build does not either)."""
    source = root / "content" / image
    stat = source.stat()
    return _variants_cached(source, image, stat.st_mtime, stat.st_size, root / CACHE)


def default_variant(root: Path, image: str) -> Variant:
    options = variants(root, image)
    return next((v for v in options if v.width >= DEFAULT_WIDTH), options[-1])


def site_files(root: Path, image_paths: list[str]) -> dict[str, bytes]:
    """Site path -> bytes for every image variant (JPEG and WebP). A JPEG also keeps its own path (with the
    default size), so a link to it in a text still works."""
    files = {}
    for image in image_paths:
        for variant in variants(root, image):
            files[variant.path] = variant.data
            files[variant.webp_path] = variant.webp
        if PurePosixPath(image).suffix.lower() in {".jpg", ".jpeg"}:
            files[image] = default_variant(root, image).data
    return files
