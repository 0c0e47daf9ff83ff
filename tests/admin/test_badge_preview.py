"""The badge preview: any verdict, even unsaved, shown only to the desk and never cached."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin.conftest import change_url, workflow_url


def preview_url(claim, **params) -> str:
    url = reverse("admin:claims_claim_badge_preview", args=[claim.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_it_previews_an_unsaved_verdict(checker_client, reviewable_claim, verdicts):
    response = checker_client.get(
        preview_url(reviewable_claim, verdict=verdicts["inaccurate"].pk, lang="en")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "no-store" in response["Cache-Control"]
    svg = response.content.decode()
    assert "Inaccurate" in svg
    assert verdicts["inaccurate"].colour in svg
    reviewable_claim.refresh_from_db()
    assert reviewable_claim.verdict == verdicts["pending"]


def test_it_previews_in_traditional_chinese(checker_client, reviewable_claim, verdicts):
    response = checker_client.get(
        preview_url(reviewable_claim, verdict=verdicts["accurate"].pk, lang="zh-hant")
    )
    svg = response.content.decode()
    assert "正確" in svg
    assert "事實查核" in svg
    assert 'xml:lang="zh-Hant"' in svg


def test_it_previews_the_current_verdict_by_default(checker_client, published_claim):
    svg = checker_client.get(preview_url(published_claim)).content.decode()
    assert "Accurate" in svg


def test_it_escapes_a_hostile_verdict_label(checker_client, reviewable_claim, verdicts):
    verdicts["misleading"].label_en = "</text><script>alert(1)</script>"
    verdicts["misleading"].save()
    svg = checker_client.get(
        preview_url(reviewable_claim, verdict=verdicts["misleading"].pk)
    ).content.decode()
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_it_refuses_anonymous_readers(reviewable_claim, verdicts):
    response = Client().get(preview_url(reviewable_claim, verdict=verdicts["accurate"].pk))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_refuses_staff_without_claim_permissions(django_user_model, reviewable_claim):
    user = django_user_model.objects.create_user("visitor", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(preview_url(reviewable_claim)).status_code == 403


@pytest.mark.parametrize("params", [{"verdict": "abc"}, {"verdict": "1;drop"}, {"lang": "fr"}])
def test_it_refuses_malformed_parameters(checker_client, reviewable_claim, params):
    assert checker_client.get(preview_url(reviewable_claim, **params)).status_code == 400


def test_it_answers_404_for_an_unknown_verdict(checker_client, reviewable_claim):
    assert checker_client.get(preview_url(reviewable_claim, verdict=99999)).status_code == 404


def test_it_shows_the_preview_on_the_claim_form(checker_client, published_claim):
    page = checker_client.get(change_url(published_claim)).content.decode()
    assert preview_url(published_claim) + "?verdict=" in page


def test_it_redraws_the_preview_from_the_publish_page_select(checker_client, reviewable_claim):
    page = checker_client.get(workflow_url(reviewable_claim, "publish")).content.decode()
    assert 'data-badge-preview="verdict"' in page
    assert f'data-badge-preview-src="{preview_url(reviewable_claim)}?lang=en"' in page
    assert "claims/admin/badge-preview.js" in page
