"""Figures in the claim form: shown and typed as editors write them, the exact number beside."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry

from claims.admin.figures import NOT_A_FIGURE, NUMBER_ONLY
from tests.admin.conftest import change_url, claim_form_data


@pytest.fixture
def population_claim(make_claim):
    return make_claim(value=Decimal("11580000"), unit="persons", comparator="≈")


def test_it_shows_the_value_as_written_with_the_exact_number_beside(
    editor_client, population_claim
):
    page = editor_client.get(change_url(population_claim)).content.decode()
    assert 'name="value" value="11.58 million"' in page
    assert '<output class="figure-reading" for="id_value">= 11,580,000</output>' in page
    assert "11580000.000000" not in page


def test_it_shows_the_value_in_chinese_to_a_chinese_desk(editor_client, population_claim):
    page = editor_client.get(
        change_url(population_claim), HTTP_ACCEPT_LANGUAGE="zh-hant"
    ).content.decode()
    assert 'name="value" value="1,158萬"' in page


@pytest.mark.parametrize("typed", ["1158萬", "11.58 million", "11,580,000", "一千一百五十八萬"])
def test_it_accepts_the_value_as_an_article_writes_it(editor_client, make_claim, typed):
    claim = make_claim()
    response = editor_client.post(change_url(claim), claim_form_data(claim, value=typed))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.value == Decimal("11580000")


def test_it_takes_an_unchanged_value_as_unchanged(editor_client, population_claim):
    data = claim_form_data(population_claim, value="11.58 million")
    response = editor_client.post(change_url(population_claim), data)
    assert response.status_code == 302
    logged = LogEntry.objects.filter(object_id=str(population_claim.pk)).latest("action_time")
    assert logged.get_change_message() == "No fields changed."


@pytest.mark.parametrize(
    ("typed", "error"),
    [("3 and 4", NOT_A_FIGURE), ("eleven", NOT_A_FIGURE), ("1,2345", NOT_A_FIGURE)]
    + [("about 3", NUMBER_ONLY), ("18.9%", NUMBER_ONLY)],
)
def test_it_refuses_what_is_not_one_plain_figure(editor_client, make_claim, typed, error):
    claim = make_claim()
    response = editor_client.post(change_url(claim), claim_form_data(claim, value=typed))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["value"] == [str(error)]
    claim.refresh_from_db()
    assert claim.value == Decimal("18.9")
