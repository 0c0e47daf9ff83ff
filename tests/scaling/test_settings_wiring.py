"""What DATABASE_REPLICA_URL and REDIS_URL switch on, read from a fresh interpreter each time."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = "redis://127.0.0.1:6379/5"
SHOW_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "databases": {alias: {"NAME": db["NAME"], "HOST": db.get("HOST"), "TEST": db.get("TEST")}
                  for alias, db in settings.DATABASES.items()},
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
    "cache": settings.CACHES["default"],
    "pin_seconds": settings.REPLICA_PIN_SECONDS,
}))
"""


def run_settings(code: str = SHOW_SETTINGS, **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_REPLICA_URL", "REDIS_URL", "REPLICA_PIN_SECONDS"}
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "registry.settings", "DEBUG": "true", **env})
    # Our own interpreter running code written in this file: nothing untrusted.
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def settings_with(**env: str) -> dict:
    result = run_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class TestReplicaSettings:
    def test_it_has_one_database_and_no_router_without_a_replica(self):
        shown = settings_with()

        assert list(shown["databases"]) == ["default"]
        assert shown["routers"] == []
        assert "registry.routers.PinPrimaryAfterWriteMiddleware" not in shown["middleware"]

    def test_it_adds_the_replica_router_and_middleware_with_a_replica_url(self):
        shown = settings_with(
            DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/claimreg",
            REPLICA_PIN_SECONDS="4",
        )

        replica = shown["databases"]["replica"]
        assert (replica["NAME"], replica["HOST"]) == ("claimreg", "replica.internal")
        assert replica["TEST"]["MIRROR"] == "default"
        assert shown["routers"] == ["registry.routers.PrimaryReplicaRouter"]
        middleware = shown["middleware"]
        pin = middleware.index("registry.routers.PinPrimaryAfterWriteMiddleware")
        # Before the session and auth middleware, which may read or write the database.
        assert pin < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
        assert shown["pin_seconds"] == 4

    def test_it_refuses_a_pin_window_that_is_not_a_number(self):
        result = run_settings(
            DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/claimreg",
            REPLICA_PIN_SECONDS="ten",
        )

        assert result.returncode != 0
        assert "REPLICA_PIN_SECONDS must be a whole number, not 'ten'" in result.stderr


def redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_TEST_URL, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis answers at {REDIS_TEST_URL}")
    return client


class TestSharedCache:
    def test_it_uses_local_memory_without_redis_url(self):
        cache = settings_with()["cache"]

        assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"

    def test_it_uses_redis_when_redis_url_is_set(self):
        cache = settings_with(REDIS_URL=REDIS_TEST_URL)["cache"]

        # Django's Redis cache, made to treat an unreachable Redis as empty (registry/cache.py).
        assert cache["BACKEND"] == "registry.cache.TolerantRedisCache"
        assert cache["LOCATION"] == REDIS_TEST_URL

    def test_an_app_server_writes_to_the_shared_redis(self):
        client = redis_or_skip()
        key = f"scaling-test-{secrets.token_hex(4)}"
        code = (
            "import django\n"
            "django.setup()\n"
            "from django.core.cache import cache\n"
            f"cache.set({key!r}, 'shared', 30)\n"
            f"print(cache.get({key!r}))\n"
        )
        try:
            result = run_settings(code, REDIS_URL=REDIS_TEST_URL)

            assert result.returncode == 0, result.stderr
            assert result.stdout.strip() == "shared"
            # Another app server (here: this process) finds it in Redis under the site prefix.
            assert client.exists(f"claimreg:1:{key}") == 1
            assert 0 < client.ttl(f"claimreg:1:{key}") <= 30
        finally:
            client.delete(f"claimreg:1:{key}")
