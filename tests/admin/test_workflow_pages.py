"""Each workflow page and bulk action: the rule's own message when refused, the change when not."""

from __future__ import annotations

import pytest

from claims.models import ClaimStatus, Evidence, VerdictChange
from sources.models import Source
from tests.admin.conftest import change_url, changelist_url, shown_messages, workflow_url


def publish(client, claim, verdict, ruling="The release gives 18.9%.", reason=""):
    return client.post(
        workflow_url(claim, "publish"),
        {
            "expected_version": claim.version,
            "verdict": verdict.pk,
            "ruling": ruling,
            "reason": reason,
        },
        follow=True,
    )


def assert_unpublished(claim):
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REVIEW
    assert not VerdictChange.objects.filter(claim=claim).exists()


def test_it_publishes_from_the_confirmation_page(checker_client, reviewable_claim, verdicts):
    response = publish(checker_client, reviewable_claim, verdicts["accurate"], reason="Checked.")
    assert "The claim is published." in shown_messages(response)
    assert response.redirect_chain[-1][0] == change_url(reviewable_claim)
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.PUBLISHED
    assert reviewable_claim.verdict == verdicts["accurate"]
    assert reviewable_claim.verdict_changes.get().reason == "Checked."


def test_it_shows_the_verdict_select_on_the_publish_page(checker_client, reviewable_claim):
    response = checker_client.get(workflow_url(reviewable_claim, "publish"))
    assert response.status_code == 200
    assert 'name="verdict"' in response.content.decode()
    assert f'value="{reviewable_claim.version}"' in response.content.decode()


def test_it_refuses_publishing_with_the_pending_verdict(checker_client, reviewable_claim, verdicts):
    response = publish(checker_client, reviewable_claim, verdicts["pending"])
    assert "Choose a verdict: “Pending” cannot be published." in shown_messages(response)
    assert response.status_code == 200
    assert_unpublished(reviewable_claim)


def test_it_refuses_publishing_without_a_ruling(checker_client, reviewable_claim, verdicts):
    response = publish(checker_client, reviewable_claim, verdicts["accurate"], ruling="  ")
    assert "Write the ruling readers will see." in shown_messages(response)
    assert_unpublished(reviewable_claim)


def test_it_refuses_publishing_without_evidence(checker_client, reviewable_claim, verdicts):
    reviewable_claim.evidence.all().delete()
    response = publish(checker_client, reviewable_claim, verdicts["accurate"])
    assert "Link at least one source as evidence." in shown_messages(response)
    assert_unpublished(reviewable_claim)


def test_it_refuses_a_decisive_verdict_on_circular_evidence(
    checker_client, reviewable_claim, verdicts, outlet
):
    own = Source.objects.create(slug="the-article", title="The article itself", publisher=outlet)
    reviewable_claim.article.source = own
    reviewable_claim.article.save()
    reviewable_claim.evidence.update(source=own)
    response = publish(checker_client, reviewable_claim, verdicts["inaccurate"])
    assert (
        "A verdict of “Inaccurate” needs evidence that was read from a source other than the "
        "article under review." in shown_messages(response)
    )
    assert_unpublished(reviewable_claim)


def test_it_refuses_a_decisive_verdict_on_unread_evidence(
    checker_client, reviewable_claim, verdicts
):
    reviewable_claim.evidence.update(seen=False)
    response = publish(checker_client, reviewable_claim, verdicts["accurate"])
    assert any("needs evidence that was read" in message for message in shown_messages(response))
    assert_unpublished(reviewable_claim)


def test_it_refuses_publishing_a_draft(checker_client, make_claim, verdicts):
    claim = make_claim()
    response = publish(checker_client, claim, verdicts["accurate"])
    assert "A claim that is draft cannot be published." in shown_messages(response)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT


def test_it_refuses_submitting_a_claim_already_in_review(editor_client, reviewable_claim):
    response = editor_client.post(
        workflow_url(reviewable_claim, "submit"),
        {"expected_version": reviewable_claim.version},
        follow=True,
    )
    assert "A claim that is in review cannot be submitted for review." in shown_messages(response)


def test_it_returns_a_claim_to_draft(checker_client, reviewable_claim):
    checker_client.post(
        workflow_url(reviewable_claim, "return_to_draft"),
        {"expected_version": reviewable_claim.version},
    )
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.DRAFT


def change_verdict(client, claim, verdict, reason, ruling=None, ruling_zh_hant=None):
    return client.post(
        workflow_url(claim, "change_verdict"),
        {
            "expected_version": claim.version,
            "verdict": verdict.pk,
            "ruling": claim.ruling if ruling is None else ruling,
            "ruling_zh_hant": claim.ruling_zh_hant if ruling_zh_hant is None else ruling_zh_hant,
            "reason": reason,
        },
        follow=True,
    )


