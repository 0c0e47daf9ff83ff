"""The claim-against-source comparison, with tolerance from the claim's own precision."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from claims.checks.compare import (
    CONSISTENT,
    CONSISTENT_WITHIN_ROUNDING,
    INCONSISTENT,
    NOT_COMPARABLE,
    UNITS_DIFFER,
    compare,
)
from claims.quantity import parse


def _check(claim_text: str, source_value: str, source_unit: str):
    claimed = parse(claim_text)
    return compare(
        claimed.value,
        claimed.comparator,
        claimed.unit,
        claimed.precision,
        D(source_value),
        source_unit,
    )


@pytest.mark.parametrize(
    ("claim_text", "source_value", "source_unit", "outcome"),
    [
        ("nearly 30 million people", "29857000", "persons", CONSISTENT),
        ("接近三千萬人", "29857000", "persons", CONSISTENT),
        ("18.9%", "18.7", "percent", INCONSISTENT),
        ("18.9%", "18.9", "percent", CONSISTENT),
        ("18.9%", "18.94", "percent", CONSISTENT_WITHIN_ROUNDING),
        ("more than 70%", "72", "percent", CONSISTENT),
        ("more than 70%", "68", "percent", INCONSISTENT),
        ("more than 70%", "70", "percent", CONSISTENT_WITHIN_ROUNDING),
        ("逾14萬人", "139600", "persons", CONSISTENT_WITHIN_ROUNDING),
        ("逾14萬人", "150000", "persons", CONSISTENT),
        ("不到三成", "25", "percent", CONSISTENT),
        ("不到三成", "41", "percent", INCONSISTENT),
        ("至少5000名", "5000", "persons", CONSISTENT),
        ("最多200家", "201", "count", INCONSISTENT),
        ("最多200家", "200", "count", CONSISTENT),
        ("最多2000家", "2400", "count", CONSISTENT_WITHIN_ROUNDING),
        ("約950萬人", "940萬".replace("萬", "0000"), "persons", CONSISTENT),
        ("約950萬人", "800萬".replace("萬", "0000"), "persons", INCONSISTENT),
        ("2985.7萬人", "29857000", "persons", CONSISTENT),
        ("2985.7萬人", "29857400", "persons", CONSISTENT_WITHIN_ROUNDING),
        ("10萬美元", "100000", "CNY", UNITS_DIFFER),
        ("18.9%", "18.9", "percentage_points", UNITS_DIFFER),
    ],
)
def test_it_compares_claim_with_source(claim_text, source_value, source_unit, outcome):
    assert _check(claim_text, source_value, source_unit).outcome == outcome


def test_it_explains_an_inconsistency_in_english_and_chinese():
    result = _check("18.9%", "18.7", "percent")
    assert result.flagged
    assert result.explanation_in("en") == (
        "The source gives 18.7%, not the claim's 18.9%: a difference of 0.2%, "
        "more than rounding to 0.1% allows."
    )
    assert result.explanation_in("zh-hant") == (
        "來源的數字是18.7%,而非說法中的18.9%:相差0.2%,超出按0.1%四捨五入所容許的範圍。"
    )


def test_it_explains_rounding_with_the_claims_precision():
    result = _check("逾14萬人", "139600", "persons")
    assert not result.flagged
    assert result.explanation_in("en") == (
        "The source's 139,600 people rounds to the claim's more than 140,000 people, "
        "which is stated to the nearest 10,000 people."
    )
    assert "約" not in result.explanation_in("zh-hant")
    assert "1.4萬" not in result.explanation_in("zh-hant")
    assert "逾14萬人" in result.explanation_in("zh-hant")


def test_it_says_units_differ_in_both_languages():
    result = compare(D(1), "=", "CNY", D(1), D(1), "USD")
    assert result.outcome == UNITS_DIFFER
    assert result.flagged
    assert "CNY" in result.explanation_in("en") and "USD" in result.explanation_in("en")
    assert "單位不同" in result.explanation_in("zh-hant")


def test_it_will_not_compare_without_a_source_value():
    result = compare(D(1), "=", "persons", D(1), None, "")
    assert result.outcome == NOT_COMPARABLE
    assert not result.flagged


def test_it_will_not_compare_without_a_unit():
    result = compare(D(1), "=", "persons", D(1), D(1), "")
    assert result.outcome == NOT_COMPARABLE


def test_a_rounder_source_cannot_contradict_a_precise_claim():
    result = compare(D(29857000), "=", "persons", D(1000), D(30000000), "persons", D(10_000_000))
    assert result.outcome == CONSISTENT_WITHIN_ROUNDING


def test_a_precise_source_still_contradicts_a_precise_claim():
    result = compare(D(29857000), "=", "persons", D(1000), D(30000000), "persons", D(1))
    assert result.outcome == INCONSISTENT
