"""The desk API: a published claim's content and evidence change only on the record."""

from __future__ import annotations

import json

import pytest

from claims.models import Claim, Evidence, VerdictChangeKind
from tests.api.conftest import desk_patch as patch
from tests.api.conftest import etag_of

pytestmark = pytest.mark.django_db


def claimreview_modified(api, claim) -> str:
    return api.get(f"/api/v1/claims/{claim.public_id}/claimreview/").json()["dateModified"]


def test_a_quiet_rewrite_of_a_published_claim_is_refused(checker_api, published_claim):
    response = patch(
        checker_api, published_claim, {"restatement": "Quietly changed.", "claimant": "Someone"}
    )
    assert response.status_code == 400
    assert "correction_reason" in response.json()["errors"]
    stored = Claim.objects.get(pk=published_claim.pk)
    assert stored.restatement != "Quietly changed." and stored.claimant != "Someone"
    assert stored.version == published_claim.version


@pytest.mark.parametrize("reason", ["\u200b", "\u3164\u2800", " \u00a0 "])
def test_an_invisible_reason_is_refused(checker_api, published_claim, reason):
    response = patch(
        checker_api,
        published_claim,
        {"restatement": "Quietly changed.", "correction_reason": reason},
    )
    assert response.status_code == 400
    assert "correction_reason" in response.json()["errors"]
    assert not published_claim.verdict_changes.filter(kind=VerdictChangeKind.UPDATED).exists()


def test_an_editor_may_not_change_a_public_claim(editor_api, published_claim):
    response = patch(
        editor_api,
        published_claim,
        {"quote": "另一句話", "correction_reason": "The quote as printed."},
    )
    assert response.status_code == 403
    assert Claim.objects.get(pk=published_claim.pk).quote != "另一句話"


def test_an_update_on_the_record_is_public_everywhere(
    checker_api, api, client, published_claim, django_capture_on_commit_callbacks
):
    modified_before = claimreview_modified(api, published_claim)
    with django_capture_on_commit_callbacks(execute=True):
        response = patch(
            checker_api,
            published_claim,
            {"period": "2025-07", "correction_reason": "The rate is July's, not August's."},
        )
    assert response.status_code == 200, response.json()
    public = api.get(f"/api/v1/claims/{published_claim.public_id}/").json()
    entry = public["verdict_history"][-1]
    assert entry["kind"] == "updated"
    assert entry["reason"] == "The rate is July's, not August's."
    assert entry["changes"][0]["field"] == "period"
    assert entry["changes"][0]["to"] == "2025-07"
    assert claimreview_modified(api, published_claim) > modified_before
    page = client.get(f"/claims/{published_claim.public_id}/").content.decode()
    assert "The rate is July&#x27;s, not August&#x27;s." in page
    assert "What changed" in page
    corrections = client.get("/corrections/").content.decode()
    assert "The rate is July&#x27;s, not August&#x27;s." in corrections


def test_research_notes_change_without_a_reason(editor_api, published_claim):
    response = patch(editor_api, published_claim, {"research_notes": "Ask the bureau."})
    assert response.status_code == 200
    assert published_claim.verdict_changes.count() == 1  # only its publication


def test_evidence_edits_need_the_reason_too(checker_api, published_claim):
    row = published_claim.evidence.get()
    url = f"/api/v1/desk/evidence/{row.pk}/"
    etag = checker_api.get(url)["ETag"]
    refused = checker_api.patch(
        url, {"excerpt": "Another passage."}, format="json", HTTP_IF_MATCH=etag
    )
    assert refused.status_code == 400
    assert "correction_reason" in refused.json()["errors"]
    assert Evidence.objects.get(pk=row.pk).excerpt != "Another passage."
    accepted = checker_api.patch(
        url,
        {"excerpt": "Another passage.", "correction_reason": "The passage as printed."},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert accepted.status_code == 200, accepted.json()
    entry = published_claim.verdict_changes.get(kind=VerdictChangeKind.UPDATED)
    assert entry.changes[0]["to"]["excerpt"] == "Another passage."


def test_internal_notes_never_reach_readers(checker_api, api, published_claim):
    row = published_claim.evidence.get()
    url = f"/api/v1/desk/evidence/{row.pk}/"
    response = checker_api.patch(
        url,
        {"research_note": "Low-quality mirror; URL not verified."},
        format="json",
        HTTP_IF_MATCH=checker_api.get(url)["ETag"],
    )
    assert response.status_code == 200
    shown = json.dumps(api.get(f"/api/v1/claims/{published_claim.public_id}/").json())
    assert "Low-quality mirror" not in shown
    assert "research_note" not in shown


def test_the_refusal_speaks_traditional_chinese(checker_api, published_claim):
    response = checker_api.patch(
        f"/api/v1/desk/claims/{published_claim.public_id}/",
        {"restatement": "Quietly changed."},
        format="json",
        HTTP_IF_MATCH=etag_of(checker_api, published_claim),
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    assert response.status_code == 400
    assert "請公開說明更改了甚麼及原因" in str(response.json()["errors"]["correction_reason"])
