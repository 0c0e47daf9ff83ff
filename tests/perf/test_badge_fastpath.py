"""The WSGI badge fast path answers exactly as the Django view does, and never a stale badge."""

from __future__ import annotations

import pytest

from claims.models import ClaimStatus
from public.fastpath import BadgeFastPath
from tests.perf.conftest import call

pytestmark = pytest.mark.django_db

# The gunicorn-added Date/Server aside, these are every header of a badge answer.
VARIANTS = [
    ("svg", {}, {}),
    ("svg", {"lang": "zh-hant"}, {}),
    ("svg", {"style": "dot"}, {"accept_language": "zh-TW,zh;q=0.9"}),
    ("json", {}, {}),
    ("json", {}, {"accept_language": "zh-HK"}),
]


def kept(fast: BadgeFastPath, django_app, path: str, **kwargs):
    """Ask until the fast path answers without Django; fail if it never does.

    The first request of a claim starts its generation in the view; the next one is kept.
    """
    call(fast, path, **kwargs)
    first = call(fast, path, **kwargs)
    before = django_app.calls
    second = call(fast, path, **kwargs)
    assert django_app.calls == before, "the second request still reached Django"
    return first, second


class TestSameAnswer:
    @pytest.mark.parametrize(("kind", "query", "headers"), VARIANTS)
    def test_a_kept_answer_is_the_views_answer_byte_for_byte(
        self, fast, django_app, published_claim, kind, query, headers
    ):
        path = f"/badge/{published_claim.public_id}.{kind}"
        from_django = call(django_app, path, query=query, **headers)
        _first, from_fast_path = kept(fast, django_app, path, query=query, **headers)
        assert from_django.status == from_fast_path.status == 200
        assert from_fast_path.headers == from_django.headers
        assert from_fast_path.body == from_django.body

    def test_the_headers_are_the_badge_views(self, fast, django_app, published_claim):
        _first, answer = kept(fast, django_app, f"/badge/{published_claim.public_id}.svg")
        assert answer.header("Cache-Control").startswith("public, max-age=300")
        assert answer.header("Content-Security-Policy") == (
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"
        )
        assert answer.header("X-Frame-Options") is None
        assert answer.header("X-Content-Type-Options") == "nosniff"
        assert answer.header("Vary") == "Accept-Language"
        assert answer.header("ETag").startswith('"')
        assert answer.header("Set-Cookie") is None

    def test_languages_are_kept_apart(self, fast, django_app, published_claim):
        path = f"/badge/{published_claim.public_id}.svg"
        kept(fast, django_app, path)
        chinese = call(fast, path, accept_language="zh-TW")
        assert "事實查核".encode() in chinese.body
        assert chinese.header("Content-Language") == "zh-hant"
        english = call(fast, path, query={"lang": "en"}, accept_language="zh-TW")
        assert b"fact check: Accurate" in english.body

    def test_the_last_of_repeated_parameters_wins_as_in_django(
        self, fast, django_app, published_claim
    ):
        path = f"/badge/{published_claim.public_id}.svg"
        query = "lang=en&style=dot&lang=zh-hant&style=flat"
        from_django = call(django_app, path, query=query)
        _first, from_fast_path = kept(fast, django_app, path, query=query)
        assert from_fast_path.body == from_django.body
        assert "事實查核".encode() in from_fast_path.body
        assert from_fast_path.body == call(django_app, path, query={"lang": "zh-hant"}).body

    def test_what_a_request_asks_for_is_remembered_within_bounds(
        self, fast, django_app, published_claim, monkeypatch
    ):
        from public import fastpath

        monkeypatch.setattr(fastpath, "MAX_REMEMBERED", 3)
        path = f"/badge/{published_claim.public_id}.svg"
        kept(fast, django_app, path)
        for accept in ("zh-TW", "en-GB", "zh-HK", "fr, zh;q=0.5", "de"):
            answer = call(fast, path, accept_language=accept)
            assert answer.body == call(django_app, path, accept_language=accept).body
        assert 0 < len(fast.variants) <= 3
        # A long header is answered as the view would, and not remembered.
        long = ",".join(["zh-TW"] + ["fr;q=0.5"] * 80)
        assert "事實查核".encode() in call(fast, path, accept_language=long).body
        assert all(long not in asked for asked in fast.variants)
        # Other paths are remembered as not badges, and still reach Django.
        calls = django_app.calls
        assert call(fast, "/api/v1/claims/").status == 200
        assert call(fast, "/api/v1/claims/").status == 200
        assert django_app.calls == calls + 2
        assert all(asked[0].startswith("/badge/") for asked in fast.variants)


