"""Formatting then parsing gives the number back; finding never crashes on any text."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.quantity import COMPARATORS, Quantity, find_all, format, parse
from claims.quantity.numerals import chinese_to_decimal, integer_to_chinese

values = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("999999999999"), places=2, allow_nan=False
)
units_en = st.sampled_from([None, "percent", "persons", "CNY", "USD", "times"])
units_zh = st.sampled_from([None, "percent", "persons", "CNY", "USD", "count", "times"])
comparators = st.sampled_from(COMPARATORS)


def _round_trip(quantity: Quantity, lang: str) -> None:
    text = format(quantity, lang)
    parsed = parse(text)
    assert parsed is not None, text
    assert parsed.value == quantity.value, text
    assert parsed.unit == quantity.unit, text
    assert parsed.comparator == quantity.comparator, text
    assert parsed.flags == (), text


@settings(deadline=None)
@given(values, units_en, comparators)
def test_it_reads_back_what_it_writes_in_english(value, unit, comparator):
    _round_trip(Quantity(value=value, unit=unit, comparator=comparator), "en")


@settings(deadline=None)
@given(values, units_zh, comparators)
def test_it_reads_back_what_it_writes_in_chinese(value, unit, comparator):
    _round_trip(Quantity(value=value, unit=unit, comparator=comparator), "zh-hant")


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["en", "zh-hant"]))
def test_it_reads_back_whole_numbers_in_a_sentence(number, lang):
    quantity = Quantity(value=Decimal(number), unit="persons", comparator="≈")
    text = "據報道," + format(quantity, lang) + "。"
    found = find_all(text)
    assert [item.quantity.value for item in found] == [Decimal(number)]


@settings(deadline=None)
@given(st.text())
def test_find_all_never_crashes_on_any_text(text):
    for item in find_all(text):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text


@settings(deadline=None)
@given(
    st.text(
        alphabet="0123456789,.%萬億千百十一二兩三五七九成多餘逾約近超過不到 $m人元", max_size=40
    )
)
def test_find_all_never_crashes_on_number_soup(text):
    for item in find_all(text):
        assert item.quantity.precision > 0
        assert text[item.start : item.end] == item.text


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**16))
def test_chinese_numerals_read_back(number):
    assert chinese_to_decimal(integer_to_chinese(number)) == number


@settings(deadline=None)
@given(st.integers(min_value=10, max_value=10**16))
def test_chinese_numerals_are_found_in_a_sentence(number):
    text = "共有" + integer_to_chinese(number) + "人參與。"
    [found] = find_all(text)
    assert found.quantity.value == number
    assert found.quantity.unit == "persons"
