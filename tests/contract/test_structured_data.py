"""What search engines and oEmbed consumers read, read by the libraries they use: extruct
for a claim page's ClaimReview JSON-LD, micawber as a CMS's oEmbed consumer."""

from __future__ import annotations

import extruct
import micawber
import pytest

from claims.models import Claim
from claims.public_changes import start_new_generation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_extruct_finds_the_claimreview_on_a_claim_page(base, http, registry):
    claim = registry["youth"]
    url = f"{base}/claims/{claim.public_id}/"
    data = extruct.extract(http.get(url).text, base_url=url, syntaxes=["json-ld"])
    (review,) = [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]
    assert review["@context"] in ("https://schema.org", "http://schema.org")
    assert review["url"].endswith(f"/claims/{claim.public_id}/")
    assert review["claimReviewed"]
    assert review["reviewRating"]["alternateName"] == "Accurate"
    assert review["reviewRating"]["ratingValue"] == 5
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["author"]["@type"] == "Organization"


def test_extruct_reads_hostile_text_as_text(base, http, registry):
    hostile = '</script><script>alert(1)</script> "quoted"'
    Claim.objects.filter(pk=registry["youth"].pk).update(claimant=hostile)
    start_new_generation()  # as a change through the workflow would
    url = f"{base}/claims/{registry['youth'].public_id}/"
    data = extruct.extract(http.get(url).text, base_url=url, syntaxes=["json-ld"])
    (review,) = [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]
    assert review["itemReviewed"]["author"]["name"] == hostile


@pytest.fixture
def providers(base):
    registry = micawber.ProviderRegistry()
    registry.register(f"{base}/claims/\\S+", micawber.Provider(f"{base}/oembed/"))
    return registry


def test_micawber_embeds_a_claim(providers, base, registry):
    claim = registry["youth"]
    data = providers.request(f"{base}/claims/{claim.public_id}/")
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert f"/embed/{claim.public_id}/" in data["html"]
    assert (data["width"], data["height"]) == (480, 240)
    html = micawber.parse_text(f"{base}/claims/{claim.public_id}/", providers)
    assert "<iframe" in html


def test_micawber_gets_a_readable_card_for_a_tiny_maximum(providers, base, registry):
    data = providers.request(
        f"{base}/claims/{registry['youth'].public_id}/", maxwidth=10, maxheight=10
    )
    assert (data["width"], data["height"]) == (240, 120)


def test_micawber_reports_a_hidden_claim_as_not_found(providers, base, registry):
    with pytest.raises(micawber.ProviderException) as raised:
        providers.request(f"{base}/claims/{registry['draft'].public_id}/")
    assert "404" in str(raised.value)
