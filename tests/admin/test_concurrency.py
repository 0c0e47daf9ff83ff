"""Two people on one claim: the later save is refused, the earlier one is kept."""

from __future__ import annotations

from claims.models import Claim
from claims.public_changes import public_claims_changed
from claims.workflow import ConflictError, claim_save_edits
from tests.admin.conftest import change_url, claim_form_data, shown_messages


def test_it_refuses_the_second_of_two_saves(editor_client, checker_client, make_claim):
    claim = make_claim()
    first_form = editor_client.get(change_url(claim))
    second_form = checker_client.get(change_url(claim))
    loaded_version = first_form.context["adminform"].form["expected_version"].value()
    assert second_form.context["adminform"].form["expected_version"].value() == loaded_version

    first = editor_client.post(
        change_url(claim), claim_form_data(claim, claimant="國家統計局發言人"), follow=True
    )
    assert first.status_code == 200
    second = checker_client.post(change_url(claim), claim_form_data(claim, place="HK"))

    assert second.status_code == 200
    errors = second.context["adminform"].form.non_field_errors()
    assert any("changed by someone else" in error for error in errors)
    claim.refresh_from_db()
    assert claim.claimant == "國家統計局發言人"
    assert claim.place == "CN"
    assert claim.version == 2


def test_it_keeps_what_the_second_editor_typed_on_the_refused_form(
    editor_client, checker_client, make_claim
):
    claim = make_claim()
    editor_client.post(change_url(claim), claim_form_data(claim, claimant="A"))
    second = checker_client.post(change_url(claim), claim_form_data(claim, place="HK"))
    assert second.context["adminform"].form["place"].value() == "HK"


def test_it_raises_the_version_on_every_save(editor_client, make_claim):
    claim = make_claim()
    for expected in (2, 3):
        editor_client.post(change_url(claim), claim_form_data(claim))
        claim.refresh_from_db()
        assert claim.version == expected


def test_it_refuses_a_form_without_its_version(editor_client, make_claim):
    claim = make_claim()
    data = claim_form_data(claim, claimant="Changed")
    del data["expected_version"]
    response = editor_client.post(change_url(claim), data)
    assert "missing the claim's version" in " ".join(
        response.context["adminform"].form.non_field_errors()
    )
    claim.refresh_from_db()
    assert claim.claimant == "國家統計局"


def test_it_refuses_a_save_that_lost_the_race(make_claim, editor):
    # Both read version 1; the first writes; the second's check under the lock must fail.
    claim = make_claim()
    mine = Claim.objects.get(pk=claim.pk)
    theirs = Claim.objects.get(pk=claim.pk)
    theirs.claimant = "First"
    claim_save_edits(claim=theirs, by=editor, expected_version=1)
    mine.claimant = "Second"
    try:
        claim_save_edits(claim=mine, by=editor, expected_version=1)
    except ConflictError as error:
        assert error.actual == 2
    else:
        raise AssertionError("the stale save was accepted")
    claim.refresh_from_db()
    assert claim.claimant == "First"


def test_it_shows_the_conflict_when_the_race_is_lost_after_validation(
    editor_client, make_claim, editor, monkeypatch
):
    claim = make_claim()
    from claims.admin import claim as claim_admin

    real_save = claim_admin.claim_save_edits

    def someone_saves_first(*, claim, by, expected_version, **kwargs):
        other = Claim.objects.get(pk=claim.pk)
        other.claimant = "Faster"
        real_save(claim=other, by=by, expected_version=expected_version)
        return real_save(claim=claim, by=by, expected_version=expected_version, **kwargs)

    monkeypatch.setattr(claim_admin, "claim_save_edits", someone_saves_first)
    response = editor_client.post(
        change_url(claim), claim_form_data(claim, claimant="Slower"), follow=True
    )
    assert any("changed by someone else" in message for message in shown_messages(response))
    claim.refresh_from_db()
    assert claim.claimant == "國家統計局"  # the admin's transaction rolled back both writes
    assert claim.version == 1


def test_it_announces_an_edit_of_a_published_claim(
    checker_client, published_claim, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, claim_ids, public_ids, **kwargs):
        heard.extend(zip(claim_ids, public_ids, strict=True))

    public_claims_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            checker_client.post(
                change_url(published_claim),
                claim_form_data(
                    published_claim,
                    restatement="A clearer restatement.",
                    correction_reason="Restated more exactly.",
                ),
            )
    finally:
        public_claims_changed.disconnect(listener)
    assert heard == [(published_claim.pk, published_claim.public_id)]
    published_claim.refresh_from_db()
    assert published_claim.restatement == "A clearer restatement."
    assert published_claim.version == 3


def test_it_does_not_announce_an_edit_of_a_draft(
    editor_client, make_claim, django_capture_on_commit_callbacks
):
    claim = make_claim()
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    public_claims_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(change_url(claim), claim_form_data(claim, claimant="Another"))
    finally:
        public_claims_changed.disconnect(listener)
    assert heard == []


def test_it_keeps_a_published_ruling_out_of_the_plain_form(checker_client, published_claim):
    ruling = published_claim.ruling
    response = checker_client.post(
        change_url(published_claim), claim_form_data(published_claim, ruling=""), follow=True
    )
    assert response.status_code == 200
    published_claim.refresh_from_db()
    assert published_claim.ruling == ruling
    page = checker_client.get(change_url(published_claim)).content.decode()
    assert 'name="ruling"' not in page
