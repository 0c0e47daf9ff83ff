"""A NUL character in a JSON body is a 400 naming the field, and nothing is stored.

PostgreSQL cannot store one in text nor compare one in a query: a slug or related field
(the evidence's `claim`, a source's `publisher`, a verdict's code) used to reach the database
with it and fail. The cases are every field of every desk write, as the OpenAPI schema
generates them from the serializers, so a new endpoint or field is covered without being
listed here."""

from __future__ import annotations

import json

import pytest
from rest_framework.authtoken.models import Token

from claims.models import Article, Claim, Evidence, VerdictChange
from sources.models import Publisher, Source
from tests.security.api_inputs import WRITES, address, body_fields, operations

NUL_TEXT = "before\x00after"


def _desk_writes() -> list[tuple[str, str, dict]]:
    return [
        (method, path, body_fields(operation))
        for method, path, operation in operations()
        if path.startswith("/api/v1/desk/") and method in WRITES and body_fields(operation)
    ]


DESK_WRITES = _desk_writes()


def _stored() -> list:
    """Every row the desk writes, as stored."""
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (Claim, Evidence, Source, Publisher, Article, VerdictChange, Token)
    ]


def test_every_desk_write_and_its_fields_are_found():
    found = {(method, path): set(fields) for method, path, fields in DESK_WRITES}
    assert {"claim", "source", "excerpt"} <= found[("post", "/api/v1/desk/evidence/")]
    assert "publisher" in found[("post", "/api/v1/desk/sources/")]
    assert "outlet" in found[("patch", "/api/v1/desk/articles/{id}/")]
    assert "verdict" in found[("post", "/api/v1/desk/claims/{public_id}/publish/")]
    assert "verdict" in found[("post", "/api/v1/desk/claims/{public_id}/change-verdict/")]
    assert {"text", "article"} <= found[("post", "/api/v1/desk/extract/")]
    assert sum(len(fields) for fields in found.values()) > 150


@pytest.mark.parametrize(
    "method,path,fields", DESK_WRITES, ids=[f"{m} {p}" for m, p, _f in DESK_WRITES]
)
def test_a_nul_in_any_field_of_a_desk_write_gets_400(world, method, path, fields):
    client = world.client("superuser")
    url = address(path, world)
    before = _stored()
    for name, schema in fields.items():
        body = {name: [NUL_TEXT] if schema.get("type") == "array" else NUL_TEXT}
        response = client.generic(
            method.upper(),
            url,
            json.dumps(body),
            content_type="application/json",
            headers={"If-Match": "*"},
        )
        assert response.status_code == 400, (name, response.content[:300])
        error = response.json()
        assert (error["code"], error["errors"]) == (
            "invalid",
            {name: ["Text cannot contain a NUL character."]},
        ), name
        assert _stored() == before, name


@pytest.mark.parametrize(
    "body,field",
    [
        ('{"authors": ["Li", "W\\u0000ang"]}', "authors"),
        ('{"title": {"nested": ["\\u0000"]}}', "title"),
        ('{"ti\\u0000tle": "A title"}', "title"),
        ('{"\\u0000": "x"}', "non_field_errors"),
        ('["\\u0000"]', "non_field_errors"),
    ],
)
def test_a_nul_anywhere_in_the_body_gets_400(world, body, field):
    before = _stored()
    response = world.client("superuser").post(
        "/api/v1/desk/articles/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {field: ["Text cannot contain a NUL character."]}
    assert _stored() == before


def test_an_escaped_backslash_before_u0000_is_no_nul(world):
    # The six characters `\u0000` typed as text are not a NUL character.
    response = world.client("superuser").post(
        "/api/v1/desk/publishers/",
        json.dumps({"slug": "backslash", "name": "\\u0000 Media"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content[:300]
    assert Publisher.objects.get(slug="backslash").name == "\\u0000 Media"


def test_the_refusal_is_in_chinese_too(world):
    response = world.client("superuser").post(
        "/api/v1/desk/evidence/",
        json.dumps({"claim": "\x00"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    assert response.json()["errors"] == {"claim": ["文字不能含有 NUL 字元。"]}
