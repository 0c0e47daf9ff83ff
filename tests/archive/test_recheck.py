"""Re-checking live pages: gone, moved, changed since the capture, excerpt no longer there."""

from __future__ import annotations

import socket

import pytest
from werkzeug import Response

from claims.models import Claim, VerdictChange
from sources.archive.capture import source_capture
from sources.archive.recheck import source_check, summary
from sources.models import CheckOutcome
from tests.archive.helpers import resolver_for

EXCERPT_PAGE = (
    "<html><body><article><p>8月份，全國城鎮不包含在校生的16-24歲勞動力失業率為18.9%，"
    "比上月上升1.1個百分點。</p></article></body></html>"
)


class Page:
    """A page on the local server whose answer the test changes."""

    def __init__(self, httpserver, path="/release"):
        self.status, self.body, self.headers = 200, EXCERPT_PAGE, {}
        httpserver.expect_request(path).respond_with_handler(self.answer)
        self.url = httpserver.url_for(path)

    def answer(self, request):
        return Response(
            self.body, status=self.status, headers=self.headers, content_type="text/html"
        )


@pytest.fixture
def page(httpserver, archive_settings, source, reviewable_claim):
    page = Page(httpserver)
    source.url = page.url
    source.save()
    return page


def test_an_unchanged_page_is_not_flagged(page, source):
    capture = source_capture(source=source)
    check = source_check(source=source)
    assert (check.outcome, check.moved, check.flagged) == (CheckOutcome.UNCHANGED, False, False)
    assert check.capture == capture and check.sha256 == capture.sha256


def test_a_changed_page_is_flagged_with_the_excerpt_still_there(page, source):
    source_capture(source=source)
    page.body = EXCERPT_PAGE.replace("</article>", "<p>更新：另見附表。</p></article>")
    check = source_check(source=source)
    assert check.outcome == CheckOutcome.CHANGED and check.flagged
    assert check.missing_excerpts == []


def test_a_removed_excerpt_is_flagged_with_its_evidence_row(page, source, reviewable_claim):
    source_capture(source=source)
    page.body = "<html><body><article><p>本頁內容已更新，數據暫停發佈。</p></article></body></html>"
    check = source_check(source=source)
    evidence = reviewable_claim.evidence.get()
    assert check.outcome == CheckOutcome.CHANGED
    assert check.missing_excerpts == [evidence.pk]
    assert check.flagged


@pytest.mark.parametrize("status", [404, 410])
def test_a_page_that_is_gone(page, source, status):
    source_capture(source=source)
    page.status = status
    check = source_check(source=source)
    assert check.outcome == CheckOutcome.GONE and check.flagged
    assert check.detail == f"The page answered HTTP {status}."


def test_a_host_that_no_longer_resolves_is_gone(source, archive_settings, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", resolver_for({}))
    source.url = "https://no-such-host.example.org/page"
    check = source_check(source=source)
    assert check.outcome == CheckOutcome.GONE and "does not resolve" in check.detail


def test_a_page_that_moved(page, source, httpserver):
    source_capture(source=source)
    httpserver.expect_request("/new-home").respond_with_data(EXCERPT_PAGE, content_type="text/html")
    page.status, page.headers = 301, {"Location": "/new-home"}
    check = source_check(source=source)
    assert check.moved and check.flagged
    assert check.final_url == httpserver.url_for("/new-home")
    assert check.detail == f"Now at {httpserver.url_for('/new-home')}."


def test_a_page_never_captured_is_checked_for_its_excerpts(page, source):
    check = source_check(source=source)
    assert check.outcome == CheckOutcome.NOT_CAPTURED and not check.flagged


def test_a_private_address_is_refused_not_fetched(source, archive_settings):
    source.url = "http://192.168.0.10/"
    check = source_check(source=source)
    assert check.outcome == CheckOutcome.REFUSED


def test_rechecking_never_touches_a_published_claim(page, source, published_claim):
    version = Claim.objects.get(pk=published_claim.pk).version
    changes = VerdictChange.objects.count()
    source_capture(source=source)
    page.status = 410
    source_check(source=source)
    assert Claim.objects.get(pk=published_claim.pk).version == version
    assert VerdictChange.objects.count() == changes


def test_the_summary_counts_each_outcome(page, source):
    source_capture(source=source)
    first = source_check(source=source)
    page.status = 404
    second = source_check(source=source)
    counts = summary([first, second])
    assert counts["unchanged"] == 1 and counts["gone"] == 1 and counts["flagged"] == 1
