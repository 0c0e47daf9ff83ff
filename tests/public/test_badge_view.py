"""GET /badge/{id}.svg and .json: formats, languages, caching, invalidation, outages."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.db import OperationalError

from claims.models import ClaimStatus
from claims.models.claim import ClaimQuerySet
from claims.public_changes import start_new_generation

SVG = "{http://www.w3.org/2000/svg}"
pytestmark = pytest.mark.django_db


def svg_text(response) -> str:
    root = ET.fromstring(response.content)  # noqa: S314 (our own output, under test)
    return root.get("aria-label")


def svg_fills(response) -> list[str]:
    root = ET.fromstring(response.content)  # noqa: S314
    return [rect.get("fill") for rect in root.iter(f"{SVG}rect")]


class TestBadgeSvg:
    def test_it_shows_the_published_verdict_in_its_colour(self, client, published_claim):
        response = client.get(f"/badge/{published_claim.public_id}.svg")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
        assert svg_text(response) == "fact check: Accurate"
        assert "#1a7f37" in svg_fills(response)

    @pytest.mark.parametrize("lang", ["zh-hant", "zh-Hant", "zh_Hant"])
    def test_it_speaks_traditional_chinese_on_request(self, client, published_claim, lang):
        response = client.get(f"/badge/{published_claim.public_id}.svg", {"lang": lang})
        assert svg_text(response) == "事實查核：正確"

    def test_it_follows_accept_language_without_a_lang_parameter(self, client, published_claim):
        url = f"/badge/{published_claim.public_id}.svg"
        assert svg_text(client.get(url, HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9")) == "事實查核：正確"
        assert svg_text(client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,zh;q=0.5")) == (
            "fact check: Accurate"
        )
        assert "Accept-Language" in client.get(url)["Vary"]

    def test_the_lang_parameter_beats_accept_language(self, client, published_claim):
        response = client.get(
            f"/badge/{published_claim.public_id}.svg", {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="zh"
        )
        assert svg_text(response) == "fact check: Accurate"

    def test_it_ignores_an_unknown_lang_and_never_reflects_it(self, client, published_claim):
        response = client.get(f"/badge/{published_claim.public_id}.svg", {"lang": "<b>xx"})
        assert response.status_code == 200
        assert svg_text(response) == "fact check: Accurate"
        assert b"xx" not in response.content

    def test_it_renders_the_dot_style(self, client, published_claim):
        response = client.get(f"/badge/{published_claim.public_id}.svg", {"style": "dot"})
        root = ET.fromstring(response.content)  # noqa: S314
        assert root.find(f"{SVG}circle").get("fill") == "#1a7f37"
        assert root.get("aria-label") == "fact check: Accurate"

    def test_it_falls_back_to_flat_for_an_unknown_style(self, client, published_claim):
        flat = client.get(f"/badge/{published_claim.public_id}.svg")
        odd = client.get(f"/badge/{published_claim.public_id}.svg", {"style": "<x>plastic"})
        assert odd.content == flat.content

    def test_a_colour_in_the_query_string_changes_nothing(self, client, published_claim):
        url = f"/badge/{published_claim.public_id}.svg"
        assert client.get(url, {"colour": "#ff0000", "color": "red"}).content == (
            client.get(url).content
        )

    def test_it_sends_the_safety_and_cache_headers(self, client, published_claim):
        response = client.get(f"/badge/{published_claim.public_id}.svg")
        policy = response["Content-Security-Policy"]
        assert policy == "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"
        assert "X-Frame-Options" not in response  # <object> and <embed> may show it
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == (
            "public, max-age=60, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"
        )
        assert response["ETag"].startswith('"')
        assert response["Surrogate-Key"] == f"claim-{published_claim.public_id}"
        assert "Cookie" not in response.get("Vary", "")


class TestBadgeJson:
    def test_it_follows_the_shields_endpoint_schema(self, client, published_claim):
        response = client.get(f"/badge/{published_claim.public_id}.json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert json.loads(response.content) == {
            "schemaVersion": 1,
            "label": "fact check",
            "message": "Accurate",
            "color": "1a7f37",
            "cacheSeconds": 300,
        }

    def test_it_speaks_traditional_chinese(self, client, published_claim):
        data = client.get(f"/badge/{published_claim.public_id}.json", {"lang": "zh-hant"}).json()
        assert (data["label"], data["message"]) == ("事實查核", "正確")

    @pytest.mark.parametrize("public_id", ["zzzzzzzz", "not-an-id!"])
    def test_an_unknown_id_is_a_200_that_shields_shows_as_an_error(self, client, db, public_id):
        # shields.io throws away the body of any answer but a 200.
        response = client.get(f"/badge/{public_id}.json")
        assert response.status_code == 200
        assert response.json() == {
            "schemaVersion": 1,
            "label": "fact check",
            "message": "not found",
            "color": "6e7781",
            "cacheSeconds": 300,
            "isError": True,
        }
        assert response["Cache-Control"] == "public, max-age=60"
        assert "ETag" not in response

    def test_the_unknown_id_error_speaks_traditional_chinese(self, client, db):
        data = client.get("/badge/zzzzzzzz.json", {"lang": "zh-hant"}).json()
        assert data["isError"] is True
        assert data["label"] == "事實查核"

    def test_the_svg_of_an_unknown_id_stays_a_404(self, client, db):
        assert client.get("/badge/zzzzzzzz.svg").status_code == 404


class TestNotPublished:
    @pytest.mark.parametrize("status", [ClaimStatus.DRAFT, ClaimStatus.REVIEW])
    def test_an_unpublished_claim_looks_exactly_like_an_unknown_one(
        self, client, make_claim, verdicts, status
    ):
        draft = make_claim(status=status, verdict=verdicts["inaccurate"], ruling="Secret draft")
        unpublished = client.get(f"/badge/{draft.public_id}.svg")
        unknown = client.get("/badge/zzzzzzzz.svg")
        assert unpublished.status_code == unknown.status_code == 404
        assert unpublished.content == unknown.content
        assert svg_text(unpublished) == "fact check: not found"
        assert b"Inaccurate" not in unpublished.content
        assert "#cf222e" not in svg_fills(unpublished)

    @pytest.mark.parametrize("bad_id", ["x", "ABCDEFGH", "a" * 40, "%3Cscript%3E", "abc-defg"])
    def test_a_malformed_id_gets_the_neutral_badge(self, client, db, bad_id):
        response = client.get(f"/badge/{bad_id}.svg")
        assert response.status_code == 404
        assert svg_text(response) == "fact check: not found"
        assert b"script" not in response.content

    def test_a_withdrawn_claim_says_withdrawn_in_grey(self, client, published_claim, withdraw):
        withdraw(published_claim)
        response = client.get(f"/badge/{published_claim.public_id}.svg")
        assert response.status_code == 200
        assert svg_text(response) == "fact check: withdrawn"
        assert "#1a7f37" not in svg_fills(response)
        assert "#6e7781" in svg_fills(response)


class TestConditionalRequests:
    def test_it_answers_304_to_a_matching_etag(self, client, published_claim):
        url = f"/badge/{published_claim.public_id}.svg"
        etag = client.get(url)["ETag"]
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert "max-age=60" in response["Cache-Control"]

    def test_it_accepts_a_weakened_etag_in_a_list(self, client, published_claim):
        url = f"/badge/{published_claim.public_id}.json"
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304

    def test_it_sends_the_body_for_a_stale_etag(self, client, published_claim):
        response = client.get(f"/badge/{published_claim.public_id}.svg", HTTP_IF_NONE_MATCH='"x"')
        assert response.status_code == 200

    def test_each_language_and_style_has_its_own_etag(self, client, published_claim):
        url = f"/badge/{published_claim.public_id}.svg"
        etags = {
            client.get(url, {"lang": "en"})["ETag"],
            client.get(url, {"lang": "zh-hant"})["ETag"],
            client.get(url, {"style": "dot"})["ETag"],
        }
        assert len(etags) == 3

    def test_the_etag_changes_with_the_verdict(self, client, published_claim, change_verdict):
        url = f"/badge/{published_claim.public_id}.svg"
        etag = client.get(url)["ETag"]
        change_verdict(published_claim, "misleading")
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


class TestServerCache:
    def test_a_cache_hit_does_not_touch_the_database(
        self, client, published_claim, django_assert_num_queries
    ):
        url = f"/badge/{published_claim.public_id}.svg"
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(0):
            assert client.get(url, HTTP_IF_NONE_MATCH=client.get(url)["ETag"]).status_code == 304

    def test_a_miss_costs_one_query(self, client, published_claim, django_assert_num_queries):
        with django_assert_num_queries(1):
            client.get(f"/badge/{published_claim.public_id}.svg")

    def test_publishing_replaces_the_cached_not_found(self, client, reviewable_claim, publish):
        url = f"/badge/{reviewable_claim.public_id}.svg"
        assert client.get(url).status_code == 404
        publish(reviewable_claim, "mostly-accurate")
        response = client.get(url)
        assert response.status_code == 200
        assert svg_text(response) == "fact check: Mostly accurate"

    def test_a_verdict_change_shows_on_the_next_badge(
        self, client, published_claim, change_verdict
    ):
        urls = [f"/badge/{published_claim.public_id}.{fmt}" for fmt in ("svg", "json")]
        for url in urls:
            client.get(url)
        change_verdict(published_claim, "inaccurate")
        assert svg_text(client.get(urls[0])) == "fact check: Inaccurate"
        assert client.get(urls[1]).json()["message"] == "Inaccurate"

    def test_withdrawing_shows_on_the_next_badge(self, client, published_claim, withdraw):
        url = f"/badge/{published_claim.public_id}.svg"
        client.get(url, {"lang": "zh-hant"})
        withdraw(published_claim)
        assert svg_text(client.get(url, {"lang": "zh-hant"})) == "事實查核：已撤回"

    def test_editing_the_verdict_scale_refreshes_every_badge(
        self, client, published_claim, django_capture_on_commit_callbacks
    ):
        url = f"/badge/{published_claim.public_id}.svg"
        client.get(url)
        verdict = published_claim.verdict
        verdict.label_en, verdict.colour = "True", "#0a5c2a"
        with django_capture_on_commit_callbacks(execute=True):
            verdict.save()
        response = client.get(url)
        assert svg_text(response) == "fact check: True"
        assert "#0a5c2a" in svg_fills(response)


class TestDatabaseOutage:
    def test_it_serves_the_last_known_verdict_when_the_database_is_down(
        self, client, published_claim, settings
    ):
        url = f"/badge/{published_claim.public_id}.svg"
        assert client.get(url).status_code == 200
        # The current copy has gone (another claim changed); only the last known good is left.
        start_new_generation()
        with mock.patch.object(
            ClaimQuerySet, "public", side_effect=OperationalError("connection refused")
        ):
            response = client.get(url)
        assert response.status_code == 200
        assert svg_text(response) == "fact check: Accurate"
        # Stale from the start: no cache keeps it as the current badge.
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=0, stale-if-error=300"
        assert response["X-Accel-Expires"] == "0"

    def test_a_withdrawn_claim_never_shows_its_old_verdict_in_an_outage(
        self, client, published_claim, withdraw
    ):
        url = f"/badge/{published_claim.public_id}.svg"
        assert svg_text(client.get(url)) == "fact check: Accurate"
        withdraw(published_claim)
        with mock.patch.object(
            ClaimQuerySet, "public", side_effect=OperationalError("connection refused")
        ):
            start_new_generation()
            response = client.get(url)
        assert response.status_code == 503
        assert svg_text(response) == "fact check: unavailable"

    def test_it_answers_503_with_a_neutral_badge_when_nothing_is_known(
        self, client, published_claim
    ):
        with mock.patch.object(
            ClaimQuerySet, "public", side_effect=OperationalError("connection refused")
        ):
            response = client.get(f"/badge/{published_claim.public_id}.svg")
        assert response.status_code == 503
        assert svg_text(response) == "fact check: unavailable"
        assert response["Cache-Control"] == "no-store"

    def test_it_keeps_serving_when_the_cache_itself_fails(self, client, published_claim, settings):
        settings.CACHES = {
            "default": {
                "BACKEND": "registry.cache.TolerantRedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            }
        }
        response = client.get(f"/badge/{published_claim.public_id}.svg")
        assert response.status_code == 200
        assert svg_text(response) == "fact check: Accurate"
