"""The machine check of evidence against its archived copy: excerpt and figure, or not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from claims.checks.archive import (
    ARCHIVE_EXCERPT_FOUND,
    ARCHIVE_EXCERPT_MISSING,
    ARCHIVE_FIGURE_FOUND,
    ARCHIVE_FIGURE_MISSING,
    ARCHIVE_MATCHES,
    ARCHIVE_NO_TEXT,
    archive_check,
    figure_in,
)
from claims.checks.for_claim import ARCHIVE, claim_checks, with_checks_prefetched
from claims.models import Claim
from sources.archive.capture import source_capture
from sources.archive.matching import excerpt_in

DAY = date(2026, 12, 8)
RELEASE = (
    "2023年國民經濟和社會發展統計公報\n"
    "全年城鎮新增就業1244萬人，比上年多增38萬人。\n"
    "全國城鎮調查失業率平均值為５．２％。"
)


def check(excerpt="", value=None, text=RELEASE):
    return archive_check(excerpt=excerpt, value=value, text=text, captured_on=DAY)


def test_it_finds_the_excerpt_and_the_figure():
    flag = check("全年城鎮新增就業1244萬人", Decimal("12440000"))
    assert flag.outcome == ARCHIVE_MATCHES and not flag.flagged
    assert flag.explanation_in("en") == (
        "The excerpt and the figure 1244萬人 appear in the copy captured on 2026-12-08."
    )
    assert "1244萬" in flag.explanation_in("zh-hant")
    assert "2026-12-08" in flag.explanation_in("zh-hant")


@pytest.mark.parametrize(
    "excerpt",
    [
        "全年城鎮新增就業 1244 萬人,比上年多增 38 萬人",  # spaces, half-width comma
        "全國城鎮調查失業率平均值為5.2%",  # half-width for the copy's full-width
        "「全年城鎮新增就業1244萬人」",  # quotation marks of the editor's own
        "全年城鎮新增就業…多增38萬人",  # an ellipsis for words left out
        "全年城鎮新增就業1244萬人,\n比上年多增38萬人",
    ],
)
def test_it_matches_as_a_reader_would(excerpt):
    assert excerpt_in(excerpt, RELEASE)


@pytest.mark.parametrize(
    "excerpt", ["全年城鎮新增就業1245萬人", "多增38萬人…全年城鎮新增就業", "……", ""]
)
def test_it_does_not_match_a_different_passage(excerpt):
    assert not excerpt_in(excerpt, RELEASE)


def test_it_flags_an_excerpt_missing_from_the_copy():
    flag = check("全年城鎮新增就業1300萬人", Decimal("13000000"))
    assert flag.outcome == ARCHIVE_EXCERPT_MISSING and flag.flagged
    assert flag.explanation_in("en").startswith("Neither the excerpt nor the figure")


def test_it_says_when_the_figure_is_there_though_the_excerpt_is_not():
    flag = check("新增就業人數為1244萬", Decimal("12440000"))
    assert flag.outcome == ARCHIVE_EXCERPT_MISSING
    assert "though the figure 1244萬人 is" in flag.explanation_in("en")


def test_it_flags_a_figure_missing_beside_a_matching_excerpt():
    flag = check("全年城鎮新增就業1244萬人", Decimal("12450000"))
    assert flag.outcome == ARCHIVE_FIGURE_MISSING and flag.flagged


def test_a_row_with_only_an_excerpt_or_only_a_figure():
    assert check("比上年多增38萬人").outcome == ARCHIVE_EXCERPT_FOUND
    assert check(value=Decimal("5.2")).outcome == ARCHIVE_FIGURE_FOUND
    assert check(value=Decimal("7.7")).outcome == ARCHIVE_FIGURE_MISSING
    assert check() is None


def test_a_copy_without_text_is_said_so_not_flagged():
    flag = check("全年城鎮新增就業1244萬人", Decimal("12440000"), text="  \n ")
    assert flag.outcome == ARCHIVE_NO_TEXT and not flag.flagged


def test_it_finds_a_figure_printed_another_way_in_a_long_copy():
    long_copy = "其他內容。" * 20_000 + "新增就業人數達12,440,000人。" + "其他內容。" * 100
    assert figure_in(Decimal("12440000"), "", long_copy) == "12,440,000人"
    assert figure_in(Decimal("12450000"), "", long_copy) is None


@pytest.fixture
def captured(reviewable_claim, source, httpserver, archive_settings):
    page = (
        "<html><body><article><p>8月份，全國城鎮不包含在校生的16-24歲勞動力失業率為18.9%，"
        "比上月上升1.1個百分點。</p></article></body></html>"
    )
    httpserver.expect_request("/release").respond_with_data(
        page, content_type="text/html; charset=utf-8"
    )
    source.url = httpserver.url_for("/release")
    source.save()
    return source_capture(source=source)


def test_the_check_sits_beside_the_other_machine_checks(reviewable_claim, captured):
    claim = with_checks_prefetched(Claim.objects.filter(pk=reviewable_claim.pk)).get()
    [archived] = [check for check in claim_checks(claim) if check.kind == ARCHIVE]
    assert archived.outcome == ARCHIVE_MATCHES
    data = archived.as_dict()
    assert data["kind_label_en"] == "evidence against the archived copy"
    assert data["explanation_en"] == (
        "The excerpt and the figure 18.9% appear in the copy captured on "
        f"{captured.captured_at.date().isoformat()}."
    )


def test_a_source_never_captured_gets_no_archive_check(reviewable_claim):
    assert all(check.kind != ARCHIVE for check in claim_checks(reviewable_claim))
