"""Numeric fingerprints: the same figure in Chinese and English, its rounding, years and place."""

from __future__ import annotations

from decimal import Decimal

from elsewhere.fingerprint import compare, from_claim_fields, from_text, place_in, years_in


def test_the_same_figure_matches_across_languages():
    chinese = from_text("2023年應屆畢業生數量達1158萬")
    english = from_text("China had 11.58 million graduates in 2023.")
    assert chinese.main.value == english.main.value == Decimal("11580000")
    assert chinese.main.unit == "persons"
    assert compare(chinese, english).same


def test_rounding_decides_whether_figures_agree():
    nearly = from_text("the gap will approach 30 million people")
    exact = from_text("缺口將達2985.7萬人")
    other = from_text("缺口將達2085.7萬人")
    assert compare(nearly, exact).same
    assert compare(other, exact).differs == ("figure",)


def test_a_different_year_or_place_disagrees():
    base = from_text("2023年中國應屆畢業生達1158萬人")
    assert compare(base, from_text("2022年中國應屆畢業生達1158萬人")).differs == ("years",)
    taiwan = from_text("In 2023 Taiwan had 11.58 million graduates")
    assert compare(base, taiwan).differs == ("place",)
    assert compare(base, from_text("應屆畢業生達1158萬人")).same


def test_one_changed_number_among_several_is_a_different_figure():
    first = from_text("In 2018, students from 64 Belt and Road countries made up 52.95%.")
    second = from_text("In 2018, students from 94 Belt and Road countries made up 52.95%.")
    assert compare(first, second).differs == ("figure",)


def test_an_extra_figure_on_one_side_still_agrees():
    quote = from_text("在滬工作的外國人達21.5萬")
    restatement = from_text("215,000 foreigners worked in Shanghai, 23.7% of the total.")
    assert compare(quote, restatement).same


def test_english_number_words_are_figures():
    assert from_text("four times as many stayed").main.value == Decimal(4)


def test_years_are_not_read_from_counts():
    assert years_in("2000萬人, 1902位, FY2023, 2025年8月, 12,2019") == {"2023", "2025"}


def test_places_most_specific_first():
    assert place_in("上海的外國人達21.5萬") == "CN-Shanghai"
    assert place_in("the US raised the fee") == "US"
    assert place_in("nothing here") == ""


def test_a_text_without_a_figure_has_none():
    assert from_text("K visa launched").main is None


def test_a_recorded_claim_keeps_its_quote_rounding():
    claim = from_claim_fields(
        texts=("有數據顯示,人才缺口將接近三千萬", "The gap will approach 30 million."),
        value=Decimal("30000000"),
        unit="persons",
        comparator="≈",
        period="2025",
        place="CN",
    )
    assert claim.main.precision == Decimal("10000000")
    assert claim.describe(claim.main, "en") == "about 30 million people, 2025"
    assert claim.describe(claim.main, "zh-hant") == "約3,000萬人,2025"
