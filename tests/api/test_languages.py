"""The API's ClaimReview, DataFeed and errors in the reader's language: `?lang=`, else
Accept-Language (any Chinese variant reads Traditional Chinese), else English."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

CHINESE = "2025年8月,中國青年失業率升至18.9%。"
ENGLISH = "China's youth unemployment rate rose to 18.9% in August 2025."


def claimreview(api, claim, query: str = "", **headers):
    return api.get(f"/api/v1/claims/{claim.public_id}/claimreview/{query}", **headers)


class TestClaimReviewLanguage:
    def test_it_is_english_by_default(self, api, published_claim):
        response = claimreview(api, published_claim)
        body = response.json()
        assert body["claimReviewed"] == ENGLISH
        assert body["inLanguage"] == "en"
        assert response["Content-Language"] == "en"
        assert "Accept-Language" in response["Vary"]

    @pytest.mark.parametrize("query", ["?lang=zh-hant", "?lang=zh-Hant", "?lang=zh_Hant"])
    def test_it_speaks_chinese_for_lang(self, api, published_claim, query):
        response = claimreview(api, published_claim, query)
        body = response.json()
        assert body["claimReviewed"] == CHINESE
        assert body["reviewBody"] == published_claim.ruling_in("zh-hant")
        assert body["inLanguage"] == "zh-Hant"
        assert body["reviewRating"]["alternateName"] == published_claim.verdict.label_zh_hant
        assert response["Content-Language"] == "zh-Hant"

    @pytest.mark.parametrize("header", ["zh-Hant", "zh-TW", "zh", "zh-CN", "zh-HK;q=0.9, en;q=0.1"])
    def test_it_speaks_chinese_for_accept_language(self, api, published_claim, header):
        response = claimreview(api, published_claim, HTTP_ACCEPT_LANGUAGE=header)
        assert response.json()["claimReviewed"] == CHINESE
        assert response["Content-Language"] == "zh-Hant"

    @pytest.mark.parametrize("header", ["en-GB", "fr", "de, zh;q=0", "*"])
    def test_it_stays_english_for_other_languages(self, api, published_claim, header):
        response = claimreview(api, published_claim, HTTP_ACCEPT_LANGUAGE=header)
        assert response.json()["claimReviewed"] == ENGLISH
        assert response["Content-Language"] == "en"

    def test_lang_wins_over_accept_language(self, api, published_claim):
        response = claimreview(api, published_claim, "?lang=en", HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert response.json()["inLanguage"] == "en"

    def test_each_language_is_cached_apart(self, api, published_claim):
        english = claimreview(api, published_claim)
        chinese = claimreview(api, published_claim, HTTP_ACCEPT_LANGUAGE="zh-TW")
        again = claimreview(api, published_claim)
        assert english["ETag"] != chinese["ETag"]
        assert again.json()["claimReviewed"] == ENGLISH
        assert chinese.json()["claimReviewed"] == CHINESE

    def test_a_not_modified_answer_names_its_language(self, api, published_claim):
        first = claimreview(api, published_claim, "?lang=zh-hant")
        again = claimreview(api, published_claim, "?lang=zh-hant", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again["Content-Language"] == "zh-Hant"
        assert "Accept-Language" in again["Vary"]

    def test_a_claim_without_a_chinese_restatement_is_reviewed_in_english(
        self, api, published_claim
    ):
        from claims import workflow
        from claims.models import Claim

        with workflow.unrecorded_writes(published_claim.pk):  # as published before the field
            Claim.objects.filter(pk=published_claim.pk).update(restatement_zh="")
        body = claimreview(api, published_claim, "?lang=zh-hant").json()
        assert body["claimReviewed"] == ENGLISH
        assert body["inLanguage"] == "en"


class TestDataFeedLanguage:
    def test_it_speaks_chinese_for_accept_language(self, api, published_claim):
        response = api.get("/api/v1/claimreview-feed/", HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9")
        (item,) = response.json()["dataFeedElement"]
        assert item["item"][0]["claimReviewed"] == CHINESE
        assert item["item"][0]["inLanguage"] == "zh-Hant"
        assert response["Content-Language"] == "zh-Hant"
        assert "Accept-Language" in response["Vary"]

    def test_it_speaks_english_for_lang_en(self, api, published_claim):
        response = api.get("/api/v1/claimreview-feed/?lang=en", HTTP_ACCEPT_LANGUAGE="zh-TW")
        (item,) = response.json()["dataFeedElement"]
        assert item["item"][0]["claimReviewed"] == ENGLISH
        assert response["Content-Language"] == "en"


class TestErrorLanguage:
    def test_a_404_is_in_chinese_for_a_chinese_reader(self, api, verdicts):
        response = api.get("/api/v1/claims/zzzzzzzz/", HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert response.status_code == 404
        assert response.json()["message"] == "這個網址找不到任何資料。"

    def test_a_404_is_in_english_otherwise(self, api, verdicts):
        response = api.get("/api/v1/claims/zzzzzzzz/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.json()["message"] == "Nothing was found at this address."

    def test_an_unknown_address_is_in_chinese_for_a_chinese_reader(self, api):
        response = api.get("/api/v1/nothing-here/", HTTP_ACCEPT_LANGUAGE="zh-Hant")
        assert response.json()["message"] == "此網址沒有 API 端點。"

    def test_a_429_is_in_chinese_for_a_chinese_reader(self, api, settings, verdicts):
        settings.API_THROTTLE_RATES = {"anon": "1/min", "user": "1/min"}
        api.get("/api/v1/verdicts/")
        response = api.get("/api/v1/verdicts/", HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert response.status_code == 429
        wait = response["Retry-After"]
        assert response.json()["message"] == f"請求過於頻繁,已被限制。請在 {wait} 秒後再試。"

    def test_a_429_is_in_english_otherwise(self, api, settings, verdicts):
        settings.API_THROTTLE_RATES = {"anon": "1/min", "user": "1/min"}
        api.get("/api/v1/verdicts/")
        response = api.get("/api/v1/verdicts/")
        wait = response["Retry-After"]
        assert response.json()["message"] == f"Request was throttled. Try again in {wait} seconds."

    def test_a_405_is_in_chinese_for_a_chinese_reader(self, api, verdicts):
        response = api.delete("/api/v1/claims/", HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert response.status_code == 405
        assert response.json()["message"] == "這裡不允許使用 DELETE 方法。"

    def test_a_401_is_in_chinese_for_a_chinese_reader(self, api):
        response = api.get("/api/v1/desk/claims/", HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert response.status_code in (401, 403)
        assert response.json()["message"] == "未提供驗證憑證:請附上你的 API 權杖。"
