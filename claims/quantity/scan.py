"""Finding quantities in running text, Chinese or English, with their hedge words and units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claims.quantity.numerals import (
    CN_BIG_UNITS,
    CN_DIGITS,
    CN_SMALL_UNITS,
    SCALES,
    chinese_to_decimal,
    last_digit_place,
)

EQUAL, APPROXIMATE, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL = "=", "≈", ">", "≥", "<", "≤"
COMPARATORS = (EQUAL, APPROXIMATE, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL)
UNITS = ("percent", "persons", "CNY", "USD", "count", "times")

IRREGULAR_GROUPING = "irregular_grouping"
# The registry stores 24 digits with 6 decimals; anything longer is a code or an ID.
MAX_DIGITS_BEFORE_POINT = 18


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str | None = None
    comparator: str = EQUAL
    flags: tuple[str, ...] = ()
    # Place value of the last stated digit: 2985.7萬 → 1000, "nearly 30 million" → 10**7.
    precision: Decimal = Decimal(1)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    quantity: Quantity


HEDGES_BEFORE = {
    "不超過": LESS_EQUAL,
    "不超过": LESS_EQUAL,
    "不到": LESS,
    "不足": LESS,
    "未滿": LESS,
    "未满": LESS,
    "少於": LESS,
    "少于": LESS,
    "低於": LESS,
    "至少": GREATER_EQUAL,
    "最多": LESS_EQUAL,
    "最少": GREATER_EQUAL,
    "接近": APPROXIMATE,
    "將近": APPROXIMATE,
    "将近": APPROXIMATE,
    "大約": APPROXIMATE,
    "大约": APPROXIMATE,
    "約": APPROXIMATE,
    "约": APPROXIMATE,
    "近": APPROXIMATE,
    "超過": GREATER,
    "超过": GREATER,
    "突破": GREATER,
    "高於": GREATER,
    "逾": GREATER,
    "超": GREATER,
    "no more than": LESS_EQUAL,
    "not more than": LESS_EQUAL,
    "more than": GREATER,
    "greater than": GREATER,
    "fewer than": LESS,
    "less than": LESS,
    "at least": GREATER_EQUAL,
    "at most": LESS_EQUAL,
    "up to": LESS_EQUAL,
    "approximately": APPROXIMATE,
    "roughly": APPROXIMATE,
    "nearly": APPROXIMATE,
    "almost": APPROXIMATE,
    "around": APPROXIMATE,
    "about": APPROXIMATE,
    "some": APPROXIMATE,
    "over": GREATER,
    "above": GREATER,
    "under": LESS,
    "below": LESS,
}
HEDGES_AFTER = {
    "以上": GREATER,
    "以下": LESS_EQUAL,
    "左右": APPROXIMATE,
    "上下": APPROXIMATE,
    "多": GREATER,
    "餘": GREATER,
    "余": GREATER,
    "plus": GREATER,
}
UNIT_WORDS = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "成": "percent",
    "人次": "persons",
    "人": "persons",
    "名": "persons",
    "位": "persons",
    "people": "persons",
    "persons": "persons",
    "元人民幣": "CNY",
    "元人民币": "CNY",
    "人民幣": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "yuan": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "美元": "USD",
    "美金": "USD",
    "dollars": "USD",
    "USD": "USD",
    "個": "count",
    "个": "count",
    "家": "count",
    "項": "count",
    "项": "count",
    "宗": "count",
    "張": "count",
    "张": "count",
    "國": "count",
    "席": "count",
    "條": "count",
    "条": "count",
    "倍": "times",
    "times": "times",
}
CURRENCY_BEFORE = {
    "US$": "USD",
    "US $": "USD",
    "$": "USD",
    "USD": "USD",
    "人民幣": "CNY",
    "人民币": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "¥": "CNY",
}
SMALL_COUNT_WORDS = {"家", "項", "项", "宗", "張", "张", "國", "席", "條", "条"}
# A number directly before one of these is a date, an age or a duration, not a quantity.
NOT_A_QUANTITY_AFTER = "年月日號号歲岁時时週周天"
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS) + "點点"

FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
# The full-width comma is left alone: in Chinese it separates clauses, not digit groups.
FULL_WIDTH.update({ord("％"): ord("%"), ord("＄"): ord("$"), ord("．"): ord(".")})


def _alternatives(words) -> str:
    escaped = []
    for word in sorted(words, key=len, reverse=True):
        pattern = re.escape(word).replace(r"\ ", r"\s+")
        if word[0].isascii() and word[0].isalpha():
            pattern = r"(?<![A-Za-z])" + pattern
        if word[-1].isascii() and word[-1].isalpha():
            pattern += r"(?![A-Za-z])"
        escaped.append(pattern)
    return "|".join(escaped)


_SPACE = r"[ \t\u00a0\u3000]?"
# 成 is tens of percent, except where it starts a word: 成長, 成為, 成都.
_UNITS = _alternatives(UNIT_WORDS).replace(
    "|成|", "|成(?!長|长|為|为|功|立|本|員|员|果|熟|交|績|绩|都)|"
)
_CN_NUMBER = rf"(?:[{''.join(CN_DIGITS)}十][{CN_NUMERAL_CHARS}]*)"
_ARABIC = r"(?:\d+(?:,\d+)*(?:\.\d+)?|\.\d+)"
QUANTITY_RE = re.compile(
    rf"""
    (?:(?P<hedge>{_alternatives(HEDGES_BEFORE)}){_SPACE})?
    (?:(?P<currency>{_alternatives(CURRENCY_BEFORE)}){_SPACE})?
    (?P<percent_of>百分之)?
    (?:(?P<arabic>{_ARABIC})|(?P<chinese>{_CN_NUMBER}))
    (?P<more>多|餘|余)?
    (?:{_SPACE}(?P<scale>{_alternatives(SCALES)}))?
    (?P<more_after>多|餘|余)?
    (?:{_SPACE}(?P<unit>{_UNITS}))?
    (?P<currency_after>人民幣|人民币)?
    (?:{_SPACE}(?P<hedge_after>{_alternatives(HEDGES_AFTER)}))?
    """,
    re.VERBOSE | re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Full-width digits, letters and signs to ASCII, one character for one, so positions hold."""
    return text.translate(FULL_WIDTH)


