"""The site search index: Material's search plugin writes the file and its settings; every
entry comes from here, made from the pages as rendered (so the index never holds more than
the pages show, and never a person without consent).

Material's Dutch search stems words, but a plural does not always reach the stem of its
singular ("deurwaarders" and "deurwaarder"). Each entry therefore also carries the singular
of the Dutch plurals and diminutives in its text, in a field that is searched but not shown.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nh3

INDEX = Path("search") / "search_index.json"
_WORD = re.compile(r"[^\W\d_]{5,}", re.UNICODE)


def singular(word: str) -> str | None:
    """A likely singular of a Dutch plural or diminutive, or None."""
    lower = word.lower()
    for suffix, cut in (("tjes", 4), ("pjes", 4), ("jes", 3), ("'s", 2), ("ën", 2)):
        if lower.endswith(suffix) and len(lower) - cut >= 3:
            return lower[:-cut]
    if lower.endswith("en") and len(lower) > 5:
        base = lower[:-2]
        return re.sub(r"([bdfgklmnprst])\1$", r"\1", base)
    if lower.endswith("s") and len(lower) > 5 and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return None


def with_singulars(text: str) -> str:
    plain = html.unescape(text)
    extra = {base for word in _WORD.findall(plain) if (base := singular(word)) and base not in plain.lower()}
    return " ".join(sorted(extra))


def _safe(text: str) -> str:
    """Entry text as Material shows it (as HTML): escaped, and never with markup from pages."""
    return nh3.clean(str(text), tags=set(), attributes={})


def complete_index(site_dir: Path, entries: list[dict]) -> None:
    """Put our entries into the index Material's plugin wrote (it indexes no page itself:
    every page is excluded there, because this index is complete)."""
    path = site_dir / INDEX
    index = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"config": {}, "docs": []}
    docs = []
    for entry in entries:
        text = _safe(entry["text"])
        docs.append({"location": entry["location"], "title": _safe(entry["title"]), "text": text})
    index["docs"] = docs
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
