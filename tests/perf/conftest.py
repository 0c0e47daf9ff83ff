"""Call the WSGI application directly, as a server would."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

from claims.models import Claim
from claims.workflow import claim_change_verdict, claim_publish, claim_withdraw

# A Redis database for the cross-process tests; keys carry a random prefix, nothing is flushed.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/8")


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for n, v in self.headers if n.lower() == name.lower()), None)


class CountingApp:
    """The Django application, counting the requests that reach it."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


def call(app, path: str, method: str = "GET", query: dict | str | None = None, **headers) -> Answer:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query if isinstance(query, str) else urlencode(query or {}),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper()] = value
    started: dict = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=list(response_headers))

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Answer(started["status"], started["headers"], body)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: a request must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def django_app() -> CountingApp:
    return CountingApp()


@pytest.fixture
def redis_cache():
    """The shared Redis cache every app server would use, under a prefix of its own.

    The backend is the one `REDIS_URL` configures in registry/settings.py, so these tests
    run what production runs (a check on Django's class name alone once passed here and
    silently turned the subscription off in production)."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"no Redis answers at {REDIS_URL}")
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "registry.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches):
        yield
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def publish(fact_checker, verdicts, django_capture_on_commit_callbacks):
    def publish(claim: Claim, code: str = "accurate") -> Claim:
        with django_capture_on_commit_callbacks(execute=True):
            return claim_publish(claim=claim, by=fact_checker, verdict=verdicts[code])

    return publish


@pytest.fixture
def change_verdict(fact_checker, verdicts, django_capture_on_commit_callbacks):
    def change(claim: Claim, code: str) -> Claim:
        with django_capture_on_commit_callbacks(execute=True):
            return claim_change_verdict(
                claim=claim, by=fact_checker, verdict=verdicts[code], reason="A revised release."
            )

    return change


@pytest.fixture
def withdraw(fact_checker, django_capture_on_commit_callbacks):
    def withdraw(claim: Claim) -> Claim:
        with django_capture_on_commit_callbacks(execute=True):
            return claim_withdraw(claim=claim, by=fact_checker, reason="We cannot stand by it.")

    return withdraw


@pytest.fixture
def published_claim(reviewable_claim, publish) -> Claim:
    return publish(reviewable_claim, "accurate")
