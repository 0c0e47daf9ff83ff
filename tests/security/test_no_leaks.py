"""Nothing of a draft, a claim in review or a withdrawn claim's text reaches an anonymous
reader, by any read path: the marker written into them appears in no public response."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.security.conftest import MARKER

SEARCH = quote(MARKER)

PATHS = [
    "/api/v1/claims/",
    "/api/v1/claims/?page_size=100",
    "/api/v1/claims/?cursor=",
    f"/api/v1/claims/?search={SEARCH}",
    "/api/v1/claims/?search=youth",
    f"/api/v1/claims/?claimant={SEARCH}",
    "/api/v1/claims/?verdict=accurate,pending",
    "/api/v1/claims/?kind=numeric",
    "/api/v1/claims/?unit=percent",
    "/api/v1/claims/?place=CN",
    "/api/v1/claims/?value_min=18&value_max=19",
    "/api/v1/claims/?publisher=nbs",
    "/api/v1/claims/?outlet=initium",
    "/api/v1/claims/?language=zh-Hant",
    "/api/v1/claims/?updated_since=2000-01-01T00:00:00Z",
    "/api/v1/claims/?published_since=2000-01-01T00:00:00Z",
    "/api/v1/claims/?status=draft",
    "/api/v1/claims/?ordering=-updated_at",
    "/api/v1/claims/export/",
    f"/api/v1/claims/export/?search={SEARCH}",
    f"/api/v1/claims/similar/?text={SEARCH}",
    "/api/v1/claims/similar/?text=youth+unemployment+rose+to+18.9%25",
    f"/api/v1/claims:search?query={SEARCH}",
    "/api/v1/claims:search?query=youth",
    "/api/v1alpha1/claims:search?query=youth",
    "/api/v1/claimreview-feed/",
    "/api/v1/sources/",
    "/api/v1/sources/?page_size=100",
    "/api/v1/articles/",
    "/api/v1/verdicts/",
    "/api/schema/",
    "/api/docs/",
    "/",
    "/corrections/",
    "/methodology/",
    "/oembed/?url=http://testserver/claims/{withdrawn}/",
]
PER_CLAIM = [
    "/api/v1/claims/{id}/",
    "/api/v1/claims/{id}/claimreview/",
    "/claims/{id}/",
    "/badge/{id}.svg",
    "/badge/{id}.json",
    "/embed/{id}/",
    "/embed/{id}.json",
    "/oembed/?url=http://testserver/claims/{id}/",
]


def _anonymous_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code < 500, path
    return response.content.decode("utf-8", "replace") + str(dict(response.headers))


@pytest.mark.parametrize("path", PATHS)
def test_no_hidden_text_in_a_public_read(client, world, path):
    text = _anonymous_text(client, path.format(withdrawn=world.withdrawn.public_id))
    assert MARKER not in text


@pytest.mark.parametrize("path", PER_CLAIM)
@pytest.mark.parametrize("state", ["draft", "review", "withdrawn"])
def test_no_hidden_text_at_a_hidden_claims_own_address(client, world, path, state):
    claim = getattr(world, state)
    assert MARKER not in _anonymous_text(client, path.format(id=claim.public_id))


def test_the_article_page_lists_only_public_claims(client, world):
    text = _anonymous_text(client, f"/articles/{world.published.article.slug}/")
    assert MARKER not in text
    assert f"/claims/{world.published.public_id}/" in text


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/articles/", "/api/v1/sources/"])
def test_counts_count_public_claims_only(client, world, path):
    body = client.get(path).json()
    assert body["count"] == len(body["results"])
    if path == "/api/v1/claims/":
        # The published claim and the withdrawal notice; not the draft nor the one in review.
        assert {row["id"] for row in body["results"]} <= {
            world.published.public_id,
            world.withdrawn.public_id,
        }


def test_the_withdrawn_claim_shows_only_its_notice(client, world):
    body = client.get(f"/api/v1/claims/{world.withdrawn.public_id}/").json()
    assert body["status"] == "withdrawn"
    assert "The figure came from the wrong table." in str(body)
    assert MARKER not in str(body)


def test_a_source_only_hidden_claims_cite_is_not_found(client, world):
    assert client.get(f"/api/v1/sources/{world.secret_source.pk}/").status_code == 404
    assert str(world.secret_source.pk) not in {
        str(row["id"]) for row in client.get("/api/v1/sources/?page_size=100").json()["results"]
    }


def test_a_desk_token_does_not_unlock_drafts_at_public_addresses(world):
    client = world.client("superuser")
    for path in PATHS[:5] + [f"/api/v1/claims/{world.draft.public_id}/"]:
        assert MARKER not in _anonymous_text(client, path.format(withdrawn="x"))
