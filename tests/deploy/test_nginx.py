"""The shipped nginx configuration (deploy/nginx/), run in front of the app as a site runs it.

nginx starts with exactly the two shipped files, filled in with their production defaults; only
the upstream (a live server of this test run) and the cache folder are this run's own. What a
reader gets through it: a public answer kept for seconds, a correction visible once they have
passed, a withdrawal never undone by the cache, nothing cached for editors or desk clients, and
anonymous traffic limited per address.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from claims import workflow
from deploy.nginx import Settings, write_config

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
if not Path(NGINX).exists() and not os.environ.get("CI"):
    pytest.skip("nginx is not installed (apt-get install nginx)", allow_module_level=True)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MICRO_CACHE = int(Settings().MICRO_CACHE.removesuffix("s"))
# Time for nginx and the app to notice, beyond the cache's own lifetime.
MARGIN = 2.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def proxy(live_server):
    """nginx with the shipped configuration in front of the live server; its base URL."""
    prefix = Path(tempfile.mkdtemp(prefix="claim-registry-nginx-"))
    prefix.chmod(0o755)  # nginx's workers may run as another user
    port = _free_port()
    upstream = f"127.0.0.1:{urlsplit(live_server.url).port}"
    settings = Settings(UPSTREAM=upstream, CACHE_DIR=str(prefix / "cache"))
    conf = write_config(prefix, listen=f"127.0.0.1:{port}", settings=settings)
    server = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(conf), "-e", "stderr"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not start: {server.stderr.read()}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(prefix, ignore_errors=True)


def get(url: str, headers: dict | None = None, method: str = "GET", data: bytes | None = None):
    """(status, headers, body) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts):
    return workflow.claim_publish(
        claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"]
    )


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until `text` appears at `url` through the proxy; fails after `limit`."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in get(url)[2]:
            return time.monotonic() - start
        time.sleep(0.2)
    pytest.fail(f"{text!r} did not appear at {url} within {limit} s")


def test_a_public_page_is_kept_and_a_new_verdict_shows_once_it_expires(
    proxy, published, fact_checker, verdicts
):
    page = f"{proxy}/claims/{published.public_id}/"
    status, headers, body = get(page)
    assert status == 200 and "Accurate" in body
    assert headers["X-Cache-Status"] == "MISS"
    assert get(page)[1]["X-Cache-Status"] == "HIT"

    workflow.claim_change_verdict(
        claim=published, by=fact_checker, verdict=verdicts["misleading"], reason="A revision."
    )
    wait_for(page, "Misleading", MICRO_CACHE + MARGIN)


def test_once_a_withdrawal_is_seen_the_old_verdict_never_comes_back(proxy, published, fact_checker):
    page = f"{proxy}/claims/{published.public_id}/"
    badge = f"{proxy}/badge/{published.public_id}.svg"
    assert "Accurate" in get(page)[2] and "Accurate" in get(badge)[2]

    workflow.claim_withdraw(claim=published, by=fact_checker, reason="We could not stand by it.")
    wait_for(page, "This fact check was withdrawn", MICRO_CACHE + MARGIN)
    wait_for(badge, "withdrawn", MICRO_CACHE + MARGIN)
    # Two cache lifetimes more, read as often as the page limit allows: never the old verdict.
    end = time.monotonic() + 2 * MICRO_CACHE
    while time.monotonic() < end:
        assert "Accurate" not in get(page)[2]
        assert "Accurate" not in get(badge)[2]
        time.sleep(0.25)


def test_signed_in_editors_and_desk_clients_are_never_cached(
    proxy, published, fact_checker, live_server
):
    client = Client()
    client.force_login(fact_checker)
    session = f"sessionid={client.cookies['sessionid'].value}"
    page = f"{proxy}/claims/{published.public_id}/"
    for _ in range(2):
        assert get(page, {"Cookie": session})[1]["X-Cache-Status"] == "BYPASS"
        status, headers, body = get(f"{proxy}/admin/", {"Cookie": session})
        assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
    # What the editor was shown was not kept for the next reader.
    assert get(page)[1]["X-Cache-Status"] == "MISS"
    assert fact_checker.username not in get(page)[2]

    token = Token.objects.create(user=fact_checker).key
    desk = f"{proxy}/api/v1/desk/claims/"
    for _ in range(2):
        status, headers, _body = get(desk, {"Authorization": f"Token {token}"})
        assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
    # Even without credentials, the desk's answers (a 401 here) are never stored.
    for _ in range(2):
        status, headers, _body = get(desk)
        assert status in (401, 403) and headers["X-Cache-Status"] == "BYPASS"


def test_writes_are_never_cached(proxy, published):
    url = f"{proxy}/api/v1/desk/token/"
    for _ in range(2):
        status, headers, body = get(
            url,
            method="POST",
            data=b'{"username": "x", "password": "y"}',
            headers={"Content-Type": "application/json"},
        )
        # Each write reaches the app (which refuses these credentials); none is kept.
        assert status == 401, body
        assert headers.get("X-Cache-Status") in (None, "BYPASS")


def at_once(urls: list[str]) -> list[int]:
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        return [status for status, _headers, _body in pool.map(get, urls)]


def test_anonymous_traffic_is_limited_per_address(proxy, published):
    # 80 different pages at once, none of them in the cache: past the burst of 40, refused.
    statuses = at_once([f"{proxy}/corrections/?page={n}" for n in range(1, 81)])
    assert 30 <= statuses.count(429) <= 45, statuses
    assert set(statuses) <= {200, 404, 429}
    # oEmbed and the API are limited the same way.
    oembed = at_once([f"{proxy}/oembed/?url=x{n}" for n in range(80)])
    api = at_once([f"{proxy}/api/v1/claims/?page_size={n}" for n in range(1, 81)])
    assert oembed.count(429) >= 30 and api.count(429) >= 30


def test_badges_have_room_for_a_whole_article(proxy, published):
    # An article page asks for dozens of badges at once: none of them is refused.
    urls = [f"{proxy}/badge/{published.public_id}.svg?n={n}" for n in range(60)]
    assert at_once(urls) == [200] * 60
