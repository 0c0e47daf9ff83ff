"""Imported reviews in the admin: the desk reads them, nobody edits them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elsewhere.models import ExternalReview, ImportRun

pytestmark = pytest.mark.django_db


def test_the_desk_reads_imported_reviews_and_runs(editor_client, imported):
    page = editor_client.get(reverse("admin:elsewhere_externalreview_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "China&#x27;s graduating class reached a record 11.58 million." in text
    assert "&lt;b&gt;Evil Checks&lt;/b&gt;" in text and "<b>Evil Checks</b>" not in text
    runs = editor_client.get(reverse("admin:elsewhere_importrun_changelist"))
    assert runs.status_code == 200


def test_nobody_edits_another_desks_review(editor_client, imported):
    review = ExternalReview.objects.get(url="https://factcheck.example/grads")
    url = reverse("admin:elsewhere_externalreview_change", args=[review.pk])
    response = editor_client.post(url, {"rating": "True"})
    assert response.status_code == 403
    assert ExternalReview.objects.get(pk=review.pk).rating == "Mostly true"
    assert editor_client.get(reverse("admin:elsewhere_externalreview_add")).status_code == 403
    assert ImportRun.objects.count() == 1
