"""A source from another time than the claim: flagged, in both languages."""

from __future__ import annotations

from datetime import date

from claims.checks.period import (
    FIGURE_FROM_OTHER_PERIOD,
    SOURCE_PERIOD_DIFFERS,
    SOURCE_PREDATES_PERIOD,
    figure_from_other_period,
    period_mismatch,
    years_in,
)


def test_it_reads_years_and_ranges():
    assert years_in("2018-2020") == {2018, 2019, 2020}
    assert years_in("FY2024") == {2024}
    assert years_in("2025-08") == {2025}
    assert years_in("2020至2022年間") == {2020, 2021, 2022}
    assert years_in("") == set()


def test_it_flags_a_2023_figure_cited_as_this_years():
    flag = period_mismatch("2025", date(2023, 6, 1))
    assert flag.outcome == SOURCE_PREDATES_PERIOD
    assert flag.explanation_in("en") == (
        "The source was published in 2023, before the period the claim refers to (2025): "
        "its figure may be an older one cited as current."
    )
    assert "2023" in flag.explanation_in("zh-hant")
    assert "較舊" in flag.explanation_in("zh-hant")


def test_it_flags_a_source_about_other_years():
    flag = period_mismatch("2025-08", date(2025, 9, 19), "2022年8月青年失業率")
    assert flag.outcome == SOURCE_PERIOD_DIFFERS
    assert flag.explanation_in("en") == "The source's figure is for 2022, the claim's for 2025-08."


def test_it_accepts_a_source_from_the_claims_period():
    assert period_mismatch("2025-08", date(2025, 9, 19), "2025年8月分年齡組失業率") is None


def test_it_accepts_a_later_source_without_years_in_its_title():
    assert period_mismatch("2020", date(2021, 3, 1), "Annual report") is None


def test_it_says_nothing_without_a_claim_period():
    assert period_mismatch("", date(2001, 1, 1), "1999") is None


def test_it_flags_a_figure_that_matches_another_years_figure():
    flag = figure_from_other_period("2025", "2023: 11.58 million, +820,000 over 2022, record")
    assert flag.outcome == FIGURE_FROM_OTHER_PERIOD
    assert flag.explanation_in("en") == (
        "The claimed figure matches this source's figure for 2022-2023, not for 2025: "
        "it may be an older figure cited as current."
    )


def test_it_accepts_a_matching_figure_from_the_same_year():
    assert figure_from_other_period("2025", "2025屆畢業生規模預計達1222萬人") is None


def test_it_accepts_a_matching_figure_without_years():
    assert figure_from_other_period("2025", "graduates: 11.58 million") is None


def test_it_asks_which_period_when_the_matching_figure_is_from_later_years():
    flag = figure_from_other_period("2006", "Estimates for 2012 and 2014")
    assert flag.explanation_in("en") == (
        "The claimed figure matches this source's figure for 2012, 2014, not for 2006: "
        "check which period the figure belongs to."
    )
    assert "請核對" in flag.explanation_in("zh-hant")
