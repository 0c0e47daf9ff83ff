"""ClaimReview and its feed over HTTP, CSV export, and the claims:search alias."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim
from tests.api.test_claimreview import assert_valid_claimreview

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(registry, article):
    article.published_on = timezone.now().date()
    article.published_precision = "day"
    article.url = "https://theinitium.com/article/k-visa"
    article.save()
    return registry


class TestClaimReviewEndpoints:
    def test_it_serves_json_ld(self, api, dated, settings):
        settings.SITE_URL = "https://registry.example"
        claim = dated["youth"]
        response = api.get(f"/api/v1/claims/{claim.public_id}/claimreview/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/ld+json")
        review = response.json()
        assert_valid_claimreview(review)
        assert review["url"] == f"https://registry.example/claims/{claim.public_id}/"

    def test_it_builds_urls_from_the_request_without_site_url(self, api, dated, settings):
        settings.SITE_URL = ""
        claim = dated["youth"]
        review = api.get(f"/api/v1/claims/{claim.public_id}/claimreview/").json()
        assert review["url"] == f"http://testserver/claims/{claim.public_id}/"

    def test_it_serves_the_feed(self, api, dated):
        feed = api.get("/api/v1/claimreview-feed/").json()
        assert feed["@type"] == "DataFeed"
        assert len(feed["dataFeedElement"]) == 3
        for element in feed["dataFeedElement"]:
            assert element["@type"] == "DataFeedItem"
            assert_valid_claimreview({**element["item"][0], "@context": feed["@context"]})


class TestCsvExport:
    def read(self, response) -> list[dict]:
        text = response.content.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    def test_it_exports_the_filtered_list(self, api, registry):
        response = api.get("/api/v1/claims/export/?verdict=accurate,mostly-accurate")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = self.read(response)
        assert {row["id"] for row in rows} == {
            registry["youth"].public_id,
            registry["h1b"].public_id,
        }
        youth = next(row for row in rows if row["id"] == registry["youth"].public_id)
        assert youth["quote"] == registry["youth"].quote
        assert youth["value"] == "18.9"
        assert youth["verdict_zh_hant"] == registry["youth"].verdict.label_zh_hant

    def test_it_defuses_spreadsheet_formulas(self, api, registry):
        Claim.objects.filter(pk=registry["youth"].pk).update(claimant='=HYPERLINK("x")')
        rows = self.read(api.get("/api/v1/claims/export/?verdict=accurate"))
        assert rows[0]["claimant"] == '\'=HYPERLINK("x")'

    def test_it_answers_bad_filters_in_json(self, api, registry):
        response = api.get("/api/v1/claims/export/?value_min=abc", HTTP_ACCEPT="text/csv")
        assert response.status_code == 400
        assert response.json()["errors"]["value_min"]


class TestFactCheckSearch:
    def test_it_answers_in_google_fact_check_tools_shape(self, api, dated):
        response = api.get("/api/v1/claims:search", {"query": "失業率"})
        assert response.status_code == 200
        (claim,) = response.json()["claims"]
        assert claim["text"] == dated["youth"].quote
        assert claim["claimant"] == "國家統計局"
        assert claim["claimDate"]
        (review,) = claim["claimReview"]
        assert review["textualRating"] == "Accurate"
        assert review["languageCode"] == "en"
        assert review["url"].endswith(f"/claims/{dated['youth'].public_id}/")
        assert set(review["publisher"]) == {"name", "site"}

    def test_it_rates_in_chinese_when_asked(self, api, registry):
        body = api.get("/api/v1/claims:search", {"query": "失業率", "languageCode": "zh-TW"})
        review = body.json()["claims"][0]["claimReview"][0]
        assert review["languageCode"] == "zh-Hant"
        assert review["textualRating"] == registry["youth"].verdict.label_zh_hant

    def test_it_has_nothing_in_other_languages(self, api, registry):
        body = api.get("/api/v1/claims:search", {"query": "失業率", "languageCode": "fr"})
        assert body.json() == {"claims": []}

    def test_it_pages_with_tokens(self, api, registry):
        first = api.get("/api/v1/claims:search", {"query": "簽證", "pageSize": 1}).json()
        assert len(first["claims"]) == 1
        second = api.get(
            "/api/v1/claims:search",
            {"query": "簽證", "pageSize": 1, "pageToken": first["nextPageToken"]},
        ).json()
        assert len(second["claims"]) == 1
        assert "nextPageToken" not in second
        assert first["claims"][0]["text"] != second["claims"][0]["text"]

    def test_it_filters_by_age(self, api, registry):
        Claim.objects.filter(pk=registry["h1b"].pk).update(
            reviewed_at=timezone.now() - timedelta(days=40)
        )
        body = api.get("/api/v1/claims:search", {"query": "簽證", "maxAgeDays": 30}).json()
        assert [c["claimant"] for c in body["claims"]] == ["中國國務院 State Council"]

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({}, "query"),
            ({"query": "x", "pageSize": "0"}, "pageSize"),
            ({"query": "x", "pageSize": "100000"}, "pageSize"),
            ({"query": "x", "maxAgeDays": "soon"}, "maxAgeDays"),
            ({"query": "x", "pageToken": "forged!"}, "pageToken"),
            ({"query": "x", "pageToken": "bzp4"}, "pageToken"),
        ],
    )
    def test_it_refuses_bad_input(self, api, registry, params, field):
        response = api.get("/api/v1/claims:search", params)
        assert response.status_code == 400
        assert field in response.json()["errors"]
