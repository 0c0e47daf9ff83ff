"""Drafts, claims in review and withdrawn claims' data never reach anonymous clients."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SECRET = "SECRET"

# Every public address that lists or searches claims, each with a query that would match the
# hidden claims' text, value or source if the address leaked them.
PUBLIC_READS = [
    "/api/v1/claims/",
    "/api/v1/claims/?search=SECRET",
    "/api/v1/claims/?search=青年失業率",
    "/api/v1/claims/?claimant=secret",
    "/api/v1/claims/?value_min=18.9&value_max=18.9",
    "/api/v1/claims/?verdict=pending",
    "/api/v1/claims/?cursor=&page_size=100",
    "/api/v1/claims/?ordering=-updated_at",
    "/api/v1/claims/export/",
    "/api/v1/claims/export/?search=SECRET",
    "/api/v1/claims/similar/?text=SECRET%20青年失業率%20youth%20unemployment%2018.9%25%20draft",
    "/api/v1/claims:search?query=SECRET",
    "/api/v1/claims:search?query=失業率",
    "/api/v1/claimreview-feed/",
    "/api/v1/sources/",
    "/api/v1/articles/",
]


@pytest.mark.parametrize("url", PUBLIC_READS)
def test_no_hidden_claim_leaks_through(api, registry, url):
    response = api.get(url)
    assert response.status_code == 200, response.content
    text = response.content.decode()
    assert SECRET not in text
    for key in ("draft", "review", "withdrawn"):
        assert registry[key].public_id not in text


def test_counts_include_published_claims_only(api, registry):
    assert api.get("/api/v1/claims/?search=失業率").json()["count"] == 1
    assert api.get("/api/v1/claims/?value_min=18.9&value_max=18.9").json()["count"] == 1


def test_a_source_only_hidden_claims_cite_is_unknown(api, registry, secret_source):
    assert api.get(f"/api/v1/claims/?source={secret_source.pk}").json()["count"] == 0
    assert api.get(f"/api/v1/sources/{secret_source.pk}/").status_code == 404


@pytest.mark.parametrize("key", ["draft", "review", "withdrawn"])
def test_a_hidden_claim_has_no_claimreview(api, registry, key):
    response = api.get(f"/api/v1/claims/{registry[key].public_id}/claimreview/")
    assert response.status_code == 404


def test_the_withdrawal_notice_keeps_the_claim_text_private(api, registry):
    response = api.get(f"/api/v1/claims/{registry['withdrawn'].public_id}/")
    assert set(response.json()) == {"id", "status", "withdrawn_at", "reason"}


def test_a_token_does_not_unlock_drafts_on_public_addresses(editor_api, registry):
    response = editor_api.get(f"/api/v1/claims/{registry['draft'].public_id}/")
    assert response.status_code == 404
    assert SECRET not in editor_api.get("/api/v1/claims/").content.decode()
