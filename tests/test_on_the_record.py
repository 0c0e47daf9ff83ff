"""A published claim changes only on the record: through the workflow, with the publish
permission and a public reason, as an "updated" entry of its correction log."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from claims import workflow
from claims.claimreview import review_date_modified
from claims.models import Claim, Evidence, VerdictChangeKind
from sources.models import CopyReliability, Source, SourceKind

# Reasons that show nothing: zero-width space, Hangul filler and Braille blank, a no-break
# space and a word joiner, a byte-order mark, a lone combining accent.
INVISIBLE_REASONS = ["", "   ", "\u200b", "\u3164\u2800", "\u00a0\u2060", "\ufeff\n", "\u0301"]


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts) -> Claim:
    return workflow.claim_publish(
        claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"]
    )


def edit(claim: Claim, by, reason=None, **changes) -> Claim:
    return workflow.claim_edit(
        claim=Claim.objects.get(pk=claim.pk), by=by, changes=changes, reason=reason
    )


def updates(claim: Claim) -> list:
    return list(claim.verdict_changes.filter(kind=VerdictChangeKind.UPDATED))


@pytest.mark.parametrize("reason", INVISIBLE_REASONS)
def test_visible_text_finds_nothing_in_an_invisible_reason(reason):
    assert workflow.visible_text(reason) == ""


@pytest.mark.parametrize("reason", ["Typo.", "更正錯字。", " x\u200b "])
def test_visible_text_keeps_what_shows(reason):
    assert workflow.visible_text(reason)


def test_an_update_is_logged_with_what_changed(published, fact_checker):
    before = review_date_modified(published)
    claim = edit(
        published,
        fact_checker,
        reason="The claimant's name in full.",
        claimant="國家統計局 NBS",
        value=Decimal("18.8"),
    )
    (entry,) = updates(claim)
    assert entry.reason == "The claimant's name in full."
    assert entry.changed_by == fact_checker
    assert entry.from_verdict_id == entry.to_verdict_id == claim.verdict_id
    assert entry.changes == [
        {"field": "claimant", "from": "國家統計局", "to": "國家統計局 NBS"},
        {"field": "value", "from": "18.9", "to": "18.8"},
    ]
    claim.refresh_from_db()
    assert claim.reviewed_at == entry.changed_at
    assert review_date_modified(claim) == entry.changed_at > before


@pytest.mark.parametrize("reason", [None, *INVISIBLE_REASONS])
def test_an_update_without_a_visible_reason_is_refused(published, fact_checker, reason):
    with pytest.raises(workflow.WorkflowError) as error:
        edit(published, fact_checker, reason=reason, restatement="Quietly reworded.")
    assert "correction_reason" in error.value.message_dict
    published.refresh_from_db()
    assert published.restatement != "Quietly reworded."
    assert updates(published) == []


def test_an_editor_cannot_change_a_public_claim(published, editor):
    with pytest.raises(PermissionDenied):
        edit(published, editor, reason="A better quote.", quote="另一句話")
    published.refresh_from_db()
    assert published.quote != "另一句話"


def test_research_notes_stay_free_to_edit(published, editor):
    claim = edit(published, editor, research_notes="Call the bureau on Monday.")
    assert claim.research_notes == "Call the bureau on Monday."
    assert updates(claim) == []


def test_a_draft_is_edited_without_a_reason(make_claim, editor):
    claim = edit(make_claim(), editor, restatement="Reworded draft.")
    assert claim.restatement == "Reworded draft."
    assert claim.verdict_changes.count() == 0


def test_an_evidence_change_goes_on_the_record(published, fact_checker):
    row = published.evidence.get()
    row.excerpt = "The surveyed unemployment rate of those aged 16–24 was 18.9%."

    with pytest.raises(workflow.WorkflowError):
        workflow.claim_change_evidence(claim=published, by=fact_checker, change=row.save)
    assert Evidence.objects.get(pk=row.pk).excerpt != row.excerpt

    workflow.claim_change_evidence(
        claim=published, by=fact_checker, change=row.save, reason="The passage quoted in full."
    )
    (entry,) = updates(published)
    (change,) = entry.changes
    assert change["field"] == "evidence"
    assert change["source"] == row.source.title
    assert change["to"]["excerpt"] == row.excerpt
    assert change["from"]["excerpt"] != row.excerpt


def test_an_evidence_research_note_is_free(published, editor):
    row = published.evidence.get()
    row.research_note = "Ask for the table behind the release."
    workflow.claim_change_evidence(claim=published, by=editor, change=row.save)
    assert updates(published) == []


@pytest.mark.parametrize("reason", INVISIBLE_REASONS[1:])
def test_verdict_changes_and_withdrawals_need_a_visible_reason(
    published, fact_checker, verdicts, reason
):
    with pytest.raises(workflow.WorkflowError):
        workflow.claim_change_verdict(
            claim=published, by=fact_checker, verdict=verdicts["misleading"], reason=reason
        )
    with pytest.raises(workflow.WorkflowError):
        workflow.claim_withdraw(claim=published, by=fact_checker, reason=reason)
    published.refresh_from_db()
    assert published.verdict == verdicts["accurate"]
    assert published.status == "published"


def test_only_the_loader_dates_an_action_in_the_past(published, fact_checker, verdicts):
    with pytest.raises(PermissionDenied):
        workflow.claim_change_verdict(
            claim=published,
            by=fact_checker,
            verdict=verdicts["misleading"],
            reason="Backdated.",
            at=published.published_at,
        )


class TestRawSaves:
    """Code that goes around the workflow (a shell, a script, a library) is refused."""

    def test_a_content_save_is_refused(self, published):
        claim = Claim.objects.get(pk=published.pk)
        claim.restatement = "Changed in a shell."
        with pytest.raises(workflow.WorkflowError):
            claim.save()
        assert Claim.objects.get(pk=published.pk).restatement != "Changed in a shell."

    def test_a_ruling_save_is_refused(self, published):
        claim = Claim.objects.get(pk=published.pk)
        claim.ruling_zh_hant = "悄悄改寫。"
        with pytest.raises(workflow.WorkflowError):
            claim.save(update_fields=["ruling_zh_hant"])

    def test_a_save_that_changes_nothing_readers_see_passes(self, published):
        claim = Claim.objects.get(pk=published.pk)
        claim.research_notes = "Internal."
        claim.save()
        assert Claim.objects.get(pk=published.pk).research_notes == "Internal."

    def test_evidence_added_deleted_or_changed_is_refused(self, published, source):
        # Each refusal inside its own atomic block: a failed save spoils its transaction.
        with pytest.raises(workflow.WorkflowError), transaction.atomic():
            Evidence.objects.create(claim=published, source=source, role="context", seen=True)
        row = published.evidence.get()
        row.value = Decimal("99")
        row.unit = "percent"
        with pytest.raises(workflow.WorkflowError), transaction.atomic():
            row.save()
        with pytest.raises(workflow.WorkflowError), transaction.atomic():
            Evidence.objects.get(pk=row.pk).delete()
        assert published.evidence.count() == 1

    def test_an_evidence_research_note_alone_may_be_saved(self, published):
        row = published.evidence.get()
        row.research_note = "Checked twice."
        row.save(update_fields=["research_note"])
        row.save()  # nothing readers see differs
        assert Evidence.objects.get(pk=row.pk).research_note == "Checked twice."


class TestCopies:
    def test_a_decisive_verdict_cannot_rest_only_on_copies_of_unknown_reliability(
        self, reviewable_claim, verdicts, nbs
    ):
        row = reviewable_claim.evidence.get()
        Source.objects.filter(pk=row.source_id).update(
            kind=SourceKind.COPY,
            original_title="Statistical communiqué",
            original_publisher="National Bureau of Statistics",
            copy_reliability=CopyReliability.UNKNOWN,
        )
        claim = Claim.objects.get(pk=reviewable_claim.pk)
        (problem,) = workflow.publication_problems(claim, verdicts["accurate"])
        assert "copies of unknown reliability" in problem
        assert workflow.publication_problems(claim, verdicts["unverifiable"]) == []

        Source.objects.filter(pk=row.source_id).update(copy_reliability=CopyReliability.REPUTABLE)
        claim = Claim.objects.get(pk=reviewable_claim.pk)
        assert workflow.publication_problems(claim, verdicts["accurate"]) == []

    def test_a_copy_names_its_original(self, nbs):
        from django.core.exceptions import ValidationError

        copy = Source(slug="copy", title="Repost", publisher=nbs, kind=SourceKind.COPY)
        with pytest.raises(ValidationError):
            copy.full_clean()
        not_a_copy = Source(
            slug="original", title="Original", publisher=nbs, original_title="Something"
        )
        with pytest.raises(ValidationError):
            not_a_copy.full_clean()
