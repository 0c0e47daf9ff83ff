"""The Redis cache keeps one client per server (registry/cache.py), against a real Redis."""

from __future__ import annotations

import socket
import time
import uuid

import pytest
import redis as redis_lib

from registry.cache import TolerantRedisCache

WRITES = "redis://127.0.0.1:6379/8"
READS = "redis://127.0.0.1:6379/9"


@pytest.fixture
def redis_up():
    try:
        redis_lib.Redis.from_url(WRITES, socket_timeout=0.5).ping()
    except redis_lib.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")


def make_cache(location) -> TolerantRedisCache:
    return TolerantRedisCache(location, {"KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}"})


def test_one_client_serves_every_call(redis_up):
    cache = make_cache(WRITES)
    cache.set("answer", 42)
    first = cache._cache.get_client()
    assert cache.get("answer") == 42
    assert cache._cache.get_client() is first
    assert cache._cache.get_client(write=True) is first


def test_a_shared_client_is_safe_across_threads(redis_up):
    from concurrent.futures import ThreadPoolExecutor

    cache = make_cache(WRITES)

    def round_trip(n: int) -> int:
        cache.set(f"key-{n}", n)
        return cache.get(f"key-{n}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(round_trip, range(200))) == list(range(200))


def test_writes_go_to_the_first_server_and_reads_to_the_others(redis_up):
    cache = make_cache([WRITES, READS])
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()
    assert writer is not reader
    assert writer.connection_pool.connection_kwargs["db"] == 8
    assert reader.connection_pool.connection_kwargs["db"] == 9
    # Written to the first server; the reading server (no replication here) has none of it.
    cache.set("only-on-the-writer", 1)
    assert cache.get("only-on-the-writer") is None
    assert writer.exists(cache.make_key("only-on-the-writer"))


def test_an_unreachable_server_still_reads_as_empty():
    cache = make_cache("redis://127.0.0.1:1/0")
    assert cache.get("anything", "fallback") == "fallback"
    cache.set("anything", 1)  # dropped, no error
    assert cache.is_down


@pytest.fixture
def hung_redis():
    """A Redis that accepts connections and never answers (an overloaded, half-dead host)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(100)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


@pytest.mark.django_db
def test_public_changes_do_not_wait_on_a_hung_redis(hung_redis):
    from django.test import override_settings

    from claims.public_changes import start_new_generation

    caches = {
        "default": {
            "BACKEND": "registry.cache.TolerantRedisCache",
            "LOCATION": hung_redis,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=caches):
        started = time.monotonic()
        for _ in range(5):  # five transactions, one after the other
            start_new_generation()
        elapsed = time.monotonic() - started
    # The cache gives up after its timeout once, then leaves Redis alone.
    assert elapsed < 3, f"five public changes took {elapsed:.1f} s"
