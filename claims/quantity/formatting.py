"""Writing a quantity back as a journalist would, in English or Chinese."""

from __future__ import annotations

from decimal import Decimal

from claims.quantity.scan import Quantity

EN_HEDGES = {"=": "", "≈": "about ", ">": "more than ", "≥": "at least ", "<": "less than "}
EN_HEDGES["≤"] = "at most "
ZH_HEDGES = {"=": "", "≈": "約", ">": "逾", "≥": "至少", "<": "不到", "≤": "最多"}
EN_SCALES = ((Decimal(10**9), "billion"), (Decimal(10**6), "million"))
ZH_SCALES = ((Decimal(10**8), "億"), (Decimal(10**4), "萬"))
ZH_UNITS = {
    "percent": "%",
    "persons": "人",
    "CNY": "元",
    "USD": "美元",
    "count": "個",
    "times": "倍",
}


def format(quantity: Quantity, lang: str = "en") -> str:
    """'about 29.857 million people', '約2985.7萬人'. English has no word for a bare count."""
    if lang.lower().startswith("zh"):
        return _format_zh(quantity)
    return _format_en(quantity)


def _format_en(quantity: Quantity) -> str:
    unit = quantity.unit
    number = _plain(quantity.value) if unit == "percent" else _scaled_en(quantity.value)
    text = {
        "percent": f"{number}%",
        "USD": f"${number}",
        "CNY": f"{number} yuan",
        "persons": f"{number} people",
        "times": f"{number} times",
    }.get(unit, number)
    return EN_HEDGES[quantity.comparator] + text


def _format_zh(quantity: Quantity) -> str:
    number = _plain(quantity.value) if quantity.unit == "percent" else _scaled_zh(quantity.value)
    return ZH_HEDGES[quantity.comparator] + number + ZH_UNITS.get(quantity.unit, "")


def _scaled_en(value: Decimal) -> str:
    for scale, word in EN_SCALES:
        if value >= scale and _short(value / scale):
            return f"{_plain(value / scale)} {word}"
    return f"{value.normalize():,f}" if value == value.to_integral_value() else f"{value:,f}"


def _scaled_zh(value: Decimal) -> str:
    for scale, word in ZH_SCALES:
        if value >= scale and _short(value / scale):
            return _plain(value / scale) + word
    return _plain(value)


def _short(value: Decimal) -> bool:
    """Few enough decimals that a scale word reads naturally: 29.857 million, not 29.8571234."""
    return -value.normalize().as_tuple().exponent <= 4


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text
