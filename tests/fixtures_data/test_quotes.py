"""Finding a quote in its paragraph by the text around it (pure functions, no database)."""

from __future__ import annotations

from claims.loader.quotes import paragraphs_of, quote_is_located

PARAGRAPH = "事實上,8月份青年失業率達到18.9%,是統計口徑修改後的數據新高。"


def test_it_finds_a_quote_between_its_prefix_and_suffix():
    assert quote_is_located(PARAGRAPH, "事實上,", "8月份青年失業率達到18.9%", ",是統計")


def test_it_finds_a_quote_that_skips_text_with_an_ellipsis():
    assert quote_is_located(PARAGRAPH, "", "事實上...達到18.9%", ",是")


def test_it_refuses_a_suffix_that_does_not_follow_the_quote():
    assert not quote_is_located(PARAGRAPH, "事實上,", "8月份青年失業率達到18.9%", "。")


def test_it_refuses_a_prefix_that_does_not_precede_the_quote():
    assert not quote_is_located(PARAGRAPH, "其實,", "8月份青年失業率達到18.9%", "")


def test_it_refuses_ellipsis_parts_out_of_order():
    assert not quote_is_located(PARAGRAPH, "", "達到18.9%...事實上", "")


def test_it_refuses_an_empty_part():
    assert not quote_is_located(PARAGRAPH, "", "...達到18.9%", "")


def test_it_uses_a_later_occurrence_when_the_first_has_the_wrong_suffix():
    assert quote_is_located("甲乙丙,甲乙丁", "", "甲乙", "丁")


def test_paragraphs_are_the_non_empty_lines():
    assert paragraphs_of("一\n\n  \n二\r\n三") == ["一", "二", "三"]
