"""Evidence through the desk API is an edit of its claim: versioned, ruled, announced."""

from __future__ import annotations

import pytest

from claims.models import Claim, Evidence

pytestmark = pytest.mark.django_db


def evidence_url(row: Evidence) -> str:
    return f"/api/v1/desk/evidence/{row.pk}/"


def read(client, row: Evidence) -> str:
    response = client.get(evidence_url(row))
    assert response.status_code == 200
    return response["ETag"]


def version(claim: Claim) -> int:
    return Claim.objects.values_list("version", flat=True).get(pk=claim.pk)


class TestIfMatch:
    def test_an_edit_without_if_match_is_refused(self, editor_api, reviewable_claim):
        row = reviewable_claim.evidence.get()
        response = editor_api.patch(evidence_url(row), {"excerpt": "changed"}, format="json")
        assert response.status_code == 428
        row.refresh_from_db()
        assert row.excerpt != "changed"

    def test_an_edit_with_the_current_etag_lands_and_raises_the_claim_version(
        self, editor_api, reviewable_claim
    ):
        row = reviewable_claim.evidence.get()
        before = version(reviewable_claim)
        tag = read(editor_api, row)
        response = editor_api.patch(
            evidence_url(row), {"excerpt": "18.9%"}, format="json", HTTP_IF_MATCH=tag
        )
        assert response.status_code == 200, response.json()
        assert response.json()["excerpt"] == "18.9%"
        assert version(reviewable_claim) == before + 1
        assert response["ETag"] != tag

    def test_a_stale_etag_loses_to_the_edit_that_came_first(self, editor_api, reviewable_claim):
        row = reviewable_claim.evidence.get()
        tag = read(editor_api, row)
        first = editor_api.patch(
            evidence_url(row), {"note": "first"}, format="json", HTTP_IF_MATCH=tag
        )
        assert first.status_code == 200
        second = editor_api.patch(
            evidence_url(row), {"note": "second"}, format="json", HTTP_IF_MATCH=tag
        )
        assert second.status_code == 412
        row.refresh_from_db()
        assert row.note == "first"

    def test_a_claim_edit_makes_an_evidence_etag_stale(self, editor_api, reviewable_claim):
        row = reviewable_claim.evidence.get()
        tag = read(editor_api, row)
        claim_tag = editor_api.get(f"/api/v1/desk/claims/{reviewable_claim.public_id}/")["ETag"]
        edit = editor_api.patch(
            f"/api/v1/desk/claims/{reviewable_claim.public_id}/",
            {"place": "CN-31"},
            format="json",
            HTTP_IF_MATCH=claim_tag,
        )
        assert edit.status_code == 200
        response = editor_api.patch(
            evidence_url(row), {"note": "late"}, format="json", HTTP_IF_MATCH=tag
        )
        assert response.status_code == 412

    def test_a_delete_needs_if_match(self, api, django_user_model, make_claim, source):
        api.force_authenticate(django_user_model.objects.create_superuser("chief", "", "pw"))
        claim = make_claim()
        row = Evidence.objects.create(claim=claim, source=source, role="context")
        assert api.delete(evidence_url(row)).status_code == 428
        assert Evidence.objects.filter(pk=row.pk).exists()
        tag = read(api, row)
        assert api.delete(evidence_url(row), HTTP_IF_MATCH=tag).status_code == 204
        assert not Evidence.objects.filter(pk=row.pk).exists()
        assert version(claim) == 2


class TestRules:
    def test_a_published_claim_keeps_its_seen_evidence(self, checker_api, published_claim):
        row = published_claim.evidence.get()
        response = checker_api.patch(
            evidence_url(row),
            {"seen": False, "correction_reason": "Not read after all."},
            format="json",
            HTTP_IF_MATCH=read(checker_api, row),
        )
        assert response.status_code == 400
        assert response.json()["errors"]
        row.refresh_from_db()
        assert row.seen is True

    def test_evidence_stays_with_its_claim(self, editor_api, reviewable_claim, make_claim):
        row = reviewable_claim.evidence.get()
        other = make_claim()
        response = editor_api.patch(
            evidence_url(row),
            {"claim": other.public_id},
            format="json",
            HTTP_IF_MATCH=read(editor_api, row),
        )
        assert response.status_code == 400
        assert "claim" in response.json()["errors"]
        row.refresh_from_db()
        assert row.claim_id == reviewable_claim.pk

    def test_adding_evidence_raises_the_claim_version(self, editor_api, make_claim, source):
        claim = make_claim()
        response = editor_api.post(
            "/api/v1/desk/evidence/",
            {"claim": claim.public_id, "source": source.pk, "role": "supports"},
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert response["ETag"].endswith(f'-v2-e{response.json()["id"]}"')
        assert version(claim) == 2

    def test_evidence_added_to_a_published_claim_is_public_at_once(
        self, checker_api, api, published_claim, second_source, django_capture_on_commit_callbacks
    ):
        url = f"/api/v1/claims/{published_claim.public_id}/"
        assert len(api.get(url).json()["evidence"]) == 1  # now in the public-read cache
        with django_capture_on_commit_callbacks(execute=True):
            response = checker_api.post(
                "/api/v1/desk/evidence/",
                {
                    "claim": published_claim.public_id,
                    "source": second_source.pk,
                    "role": "context",
                    "correction_reason": "The fee's own page, for context.",
                },
                format="json",
            )
        assert response.status_code == 201, response.json()
        assert len(api.get(url).json()["evidence"]) == 2
