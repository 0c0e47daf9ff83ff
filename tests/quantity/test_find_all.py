"""Finding every figure in running text, and leaving dates, names and ordinals alone."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from claims.quantity import find_all

ARTICLE = Path(__file__).resolve().parents[2] / "fixtures" / "k-visa-explainer.zh-Hant.txt"


def test_it_gives_positions_that_point_at_the_figure():
    text = "2020年,總數已從2018年的307,501人下降約17.4%,至25,4019人。"
    found = find_all(text)
    assert [item.text for item in found] == ["307,501人", "約17.4%", "25,4019人"]
    for item in found:
        assert text[item.start : item.end] == item.text


def test_it_skips_dates_ages_ranges_and_names():
    text = "2025年4月10日,16-24歲的青年;H-1B 與 NeurIPS 2022;第63次會議;倒數第三;3對3。"
    assert find_all(text) == []


def test_it_skips_small_chinese_numerals_used_as_words():
    assert find_all("一道門關上,另一道門打開了;兩個月後,三元里的十大領域。") == []


def test_it_keeps_positions_of_full_width_digits():
    text = "增速超過３０％。"
    [item] = find_all(text)
    assert item.text == "超過３０％"
    assert item.quantity.value == Decimal(30)


def test_it_finds_every_figure_in_the_article():
    found = find_all(ARTICLE.read_text(encoding="utf-8"))
    values = {item.quantity.value for item in found}
    for expected in ["29857000", "588000000", "254019", "307501", "17.4", "18.9", "11580000"]:
        assert Decimal(expected) in values
