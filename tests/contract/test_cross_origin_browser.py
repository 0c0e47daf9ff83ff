"""A page on another origin, in real headless Chromium, reads the API and the badge JSON and
revalidates them with If-None-Match: the CORS preflight allows it and ETag is exposed."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REVALIDATE = """async (url) => {
  const first = await fetch(url, {cache: "no-store"});
  const etag = first.headers.get("ETag");
  const again = await fetch(url, {cache: "no-store", headers: {"If-None-Match": etag}});
  return {first: first.status, etag: etag, again: again.status};
}"""


@pytest.fixture
def elsewhere(httpserver):
    """A publisher's page, on an origin of its own."""
    httpserver.expect_request("/").respond_with_data(
        "<!doctype html><title>A publisher</title>", content_type="text/html"
    )
    httpserver.expect_request("/favicon.ico").respond_with_data("", status=204)
    return httpserver.url_for("/")


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/claims/?verdict=accurate&verdict=misleading",
        "/api/v1/claims/{id}/",
        "/badge/{id}.json",
    ],
)
def test_another_origin_revalidates_with_if_none_match(
    watched_page, elsewhere, live_server, registry, address
):
    watched_page.goto(elsewhere)
    url = live_server.url + address.format(id=registry["youth"].public_id)
    assert not url.startswith(elsewhere.rstrip("/"))
    result = watched_page.evaluate(REVALIDATE, url)
    assert result["first"] == 200
    assert result["etag"], "ETag is not exposed to the other origin"
    assert result["again"] == 304
    assert watched_page.problems == []
