"""Conditional GET, Cache-Control, the shared public cache and CORS."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.utils.http import parse_http_date

from claims import workflow
from claims.models import Claim
from claims.public_changes import GENERATION_KEY, start_new_generation
from sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/api/v1/claims/", "/api/v1/verdicts/", "/api/v1/sources/", "/api/v1/claimreview-feed/"],
)
def test_it_answers_304_to_a_matching_etag(api, registry, url):
    first = api.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_it_answers_304_on_a_detail_and_to_if_modified_since(api, registry):
    cache.set(GENERATION_KEY, int(time.time()) - 10)  # the last public change, 10 s ago
    url = f"/api/v1/claims/{registry['youth'].public_id}/"
    first = api.get(url)
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert api.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_it_never_dates_a_page_in_the_future(api, registry):
    for _ in range(5):
        start_new_generation()  # a burst of changes within one second
    response = api.get("/api/v1/claims/")
    assert parse_http_date(response["Last-Modified"]) <= time.time()
    stale = api.get("/api/v1/claims/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert stale.status_code == 200  # the newest change is later than that date


def test_it_lets_shared_caches_keep_public_reads_briefly(api, registry, settings):
    settings.API_CACHE_MAX_AGE = 30
    settings.API_CACHE_S_MAXAGE = 120
    response = api.get("/api/v1/claims/")
    assert response["Cache-Control"] == (
        "public, max-age=30, s-maxage=120, stale-while-revalidate=120"
    )
    assert response["Surrogate-Key"] == response["Cache-Tag"] == "lists"


def test_a_claim_is_tagged_with_its_article(api, registry):
    claim = registry["youth"]
    response = api.get(f"/api/v1/claims/{claim.public_id}/")
    assert response["Surrogate-Key"] == f"claim-{claim.public_id} article-{claim.article_id}"
    csv = api.get("/api/v1/claims/export/")
    assert csv.status_code == 200 and csv["ETag"] and csv["Last-Modified"]
    assert api.get("/api/v1/claims/export/", HTTP_IF_NONE_MATCH=csv["ETag"]).status_code == 304


def test_a_cached_read_runs_no_queries(api, registry, django_assert_num_queries):
    api.get("/api/v1/claims/")
    with django_assert_num_queries(0):
        assert api.get("/api/v1/claims/").status_code == 200


def test_publishing_drops_every_cached_page_at_once(
    api, registry, reviewable_claim, fact_checker, verdicts, django_capture_on_commit_callbacks
):
    before = api.get("/api/v1/claims/")
    detail = api.get(f"/api/v1/claims/{registry['youth'].public_id}/")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_publish(
            claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"]
        )
    after = api.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["count"] == 4
    assert after["ETag"] != before["ETag"]
    # The detail's body did not change, so its ETag holds; its cache entry was still rebuilt.
    same = api.get(f"/api/v1/claims/{registry['youth'].public_id}/")
    assert same["ETag"] == detail["ETag"]


def test_a_verdict_change_reaches_the_detail_at_once(
    api, registry, fact_checker, verdicts, django_capture_on_commit_callbacks
):
    url = f"/api/v1/claims/{registry['youth'].public_id}/"
    assert api.get(url).json()["verdict"]["code"] == "accurate"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_change_verdict(
            claim=registry["youth"], by=fact_checker, verdict=verdicts["misleading"], reason="r"
        )
    assert api.get(url).json()["verdict"]["code"] == "misleading"


def test_editing_a_cited_source_drops_the_cache(
    api, registry, source, django_capture_on_commit_callbacks
):
    url = f"/api/v1/claims/{registry['youth'].public_id}/"
    api.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        source.title = "Renamed release"
        source.save()
    assert api.get(url).json()["evidence"][0]["source"]["title"] == "Renamed release"
    assert Source.objects.get(pk=source.pk).title == "Renamed release"


def test_editing_a_draft_keeps_the_cache(api, registry, django_assert_num_queries):
    api.get("/api/v1/claims/")
    draft = Claim.objects.get(pk=registry["draft"].pk)
    draft.research_notes = "more notes"
    draft.save()
    with django_assert_num_queries(0):
        api.get("/api/v1/claims/")


class TestCors:
    def test_it_lets_any_site_read(self, api, registry):
        response = api.get("/api/v1/claims/", HTTP_ORIGIN="https://example.org")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response

    def test_its_preflight_allows_reads_only(self, api):
        response = api.options(
            "/api/v1/desk/claims/",
            HTTP_ORIGIN="https://example.org",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        )
        allowed = response["Access-Control-Allow-Methods"]
        assert "PATCH" not in allowed and "POST" not in allowed
        assert "GET" in allowed

    def test_it_exposes_the_caching_headers(self, api, registry):
        response = api.get("/api/v1/claims/", HTTP_ORIGIN="https://example.org")
        assert "ETag" in response["Access-Control-Expose-Headers"]

    def test_it_leaves_other_pages_alone(self, client):
        response = client.get("/admin/login/", HTTP_ORIGIN="https://example.org")
        assert "Access-Control-Allow-Origin" not in response

    def test_a_browser_on_another_origin_may_ask_conditionally(self, api):
        response = api.options(
            "/api/v1/claims/",
            HTTP_ORIGIN="https://example.org",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match, if-modified-since",
        )
        allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
        assert {"if-none-match", "if-modified-since"} <= allowed

    def test_it_exposes_only_headers_it_sends(self, api, registry):
        response = api.get("/api/v1/claims/", HTTP_ORIGIN="https://example.org")
        exposed = {h.strip() for h in response["Access-Control-Expose-Headers"].split(",")}
        assert "Link" not in exposed and "Link" not in response

    @pytest.mark.parametrize("kind", ["badge", "embed"])
    def test_badge_json_is_readable_from_any_site_with_its_etag(self, client, registry, kind):
        claim = registry["youth"]
        for _ in range(2):  # the first answer and the one kept after it
            response = client.get(
                f"/{kind}/{claim.public_id}.json", HTTP_ORIGIN="https://a.example"
            )
            assert response.status_code == 200
            assert response["Access-Control-Allow-Origin"] == "*"
            assert "ETag" in response["Access-Control-Expose-Headers"]
