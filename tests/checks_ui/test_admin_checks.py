"""The machine checks on the claim admin: beside the verdict, in the list, in a filter."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import Claim, Evidence
from sources.models import Source
from tests.checks_ui.conftest import CLEAN, FLAGGED

pytestmark = pytest.mark.django_db

LIST_QUERIES = 15  # as tests/admin/test_pages.py allows the claim list
# The "checked before?" panel reads our claims and imported reviews, each by wording and by
# figure (and PostgreSQL sets the trigram threshold once).
FORM_QUERIES = 28


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def changelist_url() -> str:
    return reverse("admin:claims_claim_changelist")


def panel(response) -> str:
    page = response.content.decode()
    start = page.index('<table class="machine-checks">')
    return page[start : page.index("</table>", start)]


def test_it_shows_a_shipped_claims_checks_beside_the_verdict(checker_client, shipped_claim):
    response = checker_client.get(change_url(shipped_claim(CLEAN)))
    assert response.status_code == 200
    shown = panel(response)
    assert "figure against source" in shown
    assert 'class="check-label check-ok"' in shown
    assert ">matches</span>" in shown
    assert "The source gives exactly US$100,000." in shown
    assert "check-flag" not in shown
    assert "The system suggests; the editor decides." in response.content.decode()


def test_it_flags_a_flagged_claim_on_its_form(checker_client, shipped_claim):
    shown = panel(checker_client.get(change_url(shipped_claim(FLAGGED))))
    assert 'class="check-label check-flag"' in shown
    assert ">does not match</span>" in shown
    assert "The source gives 12.22 million people, not the claim&#x27;s 11.58 million" in shown
    assert "2025年就業形勢分析會綜述 (contradicts)" in shown
    assert ">figure is from another period</span>" in shown


def test_it_explains_the_checks_in_the_active_language(checker_client, shipped_claim):
    response = checker_client.get(
        change_url(shipped_claim(FLAGGED)), headers={"accept-language": "zh-hant"}
    )
    shown = panel(response)
    assert "不符" in shown
    assert "1,158萬" in shown and "1,222萬" in shown


def test_it_shows_the_recomputation_of_a_derived_claim(checker_client, derived_fall):
    shown = panel(checker_client.get(change_url(derived_fall())))
    assert "recomputed arithmetic" in shown
    assert "Recomputed percent change: -17.39%; the claim states about 17.4% (consistent)." in shown
    assert "students-2018, students-2018-2020-drop" in shown


def test_it_escapes_a_hostile_source_title_in_the_panel(checker_client, shipped_claim):
    claim = shipped_claim(CLEAN)
    Source.objects.filter(evidence__claim=claim).update(title='<img src=x onerror="alert(1)">')
    shown = panel(checker_client.get(change_url(claim)))
    assert "<img src=x" not in shown
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown


def test_it_says_when_no_check_applies(checker_client, shipped_claim):
    claim = Claim.objects.filter(value__isnull=True, evidence__isnull=True).first()
    page = checker_client.get(change_url(claim)).content.decode()
    assert "No machine check applies" in page


def test_the_list_shows_how_many_checks_are_flagged(checker_client, shipped_claim):
    page = checker_client.get(changelist_url(), {"q": "11.58 million"}).content.decode()
    assert 'class="check-label check-flag"' in page
    assert "3 flagged" in page


def test_the_list_shows_a_claim_whose_checks_all_pass(checker_client, shipped_claim):
    page = checker_client.get(changelist_url(), {"q": "$100,000"}).content.decode()
    assert "2 checks, none flagged" in page


@pytest.mark.parametrize(
    ("value", "has_flagged", "has_clean"), [("yes", True, False), ("no", False, True)]
)
def test_the_checks_flagged_filter(checker_client, shipped_claim, value, has_flagged, has_clean):
    response = checker_client.get(changelist_url(), {"checks_flagged": value})
    slugs = {claim.slug for claim in response.context["cl"].result_list}
    assert (FLAGGED in slugs) is has_flagged
    assert (CLEAN in slugs) is has_clean


def test_the_flagged_filter_keeps_exactly_the_flagged_claims(checker_client, shipped_claim):
    from claims.checks.for_claim import claim_checks

    response = checker_client.get(changelist_url(), {"checks_flagged": "yes"})
    expected = {
        claim.slug
        for claim in Claim.objects.all()
        if any(check.flagged for check in claim_checks(claim))
    }
    assert {claim.slug for claim in response.context["cl"].result_list} == expected
    assert len(expected) >= 8


def test_the_flagged_filter_ignores_a_bad_value(checker_client, shipped_claim):
    response = checker_client.get(changelist_url(), {"checks_flagged": "maybe"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == Claim.objects.count()


def test_the_list_stays_within_its_query_budget(
    checker_client, shipped_claim, django_assert_max_num_queries
):
    with django_assert_max_num_queries(LIST_QUERIES):
        response = checker_client.get(changelist_url())
    assert response.context["cl"].result_count == 86


def test_the_filtered_list_stays_within_its_query_budget(
    checker_client, shipped_claim, django_assert_max_num_queries
):
    with django_assert_max_num_queries(LIST_QUERIES + 5):
        response = checker_client.get(changelist_url(), {"checks_flagged": "yes"})
    assert response.status_code == 200


def test_the_form_stays_within_its_query_budget(
    checker_client, shipped_claim, django_assert_max_num_queries
):
    claim = shipped_claim(FLAGGED)
    with django_assert_max_num_queries(FORM_QUERIES):
        response = checker_client.get(change_url(claim))
    assert response.status_code == 200


def test_it_lists_similar_published_claims_on_the_form(checker_client, shipped_claim):
    published = shipped_claim(FLAGGED)
    draft = Claim.objects.create(
        slug="grads-again",
        article=published.article,
        quote=published.quote,
        restatement="The graduating class reached 11.58 million.",
        claimant="Someone else",
        kind="factual",
    )
    page = checker_client.get(change_url(draft)).content.decode()
    start = page.index('<ul class="checked-before similar-claims">')
    shown = page[start : page.index("</ul>", start)]
    assert f'href="{change_url(published)}"' in shown
    assert "Inaccurate" in shown


def test_it_says_when_no_published_claim_is_similar(checker_client, shipped_claim):
    draft = Claim.objects.create(
        slug="unlike-anything",
        article=shipped_claim(FLAGGED).article,
        quote="Zzyzx qwv",
        restatement="Qwv zzyzx.",
        claimant="Nobody",
        kind="factual",
    )
    page = checker_client.get(change_url(draft)).content.decode()
    assert "No published claim is like this one." in page


def test_evidence_of_a_context_source_is_compared_but_not_flagged(checker_client, shipped_claim):
    claim = shipped_claim(FLAGGED)
    with workflow.unrecorded_writes(claim.pk):  # test data, not an edit
        Evidence.objects.filter(claim=claim).exclude(role="context").delete()
    shown = panel(checker_client.get(change_url(claim)))
    assert "School" in shown
    # 11.79 million (2024) against 11.58 million: a difference, shown in the neutral style.
    assert re.search(r'class="check-label check-note"[^>]*>does not match</span>', shown)
    assert not re.search(r'class="check-label check-flag"[^>]*>does not match</span>', shown)
