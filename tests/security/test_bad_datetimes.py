"""Dates and times a request gives: one the database cannot read is a 400 naming the input,
never a 500 (PostgreSQL refuses a UTC offset of 16 hours; SQLite is sent the moment in UTC,
which can fall outside the years 1 to 9999)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from core.instants import in_utc
from tests.security.api_inputs import address, body_fields, operations, query_parameters

UNREADABLE = [
    "2025-01-01T00:00:00+16:00",
    "2025-01-01T00:00:00-16:00",
    "2025-01-01T00:00:00+23:59",
    "2025-01-01T00:00:00.5+16:00",
    "0001-01-01T00:00:00+01:00",  # before the year 1 in UTC
    "9999-12-31T23:59:59-01:00",  # after the year 9999 in UTC
]
READABLE = [
    "2025-01-01T00:00:00+15:59",
    "2025-01-01T00:00:00-15:59",
    "2025-01-01T00:00:00Z",
    "2025-01-01T00:00:00",
    "2025-01-01",
    "0001-01-01T00:00:00-01:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59+01:00",
    "9999-12-31T23:59:59Z",
]


def timezone_of(*, hours: int, minutes: int = 0) -> timezone:
    sign = -1 if hours < 0 else 1
    return timezone(sign * timedelta(hours=abs(hours), minutes=minutes))


def _moment_inputs() -> list[tuple[str, str, str, str]]:
    """(method, path, where, name) of every date-and-time input of the API."""
    found = []
    for method, path, operation in operations():
        for name, schema in query_parameters(operation).items():
            if schema.get("format") == "date-time":
                found.append((method, path, "query", name))
        for name, schema in body_fields(operation).items():
            if schema.get("format") == "date-time":
                found.append((method, path, "body", name))
    return found


MOMENT_INPUTS = _moment_inputs()
IDS = [f"{method} {path} {name}" for method, path, _where, name in MOMENT_INPUTS]


def test_every_list_of_claims_takes_its_moment_filters():
    found = {(path, name) for _method, path, _where, name in MOMENT_INPUTS}
    for path in ("/api/v1/claims/", "/api/v1/claims/export/", "/api/v1/desk/claims/"):
        assert {(path, "updated_since"), (path, "published_since")} <= found


@pytest.fixture
def staff_client(superuser) -> Client:
    """Signed in and with a token: the admin and the desk API both answer it."""
    client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=superuser).key}")
    client.force_login(superuser)
    return client


def _ask(request, client, method: str, path: str, where: str, name: str, value: str):
    # Only an address with parameters needs records to point at.
    url = address(path, request.getfixturevalue("world")) if "{" in path else path
    if where == "query":
        return client.generic(method.upper(), f"{url}?{urlencode({name: value})}")
    return client.generic(
        method.upper(),
        url,
        json.dumps({name: value}),
        content_type="application/json",
        headers={"If-Match": "*"},
    )


@pytest.mark.parametrize("value", UNREADABLE)
@pytest.mark.parametrize("method,path,where,name", MOMENT_INPUTS, ids=IDS)
def test_a_moment_the_database_cannot_read_gets_400(
    request, staff_client, method, path, where, name, value
):
    response = _ask(request, staff_client, method, path, where, name, value)
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert set(body) == {"status", "code", "message", "errors"}
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [name]


@pytest.mark.parametrize(
    "value,english,chinese",
    [
        (
            "2025-01-01T00:00:00+16:00",
            "Enter a UTC offset between -15:59 and +15:59.",
            "請輸入介於 -15:59 與 +15:59 之間的 UTC 時差。",
        ),
        (
            "9999-12-31T23:59:59-01:00",
            "Enter a date and time between the years 1 and 9999 in UTC.",
            "請輸入以 UTC 計介於公元 1 年至 9999 年之間的日期和時間。",
        ),
    ],
)
def test_the_refusal_says_why_in_both_languages(client, db, value, english, chinese):
    for language, message in (("en", english), ("zh-hant", chinese)):
        response = client.get(
            "/api/v1/claims/", {"updated_since": value}, HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.json()["errors"] == {"updated_since": [message]}


@pytest.mark.parametrize("value", READABLE)
@pytest.mark.parametrize("method,path,where,name", MOMENT_INPUTS, ids=IDS)
def test_a_moment_at_the_edge_of_what_the_database_reads_is_taken(
    request, staff_client, method, path, where, name, value
):
    response = _ask(request, staff_client, method, path, where, name, value)
    assert response.status_code < 400, response.content[:300]


def test_a_moment_with_a_large_offset_means_the_same_instant(client, world):
    published_at = world.published.published_at
    far_east = published_at.astimezone(timezone_of(hours=15, minutes=59)).isoformat()
    far_west = (published_at + timedelta(seconds=1)).astimezone(timezone_of(hours=-15)).isoformat()

    def ids(since: str) -> list[str]:
        response = client.get("/api/v1/claims/", {"published_since": since})
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert world.published.public_id in ids(far_east)
    assert world.published.public_id not in ids(far_west)


# --- The rule, without a database ---------------------------------------------------------
@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 1, 1, tzinfo=timezone_of(hours=16)),
        datetime(2025, 1, 1, tzinfo=timezone_of(hours=-23, minutes=59)),
        datetime(1, 1, 1, tzinfo=timezone_of(hours=1)),
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone_of(hours=-1)),
    ],
)
def test_a_moment_beyond_the_databases_is_refused(moment):
    with pytest.raises(ValidationError):
        in_utc(moment)


def test_a_moment_is_put_in_utc():
    moment = datetime(2025, 1, 1, 8, tzinfo=timezone_of(hours=15, minutes=59))
    assert in_utc(moment) == moment
    assert in_utc(moment).tzinfo is UTC
    assert in_utc(datetime(2025, 1, 1)) == datetime(2025, 1, 1, tzinfo=UTC)


# --- The admin's lists ---------------------------------------------------------------------
def _admin_moment_fields() -> list[tuple[type, str]]:
    return [
        (model, field.name)
        for model in admin.site._registry
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    ]


ADMIN_FIELDS = _admin_moment_fields()
ADMIN_IDS = [f"{model._meta.label}.{name}" for model, name in ADMIN_FIELDS]


LOOKUP_FORMS = {
    "gte": "{}",
    "lt": "{}",
    "exact": "{}",
    "in": "2025-01-01T00:00:00Z,{}",
}


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("model,name", ADMIN_FIELDS, ids=ADMIN_IDS)
def test_an_admin_list_refuses_a_moment_the_database_cannot_read(staff_client, model, name):
    # Any lookup on a model's own field may come in the address, not only the list's filters.
    for lookup, form in LOOKUP_FORMS.items():
        for value in UNREADABLE:
            query = urlencode({f"{name}__{lookup}": form.format(value)})
            response = staff_client.get(f"{_changelist(model)}?{query}")
            assert response.status_code == 400, (lookup, value, response.status_code)


@pytest.mark.parametrize("model,name", ADMIN_FIELDS, ids=ADMIN_IDS)
def test_an_admin_list_filters_by_a_moment_it_can_read(staff_client, model, name):
    for value in READABLE:
        response = staff_client.get(f"{_changelist(model)}?{urlencode({f'{name}__gte': value})}")
        assert response.status_code == 200, (value, response.status_code)


def test_every_admin_list_of_claims_is_checked():
    labels = {model._meta.label for model, _name in ADMIN_FIELDS}
    assert {"claims.Claim", "claims.Evidence", "sources.Source", "auth.User"} <= labels
