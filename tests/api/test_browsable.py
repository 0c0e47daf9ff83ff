"""A person opening the API in a browser gets DRF's browsable page; clients keep JSON."""

from __future__ import annotations

import pytest

from api.renderers import BROWSABLE_POLICY

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/claims/", "/api/v1/claims/{id}/", "/api/v1/sources/", "/api/v1/verdicts/"],
)
def test_a_browser_gets_the_browsable_page(client, registry, path):
    response = client.get(path.format(id=registry["youth"].public_id), HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert 'class="response-info"' in page
    assert response["Content-Security-Policy"] == BROWSABLE_POLICY
    assert "private" in response["Cache-Control"]
    assert "Accept" in response["Vary"]


def test_the_page_shows_only_published_claims(client, registry):
    page = client.get("/api/v1/claims/", HTTP_ACCEPT=BROWSER_ACCEPT).content.decode()
    assert registry["youth"].public_id in page
    assert "SECRET" not in page


def test_the_page_offers_no_form_to_send(client, registry):
    page = client.get("/api/v1/claims/", HTTP_ACCEPT=BROWSER_ACCEPT).content.decode()
    assert 'method="post"' not in page.lower()


@pytest.mark.parametrize("accept", [None, "*/*", "application/json"])
def test_json_clients_are_unaffected(client, registry, accept):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get("/api/v1/claims/", **headers)
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 3
    assert response["ETag"]


def test_a_browser_page_is_not_the_cached_json(client, registry):
    client.get("/api/v1/claims/")
    page = client.get("/api/v1/claims/", HTTP_ACCEPT=BROWSER_ACCEPT)
    assert page["Content-Type"].startswith("text/html")
    assert client.get("/api/v1/claims/")["Content-Type"] == "application/json"
