"""The desk captures from the admin (sources, claims, evidence) and the desk API."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from sources.models import SourceCapture, SourceCheck
from tests.archive.helpers import stored_capture

PAGE = "<html><body><article><p>16-24歲勞動力失業率為18.9%。</p></article></body></html>"


@pytest.fixture
def live(source, httpserver, archive_settings):
    httpserver.expect_request("/release").respond_with_data(PAGE, content_type="text/html")
    source.url = httpserver.url_for("/release")
    source.save()
    return source


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def action(client, url: str, name: str, ids):
    return client.post(
        url, {"action": name, "_selected_action": [str(pk) for pk in ids]}, follow=True
    )


def test_an_editor_captures_selected_sources(live, editor):
    response = action(
        signed_in(editor), reverse("admin:sources_source_changelist"), "capture_selected", [live.pk]
    )
    capture = SourceCapture.objects.get()
    assert capture.captured_by == editor
    assert f"Captured “{live.title}”: {capture.size} bytes, SHA-256 {capture.sha256[:12]}…" in (
        messages_of(response)
    )


def test_a_batch_stops_at_its_size_and_says_what_is_left(
    live, second_source, nbs, editor, archive_settings
):
    from sources.models import Source

    archive_settings.ARCHIVE_ADMIN_BATCH = 2
    extra = [
        Source.objects.create(slug=f"s{n}", title=f"S{n}", publisher=nbs, url=f"{live.url}?{n}")
        for n in range(3)
    ]
    second_source.url = "http://10.9.8.7/"
    second_source.save()
    ids = [live.pk, second_source.pk, *(source.pk for source in extra)]
    url = reverse("admin:sources_source_changelist")
    shown = messages_of(action(signed_in(editor), url, "capture_selected", ids))
    assert SourceCapture.objects.get().source == live
    assert (
        "Not captured: “Second source”: 10.9.8.7 is at 10.9.8.7, which is not a public "
        "internet address: the archiver fetches public pages only."
    ) in shown
    assert (
        "3 more sources were left for another batch: run the action again, or "
        "manage.py archive_sources."
    ) in shown


def test_a_claims_evidence_sources_are_captured_from_the_claim_list(live, reviewable_claim, editor):
    action(
        signed_in(editor),
        reverse("admin:claims_claim_changelist"),
        "capture_evidence_sources",
        [reviewable_claim.pk],
    )
    assert SourceCapture.objects.get().source == live


def test_evidence_rows_sources_are_captured_from_the_evidence_list(live, reviewable_claim, editor):
    action(
        signed_in(editor),
        reverse("admin:claims_evidence_changelist"),
        "capture_evidence_sources",
        [reviewable_claim.evidence.get().pk],
    )
    assert SourceCapture.objects.get().source == live


def test_the_source_page_lists_its_copies_and_checks(live, editor):
    capture = stored_capture(live, PAGE.encode())
    SourceCheck.objects.create(
        source=live,
        capture=capture,
        checked_at=capture.captured_at,
        outcome="gone",
        detail="The page answered HTTP 410.",
    )
    body = (
        signed_in(editor)
        .get(reverse("admin:sources_source_change", args=[live.pk]))
        .content.decode()
    )
    assert capture.sha256 in body
    assert f'href="/archive/{capture.key}/page"' in body
    assert "The page answered HTTP 410." in body


def test_fact_checkers_find_claims_whose_sources_are_flagged_or_uncaptured(
    live, reviewable_claim, make_reviewable, second_source, fact_checker
):
    from claims.models import Evidence

    other = make_reviewable(slug="other")
    Evidence.objects.filter(claim=other).update(source=second_source)
    capture = stored_capture(live, PAGE.encode())
    SourceCheck.objects.create(
        source=live, capture=capture, checked_at=capture.captured_at, outcome="changed"
    )
    url = reverse("admin:claims_claim_changelist")
    client = signed_in(fact_checker)
    flagged = client.get(url, {"source_archive": "flagged"}).context["cl"].result_list
    assert list(flagged) == [reviewable_claim]
    missing = client.get(url, {"source_archive": "missing"}).context["cl"].result_list
    assert list(missing) == [other]
    # A newer check that finds nothing wrong clears the flag.
    SourceCheck.objects.create(
        source=live,
        capture=capture,
        checked_at=capture.captured_at.replace(year=2099),
        outcome="unchanged",
    )
    assert not client.get(url, {"source_archive": "flagged"}).context["cl"].result_list


def test_the_desk_api_captures_a_source(live, editor):
    token = Token.objects.create(user=editor)
    response = Client().post(
        f"/api/v1/desk/sources/{live.pk}/capture/", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 201
    data = response.json()
    capture = SourceCapture.objects.get()
    assert data["sha256"] == capture.sha256 and data["status_code"] == 200
    assert data["page_url"] == f"http://testserver/archive/{capture.key}/page"


def test_the_desk_api_says_why_nothing_was_kept(source, editor, archive_settings):
    source.url = "http://169.254.169.254/latest/meta-data/"
    source.save()
    token = Token.objects.create(user=editor)
    response = Client().post(
        f"/api/v1/desk/sources/{source.pk}/capture/", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "capture_failed"
    assert "not a public internet address" in body["message"]
    assert not SourceCapture.objects.exists()


def test_the_desk_api_capture_needs_a_token_and_the_right(live, django_user_model):
    assert Client().post(f"/api/v1/desk/sources/{live.pk}/capture/").status_code == 401
    reader = django_user_model.objects.create_user("reader", is_staff=True)
    token = Token.objects.create(user=reader)
    response = Client().post(
        f"/api/v1/desk/sources/{live.pk}/capture/", HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 403
    assert not SourceCapture.objects.exists()


def test_the_desk_finds_a_source_by_the_text_of_its_copy(live, second_source, editor):
    stored_capture(live, PAGE.encode())
    response = signed_in(editor).get(
        reverse("admin:sources_source_changelist"), {"q": "勞動力失業率"}
    )
    assert list(response.context["cl"].result_list) == [live]
