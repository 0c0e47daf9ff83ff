"""The two roles: what the migration grants, and what an editor cannot do however they try."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from claims.models import ClaimStatus, VerdictChange
from tests.admin.conftest import change_url, changelist_url, shown_messages, workflow_url

EDITOR_CODENAMES = {
    f"{action}_{model}"
    for model in ("article", "claim", "evidence", "source", "publisher")
    for action in ("add", "change", "view")
} | {"view_verdict", "view_externalreview", "view_importrun"}  # elsewhere/0003: read-only


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_it_gives_editors_exactly_the_editing_permissions():
    assert codenames("Editors") == EDITOR_CODENAMES


@pytest.mark.django_db
def test_it_gives_fact_checkers_editing_plus_publishing():
    assert codenames("Fact-checkers") == EDITOR_CODENAMES | {"publish_claim"}


@pytest.mark.django_db
def test_it_gives_neither_group_any_delete_permission():
    assert not {c for c in codenames("Fact-checkers") if c.startswith("delete_")}


def test_it_lets_an_editor_submit_a_draft(editor_client, make_claim):
    claim = make_claim()
    response = editor_client.post(
        workflow_url(claim, "submit"), {"expected_version": claim.version}, follow=True
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REVIEW
    assert "The claim is now in review." in shown_messages(response)


def test_it_shows_an_editor_no_publish_button(editor_client, reviewable_claim):
    response = editor_client.get(change_url(reviewable_claim))
    assert response.status_code == 200
    assert workflow_url(reviewable_claim, "publish") not in response.content.decode()
    assert workflow_url(reviewable_claim, "return_to_draft") not in response.content.decode()


def test_it_shows_a_fact_checker_the_publish_button(checker_client, reviewable_claim):
    response = checker_client.get(change_url(reviewable_claim))
    assert workflow_url(reviewable_claim, "publish") in response.content.decode()


def test_it_refuses_an_editor_publishing_by_the_form(editor_client, reviewable_claim, verdicts):
    response = editor_client.post(
        workflow_url(reviewable_claim, "publish"),
        {
            "expected_version": reviewable_claim.version,
            "verdict": verdicts["accurate"].pk,
            "ruling": "Correct.",
        },
        follow=True,
    )
    assert "You do not have permission to do this." in shown_messages(response)
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.REVIEW
    assert reviewable_claim.verdict == verdicts["pending"]
    assert not VerdictChange.objects.exists()


def test_it_refuses_an_editor_publishing_by_bulk_action(editor_client, reviewable_claim, verdicts):
    reviewable_claim.verdict = verdicts["accurate"]
    reviewable_claim.save()
    response = editor_client.post(
        changelist_url(),
        {"action": "publish_selected", "_selected_action": [reviewable_claim.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "No action selected." in shown_messages(response)
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.REVIEW
    assert not VerdictChange.objects.exists()


def test_it_offers_an_editor_no_publish_action(editor_client, reviewable_claim):
    response = editor_client.get(changelist_url())
    actions = [choice[0] for choice in response.context["action_form"].fields["action"].choices]
    assert "submit_selected" in actions
    assert "publish_selected" not in actions
    assert "withdraw_selected" not in actions


def test_it_refuses_an_editor_crafting_a_publish_post(editor, reviewable_claim, verdicts):
    from django.test import Client

    # A hand-made request: CSRF checks on, token taken from the editor's own session.
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(change_url(reviewable_claim))
    token = page.cookies["csrftoken"].value
    response = client.post(
        workflow_url(reviewable_claim, "publish"),
        {
            "csrfmiddlewaretoken": token,
            "expected_version": reviewable_claim.version,
            "verdict": verdicts["accurate"].pk,
            "ruling": "Correct.",
            "reason": "Looks right.",
        },
    )
    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert "You do not have permission to do this." in shown_messages(followed)
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.status == ClaimStatus.REVIEW
    assert reviewable_claim.reviewed_by is None
    assert not VerdictChange.objects.exists()


def test_it_refuses_an_editor_withdrawing_by_a_crafted_post(editor_client, published_claim):
    editor_client.post(
        workflow_url(published_claim, "withdraw"),
        {"expected_version": published_claim.version, "reason": "Because."},
    )
    published_claim.refresh_from_db()
    assert published_claim.status == ClaimStatus.PUBLISHED


def test_it_refuses_an_editor_setting_status_through_the_change_form(editor_client, make_claim):
    from tests.admin.conftest import claim_form_data

    claim = make_claim()
    editor_client.post(
        change_url(claim), claim_form_data(claim, status="published", verdict=1, version=99)
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT
    assert claim.verdict.code == "pending"
    assert claim.version == 2


def test_it_refuses_deleting_a_published_claim_even_to_a_superuser(
    superuser_client, published_claim
):
    url = change_url(published_claim).replace("/change/", "/delete/")
    response = superuser_client.post(url, {"post": "yes"})
    assert response.status_code == 403
    published_claim.refresh_from_db()


def test_it_refuses_bulk_deleting_a_published_claim(superuser_client, published_claim):
    response = superuser_client.post(
        changelist_url(),
        {"action": "delete_selected", "_selected_action": [published_claim.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "Cannot delete claim" in response.content.decode()
    published_claim.refresh_from_db()


def test_it_lets_a_superuser_delete_a_draft_with_its_evidence(superuser_client, make_claim, source):
    from claims.models import Claim, Evidence

    claim = make_claim()
    Evidence.objects.create(claim=claim, source=source, role="supports")
    url = change_url(claim).replace("/change/", "/delete/")
    superuser_client.post(url, {"post": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_it_refuses_editors_changing_the_verdict_scale(editor_client, verdicts):
    from django.urls import reverse

    url = reverse("admin:claims_verdict_change", args=[verdicts["accurate"].pk])
    response = editor_client.post(url, {"label_en": "Right", "colour": "#000000"})
    assert response.status_code == 403
    verdicts["accurate"].refresh_from_db()
    assert verdicts["accurate"].label_en == "Accurate"


@pytest.mark.parametrize(
    "status, editor_buttons, checker_buttons",
    [
        ("draft", ["submit"], ["submit"]),
        ("review", [], ["return_to_draft", "publish"]),
        ("published", [], ["change_verdict", "withdraw"]),
    ],
)
def test_it_offers_each_role_only_the_actions_it_may_take(
    editor_client, checker_client, published_claim, status, editor_buttons, checker_buttons
):
    from claims.models import Claim

    Claim.objects.filter(pk=published_claim.pk).update(status=status)
    for client, expected in [(editor_client, editor_buttons), (checker_client, checker_buttons)]:
        page = client.get(change_url(published_claim)).content.decode()
        offered = [
            action
            for action in ["submit", "return_to_draft", "publish", "change_verdict", "withdraw"]
            if workflow_url(published_claim, action) in page
        ]
        assert offered == expected
