"""manage.py import_claimreview: DataFeeds, claims:search answers and HTML articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from elsewhere.models import ExternalReview, ImportRun
from tests.elsewhere.conftest import claim_review, data_feed

pytestmark = pytest.mark.django_db


def test_it_imports_a_data_feed(write, run_import):
    out, err = run_import(write(data_feed(claim_review())))
    review = ExternalReview.objects.get()
    assert review.url == "https://factcheck.example/a"
    assert review.publisher_name == "Example Check"
    assert review.publisher_site == "https://factcheck.example"
    assert review.claim_reviewed == "China had 11.58 million college graduates in 2023."
    assert review.claim_text == "Graduates reached 11.58 million in 2023."
    assert review.claimant == "A minister"
    assert review.claim_date == "2023-12"
    assert review.rating == "Mostly true"
    assert review.rating_value == 4
    assert review.meaning == "mostly-accurate"
    assert review.published_at == datetime(2024, 1, 5, tzinfo=UTC)
    assert review.figure_value == Decimal("11580000")
    assert review.years == "2023"
    assert review.place == "CN"
    assert review.figures == [["11580000", "10000", "", "="]]
    assert review.feed.endswith("feed.json")
    assert review.import_run.created == 1
    assert "1 new, 0 updated, 0 unchanged, 0 skipped" in out
    assert err == ""


def test_reimporting_updates_and_never_duplicates(write, run_import):
    run_import(write(data_feed(claim_review())))
    first = ExternalReview.objects.get()
    out, _ = run_import(write(data_feed(claim_review())))
    assert "0 new, 0 updated, 1 unchanged" in out
    changed = claim_review(reviewRating={"@type": "Rating", "alternateName": "False"})
    out, _ = run_import(write(data_feed(changed)))
    assert "0 new, 1 updated, 0 unchanged" in out
    review = ExternalReview.objects.get()
    assert review.pk == first.pk
    assert (review.rating, review.meaning) == ("False", "inaccurate")
    assert review.imported_at == first.imported_at
    assert review.import_run == ImportRun.objects.order_by("-pk").first()


def test_a_bad_record_is_reported_by_position_and_the_rest_lands(write, run_import):
    feed = data_feed(
        claim_review("https://factcheck.example/1"),
        claim_review("ftp://factcheck.example/2"),
        claim_review("https://factcheck.example/3", datePublished="yesterday"),
        claim_review("https://factcheck.example/4", claimReviewed="", itemReviewed={}),
        claim_review("https://factcheck.example/5", author={"name": ["x"] * 0}),
        claim_review("https://factcheck.example/6"),
    )
    feed["dataFeedElement"].append("not a record")
    out, err = run_import(write(feed))
    assert sorted(ExternalReview.objects.values_list("url", flat=True)) == [
        "https://factcheck.example/1",
        "https://factcheck.example/6",
    ]
    assert "dataFeedElement[1]: skipped: its review URL is not an http(s) address" in err
    assert "dataFeedElement[2]: skipped: its datePublished is not a date: 'yesterday'" in err
    assert "dataFeedElement[3]: skipped: it names no claim" in err
    assert "dataFeedElement[4]: skipped: it names no publisher" in err
    assert "dataFeedElement[6]: skipped: not a JSON object" in err
    assert "2 new, 0 updated, 0 unchanged, 5 skipped" in out
    run = ImportRun.objects.get()
    assert run.rejected == 5
    assert run.problems[0]["position"] == "dataFeedElement[1]"


def test_an_operator_reads_the_import_in_traditional_chinese(write, run_import):
    feed = data_feed(
        claim_review("https://factcheck.example/1"),
        claim_review("https://factcheck.example/2", datePublished="yesterday"),
    )
    with translation.override("zh-hant"):
        out, err = run_import(write(feed))
    assert "dataFeedElement[1]：已略過：其 datePublished 不是日期：'yesterday'。" in err
    assert "新增 1 筆、更新 0 筆、未變 0 筆、略過 1 筆" in out
    assert ImportRun.objects.get().problems[0]["reason"].startswith("其 datePublished 不是日期")


def test_it_imports_a_fact_check_tools_answer(write, run_import):
    answer = {
        "claims": [
            {
                "text": "應屆畢業生數量達1158萬",
                "claimant": "教育部",
                "claimDate": "2023-06-01T00:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "台灣事實查核中心", "site": "tfc-taiwan.org.tw"},
                        "url": "https://tfc-taiwan.org.tw/articles/1",
                        "title": "畢業生人數",
                        "reviewDate": "2023-07-01T08:00:00Z",
                        "textualRating": "部分錯誤",
                        "languageCode": "zh",
                    },
                    {"publisher": {"name": "No URL"}, "textualRating": "False"},
                ],
            },
            {"text": "no reviews"},
        ],
        "nextPageToken": "abc",
    }
    out, err = run_import(write(answer))
    review = ExternalReview.objects.get()
    assert review.claim_reviewed == "應屆畢業生數量達1158萬"
    assert review.publisher_name == "台灣事實查核中心"
    assert review.claim_date == "2023-06-01"
    assert review.language == "zh"
    assert review.meaning == "misleading"
    assert (review.figure_value, review.figure_unit) == (Decimal("11580000"), "persons")
    assert "claims[0].claimReview[1]: skipped: it has no review URL" in err
    assert "claims[1]: skipped: the claim has no claimReview list" in err


def test_it_imports_claimreview_from_an_html_article(write, run_import):
    review = claim_review("https://factcheck.example/html", claimReviewed="</script><b>x</b>")
    page = (
        "<html><head><title>A check</title>"
        '<script type="application/ld+json">'
        # Escaped as a page must, so the claim's "</script>" does not end the element.
        + json.dumps(
            {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, review]}
        ).replace("<", "\\u003c")
        + "</script></head><body><p>Text</p></body></html>"
    )
    out, err = run_import(write(page, "article.html"))
    assert ExternalReview.objects.get().claim_reviewed == "</script><b>x</b>"
    assert "1 new" in out


def test_an_unknown_rating_stays_unknown(write, run_import):
    odd = claim_review(reviewRating={"@type": "Rating", "alternateName": "Four Pinocchios?"})
    run_import(write(data_feed(odd)))
    assert ExternalReview.objects.get().meaning == "unknown"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "neither JSON nor HTML"),
        ('{"@type": "DataFeed", "dataFeedElement": [{"@type"', "the JSON stops or breaks"),
        # Python will not read an integer this long, and ijson's C parser would crash on it.
        ('{"dataFeedElement": [' + "9" * 5000 + "]}", "a run of more than 4299 digits"),
        # 200 kB nested this deep once took the parser gigabytes.
        ("[" * 100_000 + "]" * 100_000, "the JSON nests deeper than 64 levels"),
    ],
)
def test_a_source_that_cannot_be_read_is_named(write, content, message):
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_claimreview", write(content), "--no-progress", stderr=err)
    assert message in err.getvalue()
    assert ExternalReview.objects.count() == 0


def test_a_missing_file_is_named(tmp_path):
    err = StringIO()
    missing = str(tmp_path / "missing.json")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_claimreview", missing, "--no-progress", stderr=err)
    assert f"{missing}: not imported: cannot open the file: No such file or directory." in (
        err.getvalue()
    )


def test_one_good_source_among_bad_ones_is_imported(write, run_import, tmp_path):
    out, err = run_import(str(tmp_path / "missing.json"), write(data_feed(claim_review())))
    assert "not imported" in err
    assert ExternalReview.objects.count() == 1
