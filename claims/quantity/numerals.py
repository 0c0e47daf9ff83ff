"""Chinese numerals and the place value of a stated number's last digit."""

from __future__ import annotations

from decimal import Decimal

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}

# Scale words that may follow a number, longest first so 千萬 wins over 千.
SCALES = {
    "千萬": Decimal(10**7),
    "千万": Decimal(10**7),
    "百萬": Decimal(10**6),
    "百万": Decimal(10**6),
    "萬億": Decimal(10**12),
    "万亿": Decimal(10**12),
    "萬": Decimal(10**4),
    "万": Decimal(10**4),
    "億": Decimal(10**8),
    "亿": Decimal(10**8),
    "千": Decimal(10**3),
    "百": Decimal(10**2),
    "thousand": Decimal(10**3),
    "million": Decimal(10**6),
    "billion": Decimal(10**9),
    "trillion": Decimal(10**12),
    # The Indian numbering system, as English-language news in South Asia writes figures.
    "lakh": Decimal(10**5),
    "lakhs": Decimal(10**5),
    "crore": Decimal(10**7),
    "crores": Decimal(10**7),
    "k": Decimal(10**3),
    "m": Decimal(10**6),
    "mn": Decimal(10**6),
    "bn": Decimal(10**9),
}


def chinese_to_decimal(text: str) -> Decimal:
    """三千萬 → 30000000, 一億二千萬 → 120000000, 十七點四 → 17.4."""
    whole, _, fraction = text.replace("点", "點").partition("點")
    value = Decimal(_chinese_integer(whole))
    if fraction:
        digits = "".join(str(CN_DIGITS[ch]) for ch in fraction)
        value += Decimal("0." + digits)
    return value


def _chinese_integer(text: str) -> int:
    total = section = number = 0
    for ch in text:
        if ch in CN_DIGITS:
            number = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            # A bare 十 means one ten: 十萬 is 100000.
            section += (number or (1 if ch == "十" else 0)) * CN_SMALL_UNITS[ch]
            number = 0
        elif ch in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[ch]
            if unit == 10**8:
                total = (total + section + number) * unit
            else:
                total += (section + number) * unit
            section = number = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + number


def last_digit_place(value: Decimal, stated_decimals: int | None) -> Decimal:
    """The place value of the last digit a writer committed to.

    Trailing zeros of a whole number are read as rounding (30 million is stated to the ten
    million), while stated decimals count even when zero (18.90% is stated to 0.01).
    """
    if stated_decimals:
        return Decimal(1).scaleb(-stated_decimals)
    if value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent)


DIGIT_WORDS = "零一二三四五六七八九"
SECTION_PLACES = ((1000, "千"), (100, "百"), (10, "十"))
SECTION_UNITS = ((10**8, "億"), (10**4, "萬"))


def integer_to_chinese(number: int) -> str:
    """120000000 → 一億二千萬, 10005 → 一萬零五, 15 → 十五: how a Chinese writer spells it."""
    if number < 0:
        raise ValueError("only counts, not negative numbers")
    if number == 0:
        return "零"
    text = _with_big_units(number)
    # A leading 一十 reads 十: 十五, 十萬.
    return text[1:] if text.startswith("一十") else text


def _with_big_units(number: int) -> str:
    for unit, word in SECTION_UNITS:
        if number >= unit:
            high, low = divmod(number, unit)
            text = _with_big_units(high) + word
            if low:
                text += ("零" if low < unit // 10 else "") + _with_big_units(low)
            return text
    return _section(number)


def _section(number: int) -> str:
    """A number below 10000, with 零 where a place is skipped: 1005 → 一千零五."""
    text, pending_zero = "", False
    for place, word in SECTION_PLACES:
        digit, number = divmod(number, place)
        if digit:
            text += ("零" if pending_zero else "") + DIGIT_WORDS[digit] + word
            pending_zero = False
        elif text:
            pending_zero = True
    if number:
        text += ("零" if pending_zero else "") + DIGIT_WORDS[number]
    return text
