"""The claim form's Traditional Chinese restatement: typed beside the English one, and on a
public claim changed only with a public reason, unless it is the claim's first translation."""

from __future__ import annotations

import pytest

from claims import workflow
from claims.models import Claim, VerdictChangeKind
from tests.admin.conftest import change_url, claim_form_data

pytestmark = pytest.mark.django_db


def updates(claim) -> list:
    return list(claim.verdict_changes.filter(kind=VerdictChangeKind.UPDATED))


def test_the_form_has_the_field(checker_client, make_claim):
    page = checker_client.get(change_url(make_claim())).content.decode()
    assert 'name="restatement_zh"' in page
    assert "Restatement (Traditional Chinese)" in page


def test_a_draft_saves_it_without_a_reason(editor_client, make_claim):
    claim = make_claim()
    data = claim_form_data(claim, restatement_zh="青年失業率升至18.9%。")
    assert editor_client.post(change_url(claim), data).status_code == 302
    assert Claim.objects.get(pk=claim.pk).restatement_zh == "青年失業率升至18.9%。"


def test_a_published_change_without_a_reason_comes_back(checker_client, published_claim):
    data = claim_form_data(published_claim, restatement_zh="悄悄改寫。")
    response = checker_client.post(change_url(published_claim), data)
    assert response.status_code == 200
    assert "say publicly what changes in it" in response.content.decode()
    assert Claim.objects.get(pk=published_claim.pk).restatement_zh != "悄悄改寫。"


def test_a_published_change_with_a_reason_is_logged(checker_client, published_claim):
    data = claim_form_data(
        published_claim, restatement_zh="青年失業率達18.9%。", correction_reason="Plainer."
    )
    assert checker_client.post(change_url(published_claim), data).status_code == 302
    (entry,) = updates(published_claim)
    assert entry.changes[0]["field"] == "restatement_zh"


def test_a_first_translation_is_saved_without_a_reason(checker_client, published_claim):
    with workflow.unrecorded_writes(published_claim.pk):  # published before the field
        Claim.objects.filter(pk=published_claim.pk).update(restatement_zh="")
    claim = Claim.objects.get(pk=published_claim.pk)
    data = claim_form_data(claim, restatement_zh="青年失業率升至18.9%。")
    assert checker_client.post(change_url(claim), data).status_code == 302
    assert Claim.objects.get(pk=claim.pk).restatement_zh == "青年失業率升至18.9%。"
    assert updates(claim) == []


def test_an_editor_cannot_add_a_first_translation(editor_client, published_claim):
    with workflow.unrecorded_writes(published_claim.pk):
        Claim.objects.filter(pk=published_claim.pk).update(restatement_zh="")
    claim = Claim.objects.get(pk=published_claim.pk)
    data = claim_form_data(claim, restatement_zh="青年失業率升至18.9%。")
    response = editor_client.post(change_url(claim), data)
    assert response.status_code in (200, 403)
    assert Claim.objects.get(pk=claim.pk).restatement_zh == ""
