"""Words for paper: texts written for the website, made right for a printed sheet.

Texts in data/ are written for the site ("Doe de zelfcheck op deze site", "De cursussen
hieronder ..."). On paper there is no "this site", nothing "below" that the sheet shows, and
nothing to click. `paper_text` rewrites what it can ("op deze site" becomes "op onze website")
and leaves out a sentence that only makes sense on a screen ("Klik op de knop.").
"""

from __future__ import annotations

import re

# (pattern, replacement): rewrites that keep the sentence.
_REWRITES = [
    (re.compile(r"\bop (?:deze|onze|de) (?:site|website|webpagina|pagina)\b", re.IGNORECASE), "op onze website"),
    (re.compile(r"\b(?:deze|onze) (?:site|website|webpagina|pagina)\b", re.IGNORECASE), "onze website"),
    (re.compile(r"^Hieronder\b", re.IGNORECASE), "Op onze website"),
    (re.compile(r"\b(?:hier)?onder(?:aan)? (?:deze|op deze|op de) pagina\b", re.IGNORECASE), "op onze website"),
    (re.compile(r"\bhieronder\b", re.IGNORECASE), "op onze website"),
]
# A sentence with one of these only works on a screen: it is left out.
_SCREEN_ONLY = re.compile(
    r"\b(?:klik\w*|aanklik\w*|tik op|tikken op|scroll\w*|hierboven|bovenaan deze|"
    r"onderaan deze|deze link|de link|via de knop|op de knop)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*\s*")
WEB_WORDS = re.compile(r"\b(?:op deze site|deze website|deze pagina|hieronder|hierboven|klik\w*)\b", re.IGNORECASE)


def _rewrite(sentence: str) -> str:
    stripped = sentence.strip()
    for pattern, replacement in _REWRITES:
        stripped = pattern.sub(replacement, stripped)
    return stripped


def paper_text(text: str) -> str:
    """`text` with web-only wording rewritten or, where it cannot be, the sentence left out."""
    if not text or not WEB_WORDS.search(text) and not _SCREEN_ONLY.search(text):
        return text
    kept = []
    for sentence in _SENTENCE.findall(text):
        if _SCREEN_ONLY.search(sentence):
            continue
        rewritten = _rewrite(sentence)
        if rewritten:
            kept.append(rewritten[0].upper() + rewritten[1:])
    return " ".join(kept)
