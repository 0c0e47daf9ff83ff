"""Caches hear about every change the public could see, and only after it is committed."""

from __future__ import annotations

import pytest
from django.db import transaction

from claims import workflow
from claims.workflow import claim_publish, public_claim_changed


@pytest.fixture
def heard():
    announced: list[str] = []

    def receiver(sender, public_id, **kwargs):
        announced.append(public_id)

    public_claim_changed.connect(receiver)
    yield announced
    public_claim_changed.disconnect(receiver)


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts):
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
