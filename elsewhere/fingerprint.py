"""A claim's numeric fingerprint: the figure it states, with its rounding, unit, years and place.

The same figure reads the same in any language once parsed (1158萬 and 11.58 million are both
11,580,000 stated to the ten thousand), so two fingerprints that agree are the same figure
whatever the wording. Pure Python: the matcher, the importer and the tests call this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claims.extraction import extract
from claims.quantity import APPROXIMATE, Quantity, find_all, format

# A year a claim is about: 2023, 2023年, FY2023, 2023-08. Not part of a longer number.
_YEAR = re.compile(
    r"(?<![\d.,])(?:FY)?((?:19|20)\d\d)(?![\d.,]*\d)(?!\s*(?:[萬万億亿千百%人元]|million|billion))"
)
# Where a claim is about, from the words that name it; the registry's codes (CN, HK…).
PLACE_WORDS = {
    "CN-Shanghai": ("上海", "Shanghai"),
    "CN-Guangzhou": ("廣州", "广州", "Guangzhou"),
    "HK": ("香港", "港府", "港人", "Hong Kong", "Hongkong"),
    "TW": ("台灣", "臺灣", "台湾", "Taiwan"),
    "US": ("美國", "美国", "United States", "the US", "U.S.", "America"),
    "UK": ("英國", "英国", "United Kingdom", "Britain", "the UK"),
    "CA": ("加拿大", "Canada"),
    "IN": ("印度", "India"),
    "DE": ("德國", "德国", "Germany"),
    "CN": ("中國", "中国", "我國", "我国", "全國", "全国", "China", "Chinese"),
}
# An approximate figure ("nearly 30 million", 約950萬) allows this much either side at least.
APPROXIMATE_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class Fingerprint:
    value: Decimal
    precision: Decimal
    unit: str = ""
    comparator: str = "="
    years: frozenset[str] = frozenset()
    place: str = ""

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

    def describe(self, language: str = "en") -> str:
        """'11.58 million people, 2025' / '1158萬人,2025': the figure as a reason reads it."""
        quantity = Quantity(value=self.value, unit=self.unit or None, comparator=self.comparator)
        text = format(quantity, language)
        if self.years:
            text += ("," if language.startswith("zh") else ", ") + "–".join(sorted(self.years))
        return text


def years_in(text: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(text or ""))


def place_in(text: str) -> str:
    """The first place the text names, the most specific first (上海 before 中國)."""
    for code, words in PLACE_WORDS.items():
        if any(_names(text, word) for word in words):
            return code
    return ""


def _names(text: str, word: str) -> bool:
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text) is not None


def from_text(text: str) -> Fingerprint | None:
    """The fingerprint of the figure a sentence states, or None when it states none."""
    # The extraction reads 1158萬 after 畢業生 as people, as the desk's "find claims" does.
    candidates = extract(" ".join((text or "").split()))
    if not candidates:
        return None
    quantity = next((c.quantity for c in candidates if c.unit), candidates[0].quantity)
    return Fingerprint(
        value=quantity.value,
        precision=quantity.precision,
        unit=quantity.unit or "",
        comparator=quantity.comparator,
        years=years_in(text),
        place=place_in(text),
    )


def from_claim_fields(
    *, quote: str, value: Decimal | None, unit: str, comparator: str, period: str, place: str
) -> Fingerprint | None:
    """A recorded claim's fingerprint: its stored figure, with the rounding its quote shows."""
    if value is None:
        return None
    precision = next(
        (found.quantity.precision for found in find_all(quote) if found.quantity.value == value),
        _last_digit(value),
    )
    return Fingerprint(
        value=value,
        precision=precision,
        unit=unit,
        comparator=comparator or "=",
        years=years_in(period),
        place=place,
    )


def _last_digit(value: Decimal) -> Decimal:
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(min(exponent, 0) if value < 1000 else exponent)


@dataclass(frozen=True)
class Agreement:
    """How two fingerprints compare: `same` only when nothing stated on both sides differs."""

    figure: bool
    unit: bool
    years: bool
    place: bool

    @property
    def same(self) -> bool:
        return self.figure and self.unit and self.years and self.place


def compare(a: Fingerprint, b: Fingerprint) -> Agreement:
    """Each part agrees when both state it alike or one leaves it unsaid."""
    return Agreement(
        figure=a.low <= b.high and b.low <= a.high,
        unit=not a.unit or not b.unit or a.unit == b.unit,
        years=not a.years or not b.years or bool(a.years & b.years),
        place=places_agree(a.place, b.place),
    )


def places_agree(a: str, b: str) -> bool:
    """CN-Shanghai is in CN; US/CN names both. An unsaid place agrees with any."""
    if not a or not b:
        return True
    first, second = set(a.split("/")), set(b.split("/"))
    return any(
        x == y or x.startswith(y + "-") or y.startswith(x + "-") for x in first for y in second
    )
