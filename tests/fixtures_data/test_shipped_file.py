"""The shipped fixture file itself: complete, well-formed, and true to the research rules."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal

from claims.models import ClaimKind, Comparator, Unit
from claims.quantity.scan import find_all
from tests.fixtures_data.conftest import claim_in

PUBLIC_ID = re.compile(r"^[23456789abcdefghjkmnpqrstuvwxyz]{8}$")


def test_it_holds_all_86_claims_once_each(shipped):
    slugs = [claim["slug"] for claim in shipped["claims"]]
    assert len(slugs) == 86
    assert len(set(slugs)) == 86
    assert Counter(claim["kind"] for claim in shipped["claims"]) == {
        "numeric": 34,
        "factual": 21,
        "date": 20,
        "attribution": 11,
    }


def test_every_public_id_is_well_formed_and_unique(shipped):
    ids = [claim["public_id"] for claim in shipped["claims"]]
    assert all(PUBLIC_ID.match(public_id) for public_id in ids), ids
    assert len(set(ids)) == 86


def test_every_quote_is_found_at_its_paragraph_between_its_prefix_and_suffix(
    shipped, article_paragraphs
):
    for claim in shipped["claims"]:
        paragraph = article_paragraphs[claim["paragraph"] - 1]
        parts = claim["quote"].split("...")
        start = paragraph.index(claim["quote_prefix"] + parts[0]) + len(claim["quote_prefix"])
        position = start
        for part in parts:
            position = paragraph.index(part, position) + len(part)
        assert paragraph[position:].startswith(claim["quote_suffix"]), claim["slug"]
        assert len(claim["quote_prefix"]) <= 20 and len(claim["quote_suffix"]) <= 20


def test_the_quote_context_is_taken_from_right_beside_the_quote(shipped, article_paragraphs):
    claim = claim_in(shipped, "youth-unemp-2025-08")
    paragraph = article_paragraphs[claim["paragraph"] - 1]
    assert claim["quote_prefix"] + claim["quote"] + claim["quote_suffix"] in paragraph
    assert claim["quote_prefix"] == "事實上,"


def test_every_numeric_claim_has_a_value_unit_and_comparator(shipped):
    for claim in shipped["claims"]:
        if claim["kind"] == ClaimKind.NUMERIC:
            assert claim["value"] is not None, claim["slug"]
        if claim["value"] is not None:
            Decimal(claim["value"])
            assert claim["unit"] in Unit.values, claim["slug"]
            assert claim["comparator"] in Comparator.values, claim["slug"]
        else:
            assert claim["unit"] == claim["comparator"] == "", claim["slug"]


def test_dates_stay_in_the_period_not_in_the_unit(shipped):
    dated = [claim for claim in shipped["claims"] if claim["kind"] == ClaimKind.DATE]
    assert len(dated) == 20
    for claim in dated:
        assert claim["value"] is None and claim["unit"] == "", claim["slug"]
        assert claim["period"], claim["slug"]
    assert claim_in(shipped, "kvisa-launch-oct1")["period"] == "2025-10-01"


def test_the_research_comparators_are_kept(shipped):
    assert claim_in(shipped, "liepin-ai-gap-500wan")["comparator"] == ">"
    assert claim_in(shipped, "pd-quote-3000wan")["comparator"] == "≈"
    assert claim_in(shipped, "guide-2985-7")["value"] == "29857000"
    assert claim_in(shipped, "youth-unemp-2025-08")["value"] == "18.9"


def test_sources_are_one_per_address(shipped):
    urls = [source["url"] for source in shipped["sources"]]
    with_url = [url for url in urls if url]
    assert len(with_url) == len(set(with_url))
    assert all(url.startswith(("http://", "https://")) for url in with_url)


def test_every_figure_a_published_ruling_states_is_in_one_of_its_evidence_rows(shipped):
    """A reader can trace each figure of a ruling to a passage we cite. Figures the parser gives
    no unit (days of a month, document numbers) and small counts, which sources spell out in
    words ("six counts"), are left out."""
    missing = []
    for claim in shipped["claims"]:
        if claim["status"] != "published":
            continue
        cited = {Decimal(row["value"]) for row in claim["evidence"] if row["value"]}
        for row in claim["evidence"]:
            cited |= {found.quantity.value for found in find_all(row["excerpt"])}
        for field in ("ruling", "ruling_zh_hant"):
            for found in find_all(claim[field]):
                quantity = found.quantity
                if quantity.unit is None or (quantity.unit == "count" and quantity.value < 13):
                    continue
                if quantity.value not in cited:
                    missing.append((claim["slug"], field, found.text))
    assert missing == []


def test_the_ruling_figure_check_finds_a_figure_without_its_row(shipped):
    claim = json.loads(json.dumps(claim_in(shipped, "grads-1158-2025")))
    claim["ruling"] += " About 13.5 million are expected in 2026."
    figures = [found.quantity.value for found in find_all(claim["ruling"])]
    assert Decimal("13500000") in figures
    cited = {
        found.quantity.value for row in claim["evidence"] for found in find_all(row["excerpt"])
    }
    assert Decimal("13500000") not in cited


def test_no_decisive_verdict_rests_only_on_copies_of_unknown_reliability(shipped):
    sources = {source["slug"]: source for source in shipped["sources"]}
    for claim in shipped["claims"]:
        if claim["status"] != "published" or claim["verdict"] == "unverifiable":
            continue
        trusted = [
            row
            for row in claim["evidence"]
            if row["seen"]
            and not (
                sources[row["source"]]["kind"] == "copy"
                and sources[row["source"]].get("copy_reliability") != "reputable"
            )
        ]
        assert trusted, claim["slug"]


def test_no_spam_or_proxy_mirror_is_cited_as_an_original(shipped):
    mirrors = ("rrqrq.com", "tushygear.com", "ghilliesuitmarket.com", "198.44.248.91")
    for source in shipped["sources"]:
        if any(host in source["url"] for host in mirrors):
            assert source["kind"] == "copy", source["slug"]
            assert source["copy_of"]["title"], source["slug"]
            assert source["copy_reliability"] == "unknown", source["slug"]


def test_published_claims_say_when_they_were_checked_and_published(shipped):
    for claim in shipped["claims"]:
        if claim["status"] == "published":
            assert claim["published_at"] <= claim["reviewed_at"], claim["slug"]
            assert claim["published_at"].startswith("2026-"), claim["slug"]
        else:
            assert claim["published_at"] is None and claim["reviewed_at"] is None


def test_every_evidence_value_has_a_unit_and_is_exact(shipped):
    valued = 0
    for claim in shipped["claims"]:
        for row in claim["evidence"]:
            assert (row["value"] is None) == (row["unit"] == ""), claim["slug"]
            if row["value"] is not None:
                valued += 1
                assert isinstance(row["value"], str)
                Decimal(row["value"])
    assert valued > 30


def test_published_claims_carry_rulings_in_both_languages(shipped):
    for claim in shipped["claims"]:
        if claim["status"] == "published":
            assert claim["verdict"] != "pending", claim["slug"]
            assert claim["ruling"] and claim["ruling_zh_hant"], claim["slug"]
            assert any(row["seen"] for row in claim["evidence"]), claim["slug"]
        else:
            assert claim["verdict"] == "pending", claim["slug"]
            assert claim["ruling"] == "", claim["slug"]
            assert "Still to check:" in claim["research_notes"], claim["slug"]


def test_claims_without_sources_stay_drafts(shipped):
    for claim in shipped["claims"]:
        if not claim["evidence"]:
            assert claim["status"] == "draft", claim["slug"]


def test_the_notable_findings_are_ruled_on(shipped):
    graduates = claim_in(shipped, "grads-1158-2025")
    assert graduates["verdict"] == "inaccurate"
    assert "2023" in graduates["ruling"] and "12.22 million" in graduates["ruling"]
    assert "1222萬" in graduates["ruling_zh_hant"]

    # The end-2018 figure was seen only in a mirror of the China Daily story: not enough alone.
    shanghai = claim_in(shipped, "shanghai-215k-2021")
    assert shanghai["verdict"] == "unverifiable"
    assert "end of 2018" in shanghai["ruling"] and "2018年底" in shanghai["ruling_zh_hant"]

    students = claim_in(shipped, "students-2018-2020-drop")
    assert students["value"] == "254019"
    assert "digit grouping of the 2020 total is a typo" in students["ruling"]

    # Corrected on the record: the notice is dated 12 September and took effect on the 15th.
    exchange = claim_in(shipped, "safe-sept12-downpayment")
    assert exchange["verdict"] == "mostly-accurate"
    assert "12 September 2025" in exchange["ruling"] and "9月12日" in exchange["ruling_zh_hant"]
    assert exchange["corrections"][-1]["from_verdict"] == "inaccurate"

    rule = claim_in(shipped, "intl-student-rule-2021")
    assert rule["verdict"] == "mostly-accurate"
    assert "1 January 2021" in rule["ruling"] and "2021年1月1日" in rule["ruling_zh_hant"]


# A figure stands alone: "3" in "前3大" is the figure, the 3 in "2023" is not.
def _written_in(value: Decimal, text: str) -> bool:
    written = format(value.normalize(), "f")
    grouped = f"{value.normalize():,f}"
    return any(
        re.search(rf"(?<![\d.,]){re.escape(w)}(?![\d.,]*\d)", text) for w in {written, grouped}
    )


def test_every_claim_has_a_chinese_restatement_with_its_figure(shipped):
    """The Chinese restatement says what the English one says: for a claim with a value, the
    scanner reads that value in it (or, for ranks and ratios it does not read, the number is
    written out)."""
    missing = []
    for claim in shipped["claims"]:
        text = claim["restatement_zh"]
        assert text.strip() and text != claim["restatement"], claim["slug"]
        assert re.search(r"[\u4e00-\u9fff]", text), claim["slug"]
        if claim["value"] is None:
            continue
        value = Decimal(claim["value"])
        read = {found.quantity.value for found in find_all(text)}
        if value not in read and not _written_in(value, text):
            missing.append((claim["slug"], claim["value"], text))
    assert missing == []


def test_the_chinese_restatement_keeps_the_figure_and_unit_the_scanner_reads(shipped):
    for slug, value, unit in [
        ("h1b-fee-100k", "100000", "USD"),
        ("guide-2985-7", "29857000", "persons"),
        ("gz-subsidy-588m-1902", "588000000", "CNY"),
        ("youth-unemp-2025-08", "18.9", "percent"),
        ("students-2018-2020-drop", "254019", "persons"),
    ]:
        found = find_all(claim_in(shipped, slug)["restatement_zh"])
        assert (Decimal(value), unit) in {(f.quantity.value, f.quantity.unit) for f in found}


def test_the_figure_check_finds_a_chinese_restatement_without_its_figure():
    assert not _written_in(Decimal("3"), "2023年,中國排名倒數第三。")
    assert _written_in(Decimal("3"), "中國排名倒數第3。")
    assert _written_in(Decimal("254019"), "至254,019人")
