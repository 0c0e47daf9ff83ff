"""openapi-core, validating strictly as a client's test suite would, reads real answers of a
live server against our schema: every operation that reads, with every status it can give
(200, 304, 400, 401, 404, 405, 406, 429, 503), and the desk's writes (400, 412, 428)."""

from __future__ import annotations

import json
import re

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PARAMETER = re.compile(r"\{(\w+)\}")


class Checker:
    """Validates answers against the schema and remembers which (operation, status) it saw."""

    def __init__(self, schema: dict):
        # JSON-LD is JSON and CSV is UTF-8 text: openapi-core is told so, as a client would be.
        config = Config(
            extra_media_type_deserializers={
                "application/ld+json": json.loads,
                "text/csv": lambda body, charset="utf-8", **_: body.decode(charset),
            }
        )
        self.openapi = OpenAPI.from_dict(schema, config=config)
        self.seen: set[tuple[str, str, int]] = set()

    def __call__(self, response, *, as_operation: tuple[str, str] | None = None, status=None):
        if status is not None:
            assert response.status_code == status, (response.request.url, response.text[:300])
        request = response.request
        if as_operation is not None:
            # A method the address does not take has no operation of its own: its 405 is
            # documented on the operations the address has.
            request = request.copy()
            request.method = as_operation[0]
        self.openapi.validate_response(
            RequestsOpenAPIRequest(request), RequestsOpenAPIResponse(response)
        )
        return response


@pytest.fixture
def schema(base, http) -> dict:
    return http.get(f"{base}/api/schema/?format=json").json()


@pytest.fixture
def check(schema) -> Checker:
    return Checker(schema)


@pytest.fixture
def world(registry, article, source, nbs, fact_checker):
    """A value for every path parameter, public or desk."""
    return {
        "public_id": registry["youth"].public_id,
        "desk_public_id": registry["draft"].public_id,
        "article": article.pk,
        "source": source.pk,
        "evidence": registry["youth"].evidence.first().pk,
        "publisher": nbs.pk,
        "code": "accurate",
        "token": Token.objects.create(user=fact_checker).key,
    }


def concrete(path: str, world: dict) -> str:
    def value(match):
        name = match[1]
        if name == "public_id":
            return world["desk_public_id" if "/desk/" in path else "public_id"]
        if name == "code":
            return world["code"]
        collection = path.split("/{")[0].rsplit("/", 1)[-1]
        return str(
            world[
                {"articles": "article", "sources": "source"}.get(collection, "")
                or {"evidence": "evidence", "publishers": "publisher"}[collection]
            ]
        )

    return PARAMETER.sub(value, path)


def reads(schema: dict) -> list[str]:
    return [path for path, operations in schema["paths"].items() if "get" in operations]


QUERIES = {
    "/api/v1/claims/similar/": "?text=youth+unemployment",
    "/api/v1/claims:search": "?query=%E5%A4%B1%E6%A5%AD%E7%8E%87",
}
# A query each refuses with a 400.
BAD_QUERIES = {
    "/api/v1/claims/": "?kind=opinion",
    "/api/v1/claims/export/": "?value_min=abc",
    "/api/v1/claims/similar/": "?limit=0&text=x",
    "/api/v1/claims:search": "?pageSize=-1&query=x",
    "/api/v1/articles/": "?page=0",
    "/api/v1/sources/": "?page_size=0",
    "/api/v1/desk/claims/": "?status=lost",
}
# Each answers in one format whatever Accept says (CSV, JSON-LD): never a 406.
FIXED_FORMAT = {
    "/api/v1/claims/export/",
    "/api/v1/claims/{public_id}/claimreview/",
    "/api/v1/claimreview-feed/",
}


def test_every_public_read_answers_as_documented(check, schema, world, base, http):
    for path in reads(schema):
        if "/desk/" in path:
            continue
        url = base + concrete(path, world) + QUERIES.get(path, "")
        ok = check(http.get(url), status=200)
        check(http.get(url, headers={"If-None-Match": ok.headers["ETag"]}), status=304)
        if path not in FIXED_FORMAT:
            check(http.get(url, headers={"Accept": "application/xml"}), status=406)
        check(http.delete(url), as_operation=("GET", path), status=405)
        if path in BAD_QUERIES:
            check(http.get(base + concrete(path, world) + BAD_QUERIES[path]), status=400)
        if "{" in path:
            missing = base + PARAMETER.sub("zzzzzzzz" if "public_id" in path else "999999", path)
            if "{code}" in path:
                missing = base + path.replace("{code}", "no-such-verdict")
            check(http.get(missing), status=404)


def test_every_desk_read_answers_as_documented(check, schema, world, base, http):
    token = {"Authorization": f"Token {world['token']}"}
    for path in reads(schema):
        if "/desk/" not in path:
            continue
        url = base + concrete(path, world)
        check(http.get(url, headers=token), status=200)
        check(http.get(url), status=401)
        check(http.get(url, headers={"Authorization": "Token nonsense"}), status=401)
        if path in BAD_QUERIES:
            check(http.get(url + BAD_QUERIES[path], headers=token), status=400)


def test_desk_writes_answer_as_documented(check, world, base, http):
    token = {"Authorization": f"Token {world['token']}"}
    url = f"{base}/api/v1/desk/claims/{world['desk_public_id']}/"
    etag = check(http.get(url, headers=token), status=200).headers["ETag"]
    change = {"restatement": "A restatement, changed."}
    check(http.patch(url, json=change, headers=token), status=428)
    check(http.patch(url, json=change, headers={**token, "If-Match": '"stale"'}), status=412)
    check(
        http.patch(url, json={"kind": "opinion"}, headers={**token, "If-Match": etag}), status=400
    )
    check(http.patch(url, json=change, headers={**token, "If-Match": etag}), status=200)
    check(http.post(f"{base}/api/v1/desk/claims/", json={}, headers=token), status=400)


def test_a_throttled_read_answers_as_documented(check, base, http, registry, settings):
    settings.API_THROTTLE_RATES = {"anon": "1/min", "user": "1/min"}
    http.get(f"{base}/api/v1/verdicts/")
    response = check(http.get(f"{base}/api/v1/verdicts/"), status=429)
    assert int(response.headers["Retry-After"]) > 0


def test_an_outage_answers_as_documented(check, base, http, registry, monkeypatch):
    from django.db import OperationalError

    from api.views import public

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(public.VerdictViewSet, "get_queryset", unreachable)
    response = check(http.get(f"{base}/api/v1/verdicts/"), status=503)
    assert response.headers["Retry-After"]