def find_all(text: str) -> list[Found]:
    """Every quantity in a text that reads like a figure, with its position."""
    return list(_scan(text, lenient=False))


def parse(text: str) -> Quantity | None:
    """The quantity a short text states: the first with a unit, else the first at all."""
    found = find_all(text) or list(_scan(text, lenient=True))
    if not found:
        return None
    with_unit = [item for item in found if item.quantity.unit]
    return (with_unit or found)[0].quantity


def _scan(text: str, *, lenient: bool):
    plain = normalise(text)
    for match in QUANTITY_RE.finditer(plain):
        quantity = _interpret(match, plain, lenient=lenient)
        if quantity is not None:
            yield Found(match.start(), match.end(), text[match.start() : match.end()], quantity)


def _interpret(match: re.Match, text: str, *, lenient: bool) -> Quantity | None:
    if _glued_to_a_word(text, match.start(), match.end()):
        return None
    if not lenient and _reads_as_date_or_range(text, match.end()):
        return None

    flags: list[str] = []
    if match["arabic"]:
        raw = match["arabic"]
        whole, _, fraction = raw.partition(".")
        if "," in whole and not _regular_grouping(whole):
            flags.append(IRREGULAR_GROUPING)
        stated = Decimal(raw.replace(",", ""))
        stated_decimals = len(fraction)
    else:
        raw = match["chinese"]
        try:
            stated = chinese_to_decimal(raw)
        except (ValueError, KeyError):
            return None
        stated_decimals = len(raw.replace("点", "點").partition("點")[2])

    scale = SCALES[_scale_key(match["scale"])] if match["scale"] else Decimal(1)
    precision = last_digit_place(stated, stated_decimals) * scale
    if not match["scale"] and stated < 1000:
        # "60%" or "30 people" is exact to the unit; only bigger round numbers hide rounding.
        precision = min(precision, Decimal(1).scaleb(-stated_decimals))
    value = stated * scale

    unit = None
    if match["unit"]:
        unit_word = _unit_key(match["unit"])
        unit = UNIT_WORDS[unit_word]
        if unit_word == "成":
            value *= 10
            precision *= 10
    if match["percent_of"]:
        unit = "percent"
    if match["currency"]:
        unit = CURRENCY_BEFORE[_currency_key(match["currency"])]
    if match["currency_after"]:
        unit = "CNY"

    comparator = EQUAL
    if match["hedge"]:
        comparator = HEDGES_BEFORE[_hedge_key(match["hedge"])]
    elif match["more"] or match["more_after"]:
        comparator = GREATER
    elif match["hedge_after"]:
        comparator = HEDGES_AFTER[match["hedge_after"].lower()]

    if value.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        return None  # a digit string, not a figure anyone reports
    if match["chinese"] and not _plausible_chinese(match, value, unit, stated):
        return None
    if not lenient and match["arabic"] and not _plausible_arabic(match, value):
        return None
    return Quantity(
        value=_tidy(value),
        unit=unit,
        comparator=comparator,
        flags=tuple(flags),
        precision=_tidy(precision),
    )


