"""The Chinese restatement through the desk API (written on the record once public) and in
the public reads: the claim, its stored list row, the similar-claims summary and the CSV."""

from __future__ import annotations

import csv
import io

import pytest

from claims import workflow
from claims.models import Claim, VerdictChangeKind
from tests.api.conftest import desk_patch as patch

pytestmark = pytest.mark.django_db

CHINESE = "2025年8月,中國青年失業率升至18.9%。"


def updates(claim) -> list:
    return list(claim.verdict_changes.filter(kind=VerdictChangeKind.UPDATED))


class TestDesk:
    def test_it_reads_and_writes_a_draft_chinese_restatement(self, editor_api, make_claim):
        claim = make_claim()
        response = patch(editor_api, claim, {"restatement_zh": "青年失業率升至18.9%。"})
        assert response.status_code == 200
        assert response.json()["restatement_zh"] == "青年失業率升至18.9%。"
        assert Claim.objects.get(pk=claim.pk).restatement_zh == "青年失業率升至18.9%。"

    def test_it_refuses_a_nul_character(self, editor_api, make_claim):
        response = patch(editor_api, make_claim(), {"restatement_zh": "青年\x00失業率"})
        assert response.status_code == 400
        assert "restatement_zh" in response.json()["errors"]

    def test_a_published_one_changes_only_with_a_reason(self, checker_api, published_claim):
        response = patch(checker_api, published_claim, {"restatement_zh": "悄悄改寫。"})
        assert response.status_code == 400
        assert "correction_reason" in response.json()["errors"]
        assert Claim.objects.get(pk=published_claim.pk).restatement_zh == CHINESE

    def test_a_published_one_changed_with_a_reason_is_logged(self, checker_api, published_claim):
        response = patch(
            checker_api,
            published_claim,
            {"restatement_zh": "2025年8月青年失業率達18.9%。", "correction_reason": "Plainer."},
        )
        assert response.status_code == 200
        (entry,) = updates(published_claim)
        assert entry.changes == [
            {"field": "restatement_zh", "from": CHINESE, "to": "2025年8月青年失業率達18.9%。"}
        ]

    def test_an_editor_may_not_change_a_published_one(self, editor_api, published_claim):
        response = patch(
            editor_api, published_claim, {"restatement_zh": "改寫。", "correction_reason": "Why."}
        )
        assert response.status_code == 403

    def test_a_first_translation_needs_no_reason(self, checker_api, published_claim):
        with workflow.unrecorded_writes(published_claim.pk):  # published before the field
            Claim.objects.filter(pk=published_claim.pk).update(restatement_zh="")
        response = patch(checker_api, published_claim, {"restatement_zh": CHINESE})
        assert response.status_code == 200
        assert updates(published_claim) == []


class TestPublicReads:
    def test_the_claim_carries_it(self, api, published_claim):
        body = api.get(f"/api/v1/claims/{published_claim.public_id}/").json()
        assert body["restatement_zh"] == CHINESE

    def test_the_list_row_carries_it_and_follows_a_change(
        self, api, checker_api, published_claim, django_capture_on_commit_callbacks
    ):
        (row,) = api.get("/api/v1/claims/").json()["results"]
        assert row["restatement_zh"] == CHINESE
        with django_capture_on_commit_callbacks(execute=True):
            patch(
                checker_api,
                published_claim,
                {"restatement_zh": "青年失業率達18.9%。", "correction_reason": "Plainer."},
            )
        (row,) = api.get("/api/v1/claims/").json()["results"]
        assert row["restatement_zh"] == "青年失業率達18.9%。"

    def test_the_similar_claims_summary_carries_it(self, api, published_claim):
        found = api.get("/api/v1/claims/similar/", {"text": "青年失業率升至18.9%"}).json()
        assert found[0]["claim"]["restatement_zh"] == CHINESE

    def test_the_csv_has_a_column_for_it(self, api, published_claim):
        response = api.get("/api/v1/claims/export/")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0]["restatement_zh"] == CHINESE