def test_it_corrects_only_the_chinese_ruling_with_a_logged_reason(
    checker_client, published_claim, verdicts
):
    change_verdict(
        checker_client,
        published_claim,
        verdicts["accurate"],
        "Added the Chinese ruling.",
        ruling_zh_hant="國家統計局數據為18.9%。",
    )
    published_claim.refresh_from_db()
    assert published_claim.ruling_zh_hant == "國家統計局數據為18.9%。"
    change = published_claim.verdict_changes.last()
    assert (change.kind, change.reason) == ("corrected", "Added the Chinese ruling.")


def test_it_changes_a_published_verdict_with_a_public_reason(
    checker_client, published_claim, verdicts
):
    response = change_verdict(
        checker_client, published_claim, verdicts["misleading"], "The base year was wrong."
    )
    assert "The verdict was changed and the reason added to the verdict history." in shown_messages(
        response
    )
    published_claim.refresh_from_db()
    assert published_claim.verdict == verdicts["misleading"]
    change = published_claim.verdict_changes.get(kind="corrected")
    assert change.reason == "The base year was wrong."
    assert change.from_verdict == verdicts["accurate"]


def test_it_refuses_changing_a_verdict_without_a_reason(checker_client, published_claim, verdicts):
    response = change_verdict(checker_client, published_claim, verdicts["misleading"], " ")
    assert "Say publicly why the verdict of a published claim changes." in shown_messages(response)
    published_claim.refresh_from_db()
    assert published_claim.verdict == verdicts["accurate"]


def test_it_refuses_changing_to_the_same_verdict(checker_client, published_claim, verdicts):
    response = change_verdict(checker_client, published_claim, verdicts["accurate"], "Again.")
    assert "The claim already has this verdict and ruling." in shown_messages(response)
    assert published_claim.verdict_changes.count() == 1


def test_it_refuses_changing_to_the_pending_verdict(checker_client, published_claim, verdicts):
    response = change_verdict(checker_client, published_claim, verdicts["pending"], "Unsure.")
    assert "Choose a verdict: “Pending” cannot be published." in shown_messages(response)


def test_it_withdraws_with_a_reason(checker_client, published_claim):
    response = checker_client.post(
        workflow_url(published_claim, "withdraw"),
        {"expected_version": published_claim.version, "reason": "The quote was misattributed."},
        follow=True,
    )
    assert "The claim is withdrawn; readers see the reason." in shown_messages(response)
    published_claim.refresh_from_db()
    assert published_claim.status == ClaimStatus.WITHDRAWN
    assert published_claim.withdrawal_reason == "The quote was misattributed."


def test_it_refuses_withdrawing_without_a_reason(checker_client, published_claim):
    response = checker_client.post(
        workflow_url(published_claim, "withdraw"),
        {"expected_version": published_claim.version, "reason": ""},
        follow=True,
    )
    assert "Say publicly why the claim is withdrawn." in shown_messages(response)
    published_claim.refresh_from_db()
    assert published_claim.status == ClaimStatus.PUBLISHED


def test_it_refuses_a_confirmation_page_left_open_too_long(
    checker_client, reviewable_claim, verdicts, fact_checker
):
    stale = reviewable_claim.version
    from claims.workflow import claim_return_to_draft

    claim_return_to_draft(claim=reviewable_claim, by=fact_checker)
    response = checker_client.post(
        workflow_url(reviewable_claim, "publish"),
        {"expected_version": stale, "verdict": verdicts["accurate"].pk, "ruling": "Right."},
        follow=True,
    )
    assert any("changed by someone else" in message for message in shown_messages(response))
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.DRAFT


def test_it_answers_404_for_an_unknown_action(checker_client, reviewable_claim):
    response = checker_client.get(workflow_url(reviewable_claim, "delete"))
    assert response.status_code == 404


def test_it_answers_404_for_an_unknown_claim(checker_client, reviewable_claim):
    url = workflow_url(reviewable_claim, "publish").replace(f"/{reviewable_claim.pk}/", "/999999/")
    response = checker_client.get(url)
    assert response.status_code == 404


