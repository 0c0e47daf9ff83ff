"""Every link a claim carries in the API leads somewhere real."""

from __future__ import annotations

from urllib.parse import urlsplit


def test_each_link_of_a_published_claim_answers(client, published_claim):
    links = client.get(f"/api/v1/claims/{published_claim.public_id}/").json()["links"]
    assert set(links) == {"self", "page", "badge", "claimreview"}
    for name, url in links.items():
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, (name, url)
    assert links["badge"].endswith(f"/badge/{published_claim.public_id}.svg")
