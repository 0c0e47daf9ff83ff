"""Writing a quantity back as a journalist would, in English or Chinese.

The digits, their grouping and the scale words (million, 萬, 億) come from Babel's CLDR data;
the hedge words and the unit words are ours.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_compact_decimal, format_decimal

from claims.quantity.scan import Quantity, parse

EN_HEDGES = {"=": "", "≈": "about ", ">": "more than ", "≥": "at least ", "<": "less than "}
EN_HEDGES["≤"] = "at most "
ZH_HEDGES = {"=": "", "≈": "約", ">": "逾", "≥": "至少", "<": "不到", "≤": "最多"}
EN_UNITS = {
    "percent": "{}%",
    "USD": "US${}",
    "CNY": "{} yuan",
    "persons": "{} people",
    "times": "{} times",
    "percentage_points": "{} percentage points",
    "rank": "No. {}",
    "HKD": "HK${}",
    "TWD": "NT${}",
    "EUR": "€{}",
    "GBP": "£{}",
}
ZH_UNITS = {
    "percent": "{}%",
    "persons": "{}人",
    "CNY": "{}元",
    "USD": "{}美元",
    "count": "{}個",
    "times": "{}倍",
    "percentage_points": "{}個百分點",
    "rank": "第{}名",
    "year": "{}年",
    "HKD": "{}港元",
    "TWD": "新臺幣{}元",
    "EUR": "{}歐元",
    "GBP": "{}英鎊",
}
# Written as they are: no grouping, no scale word ("2024", not "2,024").
BARE_UNITS = {"year", "rank"}
UNSCALED_UNITS = {"percent", "percentage_points", "ratio", "times"}
# Below these a figure is written in full: "100,000", not "100 thousand"; "1,234", not "1.234千".
EN_COMPACT_FROM = Decimal(10**6)
ZH_COMPACT_FROM = Decimal(10**4)
# "29.857 million" reads as a figure; "11.583457 million" does not, so it is written in full.
MAX_SCALED_DECIMALS = 3
CLDR_LOCALES = {"en": "en", "zh": "zh_Hant_TW"}
LEADING_DIGITS = re.compile(r"^\d{4,}")


def format(quantity: Quantity, lang: str = "en") -> str:
    """'about 11.58 million people', '約1,158萬人', 'US$100,000', '10萬美元', '18.9%'."""
    chinese = lang.lower().startswith("zh")
    hedges, units = (ZH_HEDGES, ZH_UNITS) if chinese else (EN_HEDGES, EN_UNITS)
    if quantity.unit in BARE_UNITS:
        text = f"{quantity.value.normalize():f}"
    else:
        text = number(quantity.value, lang, scaled=quantity.unit not in UNSCALED_UNITS)
    return hedges[quantity.comparator] + units.get(quantity.unit, "{}").format(text)


def number(value: Decimal, lang: str = "en", *, scaled: bool = True) -> str:
    """The number alone: '11.58 million', '1,158萬', '11,580,000', '18.9'."""
    chinese = lang.lower().startswith("zh")
    locale = CLDR_LOCALES["zh" if chinese else "en"]
    value = value.normalize()
    if scaled and value >= (ZH_COMPACT_FROM if chinese else EN_COMPACT_FROM):
        compact = _compact(value, locale, chinese)
        if compact:
            return compact
    return format_decimal(value, locale=locale, decimal_quantization=False)


def _compact(value: Decimal, locale: str, chinese: bool) -> str:
    text = format_compact_decimal(
        value, format_type="long", locale=locale, fraction_digits=MAX_SCALED_DECIMALS
    )
    if chinese:  # CLDR writes 1158萬; Taiwanese newsrooms group the digits before 萬 too
        text = LEADING_DIGITS.sub(lambda m: format_decimal(int(m.group()), locale=locale), text)
    # CLDR rounds to its digits and knows scales the reader may not (兆): keep it only when it
    # reads back as exactly the figure stored.
    read = parse(text)
    return text if read is not None and read.value == value else ""
