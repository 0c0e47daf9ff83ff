"""What a reader reads: the verdict said once, dates as each language writes them, an icon."""

from __future__ import annotations

import datetime

import pytest

from claims import workflow
from claims.models import Claim
from sources.fields import DatePrecision
from tests.public.test_pages import page


def verdict_section(body: str) -> str:
    return body.split('class="verdict"')[1].split("</section>")[0]


class TestVerdictSaidOnce:
    def test_it_drops_the_verdict_the_ruling_opens_with(self, client, make_reviewable, publish):
        claim = make_reviewable(ruling="Accurate. The NBS release gives 18.9%.")
        claim.ruling_zh_hant = "正確。國家統計局公布的數字是18.9%。"
        with workflow.unrecorded_writes(claim.pk):  # test data, not an edit
            claim.save(update_fields=["ruling_zh_hant"])
        publish(claim, "accurate")
        english = verdict_section(page(client, f"/claims/{claim.public_id}/"))
        assert english.count("Accurate") == 1
        assert '<p class="ruling" lang="en">The NBS release gives 18.9%.</p>' in english
        chinese = verdict_section(page(client, f"/claims/{claim.public_id}/?lang=zh-hant"))
        assert chinese.count("正確") == 1
        assert "國家統計局公布的數字是18.9%。" in chinese

    def test_the_badge_panel_and_the_card_say_it_once_too(self, client, make_reviewable, publish):
        claim = publish(make_reviewable(ruling="Accurate. The NBS release gives 18.9%."))
        data = client.get(f"/embed/{claim.public_id}.json").json()
        assert (data["message"], data["ruling"]) == ("Accurate", "The NBS release gives 18.9%.")
        card = page(client, f"/embed/{claim.public_id}/")
        assert ">The NBS release gives 18.9%.</p>" in card

    def test_it_keeps_a_ruling_that_only_starts_like_the_verdict(
        self, client, make_reviewable, publish
    ):
        claim = publish(make_reviewable(ruling="Accurately reported: the NBS gives 18.9%."))
        section = verdict_section(page(client, f"/claims/{claim.public_id}/"))
        assert "Accurately reported: the NBS gives 18.9%." in section


class TestDates:
    @pytest.fixture
    def dated_claim(self, published_claim) -> Claim:
        article = published_claim.article
        article.published_on = datetime.date(2025, 10, 4)
        article.published_precision = DatePrecision.MONTH
        article.save()
        return published_claim

    def test_it_writes_dates_in_chinese_on_a_chinese_page(self, client, dated_claim):
        body = page(client, f"/claims/{dated_claim.public_id}/?lang=zh-hant")
        published = dated_claim.published_at
        assert f"{published.year}年{published.month}月{published.day}日" in body
        assert "2025年10月" in body
        assert "2025-10" not in body.split("<main>")[1]  # ISO dates stay in the JSON-LD only

    def test_it_writes_dates_in_english_on_an_english_page(self, client, dated_claim):
        body = page(client, f"/claims/{dated_claim.public_id}/")
        assert "October 2025" in body
        assert "2025-10" not in body.split("<main>")[1]  # ISO dates stay in the JSON-LD only


class TestFavicon:
    def test_it_answers_favicon_ico_with_the_icon(self, client, db):
        response = client.get("/favicon.ico")
        assert response.status_code == 301
        assert response["Location"] == "/static/public/favicon.svg"

    def test_every_page_links_the_icon(self, client, db):
        assert '<link rel="icon" href="/static/public/favicon.svg" type="image/svg+xml">' in page(
            client, "/methodology/"
        )