def _glued_to_a_word(text: str, start: int, end: int) -> bool:
    """H-1B, COVID-19, G7, 第三: digits that belong to a name or an ordinal."""
    before = text[start - 1] if start > 0 else ""
    if before and (before.isascii() and before.isalnum() or before in "._第"):
        return True
    if before == "-" and start > 1 and text[start - 2].isascii() and text[start - 2].isalnum():
        return True
    after = text[end] if end < len(text) else ""
    return bool(after) and after.isascii() and (after.isalnum() or after == "_")


def _reads_as_date_or_range(text: str, end: int) -> bool:
    after = text[end : end + 2]
    if after[:1] and after[0] in NOT_A_QUANTITY_AFTER:
        return True
    # The first number of a range (16-24歲, 2020至2022年) is read with its partner.
    return len(after) == 2 and after[0] in "-–~至到" and after[1].isdigit()


def _plausible_chinese(match: re.Match, value: Decimal, unit: str | None, stated: Decimal) -> bool:
    # 一個, 兩年, 十大, 三元里: small Chinese numerals are mostly words, not figures; they count
    # only before 成, 倍 or a measure word for counted things (四席, 三條評論).
    if stated < 10 and not match["scale"] and unit not in ("percent", "times"):
        return stated >= 2 and _unit_key(match["unit"] or "") in SMALL_COUNT_WORDS
    return not (unit is None and not match["scale"] and value < 100)


def _plausible_arabic(match: re.Match, value: Decimal) -> bool:
    bare = not (match["unit"] or match["scale"] or match["currency"] or match["percent_of"])
    if bare and not match["hedge"]:
        raw = match["arabic"]
        if "." not in raw and "," not in raw and 1000 <= value <= 2100:
            return False  # a year
        if value < 10:
            return False
    return True


def _regular_grouping(whole: str) -> bool:
    head, *groups = whole.split(",")
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups)


def _tidy(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _scale_key(word: str) -> str:
    return word if word in SCALES else word.lower()


def _unit_key(word: str) -> str:
    return word if word in UNIT_WORDS or not word else _key_in(UNIT_WORDS, word)


def _currency_key(word: str) -> str:
    return _key_in(CURRENCY_BEFORE, word)


def _key_in(table, word: str) -> str:
    """The key of `table` that `word` spells, whatever its case and spacing."""
    folded = re.sub(r"\s+", " ", word).lower()
    for key in table:
        if key.lower() == folded:
            return key
    raise KeyError(word)


def _hedge_key(word: str) -> str:
    return re.sub(r"\s+", " ", word).lower()
