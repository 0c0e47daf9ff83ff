"""The public-read fast path answers exactly as Django does, never stale, never a private page."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from api import fastpath
from api.caching import GENERATION_KEY
from api.fastpath import PublicReadFastPath
from tests.perf.conftest import call

pytestmark = pytest.mark.django_db

LIST = "/api/v1/claims/"


@pytest.fixture
def reads(django_app) -> PublicReadFastPath:
    return PublicReadFastPath(django_app)


def kept(reads, django_app, path: str, **kwargs):
    """Ask until the fast path answers without Django; fail if it never does."""
    first = call(reads, path, **kwargs)
    before = django_app.calls
    second = call(reads, path, **kwargs)
    assert django_app.calls == before, "the second request still reached Django"
    return first, second


def reaches_django(reads, django_app, path: str, **kwargs):
    before = django_app.calls
    answer = call(reads, path, **kwargs)
    assert django_app.calls == before + 1, "answered from a kept copy"
    return answer


class TestSameAnswer:
    @pytest.mark.parametrize(
        ("path", "query"),
        [
            (LIST, {}),
            (LIST, {"page_size": "1", "verdict": "accurate"}),
            (LIST, {"cursor": ""}),
            ("/api/v1/verdicts/", {}),
            ("/api/v1/sources/", {}),
            ("/api/v1/claimreview-feed/", {}),
        ],
    )
    def test_a_kept_answer_is_djangos_byte_for_byte(
        self, reads, django_app, published_claim, path, query
    ):
        from_django = call(django_app, path, query=query)
        _first, from_fast_path = kept(reads, django_app, path, query=query)
        assert from_django.status == from_fast_path.status == 200
        assert from_fast_path.headers == from_django.headers
        assert from_fast_path.body == from_django.body

    def test_a_detail_and_its_claimreview_are_kept(self, reads, django_app, published_claim):
        for path in (
            f"/api/v1/claims/{published_claim.public_id}/",
            f"/api/v1/claims/{published_claim.public_id}/claimreview/",
        ):
            _first, answer = kept(reads, django_app, path)
            assert published_claim.public_id.encode() in answer.body

    def test_a_matching_etag_gets_a_304(self, reads, django_app, published_claim):
        first, _ = kept(reads, django_app, LIST)
        answer = call(reads, LIST, if_none_match=first.header("ETag"))
        assert answer.status == 304
        assert answer.body == b""
        assert answer.header("ETag") == first.header("ETag")
        assert answer.header("Content-Type") is None

    def test_head_has_the_headers_and_no_body(self, reads, django_app, published_claim):
        first, _ = kept(reads, django_app, LIST)
        before = django_app.calls
        answer = call(reads, LIST, method="HEAD")
        assert django_app.calls == before
        assert answer.status == 200 and answer.body == b""
        assert answer.header("ETag") == first.header("ETag")

    def test_if_modified_since_alone_is_left_to_django(self, reads, django_app, published_claim):
        first, _ = kept(reads, django_app, LIST)
        answer = reaches_django(
            reads, django_app, LIST, if_modified_since=first.header("Last-Modified")
        )
        assert answer.status in (200, 304)


class TestKeptApart:
    def test_each_origin_gets_its_own_cors_answer(self, reads, django_app, published_claim):
        kept(reads, django_app, LIST)
        answer = reaches_django(reads, django_app, LIST, origin="https://news.example")
        assert answer.header("Access-Control-Allow-Origin") == "*"
        _, again = kept(reads, django_app, LIST, origin="https://news.example")
        assert again.header("Access-Control-Allow-Origin") == "*"
        _, plain = kept(reads, django_app, LIST)
        assert plain.header("Access-Control-Allow-Origin") is None

    def test_languages_are_kept_apart(self, reads, django_app, published_claim):
        _, english = kept(reads, django_app, LIST, accept_language="en")
        _, chinese = kept(reads, django_app, LIST, accept_language="zh-TW")
        assert english.header("Content-Language") == "en"
        assert chinese.header("Content-Language") == "zh-hant"

    def test_hosts_are_kept_apart(self, reads, django_app, published_claim, settings):
        settings.ALLOWED_HOSTS = ["testserver", "other.example"]
        settings.SITE_URL = ""
        kept(reads, django_app, LIST)
        answer = reaches_django(reads, django_app, LIST, host="other.example")
        assert b"http://other.example/api/v1/claims/" in answer.body

    def test_forwarded_hosts_are_kept_apart(self, reads, django_app, published_claim, settings):
        settings.USE_X_FORWARDED_HOST = True
        settings.ALLOWED_HOSTS = ["testserver", "claims.example"]
        settings.SITE_URL = ""
        kept(reads, django_app, LIST)
        answer = reaches_django(reads, django_app, LIST, x_forwarded_host="claims.example")
        assert b"http://claims.example/api/v1/claims/" in answer.body

    def test_a_disallowed_host_still_gets_djangos_400(self, reads, django_app, published_claim):
        kept(reads, django_app, LIST)
        assert reaches_django(reads, django_app, LIST, host="evil.example").status == 400


class TestNeverKept:
    def test_errors_reach_django_every_time(self, reads, django_app, published_claim):
        for _ in range(3):
            answer = reaches_django(reads, django_app, LIST, query={"page": "0"})
            assert answer.status == 400

    def test_unknown_and_draft_claims_reach_django(self, reads, django_app, make_claim):
        draft = make_claim()
        for _ in range(3):
            assert reaches_django(
                reads, django_app, f"/api/v1/claims/{draft.public_id}/"
            ).status == (404)

    def test_the_desk_api_reaches_django(self, reads, django_app, editor, published_claim):
        from base64 import b64encode

        editor.set_password("correct horse battery staple")
        editor.save()
        token = b64encode(f"{editor.username}:correct horse battery staple".encode()).decode()
        for _ in range(3):
            answer = reaches_django(
                reads, django_app, "/api/v1/desk/claims/", authorization=f"Basic {token}"
            )
            assert answer.status in (200, 401, 403)

    def test_other_methods_reach_django(self, reads, django_app, published_claim):
        kept(reads, django_app, LIST)
        assert reaches_django(reads, django_app, LIST, method="POST").status == 405

    def test_other_paths_reach_django(self, reads, django_app, published_claim):
        for _ in range(2):
            reaches_django(reads, django_app, "/methodology/")

    def test_a_body_too_large_is_not_kept(self, reads, django_app, published_claim, monkeypatch):
        monkeypatch.setattr(fastpath, "MAX_BODY", 10)
        for _ in range(2):
            reaches_django(reads, django_app, LIST)

    def test_without_a_shared_generation_each_request_reaches_django(
        self, reads, django_app, published_claim
    ):
        call(reads, LIST)
        cache.delete(GENERATION_KEY)  # lost (eviction, restart): nothing can be vouched for
        reaches_django(reads, django_app, LIST)


class TestNeverStale:
    def test_publishing_shows_on_the_next_request(
        self, reads, django_app, published_claim, make_reviewable, publish
    ):
        _, before = kept(reads, django_app, LIST)
        count_before = _count(before)
        other = make_reviewable()
        publish(other, "misleading")
        after = call(reads, LIST)
        assert _count(after) == count_before + 1
        assert after.header("ETag") != before.header("ETag")

    def test_a_verdict_change_shows_on_the_next_request(
        self, reads, django_app, published_claim, change_verdict
    ):
        path = f"/api/v1/claims/{published_claim.public_id}/"
        kept(reads, django_app, path)
        change_verdict(published_claim, "inaccurate")
        assert b'"code":"inaccurate"' in call(reads, path).body.replace(b" ", b"")

    def test_a_withdrawal_empties_the_list(self, reads, django_app, published_claim, withdraw):
        _, before = kept(reads, django_app, LIST)
        assert _count(before) == 1
        withdraw(published_claim)
        assert _count(call(reads, LIST)) == 0

    def test_editing_the_verdict_scale_shows_at_once(
        self, reads, django_app, published_claim, verdicts, django_capture_on_commit_callbacks
    ):
        kept(reads, django_app, "/api/v1/verdicts/")
        accurate = verdicts["accurate"]
        accurate.label_en = "Correct"
        with django_capture_on_commit_callbacks(execute=True):
            accurate.save()
        assert b'"Correct"' in call(reads, "/api/v1/verdicts/").body


class TestAcrossProcesses:
    """Two app servers, each with its own kept answers, sharing one Redis."""

    @pytest.fixture
    def servers(self, redis_cache, django_app):
        return PublicReadFastPath(django_app), PublicReadFastPath(django_app)

    def test_a_kept_hit_needs_no_round_trip(self, servers, django_app, published_claim):
        from unittest import mock

        first, _second = servers
        kept(first, django_app, LIST)
        calls = django_app.calls
        with mock.patch.object(
            fastpath, "_shared_generation", side_effect=AssertionError("round trip")
        ) as round_trip:
            assert call(first, LIST).status == 200
        assert round_trip.call_count == 0
        assert django_app.calls == calls

    def test_a_change_made_elsewhere_reaches_every_server_at_once(
        self, servers, django_app, published_claim, change_verdict
    ):
        path = f"/api/v1/claims/{published_claim.public_id}/"
        for server in servers:
            kept(server, django_app, path)
        change_verdict(published_claim, "misleading")
        for server in servers:
            assert b'"code":"misleading"' in call(server, path).body.replace(b" ", b"")

    def test_without_a_subscription_each_request_checks_the_generation(
        self, servers, django_app, published_claim, change_verdict, monkeypatch
    ):
        first, _second = servers
        path = f"/api/v1/claims/{published_claim.public_id}/"
        kept(first, django_app, path)
        monkeypatch.setattr(first.invalidations, "poll", lambda: None)
        monkeypatch.setattr("public.badge_events.announce", lambda public_id: None)
        change_verdict(published_claim, "misleading")
        assert b'"code":"misleading"' in call(first, path).body.replace(b" ", b"")


def _count(answer) -> int:
    import json

    return json.loads(answer.body)["count"]


def test_a_dummy_cache_keeps_nothing(reads, django_app, published_claim, settings):
    # The benchmark's "no cache" half: every request must cost what the database costs.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for _ in range(3):
        assert reaches_django(reads, django_app, LIST).status == 200


def test_a_copy_is_not_sent_past_the_shared_caches_lifetime(
    reads, django_app, published_claim, monkeypatch, settings
):
    """A change whose generation bump was lost (a cache outage dropping the write) is
    bounded by API_CACHE_TIMEOUT here as in the shared cache."""
    path = f"/api/v1/claims/{published_claim.public_id}/"
    kept(reads, django_app, path)
    later = time.monotonic() + settings.API_CACHE_TIMEOUT + 1
    monkeypatch.setattr(fastpath.time, "monotonic", lambda: later)
    reaches_django(reads, django_app, path)


def test_keys_count_towards_the_memory_bound(django_app, published_claim):
    reads = PublicReadFastPath(django_app, max_bytes=1_000_000)
    for n in range(20):
        call(reads, "/api/v1/verdicts/", query=f"x{n}=" + "a" * 3000)
    assert reads.store.bytes <= reads.store.max_bytes
    total = sum(len(part) for key in reads.store.entries for part in key if isinstance(part, str))
    assert total <= reads.store.bytes


def test_a_huge_request_is_answered_but_not_kept(reads, django_app, published_claim):
    for _ in range(2):
        answer = reaches_django(reads, django_app, "/api/v1/verdicts/", query="x=" + "a" * 10_000)
        assert answer.status == 200
