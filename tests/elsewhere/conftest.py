"""The shipped article loaded once per module, and helpers to import ClaimReview in tests."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

# The shipped article, loaded once per module (the same fixtures as the checks' tests).
from tests.checks_ui.conftest import (  # noqa: F401
    api,
    checker_client,
    editor_client,
    first_load,
    loaded,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def write(tmp_path):
    """Write a JSON value (or text) to a file and give its path."""

    def write(data, name: str = "feed.json") -> str:
        path = tmp_path / name
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def run_import():
    """`manage.py import_claimreview`, its output and its errors as text."""

    def run(*sources: str) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        call_command("import_claimreview", *sources, "--no-progress", stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run


def claim_review(url: str = "https://factcheck.example/a", **fields) -> dict:
    review = {
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": "China had 11.58 million college graduates in 2023.",
        "author": {
            "@type": "Organization",
            "name": "Example Check",
            "url": "https://factcheck.example",
        },
        "datePublished": "2024-01-05",
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly true", "ratingValue": 4},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A minister"},
            "datePublished": "2023-12",
            "text": "Graduates reached 11.58 million in 2023.",
        },
    }
    review.update(fields)
    return review


def data_feed(*reviews: dict) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [{"@type": "DataFeedItem", "item": [review]} for review in reviews],
    }


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def fetch_settings(settings):
    """The local test server allowed, small caps."""
    settings.ARCHIVE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.ARCHIVE_CONNECT_TIMEOUT = 2
    settings.ARCHIVE_TOTAL_TIMEOUT = 5
    settings.CLAIMREVIEW_FETCH_MAX_BYTES = 512 * 1024
    return settings


HOSTILE = {
    "url": 'https://evil.example/check?a="><script>alert(1)</script>',
    "claimReviewed": "<script>alert('x')</script> China had 11.58 million graduates",
    "author": {"@type": "Organization", "name": "<b>Evil Checks</b>"},
    "reviewRating": {"@type": "Rating", "alternateName": "<img src=x onerror=alert(1)>"},
}


@pytest.fixture
def imported(loaded, write, run_import, django_capture_on_commit_callbacks):  # noqa: F811
    """Two other desks' reviews of the 11.58 million graduates, one of them hostile."""
    with django_capture_on_commit_callbacks(execute=True):
        run_import(
            write(
                data_feed(
                    claim_review(
                        "https://factcheck.example/grads",
                        claimReviewed="China's graduating class reached a record 11.58 million.",
                        itemReviewed={"@type": "Claim", "text": "應屆畢業生數量達1158萬"},
                        reviewRating={"@type": "Rating", "alternateName": "Mostly true"},
                        inLanguage="en",
                    ),
                    claim_review(**HOSTILE, itemReviewed={}),
                )
            )
        )
