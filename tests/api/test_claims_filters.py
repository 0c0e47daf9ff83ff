"""Filtering, searching, ordering and paging the claim list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim

pytestmark = pytest.mark.django_db


def found(api, query: str) -> set[str]:
    response = api.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200, response.json()
    return {row["slug"] for row in response.json()["results"]}


class TestFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("verdict=accurate", {"youth-unemployment"}),
            ("verdict=accurate,misleading", {"youth-unemployment", "k-visa-start"}),
            ("verdict=inaccurate", set()),
            ("kind=date", {"k-visa-start"}),
            ("kind=numeric", {"youth-unemployment", "h1b-fee"}),
            ("claimant=initium", {"h1b-fee"}),
            ("claimant=國務院", {"k-visa-start"}),
            ("unit=USD", {"h1b-fee"}),
            ("unit=percent", {"youth-unemployment"}),
            ("place=us", {"h1b-fee"}),
            ("place=CN", {"youth-unemployment", "k-visa-start"}),
            ("language=en", {"k-visa-start"}),
            ("language=zh-hant", {"youth-unemployment", "h1b-fee"}),
            ("value_min=100", {"h1b-fee"}),
            ("value_max=20", {"youth-unemployment"}),
            ("value_min=18.9&value_max=18.9", {"youth-unemployment"}),
            ("publisher=uscis", {"h1b-fee"}),
            ("publisher=nbs", {"youth-unemployment", "k-visa-start"}),
            ("outlet=initium", {"youth-unemployment", "h1b-fee", "k-visa-start"}),
        ],
    )
    def test_it_filters(self, api, registry, query, expected):
        assert found(api, query) == expected

    def test_it_filters_by_source(self, api, registry, second_source):
        assert found(api, f"source={second_source.pk}") == {"h1b-fee"}

    def test_it_filters_by_article(self, api, registry, article):
        assert len(found(api, f"article={article.pk}")) == 3
        assert found(api, f"article={article.pk + 999}") == set()

    def test_it_filters_by_update_time(self, api, registry):
        Claim.objects.filter(slug="h1b-fee").update(updated_at=timezone.now() + timedelta(days=2))
        since = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert found(api, f"updated_since={since}") == {"h1b-fee"}

    def test_it_filters_by_publication_time(self, api, registry):
        since = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert found(api, f"published_since={since}") == set()


class TestSearch:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("失業率", {"youth-unemployment"}),
            ("青年失業", {"youth-unemployment"}),
            ("簽證", {"h1b-fee", "k-visa-start"}),
            ("K簽證", {"k-visa-start"}),
            ("youth unemployment", {"youth-unemployment"}),
            ("YOUTH", {"youth-unemployment"}),
            ("h-1b", {"h1b-fee"}),
            ("國家統計局", {"youth-unemployment"}),
            ("no such words anywhere", set()),
        ],
    )
    def test_it_searches_chinese_and_english(self, api, registry, text, expected):
        assert found(api, f"search={text}") == expected

    def test_it_combines_search_with_filters(self, api, registry):
        assert found(api, "search=簽證&verdict=misleading") == {"k-visa-start"}

    def test_it_refuses_an_overlong_search(self, api, registry):
        response = api.get("/api/v1/claims/", {"search": "x" * 201})
        assert response.status_code == 400
        assert "search" in response.json()["errors"]


class TestOrdering:
    @pytest.mark.parametrize(
        ("ordering", "expected"),
        [
            ("value", ["youth-unemployment", "h1b-fee", "k-visa-start"]),
            ("-value", ["k-visa-start", "h1b-fee", "youth-unemployment"]),
            ("paragraph", ["youth-unemployment", "h1b-fee", "k-visa-start"]),
            ("-paragraph", ["k-visa-start", "h1b-fee", "youth-unemployment"]),
            ("published_at", ["youth-unemployment", "h1b-fee", "k-visa-start"]),
            ("-published_at", ["k-visa-start", "h1b-fee", "youth-unemployment"]),
            ("reviewed_at", ["youth-unemployment", "h1b-fee", "k-visa-start"]),
            ("-updated_at", ["k-visa-start", "h1b-fee", "youth-unemployment"]),
            ("verdict", ["youth-unemployment", "h1b-fee", "k-visa-start"]),
            ("claimant", ["h1b-fee", "k-visa-start", "youth-unemployment"]),
        ],
    )
    def test_it_orders(self, api, registry, ordering, expected):
        # NULL values sort differently per database; compare only the claims with a value.
        response = api.get(f"/api/v1/claims/?ordering={ordering}")
        slugs = [row["slug"] for row in response.json()["results"]]
        if ordering.endswith("value"):
            slugs = [slug for slug in slugs if slug != "k-visa-start"]
            expected = [slug for slug in expected if slug != "k-visa-start"]
        assert slugs == expected

    def test_it_refuses_an_unknown_ordering(self, api, registry):
        response = api.get("/api/v1/claims/?ordering=research_notes")
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "invalid"
        assert "ordering" in body["errors"]


class TestBadFilterValues:
    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("value_min=abc", "value_min"),
            ("value_max=1e999999", "value_max"),
            ("value_min=" + "9" * 40, "value_min"),
            ("value_min=0." + "1" * 40, "value_min"),
            ("updated_since=yesterday", "updated_since"),
            ("kind=opinion", "kind"),
            ("unit=furlongs", "unit"),
            ("article=first", "article"),
            ("source=abc", "source"),
        ],
    )
    def test_it_answers_400_naming_the_field(self, api, registry, query, field):
        response = api.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 400
        body = response.json()
        assert body["status"] == 400 and body["code"] == "invalid"
        assert field in body["errors"] and body["errors"][field][0]


class TestPaging:
    def test_it_pages_with_numbers(self, api, registry):
        first = api.get("/api/v1/claims/?page_size=2&ordering=paragraph").json()
        assert first["count"] == 3 and len(first["results"]) == 2
        second = api.get(first["next"]).json()
        assert [row["slug"] for row in second["results"]] == ["k-visa-start"]
        assert second["next"] is None

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("page=abc", "page"),
            ("page=0", "page"),
            ("page=-1", "page"),
            ("page_size=0", "page_size"),
            ("page_size=abc", "page_size"),
            ("page_size=1000000", "page_size"),
        ],
    )
    def test_it_refuses_bad_paging(self, api, registry, query, field):
        response = api.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 400
        assert field in response.json()["errors"]

    def test_it_answers_404_past_the_last_page(self, api, registry):
        response = api.get("/api/v1/claims/?page=99")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    def test_it_says_how_big_a_page_may_be(self, api, registry, settings):
        settings.API_MAX_PAGE_SIZE = 2
        response = api.get("/api/v1/claims/?page_size=3")
        assert response.json()["errors"]["page_size"] == ["Ask for at most 2 results per page."]


class TestCursorPaging:
    def test_it_walks_the_whole_registry_without_gaps_or_repeats(
        self, api, registry, make_claim, publish
    ):
        for n in range(7):
            publish(make_claim(slug=f"extra-{n}"))
        published = set(Claim.objects.published().values_list("public_id", flat=True))
        seen: list[str] = []
        url = "/api/v1/claims/?cursor=&page_size=3"
        pages = 0
        while url:
            body = api.get(url).json()
            assert body["count"] is None
            assert len(body["results"]) <= 3
            seen += [row["id"] for row in body["results"]]
            url = body["next"]
            pages += 1
        assert pages == 4
        assert len(seen) == len(set(seen)) == 10
        assert set(seen) == published

    def test_it_keeps_its_place_when_claims_are_published_meanwhile(
        self, api, registry, make_claim, publish
    ):
        first = api.get("/api/v1/claims/?cursor=&page_size=2").json()
        publish(make_claim(slug="late"))
        rest = api.get(first["next"]).json()
        slugs = [row["slug"] for row in first["results"] + rest["results"]]
        assert len(slugs) == len(set(slugs)) == 4

    def test_it_refuses_a_forged_cursor(self, api, registry):
        response = api.get("/api/v1/claims/?cursor=not-a-cursor")
        assert response.status_code == 404
        assert response.json()["message"] == "Invalid cursor"

    @pytest.mark.parametrize("extra", ["page=2", "ordering=value"])
    def test_it_refuses_to_mix_cursor_with(self, api, registry, extra):
        response = api.get(f"/api/v1/claims/?cursor=&{extra}")
        assert response.status_code == 400
        assert "cursor" in response.json()["errors"]


class TestListParameters:
    """A list filter reads both spellings: repeated, as generated clients send, and commas."""

    @pytest.mark.parametrize(
        "query",
        [
            "verdict=accurate&verdict=misleading",
            "verdict=accurate,misleading",
            "verdict=accurate&verdict=misleading,accurate",
        ],
    )
    def test_it_reads_every_verdict(self, api, registry, query):
        assert found(api, query) == {"youth-unemployment", "k-visa-start"}

    def test_it_reads_every_verdict_in_the_csv(self, api, registry):
        response = api.get("/api/v1/claims/export/?verdict=accurate&verdict=mostly-accurate")
        assert response.content.decode("utf-8-sig").count("\n") == 3

    @pytest.mark.parametrize(
        "query", ["ordering=verdict&ordering=-paragraph", "ordering=verdict,-paragraph"]
    )
    def test_it_orders_by_every_key(self, api, registry, query):
        response = api.get(f"/api/v1/claims/?{query}")
        slugs = [row["slug"] for row in response.json()["results"]]
        assert slugs == ["youth-unemployment", "h1b-fee", "k-visa-start"]

    def test_it_refuses_an_unknown_key_among_repeats(self, api, registry):
        response = api.get("/api/v1/claims/?ordering=verdict&ordering=research_notes")
        assert response.status_code == 400
        assert "ordering" in response.json()["errors"]

    def test_the_schema_says_lists_repeat_and_ids_are_integers(self, api):
        import yaml

        schema = yaml.safe_load(api.get("/api/schema/").content)
        parameters = {p["name"]: p for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
        for name in ("verdict", "ordering"):
            assert parameters[name]["style"] == "form"
            assert parameters[name]["explode"] is True
        for name in ("article", "source"):
            assert parameters[name]["schema"]["type"] == "integer"
