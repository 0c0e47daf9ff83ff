"""ClaimReview and its feed over HTTP, CSV export, and the claims:search alias."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

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

    @pytest.mark.parametrize(
        "hostile",
        ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "==1", "=1", "\t=1", "\r=1", "=A1"]
        # Python reads these as numbers; a spreadsheet need not.
        + ["-inf", "+1_000", "-nan", "+1e5"],
    )
    def test_it_defuses_spreadsheet_formulas(self, api, registry, hostile):
        Claim.objects.filter(pk=registry["youth"].pk).update(claimant=hostile)
        rows = self.read(api.get("/api/v1/claims/export/?verdict=accurate"))
        assert rows[0]["claimant"] == "'" + hostile

    def test_it_reads_back_in_pandas_as_the_json_gives(self, api, registry):
        import pandas

        Claim.objects.filter(pk=registry["youth"].pk).update(comparator="=")
        Claim.objects.filter(pk=registry["h1b"].pk).update(comparator="≥")
        response = api.get("/api/v1/claims/export/")
        frame = pandas.read_csv(
            io.BytesIO(response.content), encoding="utf-8-sig", dtype=str, keep_default_na=False
        )
        listed = {row["id"]: row for row in api.get("/api/v1/claims/").json()["results"]}
        assert len(frame) == len(listed) == 3
        for row in frame.to_dict("records"):
            claim = listed[row["id"]]
            for field in ("quote", "claimant", "comparator", "unit", "period", "place"):
                assert row[field] == claim[field], field
            # The same number in plain digits, without the JSON's trailing zeros.
            if claim["value"] is None:
                assert row["value"] == ""
            else:
                assert Decimal(row["value"]) == Decimal(claim["value"])
                assert re.fullmatch(r"-?\d+(\.\d*[1-9])?", row["value"]), row["value"]
        assert set(frame["comparator"]) == {"=", "≥", ""}

    def test_its_columns_are_the_json_fields_that_hold_one_value(self, api, registry):
        rows = self.read(api.get("/api/v1/claims/export/"))
        listed = {row["id"]: row for row in api.get("/api/v1/claims/").json()["results"]}
        assert list(rows[0]) == [
            *("id", "slug", "status", "quote", "quote_language", "restatement"),
            *("restatement_zh", "claimant", "kind", "value", "comparator", "unit", "period"),
            *("place", "article", "article_url", "paragraph", "verdict", "verdict_en"),
            *("verdict_zh_hant", "ruling", "ruling_zh_hant", "reviewed_at", "published_at"),
            "updated_at",
        ]
        for row in rows:
            claim = listed[row["id"]]
            for field in ("slug", "status", "ruling", "reviewed_at", "published_at", "updated_at"):
                assert row[field] == claim[field], field
            appearance = claim["appears_in"]
            assert row["article"] == appearance["article"]["title"]
            assert row["paragraph"] == str(appearance["paragraph"])
            assert row["verdict_en"] == claim["verdict"]["label_en"]

    def test_the_list_answers_accept_text_csv(self, api, registry):
        response = api.get("/api/v1/claims/?verdict=accurate", HTTP_ACCEPT="text/csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert [row["id"] for row in self.read(response)] == [registry["youth"].public_id]
        assert "Accept" in response["Vary"]
        json_answer = api.get("/api/v1/claims/?verdict=accurate")
        assert json_answer["Content-Type"] == "application/json"
        assert "Accept" in json_answer["Vary"]

    @pytest.mark.parametrize(
        ("path", "accept"),
        [("/api/v1/claims/export/", "*/*"), ("/api/v1/claims/", "text/csv")],
    )
    def test_the_csv_has_an_etag_and_answers_304(self, api, registry, path, accept):
        first = api.get(path, HTTP_ACCEPT=accept)
        assert first["ETag"]
        again = api.get(path, HTTP_ACCEPT=accept, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304

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
            ({"query": ""}, "query"),
            ({"query": "x", "pageSize": "-1"}, "pageSize"),
            ({"query": "x", "pageSize": str(2**31)}, "pageSize"),
            ({"query": "x", "offset": "-1"}, "offset"),
            ({"query": "x", "maxAgeDays": "soon"}, "maxAgeDays"),
            ({"query": "x", "pageToken": "forged!"}, "pageToken"),
            ({"query": "x", "pageToken": "bzp4"}, "pageToken"),
        ],
    )
    def test_it_refuses_bad_input_as_google_does(self, api, registry, params, field):
        response = api.get("/api/v1/claims:search", params)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == 400
        assert error["status"] == "INVALID_ARGUMENT"
        assert error["message"].startswith(f"{field}: ")
        (detail,) = error["details"]
        assert detail["@type"] == "type.googleapis.com/google.rpc.BadRequest"
        assert field in {violation["field"] for violation in detail["fieldViolations"]}

    def test_it_answers_other_errors_as_google_does(self, api, registry):
        response = api.post("/api/v1/claims:search", {"query": "x"}, format="json")
        assert response.status_code == 405
        assert response.json()["error"]["status"] == "UNIMPLEMENTED"

    def test_it_takes_any_page_size_google_takes_and_gives_at_most_a_page(
        self, api, registry, settings
    ):
        settings.API_MAX_PAGE_SIZE = 2
        body = api.get("/api/v1/claims:search", {"query": "簽證", "pageSize": 2**31 - 1}).json()
        assert len(body["claims"]) == 2

    def test_a_zero_page_size_means_the_default(self, api, registry):
        body = api.get("/api/v1/claims:search", {"query": "簽證", "pageSize": 0}).json()
        assert len(body["claims"]) == 2

    def test_it_starts_at_the_offset(self, api, registry):
        everything = api.get("/api/v1/claims:search", {"query": "簽證"}).json()["claims"]
        body = api.get("/api/v1/claims:search", {"query": "簽證", "offset": 1}).json()
        assert body["claims"] == everything[1:]

    def test_a_page_token_wins_over_the_offset(self, api, registry):
        first = api.get("/api/v1/claims:search", {"query": "簽證", "pageSize": 1}).json()
        second = api.get(
            "/api/v1/claims:search",
            {"query": "簽證", "pageSize": 1, "offset": 5, "pageToken": first["nextPageToken"]},
        ).json()
        assert len(second["claims"]) == 1

    def test_it_filters_by_our_site_without_a_query(self, api, registry, settings):
        settings.SITE_URL = "https://www.registry.example:8443"
        for site in ("registry.example", "www.registry.example", "example"):
            body = api.get("/api/v1/claims:search", {"reviewPublisherSiteFilter": site}).json()
            assert len(body["claims"]) == 3, site
        other = api.get("/api/v1/claims:search", {"reviewPublisherSiteFilter": "nytimes.com"})
        assert other.json() == {"claims": []}

    def test_it_names_the_site_by_its_bare_host(self, api, registry, settings):
        settings.SITE_URL = "https://www.registry.example:8443"
        body = api.get("/api/v1/claims:search", {"query": "失業率"}).json()
        review = body["claims"][0]["claimReview"][0]
        assert review["publisher"]["site"] == "registry.example"

    def test_it_writes_dates_in_rfc_3339_utc(self, api, dated):
        (claim,) = api.get("/api/v1/claims:search", {"query": "失業率"}).json()["claims"]
        pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"
        assert re.match(pattern, claim["claimDate"])
        assert claim["claimDate"].startswith(timezone.now().date().isoformat())
        assert re.match(pattern, claim["claimReview"][0]["reviewDate"])

    def test_it_leaves_out_a_claim_date_known_only_to_the_month(self, api, dated, article):
        article.published_precision = "month"
        article.save()
        (claim,) = api.get("/api/v1/claims:search", {"query": "失業率"}).json()["claims"]
        assert "claimDate" not in claim

    def test_a_recent_claim_date_counts_for_the_age(self, api, dated):
        Claim.objects.update(reviewed_at=timezone.now() - timedelta(days=400))
        body = api.get("/api/v1/claims:search", {"query": "失業率", "maxAgeDays": 30}).json()
        assert len(body["claims"]) == 1

    def test_a_huge_age_filters_nothing(self, api, registry):
        body = api.get("/api/v1/claims:search", {"query": "簽證", "maxAgeDays": 2**31 - 1})
        assert len(body.json()["claims"]) == 2
