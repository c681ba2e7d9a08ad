"""Dutch readability (Flesch-Douma, via textstat) to flag pages likely above language level B1.

A hint for editors, never an error: the build and `make report` list the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Flesch-Douma: 60-70 reads as plain language; below this a page is likely above B1.
B1_THRESHOLD = 60


@lru_cache(maxsize=1)
def _scorer():
    """Our own textstat instance, so the language setting stays ours. Imported on first use:
    textstat pulls in nltk, which takes longer to import than many a small build."""
    import textstat
    scorer = type(textstat.textstat)()
    scorer.set_lang("nl")
    return scorer

_MARKUP = [
    (re.compile(r"^!!!.*$|^    .*$", re.M), ""),         # admonition lines (the example note)
    (re.compile(r"<[^>]+>"), " "),                         # HTML tags
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),           # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),         # links: keep the text
    (re.compile(r"^#+\s*(.*)$", re.M), r"\1."),            # headings end a sentence
    (re.compile(r"^\s*[-*+]\s+(.*)$", re.M), r"\1."),      # list items end a sentence
    (re.compile(r"[*_`>|]"), " "),
]


@dataclass(frozen=True)
class Readability:
    source: str
    title: str
    score: float

    @property
    def likely_above_b1(self) -> bool:
        return self.score < B1_THRESHOLD


def plain_text(markdown: str) -> str:
    text = markdown
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=16384)   # `make serve` scores every text on each rebuild; unchanged texts come from here
def douma(markdown: str) -> float:
    text = plain_text(markdown)
    return round(_scorer().flesch_reading_ease(text), 1) if text else 100.0


def texts(site) -> list[tuple[str, str, str]]:
    """(source, title, Markdown) of the editors' longer texts: stories, blogs, category intros,
    FAQ answers."""
    found = [(e.source, e.title, e.body) for e in site.entries]
    found += [(c.source, c.title, c.intro) for c in site.categories]
    found += [(q.source, q.question, q.answer) for q in site.of("faq") if len(q.answer.split()) >= 40]
    return found


def site_readability(site, run=None) -> list[Readability]:
    """Scores of the editors' longer texts. `run(function, count)` may spread the work over
    processes (build.pool.run); by default it is done here."""
    found = texts(site)
    run = run or (lambda function, count: [function(index) for index in range(count)])
    scores = run(lambda index: douma(found[index][2]), len(found))
    return [Readability(source, title, score) for (source, title, _), score in zip(found, scores)]
