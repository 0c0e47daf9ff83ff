"""The real database server goes away and comes back while gunicorn keeps serving.

Stop PostgreSQL, probe, start it, probe: the API answers 503 in its error format with
Retry-After, the badge keeps the last verdict it showed, pages and the admin answer a 503
page, and everything recovers with no restart of the app.
"""

from __future__ import annotations

import json
import time

import pytest
import redis

from tests.faults.conftest import _unavailable

API_503 = {
    "status": 503,
    "code": "service_unavailable",
    "message": "The registry cannot reach its database for a moment. Try again shortly.",
    "errors": {},
}


def _json(body: bytes):
    return json.loads(body.decode())


def _start_new_generation(app) -> None:
    """What a public change just before the outage does: every kept answer stops counting."""
    if app.redis_url is None:
        _unavailable("the served app has no Redis, whose keys this test changes")
    client = redis.Redis.from_url(app.redis_url)
    assert client.incr(f"{app.cache_prefix}:1:public:generation") > 1


@pytest.fixture
def published_id(served_app) -> str:
    status, _, body = served_app.get("/api/v1/claims/?page_size=1")
    assert status == 200
    return _json(body)["results"][0]["id"]


def _eventually(probe, attempts: int = 40):
    """Call `probe` until it returns a true value; a fresh connection may need a retry."""
    for _ in range(attempts):
        result = probe()
        if result:
            return result
        time.sleep(0.25)
    return probe()


def test_outage_and_recovery(served_app, throwaway_postgres, published_id):
    badge = f"/badge/{published_id}.svg"
    status, _, badge_before = served_app.get(badge)
    assert status == 200
    status, _, listing = served_app.get("/api/v1/claims/")
    assert status == 200
    assert any(claim["id"] == published_id for claim in _json(listing)["results"])

    throwaway_postgres.stop()
    try:
        # A read the server has not cached must reach the database: 503, standard body.
        status, headers, body = served_app.get("/api/v1/claims/?ordering=-published_at")
        assert status == 503, body
        assert headers["Retry-After"] == "30"
        assert _json(body) == API_503
        status, headers, body = served_app.get(f"/api/v1/claims/{published_id}/")
        assert (status, _json(body)) == (503, API_503)

        # The badge keeps showing the verdict it last showed.
        status, headers, body = served_app.get(badge)
        assert status == 200
        assert body == badge_before
        # Even when its current copy no longer counts: the last known good copy answers,
        # stale from the start, so that no cache keeps it as the current badge.
        _start_new_generation(served_app)
        status, headers, body = served_app.get(badge)
        assert (status, body) == (200, badge_before)
        assert headers["Cache-Control"] == "public, max-age=0, s-maxage=0, stale-if-error=300"
        # A badge never shown before has nothing to fall back on: 503, not a broken image.
        status, headers, body = served_app.get(badge + "?style=dot")
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert b"<svg" in body

        # Pages and the admin (which reads the session table) answer a readable 503 page.
        admin = {"Cookie": "sessionid=" + "x" * 32}
        for path, sent in ((f"/claims/{published_id}/", {}), ("/admin/", admin)):
            status, headers, body = served_app.get(path, headers=sent)
            assert status == 503, path
            assert headers["Retry-After"] == "30"
            assert "cannot reach its database" in body.decode()
    finally:
        throwaway_postgres.start()

    # Back by themselves: no restart of gunicorn.
    assert _eventually(lambda: served_app.get("/api/v1/claims/?ordering=-published_at")[0] == 200)
    status, _, body = served_app.get(f"/api/v1/claims/{published_id}/")
    assert status == 200
    assert _json(body)["id"] == published_id
    status, _, body = served_app.get(badge)
    assert (status, body) == (200, badge_before)
    assert served_app.get(f"/claims/{published_id}/")[0] == 200
    assert served_app.get("/admin/login/")[0] == 200
    # The unknown session is dropped and the sign-in form shown (urllib follows the redirect).
    status, _, body = served_app.get("/admin/", headers=admin)
    assert status == 200
    assert b'name="password"' in body
