"""The app served as production serves it (`python -m registry.serve`, Granian), over real HTTP.

The same answers as under gunicorn, kept answers included, and a verdict changed by another
process visible through the server at once.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.faults.conftest import manage


def request(app, path: str, method: str = "GET", data: bytes | None = None, **headers):
    """One request; the headers come back as a case-insensitive mapping, as HTTP has them."""
    req = urllib.request.Request(app.base_url + path, method=method, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def published_id(served_by_granian) -> str:
    status, _, body = request(served_by_granian, "/api/v1/claims/?page_size=1")
    assert status == 200
    return json.loads(body)["results"][0]["id"]


def test_a_badge_and_its_304(served_by_granian, published_id):
    path = f"/badge/{published_id}.svg"
    for _ in range(3):  # the first built, the rest kept in the cache
        status, headers, body = request(served_by_granian, path)
        assert status == 200
        assert headers["Content-Type"].startswith("image/svg+xml")
        assert body.startswith(b"<svg")
    status, _, body = request(served_by_granian, path, **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_the_same_list_as_gunicorn(served_by_granian, served_app):
    path = "/api/v1/claims/?page_size=5"
    under_gunicorn = request(served_app, path)
    answers = [request(served_by_granian, path) for _ in range(3)]
    for status, headers, body in answers:
        assert status == 200 and headers["ETag"]
        # The links are absolute and name the server's own port; the rest is identical.
        assert body.replace(served_by_granian.base_url.encode(), b"") == under_gunicorn[2].replace(
            served_app.base_url.encode(), b""
        )


def test_head_sends_no_body(served_by_granian):
    request(served_by_granian, "/api/v1/claims/")
    status, headers, body = request(served_by_granian, "/api/v1/claims/", method="HEAD")
    assert status == 200 and body == b"" and headers["ETag"]


def test_static_files_and_pages(served_by_granian, published_id):
    assert request(served_by_granian, "/static/admin/css/base.css")[0] == 200
    status, headers, body = request(served_by_granian, f"/claims/{published_id}/")
    assert status == 200 and b"<html" in body
    assert headers["Content-Security-Policy"]


def test_errors_are_djangos(served_by_granian):
    status, _, body = request(served_by_granian, "/api/v1/claims/?page=0")
    assert status == 400 and json.loads(body)["errors"]["page"]
    assert request(served_by_granian, "/api/v1/claims/zzzzzzzz/")[0] == 404
    assert request(served_by_granian, "/api/v1/claims/?search=a%00b")[0] == 400
    status, _, body = request(
        served_by_granian,
        "/api/v1/desk/claims/",
        method="POST",
        data=b"{}",
        **{"Content-Type": "application/json"},
    )
    assert status in (401, 403) and json.loads(body)["code"]


def test_a_body_too_large_is_refused(served_by_granian):
    try:
        status, _, _ = request(
            served_by_granian,
            "/api/v1/desk/claims/",
            method="POST",
            data=b"x" * (2 * 1024 * 1024),
            **{"Content-Type": "application/json"},
        )
    except urllib.error.URLError as error:
        # The refusal came before the whole body was sent, and the server closed the
        # connection on the rest: also a refusal.
        assert isinstance(error.reason, ConnectionError), error
    else:
        assert status in (401, 403, 413)
    assert request(served_by_granian, "/api/v1/verdicts/")[0] == 200


def test_a_verdict_changed_elsewhere_shows_at_once(served_by_granian, published_id):
    if served_by_granian.redis_url is None:
        pytest.skip("without Redis each process has its own cache: nothing shared to change")
    detail = f"/api/v1/claims/{published_id}/"
    badge = f"/badge/{published_id}.json"
    for _ in range(3):  # kept in the shared cache for every worker that answers
        before = json.loads(request(served_by_granian, detail)[2])
        request(served_by_granian, badge)
    new_code = "inaccurate" if before["verdict"]["code"] != "inaccurate" else "misleading"
    script = (
        "from django.contrib.auth import get_user_model\n"
        "from claims.models import Claim, Verdict\n"
        "from claims.workflow import claim_change_verdict\n"
        "user, _ = get_user_model().objects.get_or_create("
        "username='granian-test', defaults={'is_superuser': True, 'is_staff': True})\n"
        f"claim = Claim.objects.get(public_id='{published_id}')\n"
        "claim_change_verdict(claim=claim, by=user, "
        f"verdict=Verdict.objects.get(code='{new_code}'), reason='A revised release.')\n"
    )
    manage(served_by_granian.env, "shell", "-c", script)
    for _ in range(4):  # whichever worker answers
        after = json.loads(request(served_by_granian, detail)[2])
        assert after["verdict"]["code"] == new_code
        badge_body = json.loads(request(served_by_granian, badge)[2])
        assert badge_body["message"] == after["verdict"]["label_en"]
