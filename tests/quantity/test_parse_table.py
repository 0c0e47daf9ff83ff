"""The parser against real expressions, most of them from the K-visa article and its research."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims.quantity import IRREGULAR_GROUPING, parse
from claims.quantity.numerals import integer_to_chinese

G = IRREGULAR_GROUPING

# text, value, unit, comparator, flags, precision
TABLE = [
    # The article, as printed.
    ("美國政府宣布將 H-1B 工作簽證申請費調高至 10 萬美元", "100000", "USD", "=", (), "100000"),
    ("印度人佔加拿大新移民總數的26.34%", "26.34", "percent", "=", (), "0.01"),
    ("人才缺口將接近三千萬", "30000000", None, "≈", (), "10000000"),
    ("人才缺口將達2985.7萬人", "29857000", "persons", "=", (), "1000"),
    ("被預估在2025年將出現約950萬人才缺口", "9500000", "persons", "≈", (), "100000"),
    ("人工智能相關崗位人才缺口已突破500萬", "5000000", None, ">", (), "1000000"),
    ("AI相關職位需求增速超過30%", "30", "percent", ">", (), "1"),
    ("需求均成長逾五成", "50", "percent", ">", (), "10"),
    ("外國居民僅佔中國總人口的0.1%", "0.1", "percent", "=", (), "0.1"),
    ("遠低於東亞平均值0.7%", "0.7", "percent", "=", (), "0.1"),
    ("這個在2006年超過十萬人規模的社群", "100000", "persons", ">", (), "100000"),
    ("到2019年僅剩1.3萬餘人", "13000", "persons", ">", (), "1000"),
    ("共給官方指定的境外緊缺人才發了7600餘張「人才綠卡」", "7600", "count", ">", (), "100"),
    ("廣州給1902位「境外高端人才」", "1902", "persons", "=", (), "1"),
    ("發了5.88億元人民幣的財政補貼", "588000000", "CNY", "=", (), "1000000"),
    ("中國總共只發放了1.2萬張永久居留卡", "12000", "count", "=", (), "1000"),
    ("收取10萬美元費用的新聞", "100000", "USD", "=", (), "100000"),
    ("印度人佔美國H1-B類持有者人數的七成以上", "70", "percent", ">", (), "10"),
    ("這位博主向他的兩千多萬粉絲總結說", "20000000", None, ">", (), "10000000"),
    ("調查青年失業率達到18.9%", "18.9", "percent", "=", (), "0.1"),
    ("這一數字升至最高值21.3%", "21.3", "percent", "=", (), "0.1"),
    ("含在校生的青年失業率,即18.7%", "18.7", "percent", "=", (), "0.1"),
    ("應屆畢業生數量達1158萬,創歷史新高", "11580000", None, "=", (), "10000"),
    ("60%的歐美受訪者相信", "60", "percent", "=", (), "1"),
    ("但只有8%的人表達移居的願望", "8", "percent", "=", (), "1"),
    ("中國接受近50萬人次外國留學人員", "500000", "persons", "≈", (), "100000"),
    ("「一帶一路」沿線64國來華留學生", "64", "count", "=", (), "1"),
    ("來華留學生人數佔總人數的52.95%", "52.95", "percent", "=", (), "0.01"),
    ("從2018年的307,501人下降", "307501", "persons", "=", (), "1"),
    ("下降約17.4%", "17.4", "percent", "≈", (), "0.1"),
    ("至25,4019人", "254019", "persons", "=", (G,), "1"),
    ("在滬工作的外國人達21.5萬", "215000", None, "=", (), "1000"),
    ("佔全國的23.7%,居全國第一", "23.7", "percent", "=", (), "0.1"),
    ("這數字下降到7.2萬人", "72000", "persons", "=", (), "1000"),
    ("逾14萬港人移居海外後", "140000", None, ">", (), "10000"),
    ("宣稱三年吸納十萬名人才", "100000", "persons", "=", (), "100000"),
    ("從2012年的30%", "30", "percent", "=", (), "1"),
    ("達到現在的60.8%", "60.8", "percent", "=", (), "0.1"),
    ("增加了20%以上", "20", "percent", ">", (), "1"),
    ("仍在中國工作的AI研究人員僅佔全部中國作者的15.9%", "15.9", "percent", "=", (), "0.1"),
    ("留在美國工作的比例是回國的四倍", "4", "times", "=", (), "1"),
    ("排名前五的熱門專業中,工科總佔四席", "4", "count", "=", (), "1"),
    ("編輯精選了四條評論,其中三條都稱需要防範風險", "4", "count", "=", (), "1"),
    # Chinese forms the article does not use.
    ("三千萬", "30000000", None, "=", (), "10000000"),
    ("十萬", "100000", None, "=", (), "100000"),
    ("一億二千萬元", "120000000", "CNY", "=", (), "10000000"),
    ("百分之十七點四", "17.4", "percent", "=", (), "0.1"),
    ("不到三成", "30", "percent", "<", (), "10"),
    ("不足1000人", "1000", "persons", "<", (), "1000"),
    ("至少5000名", "5000", "persons", "≥", (), "1000"),
    ("最多200家", "200", "count", "≤", (), "1"),
    ("不超過5萬元", "50000", "CNY", "≤", (), "10000"),
    ("大約3.5億美金", "350000000", "USD", "≈", (), "10000000"),
    ("將近2千萬人次", "20000000", "persons", "≈", (), "10000000"),
    ("人民幣5.88億元", "588000000", "CNY", "=", (), "1000000"),
    ("1200萬左右", "12000000", None, "≈", (), "1000000"),
    ("未滿500宗", "500", "count", "<", (), "1"),
    ("３０％", "30", "percent", "=", (), "1"),
    ("２９８５．７萬人", "29857000", "persons", "=", (), "1000"),
    ("少於12項", "12", "count", "<", (), "1"),
    ("RMB 5.88億", "588000000", "CNY", "=", (), "1000000"),
    # English.
    ("29.857 million", "29857000", None, "=", (), "1000"),
    ("a $100,000 fee", "100000", "USD", "=", (), "100000"),
    ("US$100,000", "100000", "USD", "=", (), "100000"),
    ("youth unemployment hit 18.9%", "18.9", "percent", "=", (), "0.1"),
    ("nearly 30 million workers", "30000000", None, "≈", (), "10000000"),
    ("more than 70% of H-1B holders", "70", "percent", ">", (), "1"),
    ("11.58m graduates", "11580000", None, "=", (), "10000"),
    ("about 17.4 per cent", "17.4", "percent", "≈", (), "0.1"),
    ("over 140,000 people", "140000", "persons", ">", (), "10000"),
    ("fewer than 1,000 persons", "1000", "persons", "<", (), "1000"),
    ("at least 5 times", "5", "times", "≥", (), "1"),
    ("at most 12%", "12", "percent", "≤", (), "1"),
    ("under 2 billion yuan", "2000000000", "CNY", "<", (), "1000000000"),
    ("around 950,000", "950000", None, "≈", (), "10000"),
    ("5.88 bn RMB", "5880000000", "CNY", "=", (), "10000000"),
    ("12,000 permanent residence cards", "12000", None, "=", (), "1000"),
    # The Indian numbering system: a crore is ten million, a lakh a hundred thousand.
    ("1.158 crore graduates", "11580000", None, "=", (), "10000"),
    ("over 12 lakh people", "1200000", "persons", ">", (), "100000"),
]


@pytest.mark.parametrize(("text", "value", "unit", "comparator", "flags", "precision"), TABLE)
def test_it_parses_real_expressions(text, value, unit, comparator, flags, precision):
    quantity = parse(text)
    assert quantity is not None, text
    assert quantity.value == Decimal(value)
    assert quantity.unit == unit
    assert quantity.comparator == comparator
    assert quantity.flags == flags
    assert quantity.precision == Decimal(precision)


def test_the_table_is_big_enough():
    assert len(TABLE) >= 60


@pytest.mark.parametrize(
    "text",
    [
        "",
        "沒有數字的句子",
        "H-1B",
        "第三",
        "一道門關上,另一道門打開了",
        "千人計劃",
    ],
)
def test_it_finds_no_quantity_in(text):
    assert parse(text) is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (15, "十五"),
        (105, "一百零五"),
        (10005, "一萬零五"),
        (100000, "十萬"),
        (30000000, "三千萬"),
        (120000000, "一億二千萬"),
        (100010000, "一億零一萬"),
    ],
)
def test_it_spells_numbers_as_chinese_writers_do(number, words):
    assert integer_to_chinese(number) == words


def test_it_refuses_to_spell_a_negative_number():
    with pytest.raises(ValueError):
        integer_to_chinese(-1)
