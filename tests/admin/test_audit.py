"""The audit trail: every change to claims, sources and evidence says who made it."""

from __future__ import annotations

from django.urls import reverse

from claims.models import Evidence
from sources.models import Source
from tests.admin.conftest import change_url, claim_form_data, workflow_url


def test_it_records_who_changed_a_claim(editor_client, editor, make_claim):
    claim = make_claim()
    editor_client.post(change_url(claim), claim_form_data(claim, claimant="新華社"))
    latest = claim.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert latest.claimant == "新華社"
    assert latest.diff_against(latest.prev_record).changed_fields == ["claimant"]


def test_it_shows_the_audit_trail_on_the_claim_form(editor_client, editor, make_claim):
    claim = make_claim()
    editor_client.post(change_url(claim), claim_form_data(claim, claimant="新華社"))
    page = editor_client.get(change_url(claim)).content.decode()
    assert 'class="audit-trail"' in page
    assert "<td>editor</td>" in page
    assert "<td>claimant</td>" in page


def test_it_records_who_published_a_claim(checker_client, fact_checker, reviewable_claim, verdicts):
    checker_client.post(
        workflow_url(reviewable_claim, "publish"),
        {
            "expected_version": reviewable_claim.version,
            "verdict": verdicts["accurate"].pk,
            "ruling": "Right.",
        },
    )
    latest = reviewable_claim.history.latest()
    assert latest.status == "published"
    assert latest.history_user == fact_checker


def test_it_records_who_added_evidence_on_the_claim_form(editor_client, editor, make_claim, source):
    claim = make_claim()
    data = claim_form_data(claim)
    data.update(
        {
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-claim": claim.pk,
            "evidence-0-source": source.pk,
            "evidence-0-role": "supports",
            "evidence-0-seen": "on",
            "evidence-0-position": 0,
        }
    )
    response = editor_client.post(change_url(claim), data)
    assert response.status_code == 302
    evidence = Evidence.objects.get(claim=claim)
    record = evidence.history.get()
    assert record.history_type == "+"
    assert record.history_user == editor


def test_it_records_who_changed_a_source(editor_client, editor, source):
    url = reverse("admin:sources_source_change", args=[source.pk])
    response = editor_client.post(
        url,
        {
            "title": "2025年8月分年齡組失業率(修訂)",
            "slug": source.slug,
            "publisher": source.publisher_id,
            "kind": source.kind,
            "language": "zh-Hans",
            "url": source.url,
        },
    )
    assert response.status_code == 302
    latest = Source.objects.get(pk=source.pk).history.latest()
    assert latest.history_user == editor
    assert latest.title.endswith("(修訂)")


def test_it_lists_the_history_of_a_source(editor_client, source):
    url = reverse("admin:sources_source_history", args=[source.pk])
    assert editor_client.get(url).status_code == 200


def test_it_lists_the_history_of_evidence(editor_client, reviewable_claim):
    evidence = reviewable_claim.evidence.get()
    url = reverse("admin:claims_evidence_history", args=[evidence.pk])
    assert editor_client.get(url).status_code == 200


def test_it_lists_the_history_of_a_claim(editor_client, make_claim):
    claim = make_claim()
    url = reverse("admin:claims_claim_history", args=[claim.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
