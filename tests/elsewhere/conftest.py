"""The shipped article loaded once per module, and helpers to import ClaimReview in tests."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

# The shipped article, loaded once per module (the same fixtures as the checks' tests).
from tests.checks_ui.conftest import first_load, loaded  # noqa: F401

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
