"""Extraction on our article: every numeric claim the desk recorded is among the candidates."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from claims.extraction import already_recorded, extract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ARTICLE_TEXT = (FIXTURES / "k-visa-explainer.zh-Hant.txt").read_text(encoding="utf-8")
SHIPPED = FIXTURES / "k-visa-explainer.json"

# The article's numeric claims as the research recorded them: a fragment of the quote, the value.
RESEARCHED = [
    ("調高至 10 萬美元", "100000"),
    ("新移民總數的26.34%", "26.34"),
    ("人才缺口將達2985.7萬人", "29857000"),
    ("將出現約950萬人才缺口", "9500000"),
    ("人才缺口已突破500萬", "5000000"),
    ("需求增速超過30%", "30"),
    ("需求均成長逾五成", "50"),
    ("佔中國總人口的0.1%", "0.1"),
    ("東亞平均值0.7%", "0.7"),
    ("超過十萬人規模的社群", "100000"),
    ("僅剩1.3萬餘人", "13000"),
    ("發了7600餘張「人才綠卡」", "7600"),
    ("發了5.88億元人民幣的財政補貼", "588000000"),
    ("只發放了1.2萬張永久居留卡", "12000"),
    ("持有者人數的七成以上", "70"),
    ("他的兩千多萬粉絲", "20000000"),
    ("工科總佔四席", "4"),
    ("青年失業率達到18.9%", "18.9"),
    ("升至最高值21.3%", "21.3"),
    ("青年失業率,即18.7%", "18.7"),
    ("應屆畢業生數量達1158萬", "11580000"),
    ("其中三條都稱", "3"),
    ("60%的歐美受訪者", "60"),
    ("只有8%的人", "8"),
    ("全部中國作者的15.9%", "15.9"),
    ("是回國的四倍", "4"),
    ("接受近50萬人次外國留學人員", "500000"),
    ("佔總人數的52.95%", "52.95"),
    ("下降約17.4%,至25,4019人", "254019"),
    ("從2018年的307,501人", "307501"),
    ("在滬工作的外國人達21.5萬", "215000"),
    ("下降到7.2萬人", "72000"),
    ("逾14萬港人移居海外", "140000"),
    ("三年吸納十萬名人才", "100000"),
    ("達到現在的60.8%", "60.8"),
    ("增加了20%以上", "20"),
]


@pytest.fixture(scope="module")
def candidates():
    return extract(ARTICLE_TEXT)


def _found(candidates, quote: str, value: Decimal) -> bool:
    """A candidate with this value inside the quote, or inside one of its elided fragments."""
    spans = []
    for fragment in re.split(r"\.{3}|…", quote):
        where = ARTICLE_TEXT.find(fragment.strip())
        assert where >= 0, fragment
        spans.append((where, where + len(fragment.strip())))
    return any(
        candidate.quantity.value == value and start <= candidate.start and candidate.end <= end
        for candidate in candidates
        for start, end in spans
    )


@pytest.mark.parametrize(("quote", "value"), RESEARCHED)
def test_it_finds_each_researched_figure_where_the_article_prints_it(candidates, quote, value):
    assert quote in ARTICLE_TEXT
    assert _found(candidates, quote, Decimal(value))


@pytest.mark.skipif(not SHIPPED.exists(), reason="the shipped claims file is not in this tree")
def test_it_finds_every_numeric_claim_in_the_shipped_fixtures(candidates):
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    numeric = [claim for claim in shipped["claims"] if claim["kind"] == "numeric"]
    assert numeric
    missing = [
        claim["slug"]
        for claim in numeric
        if not _found(candidates, claim["quote"], Decimal(str(claim["value"])))
    ]
    assert missing == []


def test_positions_point_into_the_article(candidates):
    for candidate in candidates:
        assert ARTICLE_TEXT[candidate.start : candidate.end] == candidate.found.text
        assert candidate.found.text in candidate.sentence
        assert candidate.sentence in ARTICLE_TEXT


def test_it_suggests_a_draft_claim():
    [candidate] = extract("標題\n\n2018年,中國接受近50萬人次外國留學人員。下一句。")
    assert candidate.draft() == {
        "quote": "2018年,中國接受近50萬人次外國留學人員",
        "kind": "numeric",
        "value": "500000",
        "unit": "persons",
        "comparator": "≈",
        "paragraph": 2,
    }


def test_it_guesses_persons_from_the_words_around_a_bare_figure():
    [candidate] = extract("應屆畢業生數量達1158萬,創歷史新高")
    assert candidate.unit == "persons"
    assert candidate.unit_guessed


def test_it_leaves_the_unit_open_when_nothing_says_what_is_counted():
    [candidate] = extract("產值突破500萬")
    assert candidate.unit is None
    assert candidate.draft()["unit"] == ""


def test_it_knows_a_figure_already_recorded():
    [candidate] = extract("在滬工作的外國人達21.5萬,居全國第一")
    assert already_recorded(candidate, [("2021年,在滬工作的外國人達21.5萬", Decimal(215000))])
    assert not already_recorded(candidate, [("在滬工作的外國人達21.5萬", Decimal(72000))])
    assert not already_recorded(candidate, [])
