"""The desk's write API: tokens, roles, If-Match, workflow actions."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from claims.models import Claim, ClaimStatus

pytestmark = pytest.mark.django_db


def etag_of(client, claim) -> str:
    response = client.get(f"/api/v1/desk/claims/{claim.public_id}/")
    assert response.status_code == 200
    return response["ETag"]


class TestTokens:
    def test_it_gives_a_staff_member_a_token(self, api, editor):
        response = api.post(
            "/api/v1/desk/token/",
            {"username": "editor", "password": "correct horse battery staple"},
            format="json",
        )
        assert response.status_code == 200
        assert response.json()["token"] == Token.objects.get(user=editor).key

    def test_it_refuses_a_wrong_password(self, api, editor):
        response = api.post(
            "/api/v1/desk/token/", {"username": "editor", "password": "guess"}, format="json"
        )
        assert response.status_code == 401
        assert response.json()["message"] == "Unknown username or wrong password."

    def test_it_refuses_a_non_staff_account(self, api, django_user_model):
        django_user_model.objects.create_user(username="reader", password="long enough pw 1")
        response = api.post(
            "/api/v1/desk/token/",
            {"username": "reader", "password": "long enough pw 1"},
            format="json",
        )
        assert response.status_code == 401

    def test_it_revokes_a_token(self, editor_api, editor, make_claim):
        assert editor_api.delete("/api/v1/desk/token/").status_code == 204
        assert not Token.objects.filter(user=editor).exists()
        response = editor_api.get("/api/v1/desk/claims/")
        assert response.status_code == 401
        assert response.json()["code"] == "authentication_failed"


class TestDeskReads:
    def test_it_refuses_anonymous_clients(self, api, registry):
        response = api.get("/api/v1/desk/claims/")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["code"] == "not_authenticated"

    def test_it_shows_drafts_to_staff(self, editor_api, registry):
        body = editor_api.get("/api/v1/desk/claims/?status=draft").json()
        assert [row["slug"] for row in body["results"]] == ["secret-draft"]
        assert body["results"][0]["research_notes"] == ""

    def test_it_sends_the_claims_etag_and_no_cache(self, editor_api, registry):
        claim = registry["draft"]
        response = editor_api.get(f"/api/v1/desk/claims/{claim.public_id}/")
        assert response["ETag"] == f'"{claim.public_id}-v{claim.version}"'
        assert response["Cache-Control"] == "private, no-store"

    def test_it_refuses_a_user_without_view_permission(self, api, django_user_model, registry):
        user = django_user_model.objects.create_user(username="x", password="p", is_staff=True)
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        assert api.get("/api/v1/desk/claims/").status_code == 403


class TestCreateAndUpdate:
    def test_an_editor_creates_a_draft(self, editor_api, article, verdicts):
        response = editor_api.post(
            "/api/v1/desk/claims/",
            {
                "slug": "new-claim",
                "article": article.pk,
                "quote": "青年失業率",
                "restatement": "Youth unemployment.",
                "claimant": "NBS",
                "kind": "numeric",
                "value": "18.9",
                "unit": "percent",
                "comparator": "=",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["status"] == "draft" and body["verdict"] == "pending"
        assert response["ETag"] == f'"{body["id"]}-v1"'

    def test_a_correction_reason_sent_with_a_new_claim_changes_nothing(
        self, editor_api, article, verdicts
    ):
        # A new claim is a draft: nothing public to correct, as for any edit of a draft.
        response = editor_api.post(
            "/api/v1/desk/claims/",
            {
                "slug": "new-claim",
                "article": article.pk,
                "quote": "青年失業率",
                "restatement": "Youth unemployment.",
                "claimant": "NBS",
                "kind": "factual",
                "correction_reason": "Nothing to correct yet.",
            },
            format="json",
        )
        assert response.status_code == 201, response.content[:300]
        claim = Claim.objects.get(slug="new-claim")
        assert claim.status == "draft" and not claim.verdict_changes.exists()

    def test_it_reports_model_rules_as_field_errors(self, editor_api, article):
        response = editor_api.post(
            "/api/v1/desk/claims/",
            {
                "slug": "no-unit",
                "article": article.pk,
                "quote": "q",
                "restatement": "r",
                "claimant": "c",
                "kind": "numeric",
            },
            format="json",
        )
        assert response.status_code == 400
        assert "A numeric claim needs a value, a unit and a comparator." in str(
            response.json()["errors"]
        )

    def test_it_refuses_a_value_with_too_many_digits(self, editor_api, make_claim):
        claim = make_claim()
        response = editor_api.patch(
            f"/api/v1/desk/claims/{claim.public_id}/",
            {"value": "1" * 40},
            format="json",
            HTTP_IF_MATCH=etag_of(editor_api, claim),
        )
        assert response.status_code == 400
        assert "value" in response.json()["errors"]

    def test_it_updates_with_the_current_etag(self, editor_api, make_claim):
        claim = make_claim()
        etag = etag_of(editor_api, claim)
        response = editor_api.patch(
            f"/api/v1/desk/claims/{claim.public_id}/",
            {"restatement": "Reworded."},
            format="json",
            HTTP_IF_MATCH=etag,
        )
        assert response.status_code == 200, response.json()
        assert response.json()["version"] == claim.version + 1
        assert response["ETag"] != etag
        assert Claim.objects.get(pk=claim.pk).restatement == "Reworded."

    def test_it_answers_428_without_if_match(self, editor_api, make_claim):
        claim = make_claim()
        response = editor_api.patch(
            f"/api/v1/desk/claims/{claim.public_id}/", {"restatement": "x"}, format="json"
        )
        assert response.status_code == 428
        assert response.json()["code"] == "precondition_required"
        assert Claim.objects.get(pk=claim.pk).restatement != "x"

    def test_it_answers_412_to_a_stale_etag(self, editor_api, make_claim):
        claim = make_claim()
        stale = etag_of(editor_api, claim)
        editor_api.patch(
            f"/api/v1/desk/claims/{claim.public_id}/",
            {"place": "HK"},
            format="json",
            HTTP_IF_MATCH=stale,
        )
        response = editor_api.patch(
            f"/api/v1/desk/claims/{claim.public_id}/",
            {"place": "TW"},
            format="json",
            HTTP_IF_MATCH=stale,
        )
        assert response.status_code == 412
        assert response.json()["code"] == "precondition_failed"
        assert Claim.objects.get(pk=claim.pk).place == "HK"

    def test_it_answers_412_when_the_admin_saved_in_between(self, editor_api, make_claim):
        claim = make_claim()
        etag = etag_of(editor_api, claim)
        Claim.objects.filter(pk=claim.pk).update(version=claim.version + 1)
        response = editor_api.put(
            f"/api/v1/desk/claims/{claim.public_id}/",
            {"restatement": "x"},
            format="json",
            HTTP_IF_MATCH=etag,
        )
        assert response.status_code == 412

    def test_it_refuses_anonymous_writes(self, api, make_claim):
        claim = make_claim()
        response = api.patch(
            f"/api/v1/desk/claims/{claim.public_id}/", {"place": "HK"}, format="json"
        )
        assert response.status_code == 401

    def test_status_and_verdict_are_not_writable(self, editor_api, make_claim):
        claim = make_claim()
        response = editor_api.patch(
            f"/api/v1/desk/claims/{claim.public_id}/",
            {"status": "published", "verdict": "accurate"},
            format="json",
            HTTP_IF_MATCH=etag_of(editor_api, claim),
        )
        assert response.status_code == 200
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.DRAFT and claim.verdict.code == "pending"


class TestWorkflowActions:
    def test_an_editor_submits_for_review(self, editor_api, make_claim):
        claim = make_claim()
        response = editor_api.post(
            f"/api/v1/desk/claims/{claim.public_id}/submit/",
            HTTP_IF_MATCH=etag_of(editor_api, claim),
        )
        assert response.status_code == 200
        assert response.json()["status"] == "review"

    def test_an_editor_cannot_publish(self, editor_api, reviewable_claim):
        claim = reviewable_claim
        response = editor_api.post(
            f"/api/v1/desk/claims/{claim.public_id}/publish/",
            {"verdict": "accurate"},
            format="json",
            HTTP_IF_MATCH=etag_of(editor_api, claim),
        )
        assert response.status_code == 403
        assert response.json()["message"] == "You do not have permission to do this."
        assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.REVIEW

    def test_a_fact_checker_publishes(self, checker_api, api, reviewable_claim):
        claim = reviewable_claim
        response = checker_api.post(
            f"/api/v1/desk/claims/{claim.public_id}/publish/",
            {"verdict": "accurate", "reason": "Checked against the NBS release."},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, claim),
        )
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "published"
        public = api.get(f"/api/v1/claims/{claim.public_id}/").json()
        assert public["verdict"]["code"] == "accurate"
        assert public["verdict_history"][0]["reason"] == "Checked against the NBS release."

    def test_it_reports_the_workflows_reasons(self, checker_api, reviewable_claim):
        claim = reviewable_claim
        response = checker_api.post(
            f"/api/v1/desk/claims/{claim.public_id}/publish/",
            {"verdict": "pending"},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, claim),
        )
        assert response.status_code == 400
        assert "cannot be published" in response.json()["message"]

    def test_publish_needs_if_match(self, checker_api, reviewable_claim):
        response = checker_api.post(
            f"/api/v1/desk/claims/{reviewable_claim.public_id}/publish/",
            {"verdict": "accurate"},
            format="json",
        )
        assert response.status_code == 428

    def test_it_refuses_an_unknown_verdict(self, checker_api, reviewable_claim):
        response = checker_api.post(
            f"/api/v1/desk/claims/{reviewable_claim.public_id}/publish/",
            {"verdict": "fabulous"},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, reviewable_claim),
        )
        assert response.status_code == 400
        assert "verdict" in response.json()["errors"]

    def test_a_fact_checker_changes_a_verdict_with_a_public_reason(
        self, checker_api, api, published_claim
    ):
        claim = published_claim
        url = f"/api/v1/desk/claims/{claim.public_id}/change-verdict/"
        missing = checker_api.post(
            url,
            {"verdict": "misleading", "reason": ""},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, claim),
        )
        assert missing.status_code == 400
        assert "reason" in missing.json()["errors"]
        response = checker_api.post(
            url,
            {"verdict": "misleading", "reason": "The series was revised."},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, claim),
        )
        assert response.status_code == 200
        history = api.get(f"/api/v1/claims/{claim.public_id}/").json()["verdict_history"]
        assert [entry["to_verdict"] for entry in history] == ["accurate", "misleading"]

    def test_a_fact_checker_withdraws_and_the_public_sees_the_notice(
        self, checker_api, api, published_claim, django_capture_on_commit_callbacks
    ):
        claim = published_claim
        api.get(f"/api/v1/claims/{claim.public_id}/")  # cached before the change
        with django_capture_on_commit_callbacks(execute=True):
            response = checker_api.post(
                f"/api/v1/desk/claims/{claim.public_id}/withdraw/",
                {"reason": "Wrong table."},
                format="json",
                HTTP_IF_MATCH=etag_of(checker_api, claim),
            )
        assert response.status_code == 200
        public = api.get(f"/api/v1/claims/{claim.public_id}/").json()
        assert public["status"] == "withdrawn" and public["reason"] == "Wrong table."

    def test_a_fact_checker_returns_a_claim_to_draft(self, checker_api, reviewable_claim):
        response = checker_api.post(
            f"/api/v1/desk/claims/{reviewable_claim.public_id}/return-to-draft/",
            HTTP_IF_MATCH=etag_of(checker_api, reviewable_claim),
        )
        assert response.status_code == 200
        assert response.json()["status"] == "draft"

    def test_an_editor_cannot_return_to_draft(self, editor_api, reviewable_claim):
        response = editor_api.post(
            f"/api/v1/desk/claims/{reviewable_claim.public_id}/return-to-draft/",
            HTTP_IF_MATCH=etag_of(editor_api, reviewable_claim),
        )
        assert response.status_code == 403

    def test_a_wrong_state_is_a_clear_400(self, editor_api, published_claim):
        response = editor_api.post(
            f"/api/v1/desk/claims/{published_claim.public_id}/submit/",
            HTTP_IF_MATCH=etag_of(editor_api, published_claim),
        )
        assert response.status_code == 400
        assert response.json()["message"].startswith("A claim that is published cannot be")

    def test_anonymous_cannot_act(self, api, reviewable_claim):
        response = api.post(f"/api/v1/desk/claims/{reviewable_claim.public_id}/publish/")
        assert response.status_code == 401


class TestEvidenceAndSources:
    def test_an_editor_adds_evidence(self, editor_api, make_claim, source):
        claim = make_claim()
        response = editor_api.post(
            "/api/v1/desk/evidence/",
            {"claim": claim.public_id, "source": source.pk, "role": "supports", "seen": True},
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert claim.evidence.count() == 1

    def test_it_refuses_duplicate_evidence(self, editor_api, reviewable_claim, source):
        response = editor_api.post(
            "/api/v1/desk/evidence/",
            {"claim": reviewable_claim.public_id, "source": source.pk, "role": "supports"},
            format="json",
        )
        assert response.status_code == 400
        assert "already linked" in str(response.json()["errors"])

    def test_an_editor_creates_and_updates_a_source(self, editor_api, nbs):
        response = editor_api.post(
            "/api/v1/desk/sources/",
            {"slug": "cpi", "title": "CPI release", "publisher": "nbs", "kind": "dataset"},
            format="json",
        )
        assert response.status_code == 201, response.json()
        source_id = response.json()["id"]
        response = editor_api.patch(
            f"/api/v1/desk/sources/{source_id}/", {"title": "CPI, Aug"}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["title"] == "CPI, Aug"

    def test_it_refuses_a_javascript_url(self, editor_api, nbs):
        response = editor_api.post(
            "/api/v1/desk/sources/",
            {"slug": "x", "title": "x", "publisher": "nbs", "url": "javascript:alert(1)"},
            format="json",
        )
        assert response.status_code == 400
        assert "url" in response.json()["errors"]

    def test_an_editor_cannot_delete_evidence_without_permission(
        self, editor_api, reviewable_claim
    ):
        row = reviewable_claim.evidence.get()
        assert editor_api.delete(f"/api/v1/desk/evidence/{row.pk}/").status_code == 403


class TestEditingPublishedClaims:
    def test_a_typo_in_a_published_claimant_is_fixed_on_the_record(
        self, checker_api, api, published_claim
    ):
        response = checker_api.patch(
            f"/api/v1/desk/claims/{published_claim.public_id}/",
            {"claimant": "國家統計局 NBS", "correction_reason": "The claimant's name in full."},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, published_claim),
        )
        assert response.status_code == 200
        public = api.get(f"/api/v1/claims/{published_claim.public_id}/").json()
        assert public["claimant"] == "國家統計局 NBS"
        update = public["verdict_history"][-1]
        assert update["kind"] == "updated"
        assert update["reason"] == "The claimant's name in full."
        assert update["changes"] == [
            {"field": "claimant", "from": "國家統計局", "to": "國家統計局 NBS"}
        ]

    def test_a_published_ruling_changes_only_through_change_verdict(
        self, checker_api, published_claim
    ):
        response = checker_api.patch(
            f"/api/v1/desk/claims/{published_claim.public_id}/",
            {"ruling": "Quietly rewritten."},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, published_claim),
        )
        assert response.status_code == 400
        assert "change verdict" in response.json()["errors"]["ruling"][0]
        assert Claim.objects.get(pk=published_claim.pk).ruling != "Quietly rewritten."

    def test_resending_the_same_ruling_is_harmless(self, checker_api, published_claim):
        response = checker_api.patch(
            f"/api/v1/desk/claims/{published_claim.public_id}/",
            {"ruling": published_claim.ruling, "place": "CN"},
            format="json",
            HTTP_IF_MATCH=etag_of(checker_api, published_claim),
        )
        assert response.status_code == 200
