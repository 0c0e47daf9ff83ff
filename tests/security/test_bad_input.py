"""Hostile and malformed requests: each gets a clear 4xx in the one error format, never a
500, and nothing stored changes."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from rest_framework import serializers as drf

from api.serializers import desk
from claims.models import Claim, Evidence
from sources.models import Publisher, Source


def _stored() -> tuple:
    return (
        Claim.objects.count(),
        Evidence.objects.count(),
        Source.objects.count(),
        Publisher.objects.count(),
        sorted(Claim.objects.values_list("version", flat=True)),
    )


@pytest.fixture
def desk_client(world):
    return world.client("superuser")


def _is_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) == {"status", "code", "message", "errors"}
    assert body["status"] == status
    assert body["message"]
    if code:
        assert body["code"] == code
    return body


def _new_claim(world, **changes) -> dict:
    return {
        "slug": "from-the-desk",
        "article": world.published.article_id,
        "paragraph": 41,
        "quote": "K簽證於10月1日起實施",
        "restatement": "The K visa took effect on 1 October 2025.",
        "claimant": "State Council",
        "kind": "factual",
        **changes,
    }


# --- Bodies -------------------------------------------------------------------------------
def test_an_oversized_body_gets_413(world, desk_client):
    before = _stored()
    big = _new_claim(world, quote="字" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    response = desk_client.post(
        "/api/v1/desk/claims/", json.dumps(big), content_type="application/json"
    )
    _is_error(response, 413, "too_large")
    assert _stored() == before


def test_deeply_nested_json_gets_400(world, desk_client):
    before = _stored()
    body = "[" * 10_000 + "]" * 10_000
    response = desk_client.post("/api/v1/desk/claims/", body, content_type="application/json")
    _is_error(response, 400, "parse_error")
    assert _stored() == before


def test_deeply_nested_values_inside_an_object_get_400(world, desk_client):
    body = '{"quote": ' + "[" * 10_000 + "]" * 10_000 + "}"
    response = desk_client.post("/api/v1/desk/claims/", body, content_type="application/json")
    _is_error(response, 400, "parse_error")


def test_a_body_that_is_not_utf8_gets_400(world, desk_client):
    body = b'{"quote": "\xff\xfe\xc3\x28"}'
    response = desk_client.post("/api/v1/desk/claims/", body, content_type="application/json")
    _is_error(response, 400, "parse_error")


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"a string"', "42", "null"])
def test_json_that_is_not_an_object_gets_400(world, desk_client, body):
    before = _stored()
    response = desk_client.post("/api/v1/desk/claims/", body, content_type="application/json")
    _is_error(response, 400, "invalid")
    assert _stored() == before


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_body_that_is_not_json_gets_415(world, desk_client, content_type):
    response = desk_client.post("/api/v1/desk/claims/", "quote=x", content_type=content_type)
    _is_error(response, 415, "unsupported_media_type")


@pytest.mark.parametrize("field", ["quote", "restatement", "claimant", "slug", "place"])
def test_a_nul_byte_in_a_field_gets_400(world, desk_client, field):
    before = _stored()
    body = _new_claim(world, **{field: "before\x00after"})
    response = desk_client.post(
        "/api/v1/desk/claims/", json.dumps(body), content_type="application/json"
    )
    assert field in _is_error(response, 400, "invalid")["errors"]
    assert _stored() == before


def test_a_nul_byte_in_an_edit_gets_400_and_changes_nothing(world, desk_client):
    claim = world.draft
    response = desk_client.patch(
        f"/api/v1/desk/claims/{claim.public_id}/",
        json.dumps({"restatement": "\x00"}),
        content_type="application/json",
        headers={"If-Match": f'"{claim.public_id}-v{claim.version}"'},
    )
    assert "restatement" in _is_error(response, 400, "invalid")["errors"]
    claim.refresh_from_db()
    assert "\x00" not in claim.restatement


@pytest.mark.parametrize(
    "value", ["1" * 40, "0." + "1" * 40, "1" * 20 + "." + "1" * 20, "1e400", "NaN", "Infinity"]
)
def test_a_value_with_too_many_digits_gets_400(world, desk_client, value):
    before = _stored()
    body = _new_claim(world, kind="numeric", value=value, unit="percent", comparator="=")
    response = desk_client.post(
        "/api/v1/desk/claims/", json.dumps(body), content_type="application/json"
    )
    assert "value" in _is_error(response, 400, "invalid")["errors"]
    assert _stored() == before


def _long_text_fields() -> list[tuple[str, type, str, int]]:
    cases = []
    for kind, serializer in [
        ("claims", desk.DeskClaimSerializer),
        ("evidence", desk.DeskEvidenceSerializer),
        ("sources", desk.DeskSourceSerializer),
        ("publishers", desk.PublisherWriteSerializer),
        ("articles", desk.DeskArticleSerializer),
    ]:
        for name, field in serializer().fields.items():
            limit = getattr(field, "max_length", None)
            if limit and not field.read_only and isinstance(field, drf.CharField):
                cases.append((kind, serializer, name, limit))
    return cases


LONG = _long_text_fields()


@pytest.mark.parametrize(
    "kind,serializer,field,limit", LONG, ids=[f"{k}.{f}" for k, _s, f, _l in LONG]
)
def test_an_over_long_value_gets_400(world, desk_client, kind, serializer, field, limit):
    before = _stored()
    if field.endswith("url"):
        value = "https://example.org/" + "a" * limit
    elif field in ("slug", "quote_language", "language", "place"):
        value = "a" * (limit + 1)
    else:
        value = "字" * (limit + 1)
    response = desk_client.post(
        f"/api/v1/desk/{kind}/", json.dumps({field: value}), content_type="application/json"
    )
    assert field in _is_error(response, 400, "invalid")["errors"]
    assert _stored() == before


def test_every_desk_text_field_with_a_limit_is_checked():
    assert len(LONG) >= 15


# --- Query strings --------------------------------------------------------------------------
READS = ["/api/v1/claims/", "/api/v1/sources/", "/api/v1/articles/"]


@pytest.mark.parametrize("path", READS)
@pytest.mark.parametrize(
    "query,field",
    [
        ("page=-1", "page"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("page=%EF%BC%92", "page"),  # a full-width digit two
        ("page=%C2%B2", "page"),  # a superscript two
        ("page_size=%C2%B2", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        ("page_size=ten", "page_size"),
        ("page_size=100000000000000000000000", "page_size"),
    ],
)
def test_a_bad_page_gets_400(client, world, path, query, field):
    body = _is_error(client.get(f"{path}?{query}"), 400, "invalid")
    assert field in body["errors"]


@pytest.mark.parametrize("path", READS)
def test_a_page_past_the_end_gets_404(client, world, path):
    _is_error(client.get(f"{path}?page=999999999999"), 404, "not_found")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "%FF",
        "x" * 5000,
        "cD0x%0A",
        "cD1hYmM%3D",  # p=abc: a position that is not an id
        "cj0xJnA9eA%3D%3D",  # r=1&p=x
        "cD0tMQ%3D%3D",  # p=-1
        "cD0xLjU%3D",  # p=1.5
    ],
)
def test_a_garbage_cursor_gets_404(client, world, cursor):
    _is_error(client.get(f"/api/v1/claims/?cursor={cursor}"), 404, "not_found")


@pytest.mark.parametrize(
    "query,field",
    [
        ("value_min=" + "1" * 40, "value_min"),
        ("value_max=0." + "1" * 40, "value_max"),
        ("value_min=NaN", "value_min"),
        ("value_min=1e400", "value_min"),
        ("article=abc", "article"),
        ("source=" + "9" * 40, "source"),
        ("article=" + "9" * 40, "article"),
        ("article=-1", "article"),
        ("updated_since=yesterday", "updated_since"),
        ("kind=nonsense", "kind"),
        ("search=" + "字" * 201, "search"),
        ("claimant=a%00b", "claimant"),
        ("search=a%00b", "search"),
        ("publisher=a%00b", "publisher"),
        ("place=%00", "place"),
        ("verdict=accurate%00", "verdict"),
        ("ordering=%00", "ordering"),
    ],
)
def test_a_bad_filter_value_gets_400(client, world, query, field):
    body = _is_error(client.get(f"/api/v1/claims/?{query}"), 400, "invalid")
    assert field in body["errors"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims:search?query=a%00b",
        "/api/v1/claims/similar/?text=a%00b",
        "/api/v1/claims/export/?claimant=a%00b",
        "/api/v1/desk/claims/?claimant=a%00b",
        "/api/v1/claims/?claimant=a%00b&claimant=fine",
    ],
)
def test_a_nul_byte_in_any_api_query_gets_400(world, path):
    response = world.client("superuser").get(path)
    _is_error(response, 400, "invalid")


def test_unknown_filters_are_ignored(client, world):
    # Documented: unknown parameters are ignored, as caches and analytics add their own.
    plain = client.get("/api/v1/claims/").json()
    extra = client.get("/api/v1/claims/?utm_source=x&nonsense=1&status=draft").json()
    assert extra["results"] == plain["results"]


@pytest.mark.parametrize(
    "query", ["search=%FF%FE", "claimant=%C3%28", "page=%FF", "%FF=%FF", "cursor=%FF"]
)
def test_a_query_that_is_not_utf8_never_fails(client, world, query):
    response = client.get(f"/api/v1/claims/?{query}")
    assert response.status_code in (200, 400, 404)
    if response.status_code != 200:
        _is_error(response, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/sources/" + "9" * 40 + "/",
        "/api/v1/articles/" + "9" * 40 + "/",
        "/api/v1/claims/" + "a" * 40 + "/",
        "/api/v1/verdicts/" + "a" * 400 + "/",
    ],
)
def test_an_id_too_long_for_the_database_gets_404(client, world, path):
    _is_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize("kind", ["sources", "articles", "publishers", "evidence"])
def test_a_desk_id_too_long_for_the_database_gets_404(world, desk_client, kind):
    _is_error(desk_client.get(f"/api/v1/desk/{kind}/{'9' * 40}/"), 404, "not_found")


@pytest.mark.parametrize("value", [10**40, -1, 0, "9" * 40, "１", True, 1.5, [1], {"id": 1}])
def test_a_related_id_that_cannot_exist_gets_400(world, desk_client, value):
    before = _stored()
    response = desk_client.post(
        "/api/v1/desk/claims/",
        json.dumps(_new_claim(world, article=value)),
        content_type="application/json",
    )
    assert "article" in _is_error(response, 400, "invalid")["errors"]
    assert _stored() == before


# --- Public pages and badges ------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/claims/%00/",
        "/badge/%00.svg",
        "/badge/a%00b.json",
        "/embed/%00/",
        "/embed/%00.json",
        "/oembed/?url=%00",
        "/oembed/?url=http://testserver/claims/%00/",
        "/oembed/?url=%FF%FE",
        "/oembed/?url=http://testserver/claims/abcd2345/&maxwidth=%00",
        "/oembed/?url=http://testserver/claims/abcd2345/&maxwidth=" + "9" * 40,
        "/corrections/?page=%00",
        "/corrections/?page=-1",
        "/corrections/?page=" + "9" * 40,
        "/?page=%00",
    ],
)
def test_public_addresses_answer_hostile_input_without_failing(client, world, path):
    response = client.get(path)
    assert 200 <= response.status_code < 500, path
