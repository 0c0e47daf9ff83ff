"""A database that cannot be reached gets 503 and Retry-After, never a bare 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import get_resolver

from claims.models import Claim


@pytest.fixture(autouse=True)
def _urls_loaded():
    # Serializers build querysets when the URLconf is imported: import it before the outage.
    assert get_resolver().url_patterns


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Claim.objects.__class__, "get_queryset", refuse)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_the_api_answers_503_with_the_standard_error_body(db, client, database_down):
    response = client.get("/api/v1/claims/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "status": 503,
        "code": "service_unavailable",
        "message": "The registry cannot reach its database for a moment. Try again shortly.",
        "errors": {},
    }


def test_a_public_page_answers_503_with_a_readable_page(db, client, database_down):
    response = client.get("/claims/abcdefgh/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "cannot reach its database" in response.content.decode()


def test_the_503_page_speaks_chinese(db, client, database_down):
    response = client.get("/claims/abcdefgh/", HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 503
    assert "資料庫" in response.content.decode()


def test_other_failures_are_still_500_in_the_api_format(db, client, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(Claim.objects.__class__, "get_queryset", crash)
    response = client.get("/api/v1/claims/")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "Retry-After" not in response