class TestRevalidation:
    def test_a_matching_etag_gets_the_views_304(self, fast, django_app, published_claim):
        path = f"/badge/{published_claim.public_id}.svg"
        _first, answer = kept(fast, django_app, path)
        etag = answer.header("ETag")
        from_django = call(django_app, path, if_none_match=etag)
        before = django_app.calls
        from_fast_path = call(fast, path, if_none_match=etag)
        assert django_app.calls == before
        assert from_fast_path.status == from_django.status == 304
        assert from_fast_path.body == from_django.body == b""
        assert sorted(from_fast_path.headers) == sorted(from_django.headers)
        assert from_fast_path.header("Content-Type") is None

    def test_a_weak_etag_in_a_list_matches(self, fast, django_app, published_claim):
        path = f"/badge/{published_claim.public_id}.svg"
        _first, answer = kept(fast, django_app, path)
        listed = f'"other", W/{answer.header("ETag")}'
        assert call(fast, path, if_none_match=listed).status == 304

    def test_a_stale_etag_gets_the_body(self, fast, django_app, published_claim):
        path = f"/badge/{published_claim.public_id}.svg"
        kept(fast, django_app, path)
        answer = call(fast, path, if_none_match='"0123456789abcdef"')
        assert answer.status == 200
        assert b"Accurate" in answer.body

    def test_head_has_the_headers_and_no_body(self, fast, django_app, published_claim):
        path = f"/badge/{published_claim.public_id}.svg"
        _first, get = kept(fast, django_app, path)
        head = call(fast, path, method="HEAD")
        assert head.status == 200
        assert head.headers == get.headers
        assert head.body == b""


class TestNeverStale:
    def test_a_verdict_change_shows_on_the_next_request(
        self, fast, django_app, published_claim, change_verdict
    ):
        path = f"/badge/{published_claim.public_id}.svg"
        _first, before = kept(fast, django_app, path)
        assert b"Accurate" in before.body
        change_verdict(published_claim, "misleading")
        after = call(fast, path)
        assert b"Misleading" in after.body
        assert after.header("ETag") != before.header("ETag")
        assert call(fast, path, if_none_match=before.header("ETag")).status == 200

    def test_a_withdrawal_shows_on_the_next_request(
        self, fast, django_app, published_claim, withdraw
    ):
        path = f"/badge/{published_claim.public_id}.json"
        kept(fast, django_app, path)
        withdraw(published_claim)
        assert b"withdrawn" in call(fast, path).body

    def test_editing_the_verdict_scale_refreshes_kept_badges(
        self, fast, django_app, published_claim, verdicts
    ):
        path = f"/badge/{published_claim.public_id}.svg"
        kept(fast, django_app, path)
        accurate = verdicts["accurate"]
        accurate.label_en = "Correct"
        accurate.save()
        assert b"fact check: Correct" in call(fast, path).body


