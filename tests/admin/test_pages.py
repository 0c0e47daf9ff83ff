"""The desk's pages with a realistic amount of data: what they show, in few queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from sources.models import Source
from tests.admin.conftest import DESK_CLAIMS, change_url, changelist_url

# Measured: 11 for the claim list, 18 for a published claim's form; N+1 would be hundreds.
# The form's "checked before?" panel reads our claims and imported reviews, each by wording
# and by figure (tests/checks_ui/test_admin_checks.py allows the same).
LIST_QUERIES = 15
FORM_QUERIES = 28


def test_it_lists_claims_in_a_bounded_number_of_queries(
    checker_client, desk, django_assert_max_num_queries
):
    with django_assert_max_num_queries(LIST_QUERIES):
        response = checker_client.get(changelist_url())
    assert response.status_code == 200
    assert response.context["cl"].result_count == DESK_CLAIMS


def test_it_shows_the_verdict_as_a_coloured_chip(checker_client, desk, verdicts):
    page = checker_client.get(changelist_url()).content.decode()
    assert 'class="verdict-chip" style="background:#b35900;' in page
    assert ">Misleading</span>" in page


def test_it_escapes_a_hostile_verdict_label(checker_client, desk, verdicts):
    verdicts["misleading"].label_en = '<script>alert("x")</script>'
    verdicts["misleading"].save()
    page = checker_client.get(changelist_url()).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_it_shows_the_value_as_an_editor_writes_it(checker_client, desk):
    page = checker_client.get(changelist_url()).content.decode()
    assert "about 3.5%" in page


def test_it_renders_the_change_form_in_a_bounded_number_of_queries(
    checker_client, desk, django_assert_max_num_queries
):
    claim = desk[2]  # published, three evidence rows, history
    with django_assert_max_num_queries(FORM_QUERIES):
        response = checker_client.get(change_url(claim))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="verdict-history"' in page
    assert "First published." in page


def test_it_groups_the_claim_form_in_fieldsets(checker_client, desk):
    response = checker_client.get(change_url(desk[0]))
    names = [fieldset.name for fieldset in response.context["adminform"]]
    assert names[:4] == ["The claim", "The numbers", "Where it appears", "The verdict"]


def test_it_chooses_evidence_sources_by_autocomplete(checker_client, desk):
    page = checker_client.get(change_url(desk[0])).content.decode()
    assert 'data-ajax--url="/admin/autocomplete/"' in page
    response = checker_client.get(
        "/admin/autocomplete/",
        {
            "term": "Source 1",
            "app_label": "claims",
            "model_name": "evidence",
            "field_name": "source",
        },
    )
    assert response.status_code == 200
    titles = [row["text"] for row in response.json()["results"]]
    assert "Source 1: statistics release" in titles


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"status__exact": "published"}, len(range(2, DESK_CLAIMS, 4))),
        ({"kind__exact": "numeric"}, DESK_CLAIMS),
        ({"unit__exact": "percent"}, DESK_CLAIMS),
        ({"q": "Claim number 42 "}, 1),
        ({"q": "國家統計局"}, DESK_CLAIMS),
    ],
)
def test_it_filters_and_searches_claims(checker_client, desk, query, expected):
    response = checker_client.get(changelist_url(), query)
    assert response.status_code == 200
    assert response.context["cl"].result_count == expected


def test_it_filters_claims_by_verdict(checker_client, desk, verdicts):
    response = checker_client.get(changelist_url(), {"verdict__id__exact": verdicts["pending"].pk})
    assert (
        response.context["cl"].result_count
        == Claim.objects.filter(verdict=verdicts["pending"]).count()
    )


def test_it_filters_claims_by_article(checker_client, desk):
    article = desk[0].article
    response = checker_client.get(changelist_url(), {"article__id__exact": article.pk})
    assert response.context["cl"].result_count == article.claims.count()


def test_it_filters_claims_by_source_and_role(checker_client, desk):
    source = Source.objects.get(slug="source-3")
    supported = set(
        Claim.objects.filter(evidence__source=source, evidence__role="supports").values_list(
            "pk", flat=True
        )
    )
    response = checker_client.get(
        changelist_url(), {"source": source.pk, "source_role": "supports"}
    )
    assert {claim.pk for claim in response.context["cl"].result_list} == supported
    everything = checker_client.get(changelist_url(), {"source": source.pk})
    any_role = Claim.objects.filter(evidence__source=source).distinct().count()
    assert len(supported) < any_role == everything.context["cl"].result_count


def test_it_filters_claims_by_publisher(checker_client, desk):
    source = Source.objects.get(slug="source-3")
    expected = Claim.objects.filter(evidence__source__publisher=source.publisher).distinct()
    response = checker_client.get(changelist_url(), {"publisher": source.publisher_id})
    assert response.context["cl"].result_count == expected.count()


@pytest.mark.parametrize("value", ["abc", "-1", "1 OR 1=1"])
def test_it_ignores_a_malformed_source_filter(checker_client, desk, value):
    response = checker_client.get(changelist_url(), {"source": value, "source_role": "evil"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == DESK_CLAIMS


def test_it_counts_and_links_what_each_source_supports(
    checker_client, desk, django_assert_max_num_queries
):
    with django_assert_max_num_queries(LIST_QUERIES):
        response = checker_client.get(reverse("admin:sources_source_changelist"))
    source = Source.objects.get(slug="source-3")
    supports = Claim.objects.filter(evidence__source=source, evidence__role="supports").count()
    page = response.content.decode()
    assert (
        f'href="/admin/claims/claim/?source={source.pk}&amp;source_role=supports">{supports}</a>'
        in page
    )


@pytest.mark.parametrize(
    "query", [{"kind__exact": "news_report"}, {"language": "en"}, {"q": "release"}]
)
def test_it_filters_and_searches_sources(checker_client, desk, query):
    response = checker_client.get(reverse("admin:sources_source_changelist"), query)
    assert response.status_code == 200
    assert 0 < response.context["cl"].result_count < 21


def test_it_lists_articles_with_their_claim_counts(
    checker_client, desk, django_assert_max_num_queries
):
    with django_assert_max_num_queries(LIST_QUERIES):
        response = checker_client.get(reverse("admin:claims_article_changelist"))
    article = desk[1].article
    page = response.content.decode()
    assert (
        f'href="/admin/claims/claim/?article__id__exact={article.pk}">{article.claims.count()}</a>'
        in page
    )


def test_it_lists_an_articles_claims_inline_with_links(
    checker_client, desk, django_assert_max_num_queries
):
    article = desk[1].article
    with django_assert_max_num_queries(FORM_QUERIES):
        response = checker_client.get(reverse("admin:claims_article_change", args=[article.pk]))
    page = response.content.decode()
    claim = article.claims.first()
    assert change_url(claim) in page
    assert claim.restatement in page


def test_it_searches_publishers(checker_client, desk):
    response = checker_client.get(
        reverse("admin:sources_publisher_changelist"), {"q": "Publisher 3"}
    )
    assert response.context["cl"].result_count == 1


def test_it_adds_a_draft_claim(editor_client, article, editor):
    response = editor_client.post(
        reverse("admin:claims_claim_add"),
        {
            "quote": "外國人才簽證",
            "quote_language": "zh-Hant",
            "restatement": "China created a K visa for young foreign talent.",
            "claimant": "國務院",
            "kind": "factual",
            "slug": "k-visa-created",
            "article": article.pk,
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    claim = Claim.objects.get(slug="k-visa-created")
    assert claim.status == ClaimStatus.DRAFT
    assert claim.verdict.code == "pending"
    assert claim.version == 1
    assert claim.history.get().history_user == editor


def test_it_refuses_a_numeric_claim_without_a_unit(editor_client, article):
    response = editor_client.post(
        reverse("admin:claims_claim_add"),
        {
            "quote": "18.9%",
            "quote_language": "zh-Hant",
            "restatement": "Youth unemployment was 18.9%.",
            "claimant": "NBS",
            "kind": "numeric",
            "value": "18.9",
            "comparator": "=",
            "slug": "no-unit",
            "article": article.pk,
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "A numeric claim needs a value, a unit and a comparator." in response.content.decode()
    assert not Claim.objects.filter(slug="no-unit").exists()
