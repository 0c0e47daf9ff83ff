"""django-simple-history's "Revert" on every admin model with history: a public claim and any
evidence row are refused with a message on the page and nothing changed; drafts, sources,
publishers and articles revert as one saved change; ids that are not keys get a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import Article, Claim, Evidence
from sources.models import Publisher, Source
from tests.admin.conftest import change_url, claim_form_data, shown_messages

pytestmark = pytest.mark.django_db

PUBLIC_REFUSAL = "This claim is public: it changes only through the desk's workflow"
EVIDENCE_REFUSAL = "Evidence changes on its claim's page"


def record_url(obj, record) -> str:
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def first_record(obj):
    return obj.history.order_by("history_id").first()


def revert(client, obj, record, headers=None, **changes):
    """Post the record's page as it is shown, as an editor pressing "Revert" does."""
    url = record_url(obj, record)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(changes)
    return client.post(url, data, follow=True, headers=headers)


def history_rows(obj) -> int:
    return obj.history.count()


def test_it_refuses_to_revert_a_published_claim_whose_ruling_changed(
    checker_client, published_claim, fact_checker, verdicts
):
    claim = workflow.claim_change_verdict(
        claim=published_claim,
        by=fact_checker,
        verdict=verdicts["misleading"],
        ruling="A newer release revises it.",
        reason="The bureau revised its figure.",
    )
    before, rows = Claim.objects.get(pk=claim.pk), history_rows(claim)
    # The first record is the claim in review, when its ruling was still a draft field.
    response = revert(checker_client, claim, first_record(claim), ruling="Quietly rewritten.")
    assert response.status_code == 200
    assert any(PUBLIC_REFUSAL in message for message in shown_messages(response))
    after = Claim.objects.get(pk=claim.pk)
    assert (after.ruling, after.verdict_id, after.version) == (
        before.ruling,
        before.verdict_id,
        before.version,
    )
    assert history_rows(claim) == rows


def test_the_refusal_speaks_chinese(checker_client, published_claim):
    chinese = {"Accept-Language": "zh-hant"}
    response = revert(checker_client, published_claim, first_record(published_claim), chinese)
    assert any("此說法已公開" in message for message in shown_messages(response))


def test_a_public_claims_history_offers_no_revert(checker_client, published_claim):
    page = checker_client.get(record_url(published_claim, first_record(published_claim)))
    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    assert 'name="_save"' not in page.content.decode()


def test_it_refuses_to_revert_a_withdrawn_claim(checker_client, published_claim, fact_checker):
    claim = workflow.claim_withdraw(claim=published_claim, by=fact_checker, reason="Wrong table.")
    response = revert(checker_client, claim, first_record(claim), restatement="Something else.")
    assert any(PUBLIC_REFUSAL in message for message in shown_messages(response))
    assert Claim.objects.get(pk=claim.pk).restatement == claim.restatement


def test_it_reverts_a_draft_as_one_edit(editor_client, editor, make_claim):
    claim = make_claim()
    original = claim.restatement
    edited = editor_client.post(change_url(claim), claim_form_data(claim, restatement="Reworded."))
    assert edited.status_code == 302
    claim.refresh_from_db()
    assert (claim.restatement, claim.version) == ("Reworded.", 2)
    response = revert(editor_client, claim, first_record(claim))
    assert response.status_code == 200
    assert not [m for m in shown_messages(response) if "cannot" in m]
    claim.refresh_from_db()
    assert (claim.restatement, claim.version) == (original, 3)
    assert claim.history.latest().history_user == editor


def test_a_stale_revert_of_a_draft_is_refused(editor_client, make_claim):
    claim = make_claim()
    record = first_record(claim)
    url = record_url(claim, record)
    form = editor_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    # Someone saves the claim after the editor opened the record.
    workflow.claim_save_edits(claim=claim, by=None, expected_version=claim.version)
    claim.refresh_from_db()
    response = editor_client.post(url, {**data, "restatement": "Mine."}, follow=True)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).restatement != "Mine."


@pytest.mark.parametrize("public", [False, True], ids=["draft", "published"])
def test_it_refuses_to_revert_evidence(
    superuser_client, reviewable_claim, fact_checker, verdicts, public
):
    evidence = reviewable_claim.evidence.get()
    with workflow.unrecorded_writes(reviewable_claim.pk):
        evidence.excerpt = "A later reading of the release."
        evidence.save()
    if public:
        workflow.claim_publish(
            claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"]
        )
    rows = history_rows(evidence)
    response = revert(superuser_client, evidence, first_record(evidence))
    assert response.status_code == 200
    assert any(EVIDENCE_REFUSAL in message for message in shown_messages(response))
    assert Evidence.objects.get(pk=evidence.pk).excerpt == "A later reading of the release."
    assert history_rows(evidence) == rows


def test_the_evidence_history_offers_no_revert(superuser_client, reviewable_claim):
    evidence = reviewable_claim.evidence.get()
    page = superuser_client.get(record_url(evidence, first_record(evidence)))
    assert page.context["revert_disabled"] is True


@pytest.mark.parametrize(
    "model,field",
    [(Source, "title"), (Publisher, "name"), (Article, "title")],
    ids=["source", "publisher", "article"],
)
def test_sources_publishers_and_articles_revert(
    editor_client, source, article, model, field, published_claim
):
    obj = {Source: source, Publisher: source.publisher, Article: article}[model]
    original = getattr(obj, field)
    setattr(obj, field, "Renamed")
    obj.save()
    response = revert(editor_client, obj, first_record(obj))
    assert response.status_code == 200
    assert getattr(model.objects.get(pk=obj.pk), field) == original


def test_a_deleted_record_is_not_brought_back_by_a_revert(superuser_client, outlet):
    publisher = Publisher.objects.create(slug="gone", name="Gone")
    record = first_record(publisher)
    url = record_url(publisher, record)
    form = superuser_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    publisher.delete()
    response = superuser_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert any("was deleted" in message for message in shown_messages(response))
    assert not Publisher.objects.filter(slug="gone").exists()


@pytest.mark.parametrize("bad", ["abc", "1.5", "1e3"])
@pytest.mark.parametrize("page", ["history", "record", "record-version"])
def test_ids_that_are_not_keys_get_a_404(superuser_client, source, bad, page):
    record = first_record(source)
    url = {
        "history": f"/admin/sources/source/{bad}/history/",
        "record": f"/admin/sources/source/{bad}/history/{record.history_id}/",
        "record-version": f"/admin/sources/source/{source.pk}/history/{bad}/",
    }[page]
    assert superuser_client.get(url).status_code == 404
    assert superuser_client.post(url, {"title": "x"}).status_code == 404
    assert Source.objects.get(pk=source.pk).title == source.title
