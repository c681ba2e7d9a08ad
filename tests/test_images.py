"""Images are resized and compressed at build time: responsive sizes, at most 200 KB each."""

from __future__ import annotations

import random
import re

from PIL import Image

from conftest import run_build, write_story


def noisy_photo(path, size=(3000, 2000)):
    """A photo-like image that compresses badly: the worst case for the size limit."""
    random.seed(3)
    image = Image.effect_noise(size, 90).convert("RGB")
    image.save(path, quality=98)


def test_large_image_becomes_small_responsive_variants(project, tmp_path):
    folder = project / "content/afbeeldingen"
    folder.mkdir(exist_ok=True)
    noisy_photo(folder / "groot.jpg")
    assert (folder / "groot.jpg").stat().st_size > 1_000_000
    write_story(project, "met-grote-foto.md", """
title: Met grote foto
date: 2025-11-01
description: Een verhaal met een grote foto.
categories: [aspirant]
image: afbeeldingen/groot.jpg
image_alt: Een korrelige foto
""")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    widths = {}
    for path in (site / "afbeeldingen").glob("groot*.jpg"):
        assert path.stat().st_size <= 200 * 1024, (path.name, path.stat().st_size)
        with Image.open(path) as image:
            widths[path.name] = image.width
    variants = {name: width for name, width in widths.items() if name != "groot.jpg"}
    assert len(variants) == 3 and all(name == f"groot-{width}.jpg" for name, width in variants.items())
    assert sorted(variants.values())[0] == 480 and max(variants.values()) <= 1440
    page = (site / "verhalen/met-grote-foto/index.html").read_text(encoding="utf-8")
    tag = re.search(r'<img[^>]*groot[^>]*>', page).group(0)
    assert 'srcset="../../afbeeldingen/groot-480.jpg 480w' in tag and 'sizes="' in tag
    assert re.search(r'width="\d+" height="\d+"', tag) and 'alt="Een korrelige foto"' in tag


def test_small_image_is_never_enlarged(project, tmp_path):
    folder = project / "content/afbeeldingen"
    folder.mkdir(exist_ok=True)
    Image.new("RGBA", (300, 200), (11, 85, 99, 255)).save(folder / "klein.png")
    write_story(project, "met-klein-plaatje.md", """
title: Klein plaatje
date: 2025-11-02
description: Een verhaal met een klein plaatje.
categories: [opleiding]
image: afbeeldingen/klein.png
image_alt: Een groen vlak
""")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    assert sorted(p.name for p in (site / "afbeeldingen").glob("klein*")) == ["klein-300.jpg"]
