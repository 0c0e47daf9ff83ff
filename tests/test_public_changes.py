"""Every change the public could see is announced once per transaction, after it commits."""

from __future__ import annotations

import pytest
from django.db import transaction

from claims import public_changes, workflow
from claims.public_changes import public_claims_changed
from claims.workflow import claim_change_verdict, claim_publish


@pytest.fixture
def messages():
    sent: list[list[str]] = []

    def receiver(sender, public_ids, **kwargs):
        sent.append(public_ids)

    public_claims_changed.connect(receiver)
    yield sent
    public_claims_changed.disconnect(receiver)


@pytest.fixture
def heard():
    """Every public id announced, message after message."""
    announced: list[str] = []

    def receiver(sender, public_ids, **kwargs):
        announced.extend(public_ids)

    public_claims_changed.connect(receiver)
    yield announced
    public_claims_changed.disconnect(receiver)


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts, django_capture_on_commit_callbacks):
    # Committed, as it would be long before the change each test makes.
    with django_capture_on_commit_callbacks(execute=True):
        return claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])


def test_it_announces_publication(
    reviewable_claim, fact_checker, verdicts, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
    assert set(heard) == {reviewable_claim.public_id}


def test_it_stays_quiet_about_drafts(make_claim, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = make_claim()
        claim.quote = "changed"
        claim.save()
    assert heard == []


@pytest.mark.parametrize("what", ["claim", "evidence", "source", "publisher", "article", "verdict"])
def test_it_announces_edits_that_reach_a_published_claim(
    published, heard, django_capture_on_commit_callbacks, what
):
    evidence = published.evidence.get()
    target = {
        "claim": published,
        "evidence": evidence,
        "source": evidence.source,
        "publisher": evidence.source.publisher,
        "article": published.article,
        "verdict": published.verdict,
    }[what]
    with django_capture_on_commit_callbacks(execute=True):
        target.save()
    assert heard == [published.public_id]


def test_it_announces_nothing_for_a_rolled_back_change(
    published, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic(), workflow.unrecorded_writes(published.pk):
                published.ruling = "A ruling that never lands."
                published.save()
                raise RuntimeError("abort")
        except RuntimeError:
            pass
    assert heard == []


@pytest.mark.parametrize("step", ["add", "edit", "delete"])
def test_it_announces_a_derivation_of_a_published_claim(
    published, make_claim, heard, django_capture_on_commit_callbacks, step
):
    from claims.models import ClaimDerivation, DerivationInput

    part = make_claim(value=published.value)
    derivation = ClaimDerivation.objects.create(derived=published, operation="sum")
    link = DerivationInput.objects.create(derivation=derivation, claim=part, position=0)
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if step == "add":
            DerivationInput.objects.create(derivation=derivation, claim=part, position=1)
        elif step == "edit":
            derivation.note = "The two halves of the year."
            derivation.save()
        else:
            link.delete()
    assert set(heard) == {published.public_id}


def test_one_transaction_is_one_message_and_one_generation(
    make_reviewable,
    reviewable_claim,
    fact_checker,
    verdicts,
    messages,
    django_capture_on_commit_callbacks,
):
    other = make_reviewable()
    before = public_changes.generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
        claim_publish(claim=other, by=fact_checker, verdict=verdicts["accurate"])
        claim_change_verdict(
            claim=reviewable_claim,
            by=fact_checker,
            verdict=verdicts["inaccurate"],
            reason="A newer figure.",
        )
    assert [sorted(ids) for ids in messages] == [
        sorted([reviewable_claim.public_id, other.public_id])
    ]
    assert public_changes.generation() > before


def test_an_edit_of_the_verdict_scale_starts_a_new_generation(
    verdicts, messages, django_capture_on_commit_callbacks
):
    before = public_changes.generation()
    with django_capture_on_commit_callbacks(execute=True):
        verdicts["accurate"].label_en = "Right"
        verdicts["accurate"].save()
    assert public_changes.generation() > before
    assert messages == [[]]
