"""B1 writing tips an editor can act on: the sentence, why it is hard, and a simpler example.

The build flags whole texts that are likely above B1 (render/readability.py). For the
pull-request comment that is not enough: these tips point at the hardest sentences of such
a text, with a plain reason ("28 woorden", "lange woorden: arbeidsparticipatie") and an
example made from the sentence itself (split in two, or a common word for a long one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..render.readability import _syllables, _words, plain_text

LONG_SENTENCE = 20  # words; CONTRIBUTING asks for 10 to 15, at most 20
LONG_WORD = 5  # syllables
MAX_TIPS = 3  # per text: the hardest sentences first
# Common words for words that often make Dutch texts hard (CONTRIBUTING.md, "Schrijven op B1").
SIMPLER = {  # only swaps that fit anywhere in a sentence (no verb forms, no changed word order)
    "ontvangen": "krijgen",
    "vergoeding": "geld",
    "ondersteuning": "hulp",
    "participatie": "meedoen",
    "derhalve": "daarom",
    "indien": "als",
    "alsmede": "en",
    "omtrent": "over",
    "middels": "met",
    "reeds": "al",
    "tevens": "ook",
    "werkzaamheden": "werk",
    "mogelijkheden": "kansen",
}
_SPLIT = re.compile(r",\s+(?:en|maar|want|omdat|zodat|terwijl|die|dat|waardoor|waarbij)?\s*|\s+(?:en|maar|want)\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"'‘“(])")


@dataclass(frozen=True)
class Tip:
    sentence: str
    why: str
    example: str


def sentences(markdown: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(plain_text(markdown)) if s.strip()]


def _long_words(sentence: str) -> list[str]:
    return [w for w in _words(sentence) if _syllables(w.lower()) >= LONG_WORD or w.lower() in SIMPLER]


def _split_example(sentence: str) -> str | None:
    """The sentence cut in two near its middle, at a comma or a joining word."""
    words = len(sentence.split())
    best = None
    for match in _SPLIT.finditer(sentence):
        first, second = sentence[: match.start()].strip(), sentence[match.end() :].strip()
        if len(first.split()) < 4 or len(second.split()) < 4:
            continue
        balance = abs(len(first.split()) - words / 2)
        if best is None or balance < best[0]:
            best = (balance, first, second)
    if best is None:
        return None
    _, first, second = best
    joiner = "Daarom " if "zodat" in sentence else ""
    second = second[:1].upper() + second[1:]
    return f"{first.rstrip(',;:')}. {joiner}{second}".replace("..", ".")


def _word_example(sentence: str, words: list[str]) -> str:
    simpler = [(w, SIMPLER[w.lower()]) for w in words if w.lower() in SIMPLER and SIMPLER[w.lower()] != w.lower()]
    if simpler:
        text = sentence
        for word, plain in simpler:

            def cased(match: re.Match[str], plain: str = plain) -> str:
                return plain[:1].upper() + plain[1:] if match.group()[0].isupper() else plain

            text = re.sub(rf"\b{re.escape(word)}\b", cased, text)
        return text
    return f"Zeg '{words[0]}' in gewone woorden, of leg het woord uit in een korte zin erna."


def tips(markdown: str) -> list[Tip]:
    """The hardest sentences of a text, each with why and a simpler example."""
    found = []
    for sentence in sentences(markdown):
        count = len(_words(sentence))
        long = _long_words(sentence)
        hardness = max(0, count - LONG_SENTENCE) * 2 + len(long) * 3
        if count > LONG_SENTENCE:
            why = f"Deze zin heeft {count} woorden. Lezers houden een zin van 10 tot 15 woorden beter vast."
            example = _split_example(sentence) or "Maak er twee zinnen van: één gedachte per zin."
        elif long:
            listed = ", ".join(f"'{w}'" for w in dict.fromkeys(long))
            why = f"Lange of moeilijke woorden: {listed}. Gewone, korte woorden leest iedereen sneller."
            example = _word_example(sentence, long)
        else:
            continue
        found.append((hardness, Tip(sentence, why, example)))
    found.sort(key=lambda pair: -pair[0])
    return [tip for _, tip in found[:MAX_TIPS]]
