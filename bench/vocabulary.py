"""Words the generator builds claims from: the topics a Chinese-language news desk checks.

Kept apart from the generator so that the mix (how often a search term occurs, how long a
quote is) can be read and tuned in one place.
"""

from __future__ import annotations

# (Traditional Chinese subject, English subject, unit, typical value range)
TOPICS = [
    ("中國16至24歲青年失業率", "the jobless rate for ages 16 to 24", "percent", (10, 22)),
    ("全國城鎮調查失業率", "the national urban surveyed unemployment rate", "percent", (4, 6)),
    ("高校畢業生人數", "the number of university graduates", "persons", (8e6, 1.3e7)),
    ("外國留學生人數", "the number of international students", "persons", (2e5, 5e5)),
    ("海外高層次人才回流人數", "the number of returning overseas talents", "persons", (1e4, 9e4)),
    ("研發經費投入", "spending on research and development", "CNY", (2e12, 4e12)),
    ("研發經費佔GDP比重", "R&D spending as a share of GDP", "percent", (2, 3)),
    ("國內生產總值增速", "GDP growth", "percent", (3, 7)),
    ("出生人口", "the number of births", "persons", (7e6, 1.2e7)),
    ("H-1B簽證申請費", "the H-1B visa application fee", "USD", (5e3, 1e5)),
    ("美國H-1B簽證中籤率", "the H-1B lottery selection rate", "percent", (14, 40)),
    ("印度裔新移民佔比", "the share of Indian-born new immigrants", "percent", (15, 30)),
    ("外商直接投資", "foreign direct investment", "USD", (1e10, 1.8e11)),
    ("科技型中小企業數量", "the number of technology SMEs", "count", (2e5, 6e5)),
    ("全球創新指數排名", "the Global Innovation Index ranking", "rank", (10, 14)),
    ("STEM博士畢業生人數", "the number of STEM PhD graduates", "persons", (3e4, 8e4)),
    ("房地產開發投資", "property development investment", "CNY", (8e12, 1.4e13)),
    ("香港輸入人才計劃獲批人數", "Hong Kong talent-scheme approvals", "persons", (2e4, 1e5)),
    ("台灣就業金卡核發數", "Taiwan Employment Gold Cards issued", "count", (3e3, 1e4)),
    ("城鎮居民人均可支配收入", "urban per-capita disposable income", "CNY", (4e4, 6e4)),
    ("青年群體勞動參與率", "the youth labour-force participation rate", "percent", (30, 50)),
    ("大學生就業率", "the graduate employment rate", "percent", (80, 95)),
    ("外籍人士工作許可簽發量", "work permits issued to foreigners", "count", (2e5, 4e5)),
    ("人工智能企業數量", "the number of AI companies", "count", (3e3, 5e3)),
    ("來華外國人入境人次", "foreign arrivals", "persons", (1e7, 3e7)),
    ("美國對華加徵關稅稅率", "the US tariff rate on Chinese goods", "percent", (10, 145)),
    ("留學生回國比例", "the share of students returning from abroad", "percent", (60, 85)),
    ("國家自然科學基金資助項目數", "grants funded by the NSFC", "count", (4e4, 5e4)),
    ("全國失業保險領取人數", "people drawing unemployment insurance", "persons", (2e6, 4e6)),
    ("企業研發人員數量", "corporate R&D staff", "persons", (5e6, 7e6)),
]

ZH_BEFORE = [
    "據國家統計局公布,",
    "官方數據顯示,",
    "報告指出,",
    "有學者估計,",
    "根據教育部統計,",
    "媒體報道稱,",
    "移民局數據顯示,",
    "",
    "",
]
ZH_VERBS = ["升至", "降至", "達到", "超過", "不足", "約為", "同比增長", "同比下降"]
ZH_AFTER = [
    ",創下歷史新高。",
    ",為近五年最低。",
    ",引發社會廣泛討論。",
    "。",
    ",遠高於市場預期。",
    ",但各地差異明顯,沿海省份明顯高於內陸。",
    ",官方未有進一步解釋其統計口徑的變化。",
]
EN_BEFORE = [
    "Official data show that",
    "According to the statistics bureau,",
    "The report says",
    "Analysts estimate that",
    "The ministry said",
    "",
]
EN_VERBS = ["rose to", "fell to", "reached", "exceeded", "stood at", "was about"]
EN_AFTER = [
    ", a record high.",
    ", the lowest in five years.",
    ".",
    ", well above what markets expected.",
    ", though regional differences were large.",
]
UNIT_ZH = {
    "percent": "%",
    "persons": "人",
    "count": "個",
    "CNY": "元人民幣",
    "USD": "美元",
    "rank": "位",
}
UNIT_EN = {
    "percent": "%",
    "persons": " people",
    "count": "",
    "CNY": " yuan",
    "USD": " US dollars",
    "rank": "th place",
}
CLAIMANTS = [
    "國家統計局",
    "教育部",
    "人力資源和社會保障部",
    "新華社",
    "端傳媒(編者按)",
    "美國國土安全部",
    "加拿大移民部",
    "香港特區政府",
    "台灣國發會",
    "a university economist",
    "the White House",
    "a think-tank report",
]
OUTLETS = [
    ("端傳媒", "initium"),
    ("明報", "mingpao"),
    ("報導者", "twreporter"),
    ("BBC 中文", "bbc-zh"),
    ("聯合早報", "zaobao"),
    ("Reuters", "reuters"),
    ("South China Morning Post", "scmp"),
    ("Caixin Global", "caixin"),
]
SOURCE_PUBLISHERS = [
    ("國家統計局 National Bureau of Statistics", "nbs"),
    ("教育部 Ministry of Education", "moe"),
    ("US Citizenship and Immigration Services", "uscis"),
    ("Immigration, Refugees and Citizenship Canada", "ircc"),
    ("World Intellectual Property Organization", "wipo"),
    ("UNESCO Institute for Statistics", "uis"),
    ("香港統計處 Census and Statistics Department", "censtatd"),
    ("國發會 National Development Council", "ndc"),
    ("World Bank", "worldbank"),
    ("OECD", "oecd"),
]
RULINGS = {
    "accurate": ("The official figure matches the claim.", "官方數字與說法相符。"),
    "mostly-accurate": (
        "The figure is right, but the claim leaves out a qualification that matters.",
        "數字正確,但說法略去了重要的前提。",
    ),
    "misleading": (
        "The number is real but the comparison it draws does not hold.",
        "數字屬實,但據此作出的比較並不成立。",
    ),
    "inaccurate": ("The published statistics give a different figure.", "公開統計給出的數字不同。"),
    "unverifiable": (
        "No public source gives this figure; the claimant did not answer our questions.",
        "沒有公開來源提供此數字,說法提出者亦未回應查詢。",
    ),
}
