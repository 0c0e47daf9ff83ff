"""One error format everywhere: status, code, message, field errors."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

KEYS = {"status", "code", "message", "errors"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == KEYS
    assert body["status"] == status and body["code"] == code and body["message"]
    return body


def test_400_names_the_fields(api):
    body = assert_error(api.get("/api/v1/claims/?kind=opinion"), 400, "invalid")
    assert body["errors"]["kind"] == [
        "Select a valid choice. opinion is not one of the available choices."
    ]


def test_404_for_an_unknown_claim(api, verdicts):
    assert_error(api.get("/api/v1/claims/zzzzzzzz/"), 404, "not_found")


@pytest.mark.parametrize("url", ["/api/v1/nothing-here/", "/api/v2/claims/", "/api/"])
def test_404_for_an_unknown_address(api, url):
    assert_error(api.get(url), 404, "not_found")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_405_for_writes_to_public_reads(api, verdicts, method):
    body = assert_error(getattr(api, method)("/api/v1/claims/"), 405, "method_not_allowed")
    assert method.upper() in body["message"]


def test_429_with_retry_after(api, settings, verdicts):
    settings.API_THROTTLE_RATES = {"anon": "2/min", "user": "2/min"}
    api.get("/api/v1/verdicts/")
    api.get("/api/v1/verdicts/")
    response = api.get("/api/v1/verdicts/")
    body = assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert "throttled" in body["message"].lower()


def test_500_in_the_same_format(verdicts, monkeypatch):
    from api.views import public

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(public.VerdictViewSet, "get_queryset", broken)
    client = APIClient(raise_request_exception=False)
    body = assert_error(client.get("/api/v1/verdicts/"), 500, "server_error")
    assert "boom" not in body["message"]


def test_415_for_a_body_that_is_not_json(editor_api):
    response = editor_api.post(
        "/api/v1/desk/sources/", "title=x", content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 415, "unsupported_media_type")


def test_400_for_malformed_json(editor_api):
    response = editor_api.post(
        "/api/v1/desk/sources/", "{not json", content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


def test_errors_are_translated(api, verdicts):
    response = api.get("/api/v1/claims/?page=abc", HTTP_ACCEPT_LANGUAGE="zh-hant")
    body = assert_error(response, 400, "invalid")
    assert body["errors"]["page"] != ["Enter a page number from 1 upwards."]


def test_a_forged_forwarded_for_does_not_reset_the_throttle(api, settings, verdicts):
    settings.API_THROTTLE_RATES = {"anon": "1/min", "user": "1/min"}
    api.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="10.0.0.1")
    response = api.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert response.status_code == 429


def test_a_forwarded_for_from_an_untrusted_address_does_not_reset_the_throttle(
    api, settings, verdicts
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]  # the test client is 127.0.0.1, not a proxy
    settings.API_THROTTLE_RATES = {"anon": "1/min", "user": "1/min"}
    api.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = api.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_reader_has_a_limit_of_their_own(api, settings, verdicts):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.API_THROTTLE_RATES = {"anon": "1/min", "user": "1/min"}
    assert api.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert api.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    response = api.get("/api/v1/verdicts/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert response.status_code == 429


class TestEdges:
    """Every address that answers JSON answers its errors in the one format, whatever the
    method; a browser-style CSRF check never turns them into an HTML page."""

    @pytest.fixture
    def strict(self):
        return APIClient(enforce_csrf_checks=True)

    @pytest.mark.parametrize("method", ["post", "put", "delete"])
    @pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v2/claims/"])
    def test_any_method_at_an_unknown_address_is_a_json_404(self, strict, method, path):
        assert_error(getattr(strict, method)(path), 404, "not_found")

    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/claims/",
            "/api/v1/claimreview-feed/",
            "/api/schema/",
            "/api/docs/",
            "/badge/abcd2345.json",
            "/embed/abcd2345.json",
            "/oembed/",
        ],
    )
    def test_a_write_to_a_public_read_is_a_json_405(self, strict, verdicts, method, path):
        response = getattr(strict, method)(path)
        body = assert_error(response, 405, "method_not_allowed")
        assert method.upper() in body["message"]
        assert "POST" not in response["Allow"] and "GET" in response["Allow"]

    def test_oembed_during_a_database_outage_is_json(self, verdicts, monkeypatch):
        from django.db import OperationalError

        from public import selectors

        def unreachable(*args, **kwargs):
            raise OperationalError("connection refused")

        monkeypatch.setattr(selectors, "public_claim", unreachable)
        client = APIClient(raise_request_exception=False)
        response = client.get("/oembed/", {"url": "http://testserver/claims/abcd2345/"})
        assert_error(response, 503, "service_unavailable")
        assert response["Retry-After"]
