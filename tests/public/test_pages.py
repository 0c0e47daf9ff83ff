"""The public pages: claim, article, corrections and methodology, in both languages."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from claims import workflow
from claims.models import ClaimStatus, Evidence
from public.templatetags.public_pages import http_url
from sources.models import Source
from tests.public.conftest import HOSTILE

pytestmark = pytest.mark.django_db


def page(client, url, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TestClaimPage:
    def test_it_shows_the_claim_verdict_and_ruling(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/")
        assert "China&#x27;s youth unemployment rate rose to 18.9% in August 2025." in body
        assert "<mark>8月16-24歲青年失業率升至18.9%</mark>" in body
        assert "<strong>Accurate</strong>" in body
        assert "The NBS release gives 18.9%." in body
        assert "端解讀:「K簽證」引起巨大爭議" in body
        assert "paragraph 1" in body

    def test_it_puts_the_numbers_side_by_side(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/")
        assert '<span class="figure">18.9%</span> <span class="meta">(' in body  # and its period
        assert 'data-label="Figure">18.9%</td>' in body  # the source
        assert "percent" not in body.split('id="numbers-heading"')[1].split("</table>")[0]
        assert "supports · same figure" in body

    def test_it_marks_an_unread_source_and_never_as_confirmation(
        self, client, published_claim, nbs
    ):
        unread = Source.objects.create(
            slug="nbs-yearbook", title="China Statistical Yearbook", publisher=nbs
        )
        with workflow.unrecorded_writes(published_claim.pk):  # test data, not an edit
            Evidence.objects.create(
                claim=published_claim,
                source=unread,
                role="supports",
                value=Decimal("18.9"),
                unit="percent",
                seen=False,
            )
        body = page(client, f"/claims/{published_claim.public_id}/")
        row = body.split('<tr class="unread">')[1].split("</tr>")[0]
        assert "not yet read" in row
        assert "supports" not in row and "same figure" not in row
        assert "Not yet read: listed as where the figure is said to be published" in body

    def test_it_links_sources_and_archived_copies(self, client, published_claim, source):
        source.archive_url = "https://web.archive.org/web/2025/https://www.stats.gov.cn/"
        source.save()
        body = page(client, f"/claims/{published_claim.public_id}/")
        assert 'href="https://www.stats.gov.cn/sj/zxfb/202509/t20250919.html"' in body
        assert 'href="https://web.archive.org/web/2025/https://www.stats.gov.cn/"' in body
        assert "archived elsewhere" in body
        assert "No archived copy of this source yet." in body

    def test_it_shows_the_correction_log(self, client, published_claim, change_verdict):
        change_verdict(published_claim, "misleading", reason="The base period was wrong.")
        body = page(client, f"/claims/{published_claim.public_id}/")
        assert 'Accurate (published). <span lang="en">First published.</span>' in body
        assert (
            'Accurate → Misleading (verdict changed). <span lang="en">The base period was wrong.'
        ) in body

    def test_it_offers_oembed_discovery_and_embed_snippets(self, client, published_claim):
        pid = published_claim.public_id
        body = page(client, f"/claims/{pid}/")
        assert (
            '<link rel="alternate" type="application/json+oembed" '
            f'href="http://testserver/oembed/?url=http%3A%2F%2Ftestserver%2Fclaims%2F{pid}%2F'
            '&amp;format=json&amp;lang=en"'
        ) in body
        assert f"&lt;span data-claim=&quot;{pid}&quot;&gt;" in body or (
            f'&lt;span data-claim="{pid}"&gt;' in body
        )
        assert f"http://testserver/embed/{pid}/" in body

    def test_it_sends_a_strict_policy(self, client, published_claim):
        response = client.get(f"/claims/{published_claim.public_id}/")
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy
        assert "script-src" not in policy  # so default-src 'none' forbids every script
        assert "unsafe-inline" not in policy

    def test_it_speaks_traditional_chinese(self, client, published_claim):
        published_claim.ruling_zh_hant = "國家統計局公布的數字是18.9%。"
        with workflow.unrecorded_writes(published_claim.pk):  # test data, not an edit
            published_claim.save()
        body = page(
            client, f"/claims/{published_claim.public_id}/", query_params={"lang": "zh-hant"}
        )
        assert '<html lang="zh-Hant">' in body
        assert "<strong>正確</strong>" in body
        assert "國家統計局公布的數字是18.9%。" in body
        assert "數字對照" in body

    def test_a_language_choice_is_never_remembered(self, client, published_claim):
        response = client.get("/methodology/", {"lang": "zh-hant"})
        assert "我們如何查核" in response.content.decode()
        assert not response.cookies
        assert "How we check claims" in page(client, "/methodology/")

    def test_it_varies_on_accept_language_alone(self, client, published_claim):
        response = client.get(f"/claims/{published_claim.public_id}/")
        assert {value.strip() for value in response["Vary"].split(",")} == {"Accept-Language"}
        assert response["Cache-Control"] == (
            "public, max-age=0, s-maxage=30, stale-while-revalidate=30"
        )

    def test_it_names_its_claim_and_article_for_purging(self, client, published_claim):
        response = client.get(f"/claims/{published_claim.public_id}/")
        tags = {f"claim-{published_claim.public_id}", f"article-{published_claim.article_id}"}
        assert set(response["Surrogate-Key"].split()) == tags
        assert set(response["Cache-Tag"].split(",")) == tags

    def test_each_language_is_kept_apart(self, client, published_claim):
        url = f"/claims/{published_claim.public_id}/"
        assert "查核結論" in page(client, url, HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert "查核結論" not in page(client, url, HTTP_ACCEPT_LANGUAGE="en")
        assert "查核結論" in page(client, url, query_params={"lang": "zh-hant"})

    def test_it_answers_a_conditional_get_with_304(self, client, published_claim):
        url = f"/claims/{published_claim.public_id}/"
        first = client.get(url)
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304

    def test_it_follows_accept_language(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/", HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert "查核結論" in body

    @pytest.mark.parametrize("status", [ClaimStatus.DRAFT, ClaimStatus.REVIEW])
    def test_an_unpublished_claim_is_404(self, client, make_claim, status):
        draft = make_claim(status=status, ruling="Secret draft ruling")
        response = client.get(f"/claims/{draft.public_id}/")
        assert response.status_code == 404
        assert b"Secret draft ruling" not in response.content

    def test_a_withdrawn_claim_shows_only_the_notice(self, client, published_claim, withdraw):
        withdraw(published_claim, reason="The source was misread.")
        body = page(client, f"/claims/{published_claim.public_id}/")
        assert "This fact check was withdrawn" in body
        assert "The source was misread." in body
        assert "youth unemployment" not in body
        assert "The NBS release" not in body
        assert "8月16-24歲" not in body

    def test_it_escapes_hostile_text_everywhere(self, client, hostile_claim):
        body = page(client, f"/claims/{hostile_claim.public_id}/")
        assert "<script>alert" not in body
        assert "</text><script>" not in body
        assert '"onload="' not in body
        assert "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in body

    @pytest.mark.parametrize(
        "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil", ""]
    )
    def test_the_link_filter_drops_a_non_http_url(self, url):
        # The database already refuses such URLs; the templates do not rely on that alone.
        assert http_url(url) == ""

    def test_the_link_filter_keeps_http_urls(self):
        assert http_url("https://example.org/a?b=1") == "https://example.org/a?b=1"


class TestArticlePage:
    def test_home_lists_the_article_claims_with_badges(self, client, published_claim, make_claim):
        make_claim(restatement="A claim still in draft.")
        body = page(client, "/")
        assert "端解讀:「K簽證」引起巨大爭議" in body
        assert f'src="/badge/{published_claim.public_id}.svg?lang=en"' in body
        assert "We checked 1 claim in this article." in body
        assert "still in draft" not in body

    def test_the_article_page_works_by_slug(self, client, published_claim):
        assert "The NBS release gives 18.9%." in page(client, "/articles/k-visa/")

    def test_an_article_with_only_drafts_is_404(self, client, make_claim):
        make_claim()
        assert client.get("/articles/k-visa/").status_code == 404

    def test_home_without_published_claims_says_so(self, client, make_claim):
        make_claim()
        assert "No fact check has been published yet." in page(client, "/")

    def test_a_withdrawn_claim_is_listed_as_a_notice_only(
        self, client, published_claim, reviewable_claim, withdraw, make_claim, publish
    ):
        withdraw(published_claim)
        body = page(client, "/articles/k-visa/")
        assert "A fact check of this article was withdrawn." in body
        assert "The NBS release" not in body


class TestCorrectionsPage:
    def test_it_lists_changes_and_withdrawals_with_reasons(
        self, client, published_claim, change_verdict, withdraw
    ):
        change_verdict(published_claim, "misleading", reason="The base period was wrong.")
        withdraw(published_claim, reason="The source was misread.")
        body = page(client, "/corrections/")
        assert "The base period was wrong." in body
        assert "The source was misread." in body
        assert 'data-label="From">Accurate</td>' in body
        assert 'data-label="To">Misleading</td>' in body
        assert "First published." not in body

    def test_it_is_empty_before_any_correction(self, client, published_claim):
        assert "No published verdict has been changed yet." in page(client, "/corrections/")

    @pytest.mark.parametrize("value", ["abc", "-1", "99999"])
    def test_a_bad_page_number_still_answers(self, client, db, value):
        assert client.get("/corrections/", {"page": value}).status_code == 200


class TestMethodologyPage:
    def test_it_renders_the_scale_from_the_verdict_rows(self, client, verdicts):
        body = page(client, "/methodology/")
        for verdict in verdicts.values():
            assert f"<strong>{verdict.label_en}</strong>" in body
            assert verdict.description_en in body
            assert f'fill="{verdict.colour}"' in body
        assert "International Fact-Checking Network" in body

    def test_it_renders_the_scale_in_chinese(self, client, verdicts):
        body = page(client, "/methodology/", query_params={"lang": "zh-hant"})
        assert "<strong>易生誤解</strong>" in body
        assert "國際事實查核聯盟" in body


@pytest.mark.parametrize("url", ["/", "/corrections/", "/methodology/"])
def test_pages_refuse_writes(client, db, url):
    assert client.post(url).status_code == 405


class TestClaimReviewJsonLd:
    def json_ld(self, body: str) -> dict:
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
        assert len(blocks) == 1
        return json.loads(blocks[0])

    def test_the_page_carries_the_claim_review(self, client, published_claim):
        body = page(client, f"/claims/{published_claim.public_id}/")
        data = self.json_ld(body)
        assert data["@type"] == "ClaimReview"
        assert data["url"] == f"http://testserver/claims/{published_claim.public_id}/"
        assert data["reviewRating"]["alternateName"] == "Accurate"
        assert data["itemReviewed"]["text"] == "8月16-24歲青年失業率升至18.9%"

    def test_it_follows_the_page_language(self, client, published_claim):
        body = page(
            client, f"/claims/{published_claim.public_id}/", query_params={"lang": "zh-hant"}
        )
        assert self.json_ld(body)["reviewRating"]["alternateName"] == "正確"

    def test_a_closing_script_tag_in_a_quote_cannot_break_out(self, client, hostile_claim):
        body = page(client, f"/claims/{hostile_claim.public_id}/")
        head = body.split("</head>")[0]
        assert head.count("<script") == 1 and head.count("</script>") == 1
        data = self.json_ld(body)
        assert data["claimReviewed"] == HOSTILE
        assert data["reviewBody"] == HOSTILE
        assert data["itemReviewed"]["text"] == HOSTILE

    def test_a_withdrawn_claim_has_no_claim_review(self, client, published_claim, withdraw):
        withdraw(published_claim)
        assert "application/ld+json" not in page(client, f"/claims/{published_claim.public_id}/")
