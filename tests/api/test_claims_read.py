"""Reading claims: list, detail, withdrawal notices, sources, articles, the verdict scale."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def ids(response) -> list[str]:
    return [row["id"] for row in response.json()["results"]]


class TestClaimList:
    def test_it_lists_published_claims_only(self, api, registry):
        response = api.get("/api/v1/claims/")
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 3
        assert set(ids(response)) == {registry[k].public_id for k in ("youth", "h1b", "k_visa")}

    def test_it_shows_everything_a_reader_needs(self, api, registry):
        claim = registry["youth"]
        row = api.get(f"/api/v1/claims/{claim.public_id}/").json()
        assert row["quote"] == claim.quote
        assert row["value"] == "18.900000"
        assert row["comparator"] == "=" and row["unit"] == "percent"
        assert row["period"] == "2025-08" and row["place"] == "CN"
        assert row["verdict"] == {
            "code": "accurate",
            "label_en": "Accurate",
            "label_zh_hant": claim.verdict.label_zh_hant,
            "colour": claim.verdict.colour,
            "rating_value": claim.verdict.rating_value,
        }
        assert row["ruling"]
        assert row["appears_in"]["article"]["outlet"]["slug"] == "initium"
        assert row["appears_in"]["paragraph"] == claim.paragraph
        (evidence,) = row["evidence"]
        assert evidence["source"]["publisher"]["slug"] == "nbs"
        assert [entry["kind"] for entry in row["verdict_history"]] == ["published"]
        links = row["links"]
        assert links["page"].endswith(f"/claims/{claim.public_id}/")
        assert links["claimreview"].endswith(f"/api/v1/claims/{claim.public_id}/claimreview/")
        assert links["badge"].endswith(".svg")
        assert "research_notes" not in row and "version" not in row

    def test_it_shows_a_withdrawn_claim_as_a_notice_only(self, api, registry):
        claim = registry["withdrawn"]
        response = api.get(f"/api/v1/claims/{claim.public_id}/")
        assert response.status_code == 200
        assert response.json() == {
            "id": claim.public_id,
            "status": "withdrawn",
            "withdrawn_at": response.json()["withdrawn_at"],
            "reason": "The figure was from the wrong table.",
        }
        assert "SECRET" not in response.content.decode()

    @pytest.mark.parametrize("key", ["draft", "review"])
    def test_it_answers_404_for_unpublished_claims(self, api, registry, key):
        response = api.get(f"/api/v1/claims/{registry[key].public_id}/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    def test_it_ignores_list_filters_on_a_detail_address(self, api, registry):
        claim = registry["youth"]
        response = api.get(f"/api/v1/claims/{claim.public_id}/?verdict=misleading")
        assert response.status_code == 200


class TestSourcesAndArticles:
    def test_it_lists_only_sources_cited_by_published_claims(
        self, api, registry, source, second_source
    ):
        response = api.get("/api/v1/sources/")
        titles = {row["title"] for row in response.json()["results"]}
        assert titles == {source.title, second_source.title}

    def test_it_shows_a_source_with_its_published_claims(self, api, registry, source):
        body = api.get(f"/api/v1/sources/{source.pk}/").json()
        assert set(body["claims"]) == {registry["youth"].public_id, registry["k_visa"].public_id}
        assert body["publisher"]["slug"] == "nbs"

    def test_it_hides_a_source_only_drafts_cite(self, api, registry, secret_source):
        assert api.get(f"/api/v1/sources/{secret_source.pk}/").status_code == 404

    def test_it_lists_articles_with_published_claims(self, api, registry, article):
        body = api.get("/api/v1/articles/").json()
        assert [row["slug"] for row in body["results"]] == ["k-visa"]
        detail = api.get(f"/api/v1/articles/{article.pk}/").json()
        assert set(detail["claims"]) == {registry[k].public_id for k in ("youth", "h1b", "k_visa")}

    def test_it_hides_an_article_without_published_claims(self, api, make_claim, article):
        make_claim()
        assert api.get("/api/v1/articles/").json()["count"] == 0
        assert api.get(f"/api/v1/articles/{article.pk}/").status_code == 404


class TestVerdictScale:
    def test_it_lists_the_scale_in_order(self, api, verdicts):
        body = api.get("/api/v1/verdicts/").json()
        codes = [row["code"] for row in body]
        assert set(codes) == set(verdicts)
        assert codes == [
            v.code for v in sorted(verdicts.values(), key=lambda v: (v.position, v.code))
        ]

    def test_it_shows_one_verdict(self, api, verdicts):
        body = api.get("/api/v1/verdicts/misleading/").json()
        assert body["label_en"] == "Misleading"