class TestFallsThrough:
    @pytest.mark.parametrize("status", [ClaimStatus.DRAFT, ClaimStatus.REVIEW])
    def test_a_draft_is_never_kept_and_looks_unknown(
        self, fast, django_app, make_claim, verdicts, status
    ):
        draft = make_claim(status=status, verdict=verdicts["inaccurate"], ruling="Secret")
        for _ in range(3):
            answer = call(fast, f"/badge/{draft.public_id}.svg")
            assert answer.status == 404
            assert b"not found" in answer.body
            assert b"Inaccurate" not in answer.body
        assert django_app.calls == 3
        assert len(fast.store.entries) == 0

    def test_an_unknown_id_reaches_the_view_every_time(self, fast, django_app, db):
        for _ in range(2):
            answer = call(fast, "/badge/zzzzzzzz.json")
            assert answer.status == 200  # for shields.io, with isError
            assert b"not found" in answer.body
        assert django_app.calls == 2

    def test_publishing_replaces_the_not_found(self, fast, django_app, reviewable_claim, publish):
        path = f"/badge/{reviewable_claim.public_id}.svg"
        assert call(fast, path).status == 404
        publish(reviewable_claim)
        assert b"Accurate" in call(fast, path).body

    @pytest.mark.parametrize(
        "path",
        [
            "/badge/x.svg",
            "/badge/ABCDEFGH.svg",
            "/badge/" + "a" * 40 + ".svg",
            "/badge/<script>.svg",
            "/badge/abc-defg.json",
            "/badge/abcdefgh.svg/",
            "/badge/abcdefgh.png",
            "/badge/../admin/.svg",
            "/badge/abcd\u00e9fgh.svg",
        ],
    )
    def test_a_hostile_path_goes_to_django_untouched(self, fast, django_app, db, path):
        answer = call(fast, path)
        assert django_app.calls == 1
        # shields.io reads the JSON of an unknown id only as a 200 (with isError).
        assert answer.status == (200 if path == "/badge/abc-defg.json" else 404)
        assert b"<script>" not in answer.body
        assert len(fast.store.entries) == 0

    def test_other_methods_reach_django(self, fast, django_app, published_claim):
        path = f"/badge/{published_claim.public_id}.svg"
        kept(fast, django_app, path)
        before = django_app.calls
        # Django refuses it (CSRF first, then the view's 405): the fast path never answers.
        assert call(fast, path, method="POST").status in (403, 405)
        assert call(fast, path, method="DELETE").status in (403, 405)
        assert django_app.calls == before + 2

    def test_other_paths_reach_django(self, fast, django_app, db):
        call(fast, "/methodology/")
        assert django_app.calls == 1


class TestAcrossProcesses:
    """Two app servers, each with its own kept answers, sharing one Redis."""

    @pytest.fixture
    def servers(self, redis_cache, django_app):
        return BadgeFastPath(django_app), BadgeFastPath(django_app)

    def test_the_production_cache_backend_gets_the_subscription(self, servers):
        first, _second = servers
        assert first.invalidations.poll() is not None

    def test_a_kept_hit_needs_no_round_trip(self, servers, django_app, published_claim):
        from unittest import mock

        first, _second = servers
        path = f"/badge/{published_claim.public_id}.svg"
        kept(first, django_app, path)
        calls = django_app.calls
        with mock.patch(
            "public.badge_cache.current_generations", side_effect=AssertionError("round trip")
        ) as round_trip:
            assert call(first, path).status == 200
        # Neither a generation read (which would fail over to Django) nor Django itself.
        assert round_trip.call_count == 0
        assert django_app.calls == calls

    def test_a_change_made_elsewhere_reaches_every_server_at_once(
        self, servers, django_app, published_claim, change_verdict
    ):
        first, second = servers
        path = f"/badge/{published_claim.public_id}.svg"
        for server in servers:
            _answer, kept_answer = kept(server, django_app, path)
            assert b"Accurate" in kept_answer.body
        change_verdict(published_claim, "inaccurate")
        assert b"Inaccurate" in call(first, path).body
        assert b"Inaccurate" in call(second, path).body

    def test_an_edited_scale_reaches_every_server(
        self, servers, django_app, published_claim, verdicts
    ):
        path = f"/badge/{published_claim.public_id}.json"
        for server in servers:
            kept(server, django_app, path)
        accurate = verdicts["accurate"]
        accurate.label_en = "Correct"
        accurate.save()
        for server in servers:
            assert b'"message": "Correct"' in call(server, path).body

    def test_without_a_subscription_each_request_checks_the_generations(
        self, servers, django_app, published_claim, change_verdict, monkeypatch
    ):
        first, _second = servers
        path = f"/badge/{published_claim.public_id}.svg"
        kept(first, django_app, path)
        # The subscription is lost: the change's message never reaches this server.
        monkeypatch.setattr(first.invalidations, "poll", lambda: None)
        monkeypatch.setattr("public.badge_events.announce", lambda public_id: None)
        change_verdict(published_claim, "misleading")
        assert b"Misleading" in call(first, path).body


