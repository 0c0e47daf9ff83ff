"""The publishing rules and the verdict history, through the workflow functions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models.deletion import ProtectedError

from claims.models import Claim, ClaimStatus, Evidence, VerdictChange
from claims.workflow import (
    ConflictError,
    WorkflowError,
    claim_change_verdict,
    claim_publish,
    claim_return_to_draft,
    claim_submit_for_review,
    claim_withdraw,
    publication_problems,
)
from sources.models import Source


def messages(error: WorkflowError) -> str:
    return " ".join(error.messages)


def test_it_moves_a_draft_into_review(make_claim, editor):
    claim = claim_submit_for_review(claim=make_claim(), by=editor)
    assert claim.status == ClaimStatus.REVIEW
    assert claim.version == 2


def test_it_publishes_a_reviewed_claim_and_logs_it(reviewable_claim, fact_checker, verdicts):
    claim = claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.reviewed_by == fact_checker
    assert claim.published_at is not None
    (entry,) = claim.verdict_changes.all()
    assert entry.kind == "published"
    assert entry.to_verdict == verdicts["accurate"]


def test_it_refuses_publish_by_an_editor(reviewable_claim, editor, verdicts):
    with pytest.raises(PermissionDenied):
        claim_publish(claim=reviewable_claim, by=editor, verdict=verdicts["accurate"])
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.REVIEW


def test_it_refuses_publish_with_pending_verdict(reviewable_claim, fact_checker):
    with pytest.raises(WorkflowError) as error:
        claim_publish(claim=reviewable_claim, by=fact_checker)
    assert "cannot be published" in messages(error.value)


def test_it_refuses_publish_without_ruling(reviewable_claim, fact_checker, verdicts):
    with pytest.raises(WorkflowError) as error:
        claim_publish(
            claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"], ruling=" "
        )
    assert "ruling" in messages(error.value)


def test_it_refuses_publish_without_evidence(make_claim, fact_checker, verdicts):
    claim = make_claim(status=ClaimStatus.REVIEW, ruling="Checked.")
    with pytest.raises(WorkflowError) as error:
        claim_publish(claim=claim, by=fact_checker, verdict=verdicts["unverifiable"])
    assert "at least one source" in messages(error.value)


def test_it_refuses_decisive_verdict_resting_on_the_article_itself(
    make_claim, article, outlet, fact_checker, verdicts
):
    article.source = Source.objects.create(slug="self", title=article.title, publisher=outlet)
    article.save()
    claim = make_claim(status=ClaimStatus.REVIEW, ruling="Checked.")
    Evidence.objects.create(claim=claim, source=article.source, role="cited", seen=True)
    with pytest.raises(WorkflowError) as error:
        claim_publish(claim=claim, by=fact_checker, verdict=verdicts["accurate"])
    assert "other than the article" in messages(error.value)


def test_it_accepts_unverifiable_resting_on_the_article_itself(
    make_claim, article, outlet, fact_checker, verdicts
):
    article.source = Source.objects.create(slug="self", title=article.title, publisher=outlet)
    article.save()
    claim = make_claim(status=ClaimStatus.REVIEW, ruling="No source found.")
    Evidence.objects.create(claim=claim, source=article.source, role="cited", seen=True)
    claim = claim_publish(claim=claim, by=fact_checker, verdict=verdicts["unverifiable"])
    assert claim.status == ClaimStatus.PUBLISHED


def test_it_refuses_decisive_verdict_resting_on_unread_source(
    reviewable_claim, fact_checker, verdicts
):
    reviewable_claim.evidence.update(seen=False)
    assert publication_problems(reviewable_claim, verdicts["accurate"]) == [
        "A verdict of “Accurate” needs evidence that was read from a source other than "
        "the article under review."
    ]


def test_it_refuses_publishing_a_draft(make_claim, fact_checker, verdicts):
    with pytest.raises(WorkflowError) as error:
        claim_publish(claim=make_claim(), by=fact_checker, verdict=verdicts["accurate"])
    assert "draft cannot be published" in messages(error.value)


def test_it_returns_a_claim_in_review_to_draft(reviewable_claim, fact_checker):
    claim = claim_return_to_draft(claim=reviewable_claim, by=fact_checker)
    assert claim.status == ClaimStatus.DRAFT


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts) -> Claim:
    return claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])


def test_it_writes_history_when_a_published_verdict_changes(published, fact_checker, verdicts):
    claim_change_verdict(
        claim=published,
        by=fact_checker,
        verdict=verdicts["mostly-accurate"],
        reason="The figure covers urban areas only.",
    )
    latest = VerdictChange.objects.filter(claim=published).last()
    assert latest.kind == "corrected"
    assert latest.from_verdict == verdicts["accurate"]
    assert latest.to_verdict == verdicts["mostly-accurate"]
    assert latest.reason == "The figure covers urban areas only."
    assert latest.changed_by == fact_checker
    assert published.verdict_changes.count() == 2


def test_it_refuses_verdict_change_without_public_reason(published, fact_checker, verdicts):
    with pytest.raises(WorkflowError) as error:
        claim_change_verdict(
            claim=published, by=fact_checker, verdict=verdicts["misleading"], reason="  "
        )
    assert "why" in messages(error.value)
    published.refresh_from_db()
    assert published.verdict == verdicts["accurate"]


def test_it_refuses_changing_to_pending(published, fact_checker, verdicts):
    with pytest.raises(WorkflowError):
        claim_change_verdict(
            claim=published, by=fact_checker, verdict=verdicts["pending"], reason="Oops."
        )


def test_it_withdraws_and_keeps_the_claim(published, fact_checker):
    claim_withdraw(claim=published, by=fact_checker, reason="The quote was misattributed.")
    claim = Claim.objects.get(pk=published.pk)
    assert claim.status == ClaimStatus.WITHDRAWN
    assert claim.withdrawal_reason == "The quote was misattributed."
    assert claim.verdict_changes.last().kind == "withdrawn"


def test_it_refuses_withdrawal_without_reason(published, fact_checker):
    with pytest.raises(WorkflowError):
        claim_withdraw(claim=published, by=fact_checker, reason="")


def test_a_published_claim_cannot_be_deleted(published):
    with pytest.raises(ProtectedError):
        published.delete()
    assert Claim.objects.filter(pk=published.pk).exists()


def test_it_refuses_a_stale_version(reviewable_claim, fact_checker, verdicts):
    stale = reviewable_claim.version
    Claim.objects.filter(pk=reviewable_claim.pk).update(version=stale + 1)
    with pytest.raises(ConflictError):
        claim_publish(
            claim=reviewable_claim,
            by=fact_checker,
            verdict=verdicts["accurate"],
            expected_version=stale,
        )
    assert Claim.objects.get(pk=reviewable_claim.pk).status == ClaimStatus.REVIEW


def test_it_announces_public_changes_after_commit(
    reviewable_claim, fact_checker, verdicts, django_capture_on_commit_callbacks
):
    from claims.public_changes import public_claims_changed

    seen = []

    def receiver(sender, **kwargs):
        seen.extend(kwargs["public_ids"])

    public_claims_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
    finally:
        public_claims_changed.disconnect(receiver)
    assert seen == [reviewable_claim.public_id]


def test_a_reworded_ruling_is_a_logged_correction(published, fact_checker, verdicts):
    claim_change_verdict(
        claim=published,
        by=fact_checker,
        verdict=verdicts["accurate"],
        ruling="The NBS release for August 2025 gives 18.9% for 16-24-year-olds.",
        reason="Named the release.",
    )
    latest = published.verdict_changes.last()
    assert (latest.kind, latest.from_verdict, latest.to_verdict) == (
        "corrected",
        verdicts["accurate"],
        verdicts["accurate"],
    )
    assert latest.reason == "Named the release."


def test_a_plain_edit_cannot_reword_a_published_ruling(published, fact_checker):
    from claims.workflow import claim_edit

    with pytest.raises(WorkflowError) as error:
        claim_edit(claim=published, by=fact_checker, changes={"ruling": "Quietly changed."})
    assert "change verdict" in messages(error.value)
    assert Claim.objects.get(pk=published.pk).ruling == "The NBS release gives 18.9%."
