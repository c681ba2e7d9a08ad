"""Dutch readability (Flesch-Douma, scored as textstat does) to flag pages likely above language level B1,
and "In het kort" texts likely above A2.

A hint for editors, never an error: the build and `make report` list the pages. (More than three
sentences in "In het kort" is an error of the schema: core/fields.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.fields import meta

# Flesch-Douma: 60-70 reads as plain language; below this a page is likely above B1.
B1_THRESHOLD = 60
# "In het kort" is written at A2: Flesch-Douma 70 or more ("fairly easy"), sentences of about ten
# words (more than A2_MAX_WORDS is a hint), common words and no abbreviations.
A2_THRESHOLD = 70
A2_MAX_WORDS = 12


# Flesch-Douma as textstat computes it for Dutch ("nl"): the same constants, word, sentence
# and syllable rules (syllables are pyphen's hyphenation points plus one). textstat looks up
# every word in pyphen again, which made scoring most of a large build's cost; a word's
# syllables are counted here once. tests/test_readability.py checks the scores against textstat.
_BASE, _PER_WORDS_PER_SENTENCE, _PER_SYLLABLES_PER_WORD = 206.835, 0.93, 77
_NON_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")  # textstat's rule for quote marks
_PUNCTUATION = re.compile(r"[^\w\s']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NON_APOSTROPHE.sub("", text)).split()


def _sentences(text: str) -> int:
    """Sentences of three words or more (at least one), as textstat counts them."""
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if len(_words(sentence)) <= 2))


def flesch_douma(text: str) -> float:
    words = _words(text)
    syllables = sum(_syllables(word.lower()) for word in words)
    if not words or not syllables:
        return 0.0
    return (
        _BASE
        - _PER_WORDS_PER_SENTENCE * (len(words) / _sentences(text))
        - _PER_SYLLABLES_PER_WORD * (syllables / len(words))
    )


# Each class also stops at the character that opens its pattern: "[[[[..." or "<a <a <a ..." is read
# in linear time, not quadratic (every '[' would otherwise scan to the end of the text).
_MARKUP = [
    (re.compile(r"^!!!.*$|^    .*$", re.M), ""),  # admonition lines (the example note)
    (re.compile(r"<[^<>]+>"), " "),  # HTML tags
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), " "),  # images
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links: keep the text
    (re.compile(r"^#+\s*(.*)$", re.M), r"\1."),  # headings end a sentence
    (re.compile(r"^\s*[-*+]\s+(.*)$", re.M), r"\1."),  # list items end a sentence
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


@lru_cache(maxsize=16384)  # `make serve` scores every text on each rebuild; unchanged texts come from here
def douma(markdown: str) -> float:
    text = plain_text(markdown)
    return round(flesch_douma(text), 1) if text else 100.0


LONG_TEXT_WORDS = 40


def texts(site) -> list[tuple[str, str, str]]:
    """(source, title, Markdown) of the editors' longer texts: every Markdown body (stories,
    blogs) and every Markdown field of at least 40 words (category intros, FAQ answers)."""
    found = []
    for ctype in site.types.values():
        fields = [name for name in ctype.schema.model_fields if meta(ctype.schema, name).get("markdown")]
        for item in site.of(ctype.id):
            if item.body:
                found.append((item.source, item.title, item.body))
            for name in fields:
                value = getattr(item.data, name, None)
                if isinstance(value, str) and len(value.split()) >= LONG_TEXT_WORDS:
                    found.append((item.source, item.title, value))
    return found


def short_texts(site, pages=()) -> list[tuple[str, str, str]]:
    """(where, title, text) of every "In het kort" on the site: items of every type that has one,
    and `pages` (the hand-written pages, as (file, title, text))."""
    found = [(f"types/{ctype.id}", ctype.title, ctype.in_short) for ctype in site.types.values() if ctype.in_short]
    for ctype in site.types.values():
        for item in site.of(ctype.id):
            text = getattr(item.data, "in_short", None)
            if text:
                found.append((f"{item.source}, item '{item.entry}'" if item.entry else item.source, item.title, text))
    return found + [page for page in pages if page[2]]


def a2_problems(text: str, abbreviations=frozenset(), score: float | None = None) -> list[str]:
    """Why a short text is likely above A2 (Dutch, for editors): its score (`score`: worked out
    already), its long sentences and the abbreviations it uses (`abbreviations`: the glossary's
    terms and forms). Empty: fine."""
    from ..core.fields import sentences

    reasons = []
    score = douma(text) if score is None else score
    if score < A2_THRESHOLD:
        reasons.append(f"Flesch-Douma {int(score)}, streef naar {A2_THRESHOLD} of hoger")
    long = [sentence for sentence in sentences(text) if len(_words(sentence)) > A2_MAX_WORDS]
    if long:
        reasons.append(
            f"{len(long)} {'zin heeft' if len(long) == 1 else 'zinnen hebben'} meer dan {A2_MAX_WORDS} woorden"
        )
    used = sorted({word for word in re.findall(r"[\w'’-]+", text) if word in abbreviations})
    if used:
        reasons.append(f"afkorting: {', '.join(used)}")
    return reasons


def scored(texts: list[tuple[str, str, str]], scores: list[float]) -> list[Readability]:
    return [Readability(source, title, score) for (source, title, _), score in zip(texts, scores, strict=True)]


def site_readability(site) -> list[Readability]:
    """Scores of the editors' longer texts (the build scores them on every core instead)."""
    found = texts(site)
    return scored(found, [douma(markdown) for _, _, markdown in found])
