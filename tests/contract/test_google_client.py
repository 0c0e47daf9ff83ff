"""google-api-python-client, built from the Fact Check Tools v1alpha1 discovery document
(fixtures/factchecktools.v1alpha1.json, as Google publishes it) with its rootUrl pointed at
the live server: Google's own client searches, pages and reports errors."""

from __future__ import annotations

import json
from pathlib import Path

import httplib2
import pytest
from googleapiclient.discovery import build_from_document
from googleapiclient.errors import HttpError

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DISCOVERY = Path(__file__).parent / "fixtures" / "factchecktools.v1alpha1.json"


@pytest.fixture
def factchecktools(base):
    document = json.loads(DISCOVERY.read_text())
    document["rootUrl"] = document["baseUrl"] = f"{base}/api/"
    http = httplib2.Http()
    # No credentials: the registry's search is public.
    yield build_from_document(document, http=http)
    http.close()  # no kept-alive connection outlives the test's database


def test_it_searches_as_googles_api_does(factchecktools, registry):
    found = factchecktools.claims().search(query="失業率", languageCode="en").execute()
    (claim,) = found["claims"]
    assert claim["text"] == registry["youth"].quote
    (review,) = claim["claimReview"]
    assert review["publisher"]["site"] == "localhost"
    assert review["textualRating"] == "Accurate"
    assert review["reviewDate"].endswith("Z")


def test_it_pages_with_the_clients_own_helper(factchecktools, registry):
    claims = factchecktools.claims()
    request = claims.search(query="簽證", pageSize=1)
    texts = []
    while request is not None:
        response = request.execute()
        texts += [claim["text"] for claim in response["claims"]]
        request = claims.search_next(request, response)
    assert len(texts) == len(set(texts)) == 2


def test_offset_and_the_site_filter_without_a_query(factchecktools, registry):
    everything = factchecktools.claims().search(reviewPublisherSiteFilter="localhost").execute()
    assert len(everything["claims"]) == 3
    rest = factchecktools.claims().search(reviewPublisherSiteFilter="localhost", offset=1)
    assert rest.execute()["claims"] == everything["claims"][1:]
    elsewhere = factchecktools.claims().search(reviewPublisherSiteFilter="nytimes.com")
    assert elsewhere.execute().get("claims", []) == []


def test_errors_reach_the_client_as_googles_do(factchecktools, registry):
    with pytest.raises(HttpError) as raised:
        factchecktools.claims().search(languageCode="en").execute()
    error = raised.value
    assert error.status_code == 400
    assert error.reason == "query: Give a query, or a reviewPublisherSiteFilter."
    assert error.error_details[0]["fieldViolations"][0]["field"] == "query"
