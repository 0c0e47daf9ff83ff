"""Sign-in lockout over real HTTP, as a guesser and the editors behind a proxy see it."""

from __future__ import annotations

import pytest

from tests.lockout.conftest import EDITOR_ELSEWHERE, GUESSER, PASSWORD
from tests.lockout.http import HttpClient

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LIMIT = 5


def test_the_admin_sign_in_locks_a_guesser_out(live_server, editor):
    guesser = HttpClient(live_server.url)
    assert [guesser.sign_in("editor", "wrong")[0] for _ in range(LIMIT)] == [200] * LIMIT
    status, headers, page = guesser.sign_in("editor", PASSWORD)
    assert status == 429
    assert int(headers["Retry-After"]) == 15 * 60
    assert "Too many failed sign-in attempts" in page


def test_the_token_endpoint_locks_a_guesser_out(live_server, editor):
    guesser = HttpClient(live_server.url)
    assert [guesser.ask_for_token("editor", "wrong")[0] for _ in range(LIMIT)] == [401] * LIMIT
    status, headers, body = guesser.ask_for_token("editor", PASSWORD)
    assert status == 429
    assert body["code"] == "throttled"
    assert int(headers["Retry-After"]) == 15 * 60


def test_behind_a_proxy_a_guesser_locks_out_only_their_own_address(
    live_server, editor, behind_a_proxy
):
    guesser = HttpClient(live_server.url, forwarded_for=GUESSER)
    for _ in range(LIMIT):
        guesser.sign_in("editor", "wrong")
    assert guesser.sign_in("editor", PASSWORD)[0] == 429
    assert guesser.ask_for_token("editor", PASSWORD)[0] == 429
    # Another reader behind the same proxy: before, every reader shared its address.
    colleague = HttpClient(live_server.url, forwarded_for=EDITOR_ELSEWHERE)
    assert colleague.sign_in("editor", PASSWORD)[0] == 302
    assert colleague.ask_for_token("editor", PASSWORD)[0] == 200


def test_an_outsider_cannot_lock_a_named_editor_out(live_server, editor, behind_a_proxy):
    outsider = HttpClient(live_server.url, forwarded_for=GUESSER)
    for _ in range(12):
        outsider.sign_in("editor", "wrong")
        outsider.ask_for_token("editor", "wrong")
    at_work = HttpClient(live_server.url, forwarded_for=EDITOR_ELSEWHERE)
    assert at_work.sign_in("editor", PASSWORD)[0] == 302
    status, _headers, body = at_work.ask_for_token("editor", PASSWORD)
    assert status == 200
    assert body["token"]


def test_a_forwarded_for_from_an_untrusted_address_is_ignored(live_server, editor, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]  # a proxy elsewhere; these come straight in
    for n in range(LIMIT):
        HttpClient(live_server.url, forwarded_for=f"198.51.100.{n}").sign_in("editor", "wrong")
    fresh_looking = HttpClient(live_server.url, forwarded_for="192.0.2.1")
    assert fresh_looking.sign_in("editor", PASSWORD)[0] == 429
    assert fresh_looking.ask_for_token("editor", PASSWORD)[0] == 429


def test_what_a_client_writes_before_the_proxy_s_entry_is_ignored(
    live_server, editor, behind_a_proxy
):
    # The proxy appends the address it saw; the guesser controls only what comes before.
    for n in range(LIMIT):
        spoofing = HttpClient(live_server.url, forwarded_for=f"198.51.100.{n}, {GUESSER}")
        assert spoofing.ask_for_token("editor", "wrong")[0] == 401
    spoofing = HttpClient(live_server.url, forwarded_for=f"192.0.2.1, {GUESSER}")
    assert spoofing.ask_for_token("editor", PASSWORD)[0] == 429
