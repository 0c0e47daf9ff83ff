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
        claim = make_claim(slug=f"many-{n}")
        Evidence.objects.create(claim=claim, source=source, role="supports", seen=True)
        Evidence.objects.create(claim=claim, source=second_source, role="context")
        publish(claim)


def count_queries(api, url: str) -> int:
    cache.clear()  # each list counts again, as after a public change
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


class TestCountedOnce:
    """A public list counts its matches once per public change and filter."""

    @staticmethod
    def counts(captured) -> int:
        return sum("COUNT(" in (query["sql"] or "").upper() for query in captured)

    def second_page_counts(self, api, url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(url).status_code == 200
        return self.counts(captured)

    def test_the_next_page_reuses_the_count(self, api, many):
        assert api.get("/api/v1/claims/?page_size=10").json()["count"] == 55
        assert self.second_page_counts(api, "/api/v1/claims/?page_size=10&page=2") == 0
        assert api.get("/api/v1/claims/?page_size=10&page=3").json()["count"] == 55

    def test_another_filter_counts_again(self, api, many):
        api.get("/api/v1/claims/?page_size=10")
        assert self.second_page_counts(api, "/api/v1/claims/?page_size=10&verdict=inaccurate") == 1

    def test_a_repeated_filter_in_another_order_is_counted_apart(self, api, make_claim, publish):
        from claims.models import ClaimKind

        publish(make_claim(slug="n1", kind=ClaimKind.NUMERIC))
        publish(make_claim(slug="n2", kind=ClaimKind.NUMERIC))
        publish(make_claim(slug="f1", kind=ClaimKind.FACTUAL))
        # A filter uses the last value of a repeated parameter.
        first = api.get("/api/v1/claims/?kind=factual&kind=numeric").json()
        assert first["count"] == len(first["results"]) == 2
        second = api.get("/api/v1/claims/?kind=numeric&kind=factual").json()
        assert second["count"] == len(second["results"]) == 1

    def test_a_public_change_counts_again(
        self, api, many, make_claim, publish, django_capture_on_commit_callbacks
    ):
        api.get("/api/v1/claims/?page_size=10")
        with django_capture_on_commit_callbacks(execute=True):
            publish(make_claim(slug="one-more"))
        response = api.get("/api/v1/claims/?page_size=10&page=2")
        assert response.json()["count"] == 56

    def test_the_desk_counts_every_time(self, api, many, editor, make_claim):
        api.force_authenticate(editor)
        assert api.get("/api/v1/desk/claims/?page_size=10").json()["count"] >= 55
        before = api.get("/api/v1/desk/claims/?page_size=10").json()["count"]
        make_claim(slug="a-new-draft")  # no public change: the public generation stays
        assert api.get("/api/v1/desk/claims/?page_size=10&page=2").json()["count"] == before + 1


class TestWithoutACache:
    """Without a cache every page counts again; no write waits on a lock of every other's."""

    @pytest.fixture(autouse=True)
    def no_cache(self, settings):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    def counted(self, api, url: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(url)
        assert response.status_code == 200, response.content
        return response.json()["count"], TestCountedOnce.counts(captured)

    def test_every_page_counts_again(self, api, many):
        assert self.counted(api, "/api/v1/claims/?page_size=10") == (55, 1)
        assert self.counted(api, "/api/v1/claims/?page_size=10&page=2") == (55, 1)

    def test_a_workflow_action_locks_only_its_claim(self, many, fact_checker, verdicts):
        from claims.models import Claim, ClaimStatus
        from claims.workflow import claim_change_verdict

        claim = Claim.objects.filter(status=ClaimStatus.PUBLISHED).first()
        with CaptureQueriesContext(connection) as captured:
            claim_change_verdict(
                claim=claim, by=fact_checker, verdict=verdicts["misleading"], reason="Re-read."
            )
        locks = [query["sql"] for query in captured if "FOR UPDATE" in query["sql"]]
        if connection.features.has_select_for_update:
            assert locks and all('FROM "claims_claim"' in sql for sql in locks)
            assert all(f"= {claim.pk}" in sql or "%s" in sql for sql in locks)
