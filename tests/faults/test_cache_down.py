"""Redis down: every read and the admin sign-in still work, from the database, just slower.

Password guessing stays locked out (the count is the database's) and the API's request
limits still hold (counted in each process's memory while Redis is away).

Run against a real refused port and against a real reachable Redis, so the same assertions
show the cache changes speed only, never answers.
"""

from __future__ import annotations

import socket
import uuid

import pytest
import redis as redis_lib
from django.core.cache import cache
from django.test import Client

from claims.workflow import claim_change_verdict, claim_publish

PASSWORD = "correct horse battery staple"
REFUSED = "redis://127.0.0.1:1/0"
REACHABLE = "redis://127.0.0.1:6379/10"
# Keys of this run only. Another test run on the same machine (the other database's suite,
# a second checkout) may share this Redis; emptying the database under it, or it under us,
# once wiped the sign-in counters halfway through a test.
KEY_PREFIX = f"claimreg-test-{uuid.uuid4().hex[:12]}"


def _redis_listening() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _redis_cache(url: str, timeout: float) -> dict:
    return {
        "default": {
            "BACKEND": "registry.cache.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }


def _forget_our_keys() -> None:
    client = redis_lib.Redis.from_url(REACHABLE, socket_timeout=5)
    for key in client.scan_iter(f"{KEY_PREFIX}:*"):
        client.delete(key)


@pytest.fixture(params=["refused", "reachable"])
def redis(request, settings):
    if request.param == "refused":
        # A refused port answers at once; the timeout only bounds a host that never answers.
        settings.CACHES = _redis_cache(REFUSED, timeout=0.5)
        yield request.param
        return
    if not _redis_listening():
        pytest.skip("no Redis at 127.0.0.1:6379")
    # Generous: a busy machine must not turn a slow answer into a cache that is down.
    settings.CACHES = _redis_cache(REACHABLE, timeout=10)
    _forget_our_keys()
    yield request.param
    _forget_our_keys()


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts):
    return claim_publish(claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"])


def test_the_cache_reports_itself_down_only_when_refused(redis):
    cache.set("probe", 1)
    assert cache.get("probe") == (None if redis == "refused" else 1)
    assert cache.is_down is (redis == "refused")


def test_badges_answer_and_follow_a_new_verdict(
    redis, client, published, fact_checker, verdicts, django_capture_on_commit_callbacks
):
    for _ in range(2):  # the second answer comes from the cache when there is one
        response = client.get(f"/badge/{published.public_id}.svg")
        assert response.status_code == 200
        assert "Accurate" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        claim_change_verdict(
            claim=published, by=fact_checker, verdict=verdicts["misleading"], reason="New data."
        )
    response = client.get(f"/badge/{published.public_id}.svg")
    assert response.status_code == 200
    assert "Misleading" in response.content.decode()
    assert client.get(f"/badge/{published.public_id}.json").status_code == 200
    assert client.get(f"/embed/{published.public_id}.json").status_code == 200


def test_the_api_lists_and_details(redis, client, published):
    for _ in range(2):
        listing = client.get("/api/v1/claims/")
        assert listing.status_code == 200
        assert [c["id"] for c in listing.json()["results"]] == [published.public_id]
    detail = client.get(f"/api/v1/claims/{published.public_id}/")
    assert detail.status_code == 200
    assert detail.json()["verdict"]["code"] == "accurate"


def test_the_public_pages_render(redis, client, published):
    for path in ("/", f"/claims/{published.public_id}/", "/corrections/", "/methodology/"):
        assert client.get(path).status_code == 200, path


def test_the_admin_sign_in_works(redis, client, editor):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_password_guessing_is_locked_out_with_or_without_the_cache(redis, client, editor):
    cache.get("probe")
    assert cache.is_down is (redis == "refused")
    # Twelve guesses, then the right password: refused either way, at both doors.
    for _ in range(12):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    token = client.post(
        "/api/v1/desk/token/",
        {"username": "editor", "password": PASSWORD},
        content_type="application/json",
    )
    assert token.status_code == 429


def test_guesses_are_counted_once_each_with_or_without_the_cache(redis, client, editor):
    answers = [
        client.post(
            "/api/v1/desk/token/",
            {"username": "editor", "password": "wrong"},
            content_type="application/json",
        ).status_code
        for _ in range(12)
    ]
    assert answers == [401] * 5 + [429] * 7


def test_the_api_request_limit_holds_with_or_without_the_cache(redis, client, settings, verdicts):
    settings.API_THROTTLE_RATES = {"anon": "3/min", "user": "3/min"}
    answers = [client.get("/api/v1/verdicts/").status_code for _ in range(5)]
    assert cache.is_down is (redis == "refused")
    assert answers == [200, 200, 200, 429, 429]


def test_the_desk_api_signs_in_and_writes(redis, client, editor, make_claim):
    token = client.post(
        "/api/v1/desk/token/",
        {"username": "editor", "password": PASSWORD},
        content_type="application/json",
    )
    assert token.status_code == 200, token.content
    claim = make_claim()
    headers = {"Authorization": f"Token {token.json()['token']}"}
    read = client.get(f"/api/v1/desk/claims/{claim.public_id}/", headers=headers)
    assert read.status_code == 200, read.content
    changed = client.patch(
        f"/api/v1/desk/claims/{claim.public_id}/",
        {"claimant": "國家統計局新聞發言人"},
        content_type="application/json",
        headers={**headers, "If-Match": read["ETag"]},
    )
    assert changed.status_code == 200, changed.content
