"""Our own DataFeed, imported into an empty store of external reviews, gives back every field."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from claims.claimreview import claim_url, review_date_modified
from claims.models import Claim
from elsewhere.models import ExternalReview
from sources.fields import format_partial_date

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture
def our_feed(loaded) -> bytes:
    response = Client().get(reverse("api:claimreview-feed"))
    assert response.status_code == 200
    return response.content


def test_our_feed_round_trips_every_review(our_feed, write, run_import, tmp_path):
    path = tmp_path / "ours.jsonld"
    path.write_bytes(our_feed)
    assert ExternalReview.objects.count() == 0
    out, err = run_import(str(path))
    assert err == ""
    published = Claim.objects.published().select_related("article__outlet", "verdict")
    assert published.count() > 50
    assert ExternalReview.objects.count() == published.count()
    for claim in published.prefetch_related("verdict_changes"):
        review = ExternalReview.objects.get(url=claim_url(claim.public_id, base_url=BASE))
        article = claim.article
        assert review.publisher_name == settings.SITE_NAME
        assert review.publisher_site == BASE + "/"
        assert review.claim_reviewed == claim.restatement
        assert review.claim_text == claim.quote
        assert review.claimant == claim.claimant
        assert review.claim_language == claim.quote_language
        assert review.language == "en"
        assert review.claim_date == format_partial_date(
            article.published_on, article.published_precision
        )
        assert review.appearance_url == article.url
        assert review.rating == claim.verdict.label_en
        assert review.rating_value == claim.verdict.rating_value
        assert (review.best_rating, review.worst_rating) == (5, 1)
        assert review.meaning == claim.verdict.code
        assert review.published_at == claim.published_at
        assert review.modified_at == review_date_modified(claim)
    out, _ = run_import(str(path))
    assert f"0 new, 0 updated, {published.count()} unchanged" in out


def test_it_imports_a_feed_from_a_url_through_the_guarded_fetcher(
    our_feed, httpserver, fetch_settings, run_import
):
    assert len(our_feed) < fetch_settings.CLAIMREVIEW_FETCH_MAX_BYTES
    httpserver.expect_request("/feed").respond_with_data(
        our_feed, content_type="application/ld+json"
    )
    out, err = run_import(httpserver.url_for("/feed"))
    assert ExternalReview.objects.count() == Claim.objects.published().count()
    assert ExternalReview.objects.first().feed == httpserver.url_for("/feed")


def test_a_url_past_the_size_cap_is_refused(httpserver, fetch_settings, db):
    httpserver.expect_request("/big").respond_with_data(b"{" + b" " * 600_000 + b"}")
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_claimreview", httpserver.url_for("/big"), "--no-progress", stderr=err)
    assert "larger than 0.5 MB" in err.getvalue()


def test_a_private_address_is_refused(settings, db):
    settings.ARCHIVE_FETCH_ALLOWED_HOSTS = []
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_claimreview", "http://127.0.0.1:9/feed", "--no-progress", stderr=err)
    assert "http://127.0.0.1:9/feed: not imported:" in err.getvalue()
    assert ExternalReview.objects.count() == 0
