"""The claim desk reads at 1,280 px: the list's columns, the source search, find-claims."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from claims.models import Evidence
from tests.admin.conftest import changelist_url

SOURCE_FILTER = re.compile(r"By source\s*</summary>")


def test_the_list_shows_claimant_value_and_status_with_the_verdict(checker_client, desk):
    page = checker_client.get(changelist_url()).content.decode()
    assert 'class="sortable column-claimant"' in page
    assert 'class="sortable column-value_column"' in page
    assert '<span class="claim-status">published</span>' in page


def test_it_finds_claims_by_their_sources_title(checker_client, desk):
    evidence = Evidence.objects.select_related("source").first()
    response = checker_client.get(changelist_url(), {"q": evidence.source.title})
    shown = set(response.context["cl"].result_list)
    assert evidence.claim in shown
    assert len(shown) < response.context["cl"].full_result_count


def test_it_lists_no_sources_in_the_filters_unless_one_is_chosen(checker_client, desk):
    source = Evidence.objects.first().source
    page = checker_client.get(changelist_url()).content.decode()
    assert not SOURCE_FILTER.search(page)
    chosen = checker_client.get(changelist_url(), {"source": source.pk}).content.decode()
    assert SOURCE_FILTER.search(chosen)
    assert escape(source.title) in SOURCE_FILTER.split(chosen)[1].split("</details>")[0]


@pytest.fixture
def find_page(editor_client, article):
    url = reverse("admin:claims_article_find_claims", args=[article.pk])
    return editor_client.post(url, {"text": "據報道,逾1,2345人參加。", "find": "1"})


def test_find_claims_says_its_title_once_and_flags_in_words(find_page, article):
    page = find_page.content.decode()
    assert page.count(article.title) == 3  # the page title, the breadcrumbs and the subtitle
    assert '<strong class="flag">digits grouped irregularly</strong>' in page
    assert "irregular_grouping" not in page
