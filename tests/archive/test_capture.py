"""Capturing a source keeps a standard WARC file, its facts and its text, and nothing else."""

from __future__ import annotations

import hashlib

import pytest
from warcio.archiveiterator import ArchiveIterator

from claims.models import Claim, VerdictChange
from sources.archive.capture import CaptureError, capture_many, source_capture
from sources.archive.warc import read_response
from sources.models import SourceCapture

PAGE = (
    "<html><head><meta charset='big5'><title>失業率</title></head><body><article>"
    "<p>8月份，全國城鎮不包含在校生的16-24歲勞動力失業率為18.9%，比上月上升1.1個百分點。</p>"
    "<p>25-29歲勞動力失業率為7.2%。30-59歲勞動力失業率為4.0%。</p></article></body></html>"
)


@pytest.fixture
def live_source(source, httpserver, archive_settings):
    httpserver.expect_request("/release").respond_with_data(
        PAGE.encode("big5"), content_type="text/html"
    )
    source.url = httpserver.url_for("/release")
    source.save()
    return source


def test_it_keeps_the_response_as_a_warc_file(live_source, editor):
    capture = source_capture(source=live_source, by=editor)
    body = PAGE.encode("big5")
    assert capture.status_code == 200
    assert capture.final_url == live_source.url
    assert capture.content_type == "text/html"
    assert capture.size == len(body)
    assert capture.sha256 == hashlib.sha256(body).hexdigest()
    assert capture.captured_by == editor
    assert "16-24歲勞動力失業率為18.9%" in capture.text
    assert capture.text_method == "html" and capture.encoding == "big5hkscs"
    with capture.warc.open("rb") as stream:
        records = [
            (record.rec_type, record.rec_headers.get_header("WARC-Target-URI"))
            for record in ArchiveIterator(stream, check_digests=True)
            if record.content_stream().read() is not None
        ]
    assert [kind for kind, _uri in records] == ["warcinfo", "request", "response"]
    with capture.warc.open("rb") as stream:
        stored = read_response(stream)
    assert stored.status == 200 and stored.body == body


def test_the_warc_file_names_the_redirects_it_followed(source, httpserver, archive_settings):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data("moved here", content_type="text/plain")
    source.url = httpserver.url_for("/old")
    source.save()
    capture = source_capture(source=source)
    assert capture.requested_url == httpserver.url_for("/old")
    assert capture.final_url == httpserver.url_for("/new")
    with capture.warc.open("rb") as stream:
        metadata = [
            record.content_stream().read()
            for record in ArchiveIterator(stream)
            if record.rec_type == "metadata"
        ]
    assert metadata == [f"redirected-from: {httpserver.url_for('/old')}\n".encode()]


@pytest.mark.parametrize("status", [404, 410, 503])
def test_an_error_page_is_not_kept(source, httpserver, archive_settings, status):
    httpserver.expect_request("/x").respond_with_data("gone", status=status)
    source.url = httpserver.url_for("/x")
    with pytest.raises(CaptureError, match=f"HTTP {status}; nothing was kept"):
        source_capture(source=source)
    assert not SourceCapture.objects.exists()


def test_a_private_address_is_refused_and_nothing_is_kept(source, archive_settings):
    source.url = "http://10.0.0.1/secret"
    with pytest.raises(CaptureError, match="not a public internet address"):
        source_capture(source=source)
    assert not SourceCapture.objects.exists()


def test_a_source_without_url_cannot_be_captured(source):
    source.url = ""
    with pytest.raises(CaptureError, match="no URL"):
        source_capture(source=source)


def test_capturing_a_published_claims_source_is_not_a_change_of_its_evidence(
    published_claim, live_source
):
    version = Claim.objects.get(pk=published_claim.pk).version
    changes = VerdictChange.objects.count()
    source_capture(source=live_source)
    assert Claim.objects.get(pk=published_claim.pk).version == version
    assert VerdictChange.objects.count() == changes


def test_a_batch_goes_on_past_a_failure_and_stops_at_its_limit(
    live_source, second_source, nbs, archive_settings
):
    from sources.models import Source

    third = Source.objects.create(
        slug="third", title="Third", publisher=nbs, url=live_source.url + "?3"
    )
    second_source.url = "http://10.0.0.2/"
    result = capture_many([second_source, live_source, third], limit=2)
    assert [source for source, _why in result.failed] == [second_source]
    assert [capture.source for capture in result.captured] == [live_source]
    assert result.left == [third]
