"""Two writers on one claim at the same moment, each from the version it read: one wins.

The loser is told (a 412 from the API, the admin's conflict message), nothing it sent is
stored, and the history (simple-history rows, the correction log) shows exactly the winner.
"""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from api.views.desk import claim_etag
from claims.models import Claim, ClaimStatus, VerdictChange, VerdictChangeKind
from claims.workflow import claim_publish
from tests.admin.conftest import change_url, claim_form_data
from tests.concurrency.conftest import admin_post, api_call, race

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("needs_postgres"),
]

DESK = "/api/v1/desk/claims/{}/"


def outcome(response: HttpResponse) -> str:
    if response.status_code == 412:
        return "conflict"
    if response.status_code == 200 and getattr(response, "context", None):
        form = response.context["adminform"].form
        if any("changed by someone else" in e for e in form.non_field_errors()):
            return "conflict"
    if response.status_code == 302 and response["Location"].endswith("/change/"):
        # A race lost after the form validated: the admin rolls the save back and sends the
        # editor back to the form with the conflict message.
        return "conflict"
    if response.status_code in (200, 302):
        return "won"
    return f"unexpected {response.status_code}: {response.content[:300]!r}"


def history_since(claim: Claim, count_before: int) -> list:
    rows = list(Claim.history.filter(id=claim.pk).order_by("history_date", "history_id"))
    return rows[count_before:]


def test_admin_against_api_one_edit_wins(make_claim, editor, fact_checker):
    claim = make_claim()
    history_before = Claim.history.filter(id=claim.pk).count()
    by_admin = admin_post(
        editor, change_url(claim), claim_form_data(claim, claimant="Admin's claimant")
    )
    by_api = api_call(
        fact_checker, "patch", DESK.format(claim.public_id), {"place": "HK"}, claim_etag(claim)
    )

    admin_response, api_response = race(by_admin, by_api)

    outcomes = sorted([outcome(admin_response), outcome(api_response)])
    assert outcomes == ["conflict", "won"], (admin_response, api_response)
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.version == claim.version + 1
    new_rows = history_since(claim, history_before)
    assert len(new_rows) == 1
    if outcome(admin_response) == "won":
        assert (stored.claimant, stored.place) == ("Admin's claimant", "CN")
        assert new_rows[0].history_user == editor
    else:
        assert (stored.claimant, stored.place) == (claim.claimant, "HK")
        assert api_response.status_code == 200
        assert new_rows[0].history_user == fact_checker
    assert (new_rows[0].claimant, new_rows[0].place) == (stored.claimant, stored.place)


def test_api_against_api_one_patch_wins(make_claim, editor, fact_checker):
    claim = make_claim()
    history_before = Claim.history.filter(id=claim.pk).count()
    path, etag = DESK.format(claim.public_id), claim_etag(claim)

    responses = race(
        api_call(editor, "patch", path, {"claimant": "First"}, etag),
        api_call(fact_checker, "patch", path, {"claimant": "Second"}, etag),
    )

    assert sorted(r.status_code for r in responses) == [200, 412]
    winner = next(r for r in responses if r.status_code == 200)
    loser = next(r for r in responses if r.status_code == 412)
    assert loser.json()["code"] == "precondition_failed"
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.claimant == winner.json()["claimant"]
    assert winner["ETag"] == claim_etag(stored)
    assert [row.claimant for row in history_since(claim, history_before)] == [stored.claimant]


@pytest.mark.parametrize("if_match", ["version", "*"])
def test_two_publishes_one_lands(reviewable_claim, fact_checker, django_user_model, if_match):
    from tests.conftest import _user

    second = _user(django_user_model, "checker2", groups=("Fact-checkers",))
    claim = reviewable_claim
    path = DESK.format(claim.public_id) + "publish/"
    etag = claim_etag(claim) if if_match == "version" else "*"

    responses = race(
        api_call(fact_checker, "post", path, {"verdict": "accurate"}, etag),
        api_call(second, "post", path, {"verdict": "misleading"}, etag),
    )

    codes = sorted(r.status_code for r in responses)
    # From a known version the loser hears of the conflict; with `*` it finds the claim
    # already published, which the workflow refuses.
    assert codes == ([200, 412] if if_match == "version" else [200, 400]), responses
    winner = next(r for r in responses if r.status_code == 200)
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.status == ClaimStatus.PUBLISHED
    assert stored.verdict.code == winner.json()["verdict"]
    log = list(VerdictChange.objects.filter(claim=claim))
    assert [(e.kind, e.to_verdict.code) for e in log] == [
        (VerdictChangeKind.PUBLISHED, stored.verdict.code)
    ]
    assert log[0].changed_by == stored.reviewed_by


def test_change_of_verdict_against_withdrawal_one_lands(reviewable_claim, fact_checker, verdicts):
    claim = claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])
    base, etag = DESK.format(claim.public_id), claim_etag(claim)

    change, withdraw = race(
        api_call(
            fact_checker,
            "post",
            base + "change-verdict/",
            {"verdict": "misleading", "reason": "Revised data."},
            etag,
        ),
        api_call(fact_checker, "post", base + "withdraw/", {"reason": "Source retracted."}, etag),
    )

    assert sorted([change.status_code, withdraw.status_code]) == [200, 412]
    stored = Claim.objects.get(pk=claim.pk)
    kinds = list(VerdictChange.objects.filter(claim=claim).values_list("kind", flat=True))
    if change.status_code == 200:
        assert (stored.status, stored.verdict.code) == (ClaimStatus.PUBLISHED, "misleading")
        assert kinds == [VerdictChangeKind.PUBLISHED, VerdictChangeKind.CORRECTED]
    else:
        assert (stored.status, stored.verdict.code) == (ClaimStatus.WITHDRAWN, "accurate")
        assert stored.withdrawal_reason == "Source retracted."
        assert kinds == [VerdictChangeKind.PUBLISHED, VerdictChangeKind.WITHDRAWN]
    assert stored.version == claim.version + 1