def test_it_refuses_a_confirmation_without_its_version(checker_client, reviewable_claim, verdicts):
    response = checker_client.post(
        workflow_url(reviewable_claim, "publish"),
        {"verdict": verdicts["accurate"].pk, "ruling": "Right."},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert_unpublished(reviewable_claim)


def bulk(client, action, claims, **extra):
    return client.post(
        changelist_url(),
        {"action": action, "_selected_action": [claim.pk for claim in claims], **extra},
        follow=True,
    )


def test_it_publishes_in_bulk_and_reports_each_refusal(
    checker_client, reviewable_claim, make_claim, verdicts
):
    reviewable_claim.verdict = verdicts["accurate"]
    reviewable_claim.save()
    pending = make_claim(status=ClaimStatus.REVIEW, ruling="Something.")
    response = bulk(checker_client, "publish_selected", [reviewable_claim, pending])
    shown = shown_messages(response)
    assert "1 claim published." in shown
    assert any(
        str(pending) in message and "“Pending” cannot be published." in message for message in shown
    )
    reviewable_claim.refresh_from_db()
    pending.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.PUBLISHED
    assert pending.status == ClaimStatus.REVIEW


def test_it_submits_in_bulk(editor_client, make_claim):
    claims = [make_claim(), make_claim()]
    response = bulk(editor_client, "submit_selected", claims)
    assert "2 claims submitted for review." in shown_messages(response)
    assert {c.status for c in type(claims[0]).objects.all()} == {ClaimStatus.REVIEW}


def test_it_asks_for_a_reason_before_withdrawing_in_bulk(checker_client, published_claim):
    response = bulk(checker_client, "withdraw_selected", [published_claim])
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    published_claim.refresh_from_db()
    assert published_claim.status == ClaimStatus.PUBLISHED


def test_it_withdraws_in_bulk_with_the_reason(checker_client, published_claim):
    response = bulk(
        checker_client, "withdraw_selected", [published_claim], apply="1", reason="Retracted."
    )
    assert "1 claim withdrawn." in shown_messages(response)
    published_claim.refresh_from_db()
    assert published_claim.status == ClaimStatus.WITHDRAWN
    assert published_claim.withdrawal_reason == "Retracted."


def test_it_refuses_withdrawing_in_bulk_without_a_reason(checker_client, published_claim):
    response = bulk(checker_client, "withdraw_selected", [published_claim], apply="1", reason="")
    assert any(
        "Say publicly why the claim is withdrawn." in message
        for message in shown_messages(response)
    )
    published_claim.refresh_from_db()
    assert published_claim.status == ClaimStatus.PUBLISHED


@pytest.mark.parametrize("field", ["status", "verdict_column", "reviewed_by", "published_at"])
def test_it_shows_state_fields_read_only(checker_client, published_claim, field):
    response = checker_client.get(change_url(published_claim))
    assert field in response.context["adminform"].readonly_fields


def test_it_keeps_the_evidence_a_published_claim_needs(superuser_client, published_claim):
    from tests.admin.conftest import claim_form_data

    # Only a superuser may delete evidence rows at all; even then the publishing rules hold.
    data = claim_form_data(
        published_claim, claimant="國家統計局（NBS）", **{"evidence-0-DELETE": "on"}
    )
    response = superuser_client.post(change_url(published_claim), data)
    # The form comes back with the refusal and with everything that was typed.
    assert response.status_code == 200
    assert "Link at least one source as evidence." in response.content.decode()
    assert response.context["adminform"].form["claimant"].value() == "國家統計局（NBS）"
    assert Evidence.objects.filter(claim=published_claim).count() == 1
    version = published_claim.version
    published_claim.refresh_from_db()
    assert published_claim.version == version
    assert published_claim.claimant != "國家統計局（NBS）"


def test_a_rule_broken_by_an_evidence_edit_comes_back_on_the_form(checker_client, published_claim):
    from tests.admin.conftest import claim_form_data

    data = claim_form_data(
        published_claim, place="CN-31", **{"evidence-0-seen": ""}
    )  # the only source, no longer marked as read
    response = checker_client.post(change_url(published_claim), data)
    assert response.status_code == 200
    assert "needs evidence that was read from a source" in response.content.decode()
    assert response.context["adminform"].form["place"].value() == "CN-31"
    published_claim.refresh_from_db()
    assert published_claim.place != "CN-31"
    assert published_claim.evidence.get().seen is True


def test_a_new_row_without_its_source_is_a_form_error_not_a_500(
    checker_client, published_claim, nbs
):
    from sources.models import Source, SourceKind
    from tests.admin.conftest import claim_form_data

    article = published_claim.article
    article.source = Source.objects.create(
        slug="the-article",
        title="The article",
        url="https://example.org/a",
        publisher=nbs,
        kind=SourceKind.NEWS_REPORT,
    )
    article.save()
    data = claim_form_data(published_claim)
    data.update(
        {
            "evidence-TOTAL_FORMS": 2,
            "evidence-1-claim": published_claim.pk,
            "evidence-1-role": "supports",
            "evidence-1-seen": "on",
            "evidence-1-excerpt": "forgot to pick the source",
            "evidence-1-position": 1,
        }
    )
    response = checker_client.post(change_url(published_claim), data)
    assert response.status_code == 200
    assert published_claim.evidence.count() == 1
