"""Chinese pages show the Chinese restatement: the claim page, its ClaimReview and oEmbed
discovery link, the article page, the corrections; oEmbed answers in the page's language."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.django_db

CHINESE = "2025年8月,中國青年失業率升至18.9%。"
ENGLISH = "China's youth unemployment rate rose to 18.9% in August 2025."


def page(client, url, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def claim_review(body: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(block)


def oembed_link(body: str) -> str:
    (href,) = re.findall(
        r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', body
    )
    return unescape(href)


class TestClaimPage:
    def test_a_chinese_page_shows_the_chinese_restatement(self, client, published_claim):
        body = page(
            client, f"/claims/{published_claim.public_id}/", query_params={"lang": "zh-hant"}
        )
        assert f'<h1 lang="zh-Hant">{CHINESE}</h1>' in body
        assert f"<title>正確: {CHINESE}" in body
        assert "China&#x27;s youth unemployment" not in body

    def test_an_english_page_shows_the_english_restatement(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/")
        assert (
            '<h1 lang="en">China&#x27;s youth unemployment rate rose to 18.9% in August 2025.</h1>'
            in body
        )
        assert CHINESE not in body

    def test_the_claim_review_is_in_the_page_language(self, client, published_claim):
        url = f"/claims/{published_claim.public_id}/"
        chinese = claim_review(page(client, url, HTTP_ACCEPT_LANGUAGE="zh-TW"))
        assert chinese["claimReviewed"] == CHINESE
        assert chinese["inLanguage"] == "zh-Hant"
        english = claim_review(page(client, url, query_params={"lang": "en"}))
        assert english["claimReviewed"] == ENGLISH
        assert english["inLanguage"] == "en"

    @pytest.mark.parametrize(("language", "expected"), [("zh-hant", "zh-hant"), ("en", "en")])
    def test_the_oembed_link_carries_the_page_language(
        self, client, published_claim, language, expected
    ):
        body = page(
            client, f"/claims/{published_claim.public_id}/", query_params={"lang": language}
        )
        query = parse_qs(urlsplit(oembed_link(body)).query)
        assert query["lang"] == [expected]
        assert query["url"] == [f"http://testserver/claims/{published_claim.public_id}/"]

    def test_the_oembed_link_answers_in_the_page_language(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/", HTTP_ACCEPT_LANGUAGE="zh-TW")
        href = oembed_link(body)
        # A consumer fetches the link as given, in its own language.
        response = client.get(href, HTTP_ACCEPT_LANGUAGE="en")
        assert response["Content-Language"] == "zh-Hant"
        data = response.json()
        assert data["title"] == f"正確: {CHINESE}"
        assert f"/embed/{published_claim.public_id}/?lang=zh-hant" in data["html"]

    def test_the_hostile_chinese_restatement_is_escaped(self, client, hostile_claim):
        body = page(client, f"/claims/{hostile_claim.public_id}/", query_params={"lang": "zh-hant"})
        assert "<script>" not in body.split("</head>")[1]
        assert '<h1 lang="zh-Hant">&lt;' in body


class TestOEmbed:
    def test_it_answers_in_english_without_a_language(self, client, published_claim):
        url = f"http://testserver/claims/{published_claim.public_id}/"
        response = client.get("/oembed/", {"url": url})
        assert response.json()["title"] == f"Accurate: {ENGLISH}"
        assert response["Content-Language"] == "en"

    def test_its_own_lang_wins_over_the_pasted_url(self, client, published_claim):
        url = f"http://testserver/claims/{published_claim.public_id}/?lang=en"
        response = client.get("/oembed/", {"url": url, "lang": "zh-Hant"})
        assert response.json()["title"] == f"正確: {CHINESE}"


class TestArticlePage:
    def test_a_chinese_page_shows_the_chinese_restatements(self, client, published_claim):
        body = page(client, "/", query_params={"lang": "zh-hant"})
        assert f'<p class="restatement" lang="zh-Hant">{CHINESE}</p>' in body

    def test_an_english_page_shows_the_english_restatements(self, client, published_claim):
        body = page(client, "/", query_params={"lang": "en"})
        assert '<p class="restatement" lang="en">China&#x27;s youth unemployment' in body
        assert CHINESE not in body


def test_the_corrections_page_names_the_claim_in_the_reader_language(
    client, published_claim, change_verdict
):
    change_verdict(published_claim, "misleading")
    body = page(client, "/corrections/", query_params={"lang": "zh-hant"})
    assert CHINESE in body
