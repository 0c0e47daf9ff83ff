"""List endpoints run the same number of queries whatever the page size."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(make_claim, publish, source, second_source):
    for n in range(55):
        claim = publish(make_claim(slug=f"many-{n}"))
        Evidence.objects.create(claim=claim, source=second_source, role="context")


def count_queries(api, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/claims/?page_size={n}",
        "/api/v1/claims/?cursor=&page_size={n}",
        "/api/v1/claims/?page_size={n}&search=失業率&ordering=-published_at",
        "/api/v1/sources/?page_size={n}",
        "/api/v1/articles/?page_size={n}",
        "/api/v1/desk/claims/?page_size={n}",
        "/api/v1/claims:search?query=失業率&pageSize={n}",
    ],
)
def test_it_runs_a_constant_number_of_queries(api, many, fact_checker, url):
    if "/desk/" in url:
        api.force_authenticate(fact_checker)
    small = count_queries(api, url.format(n=5))
    large = count_queries(api, url.format(n=50))
    assert small == large


@pytest.mark.parametrize("url", ["/api/v1/claimreview-feed/", "/api/v1/claims/export/"])
def test_whole_list_outputs_do_not_query_per_claim(api, many, make_claim, publish, url):
    before = count_queries(api, url)
    for n in range(5):
        publish(make_claim(slug=f"more-{n}"))
    assert count_queries(api, url) == before
