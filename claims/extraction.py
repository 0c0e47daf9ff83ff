"""Candidate numeric claims in an article's text, for the editor to accept or dismiss."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from claims.quantity import Found, Quantity, find_all

SENTENCE_END = "。!?!?;;"
# Words near an unlabelled figure that say it counts people: 外國人達21.5萬, 兩千多萬粉絲.
PERSON_WORDS = ("人", "生", "者", "粉絲", "員", "员", "民", "才")
CONTEXT_BEFORE = 12
CONTEXT_AFTER = 3


@dataclass(frozen=True)
class Candidate:
    sentence: str
    sentence_start: int
    found: Found
    paragraph: int
    unit_guessed: bool = False

    @property
    def quantity(self) -> Quantity:
        return self.found.quantity

    @property
    def start(self) -> int:
        return self.found.start

    @property
    def end(self) -> int:
        return self.found.end

    @property
    def unit(self) -> str | None:
        return self.quantity.unit

    def draft(self) -> dict:
        """The fields of a draft claim the editor can accept as they are or correct."""
        return {
            "quote": self.sentence,
            "kind": "numeric",
            "value": _plain(self.quantity.value),
            "unit": self.quantity.unit or "",
            "comparator": self.quantity.comparator,
            "paragraph": self.paragraph,
        }


def extract(text: str) -> list[Candidate]:
    """Every figure in the text with its sentence and paragraph (each non-blank line is one)."""
    candidates = []
    for paragraph, line_start, line in _paragraphs(text):
        for sentence_start, sentence in _sentences(line):
            for found in find_all(sentence):
                candidates.append(
                    _candidate(found, sentence, line_start + sentence_start, paragraph)
                )
    return candidates


def already_recorded(
    candidate: Candidate, quotes_and_values: Iterable[tuple[str, Decimal | None]]
) -> bool:
    """True when a recorded claim quotes this figure with this value, or quotes this sentence."""
    for quote, value in quotes_and_values:
        same_value = value is not None and value == candidate.quantity.value
        if candidate.found.text in quote and same_value:
            return True
        if quote.strip() == candidate.sentence and (same_value or value is None):
            return True
    return False


def _candidate(found: Found, sentence: str, offset: int, paragraph: int) -> Candidate:
    quantity, guessed = found.quantity, False
    if quantity.unit is None and _names_people(sentence, found):
        quantity = Quantity(
            value=quantity.value,
            unit="persons",
            comparator=quantity.comparator,
            flags=quantity.flags,
            precision=quantity.precision,
        )
        guessed = True
    positioned = Found(found.start + offset, found.end + offset, found.text, quantity)
    return Candidate(sentence, offset, positioned, paragraph, guessed)


def _names_people(sentence: str, found: Found) -> bool:
    before = sentence[max(0, found.start - CONTEXT_BEFORE) : found.start]
    after = sentence[found.end : found.end + CONTEXT_AFTER]
    return any(word in before or word in after for word in PERSON_WORDS)


def _paragraphs(text: str):
    paragraph = 0
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            paragraph += 1
            yield paragraph, match.start(), match.group()


def _sentences(line: str):
    for match in re.finditer(rf"[^{SENTENCE_END}]+[{SENTENCE_END}]?", line):
        raw = match.group()
        body = raw.rstrip(SENTENCE_END)
        stripped = body.strip()
        if stripped:
            yield match.start() + body.index(stripped), stripped


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