class TestSubscription:
    """A process reads invalidations from its own socket, and asks redis-py only when it woke."""

    @staticmethod
    def elsewhere(message: str = "abcd2345") -> None:
        """Publish as another process does: this one learns of it from its socket only."""
        import redis
        from django.conf import settings

        from public.badge_events import channel

        redis.Redis.from_url(settings.CACHES["default"]["LOCATION"]).publish(channel(), message)

    @staticmethod
    def settled(invalidations, expected: int) -> int:
        """The epoch once `expected` is reached or a second has passed. A message is on its
        way to the socket when the publisher's call returns, and may land a moment later on
        a busy machine; waiting for it keeps the count exact, never above."""
        import time

        deadline = time.monotonic() + 1.0
        epoch = invalidations.poll()
        while epoch < expected and time.monotonic() < deadline:
            time.sleep(0.005)
            epoch = invalidations.poll()
        return epoch

    @pytest.fixture
    def invalidations(self, redis_cache):
        from public.badge_events import Invalidations

        subscription = Invalidations()
        assert subscription.poll() is not None
        yield subscription
        subscription._drop()

    def test_a_message_bumps_the_epoch_at_the_next_poll(self, invalidations):
        before = invalidations.poll()
        self.elsewhere()
        assert self.settled(invalidations, before + 1) == before + 1
        assert invalidations.poll() == before + 1  # read once

    def test_a_quiet_socket_is_not_read(self, invalidations, monkeypatch):
        before = invalidations.poll()
        monkeypatch.setattr(
            invalidations.pubsub, "get_message", lambda **kw: pytest.fail("asked redis-py")
        )
        assert invalidations.poll() == before
        monkeypatch.undo()
        self.elsewhere("*")
        assert self.settled(invalidations, before + 1) == before + 1

    def test_several_messages_are_all_read_at_once(self, invalidations):
        before = invalidations.poll()
        for _ in range(3):
            self.elsewhere()
        assert self.settled(invalidations, before + 3) == before + 3
        self.elsewhere()
        assert self.settled(invalidations, before + 4) == before + 4

    def test_a_reconnect_inside_redis_py_drops_what_was_kept(self, invalidations):
        before = invalidations.poll()
        connection = invalidations.pubsub.connection
        connection.disconnect()
        connection.connect()  # redis-py subscribes again on its own
        assert invalidations.poll() > before  # messages sent meanwhile are lost
        after_reconnect = invalidations.poll()
        # The new socket is watched: a message on it still arrives (after redis-py's own
        # confirmation of the new subscription, which may come in late and count too).
        self.elsewhere()
        assert self.settled(invalidations, after_reconnect + 1) > after_reconnect

    def test_a_forked_worker_subscribes_on_its_own(self, invalidations):
        import os

        from public import badge_events

        parent = invalidations.pubsub
        child = os.fork()
        if child == 0:  # the worker: report through the exit status, never return to pytest
            status = 1
            try:
                before = invalidations.epoch
                fresh = invalidations.poll() is not None and invalidations.pubsub is not parent
                status = 0 if fresh and invalidations.epoch > before else 1
            finally:
                os._exit(status)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert invalidations.pubsub is parent  # the parent keeps its own
        assert badge_events._pid == os.getpid()

    def test_threads_poll_at_once(self, invalidations):
        """A worker's threads all poll for every badge, without waiting on each other."""
        import threading

        start = invalidations.poll()
        failures, seen = [], []

        def badges():
            try:
                seen.extend(invalidations.poll() for _ in range(3000))
            except Exception as error:  # noqa: BLE001 - reported below
                failures.append(error)

        threads = [threading.Thread(target=badges) for _ in range(6)]
        for thread in threads:
            thread.start()
        self.elsewhere()
        for thread in threads:
            thread.join()
        assert failures == []
        assert set(seen) <= {start, start + 1}
        assert self.settled(invalidations, start + 1) == start + 1

    def test_the_announcing_process_knows_at_once(self, invalidations, monkeypatch):
        from public import badge_events

        before = invalidations.poll()
        # Even before (or without) its own message arriving on its socket.
        monkeypatch.setattr(badge_events, "_publisher", {})
        monkeypatch.setattr("redis.Redis.publish", lambda *args, **kwargs: None, raising=True)
        badge_events.announce("abcd2345")
        assert invalidations.poll() == before + 1

    def test_a_socket_closed_under_a_thread_is_read_as_awake(self, invalidations):
        import threading

        invalidations.pubsub.connection._sock.close()  # a reconnect closing it meanwhile
        invalidations.threads = threading.local()  # this thread has not polled it yet
        assert invalidations.poll() is None  # read, found broken, dropped: no error
        assert invalidations.pubsub is None
