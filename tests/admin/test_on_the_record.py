"""The admin: a published claim's content and evidence change only on the record, and a refused
change comes back on the form with what was typed."""

from __future__ import annotations

import pytest

from claims.models import Claim, Evidence, VerdictChangeKind
from tests.admin.conftest import change_url, claim_form_data

pytestmark = pytest.mark.django_db


def errors_of(response) -> str:
    assert response.status_code == 200  # the form again, not a redirect
    return response.content.decode()


def test_the_form_asks_for_a_public_reason_on_a_public_claim(checker_client, published_claim):
    page = checker_client.get(change_url(published_claim)).content.decode()
    assert 'name="correction_reason"' in page


def test_a_draft_has_no_reason_field(checker_client, make_claim):
    page = checker_client.get(change_url(make_claim())).content.decode()
    assert 'name="correction_reason"' not in page


def test_a_change_without_a_reason_comes_back_on_the_form(checker_client, published_claim):
    data = claim_form_data(published_claim, restatement="Reworded without a word why.")
    page = errors_of(checker_client.post(change_url(published_claim), data))
    assert "say publicly what changes in it" in page
    assert Claim.objects.get(pk=published_claim.pk).restatement != "Reworded without a word why."


@pytest.mark.parametrize("reason", ["\u200b", "\u3164\u2800"])
def test_an_invisible_reason_is_refused(checker_client, published_claim, reason):
    data = claim_form_data(published_claim, claimant="Someone else", correction_reason=reason)
    errors_of(checker_client.post(change_url(published_claim), data))
    assert Claim.objects.get(pk=published_claim.pk).claimant != "Someone else"


def test_a_change_with_a_reason_is_saved_and_logged(checker_client, published_claim):
    data = claim_form_data(
        published_claim, place="CN-31", correction_reason="The figure is Shanghai's."
    )
    response = checker_client.post(change_url(published_claim), data)
    assert response.status_code == 302
    claim = Claim.objects.get(pk=published_claim.pk)
    assert claim.place == "CN-31"
    entry = claim.verdict_changes.get(kind=VerdictChangeKind.UPDATED)
    assert entry.reason == "The figure is Shanghai's."
    assert entry.changes == [{"field": "place", "from": "CN", "to": "CN-31"}]


def test_the_claim_and_its_evidence_are_one_entry(checker_client, published_claim):
    data = claim_form_data(
        published_claim,
        claimant="NBS",
        correction_reason="Named as in the release.",
        **{"evidence-0-excerpt": "The rate was 18.9%."},
    )
    assert checker_client.post(change_url(published_claim), data).status_code == 302
    (entry,) = published_claim.verdict_changes.filter(kind=VerdictChangeKind.UPDATED)
    assert [change["field"] for change in entry.changes] == ["claimant", "evidence"]


def test_an_evidence_change_alone_needs_the_reason(checker_client, published_claim):
    data = claim_form_data(published_claim, **{"evidence-0-excerpt": "Changed quietly."})
    page = errors_of(checker_client.post(change_url(published_claim), data))
    assert "say publicly what changes in it" in page
    assert published_claim.evidence.get().excerpt != "Changed quietly."


def test_an_editor_cannot_change_a_public_claim(editor_client, published_claim):
    data = claim_form_data(published_claim, quote="另一句", correction_reason="As printed.")
    page = errors_of(editor_client.post(change_url(published_claim), data))
    assert "Only a fact-checker who may publish" in page
    assert Claim.objects.get(pk=published_claim.pk).quote != "另一句"


def test_research_notes_stay_free(editor_client, published_claim):
    data = claim_form_data(
        published_claim,
        research_notes="Ring the bureau.",
        **{"evidence-0-research_note": "Table 3."},
    )
    assert editor_client.post(change_url(published_claim), data).status_code == 302
    assert Claim.objects.get(pk=published_claim.pk).research_notes == "Ring the bureau."
    assert Evidence.objects.get(claim=published_claim).research_note == "Table 3."
    assert not published_claim.verdict_changes.filter(kind=VerdictChangeKind.UPDATED).exists()
