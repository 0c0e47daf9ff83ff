"""Figures written back as people write them, in English and Traditional Chinese."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.quantity import Quantity, format


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "english", "chinese"),
    [
        ("11580000", "persons", "=", "11.58 million people", "1,158萬人"),
        ("12220000", "persons", "≈", "about 12.22 million people", "約1,222萬人"),
        ("18.9", "percent", ">", "more than 18.9%", "逾18.9%"),
        ("100000", "USD", "=", "US$100,000", "10萬美元"),
        ("2000000000", "CNY", "<", "less than 2 billion yuan", "不到20億元"),
        ("1234", "count", "≥", "at least 1,234", "至少1,234個"),
        ("2024", "year", "=", "2024", "2024年"),
        ("3", "rank", "=", "No. 3", "第3名"),
        ("1.5", "percentage_points", "≤", "at most 1.5 percentage points", "最多1.5個百分點"),
        ("25000", "TWD", "=", "NT$25,000", "新臺幣2.5萬元"),
    ],
)
def test_it_writes_a_figure_as_a_newsroom_does(value, unit, comparator, english, chinese):
    quantity = Quantity(value=Decimal(value), unit=unit, comparator=comparator)
    assert format(quantity, "en") == english
    assert format(quantity, "zh-hant") == chinese


def test_it_writes_an_awkward_figure_in_full_rather_than_round_it():
    quantity = Quantity(value=Decimal("11583457"), unit="persons")
    assert format(quantity, "en") == "11,583,457 people"
    assert format(quantity, "zh-hant") == "11,583,457人"


def test_it_never_rounds_up_to_a_scale_the_figure_does_not_reach():
    quantity = Quantity(value=Decimal("999999999999.99"), unit="USD")
    assert format(quantity, "en") == "US$999,999,999,999.99"
    assert format(quantity, "zh-hant") == "999,999,999,999.99美元"
