"""A claim's numeric fingerprint: the figures it states, with their rounding and unit, and the
years and place it is about.

The same figure reads the same in any language once parsed (1158萬 and 11.58 million are both
11,580,000 stated to the ten thousand), so two fingerprints that agree are the same figures
whatever the wording. Pure Python: the matcher, the importer and the tests call this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claims.extraction import extract
from claims.quantity import APPROXIMATE, Quantity, find_all, format

# A year a claim is about: 2023, 2023年, FY2023, 2023-08. Not part of a longer number, and
# not a count (1902位, 2000萬).
_YEAR = re.compile(
    r"(?<![\d.,])(?:FY)?((?:19|20)\d\d)(?![\d.,]*\d)"
    r"(?!\s*(?:[萬万億亿千百%人元位名個个張张家項项次倍]|million|billion|people|persons))"
)
# Where a claim is about, from the words that name it; the registry's codes (CN, HK…).
PLACE_WORDS = {
    "CN-Shanghai": ("上海", "滬", "Shanghai"),
    "CN-Guangzhou": ("廣州", "广州", "Guangzhou"),
    "CN-Beijing": ("北京", "Beijing"),
    "CN-Shenzhen": ("深圳", "Shenzhen"),
    "HK": ("香港", "港府", "港人", "Hong Kong", "Hongkong", "HK"),
    "TW": ("台灣", "臺灣", "台湾", "Taiwan"),
    "SG": ("新加坡", "Singapore"),
    "US": ("美國", "美国", "United States", "US", "U.S.", "America"),
    "UK": ("英國", "英国", "United Kingdom", "Britain", "UK"),
    "CA": ("加拿大", "Canada"),
    "IN": ("印度", "India", "Indian"),
    "DE": ("德國", "德国", "Germany"),
    "CN": ("中國", "中国", "我國", "我国", "全國", "全国", "China", "Chinese"),
}
# English writes small numbers in words ("four times", "ten sectors") where Chinese writes
# 四倍 and 十大: read as digits, the parser's own rules then decide which are figures.
NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70"})
NUMBER_WORDS.update({"eighty": "80", "ninety": "90", "a hundred": "100"})
_NUMBER_WORD = re.compile(
    r"(?<![A-Za-z-])(?:"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?![A-Za-z-])",
    re.IGNORECASE,
)
# An approximate figure ("nearly 30 million", 約950萬) allows this much either side at least.
APPROXIMATE_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class Figure:
    value: Decimal
    precision: Decimal
    unit: str = ""
    comparator: str = "="

    @property
    def low(self) -> Decimal:
        return self.value - self.spread

    @property
    def high(self) -> Decimal:
        return self.value + self.spread

    @property
    def spread(self) -> Decimal:
        half = self.precision / 2
        if self.comparator == APPROXIMATE:
            return max(half, abs(self.value) * APPROXIMATE_SHARE)
        return half

    @property
    def significant_digits(self) -> int:
        """11580000 stated to 10000 → 4; 50 stated to 10 → 1."""
        if self.precision <= 0 or self.value == 0:
            return 1
        return max(1, len(str(int(abs(self.value) / self.precision))))

    def agrees(self, other: Figure) -> bool:
        """The two ranges overlap, and no unit stated on both sides differs."""
        units = not self.unit or not other.unit or self.unit == other.unit
        return units and self.low <= other.high and other.low <= self.high

    def describe(self, language: str = "en") -> str:
        quantity = Quantity(value=self.value, unit=self.unit or None, comparator=self.comparator)
        return format(quantity, language)


@dataclass(frozen=True)
class Fingerprint:
    """Every figure a claim states (the main one first), and the years and place it names."""

    figures: tuple[Figure, ...] = ()
    years: frozenset[str] = frozenset()
    place: str = ""

    @property
    def main(self) -> Figure | None:
        return self.figures[0] if self.figures else None

    def describe(self, figure: Figure, language: str = "en") -> str:
        """'11.58 million people, 2025' / '1158萬人,2025': a figure as a reason reads it."""
        text = figure.describe(language)
        if self.years:
            text += ("," if language.startswith("zh") else ", ") + "–".join(sorted(self.years))
        return text


def years_in(text: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(text or ""))


def place_in(text: str) -> str:
    """The first place the text names, the most specific first (上海 before 中國)."""
    for code, words in PLACE_WORDS.items():
        if any(_names(text or "", word) for word in words):
            return code
    return ""


def _names(text: str, word: str) -> bool:
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text) is not None


def figures_in(text: str) -> tuple[Figure, ...]:
    """The figures a text states, those with a unit first."""
    plain = _NUMBER_WORD.sub(lambda m: NUMBER_WORDS[m.group().lower()], " ".join(text.split()))
    # The extraction reads 1158萬 after 畢業生 as people, as the desk's "find claims" does.
    found = [candidate.quantity for candidate in extract(plain)]
    found.sort(key=lambda quantity: quantity.unit is None)
    return tuple(_figure(quantity) for quantity in found)


def _figure(quantity: Quantity) -> Figure:
    return Figure(quantity.value, quantity.precision, quantity.unit or "", quantity.comparator)


def from_text(text: str) -> Fingerprint:
    return Fingerprint(figures_in(text), years_in(text), place_in(text))


def from_claim_fields(
    *,
    texts: tuple[str, ...],
    value: Decimal | None,
    unit: str,
    comparator: str,
    period: str,
    place: str,
) -> Fingerprint:
    """A recorded claim's fingerprint: its stored figure first (with the rounding its quote
    shows), then the other figures its quote states; its stored period and place."""
    quote = texts[0] if texts else ""
    others = figures_in(quote)
    figures = others
    if value is not None:
        precision = next(
            (f.quantity.precision for f in find_all(quote) if f.quantity.value == value),
            _last_digit(value),
        )
        main = Figure(value, precision, unit, comparator or "=")
        figures = (main, *(f for f in others if not main.agrees(f)))
    return Fingerprint(
        figures, years_in(period) or years_in(" ".join(texts)), place or place_in(quote)
    )


def _last_digit(value: Decimal) -> Decimal:
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(min(exponent, 0) if value < 1000 else exponent)


@dataclass(frozen=True)
class Agreement:
    """How two fingerprints compare: the best pair of agreeing figures, and what differs."""

    pair: tuple[Figure, Figure] | None
    differs: tuple[str, ...]

    @property
    def same(self) -> bool:
        return self.pair is not None and not self.differs


def compare(a: Fingerprint, b: Fingerprint) -> Agreement:
    """Figures agree when some pair agrees and neither side has a figure the other lacks while
    the other has one it lacks (one number changed); years and places agree when one side
    leaves them unsaid or one side's years include the other's."""
    differs = []
    pair = None
    if a.figures and b.figures:
        pairs = [(x, y) for x in a.figures for y in b.figures if x.agrees(y)]
        unmatched_a = any(not any(x is p[0] for p in pairs) for x in a.figures)
        unmatched_b = any(not any(y is p[1] for p in pairs) for y in b.figures)
        if not pairs or (unmatched_a and unmatched_b):
            differs.append("figure")
        if pairs:
            pair = max(pairs, key=lambda p: min(p[0].significant_digits, p[1].significant_digits))
    if a.years and b.years and not (a.years <= b.years or b.years <= a.years):
        differs.append("years")
    if not places_agree(a.place, b.place):
        differs.append("place")
    return Agreement(pair, tuple(differs))


def places_agree(a: str, b: str) -> bool:
    """CN-Shanghai is in CN; US/CN names both. An unsaid place agrees with any."""
    if not a or not b:
        return True
    first, second = set(a.split("/")), set(b.split("/"))
    return any(
        x == y or x.startswith(y + "-") or y.startswith(x + "-") for x in first for y in second
    )
