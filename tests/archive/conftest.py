"""The archive tests: a local HTTP server, and nothing reaching past this machine."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from sources.archive.fetch import Limits

LOCAL = "127.0.0.1"


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return (LOCAL, 0)


@pytest.fixture(autouse=True)
def _only_loopback(monkeypatch):
    """Fail any test whose code tries to connect beyond the loopback address."""
    connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not ipaddress.ip_address(host.split("%")[0]).is_loopback:
            raise AssertionError(f"a test tried to connect to {host}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def limits() -> Limits:
    """Small caps, and the local test server's address allowed."""
    return Limits(connect_timeout=2, total_timeout=5, max_bytes=256 * 1024, allowed_hosts=(LOCAL,))


@pytest.fixture
def archive_settings(settings):
    """The same caps through the settings, for the desk's actions."""
    settings.ARCHIVE_FETCH_ALLOWED_HOSTS = [LOCAL]
    settings.ARCHIVE_CONNECT_TIMEOUT = 2
    settings.ARCHIVE_TOTAL_TIMEOUT = 5
    settings.ARCHIVE_MAX_BYTES = 256 * 1024
    return settings


@pytest.fixture
def published_claim(reviewable_claim, fact_checker, verdicts):
    """A published claim whose evidence quotes the NBS release's 18.9%."""
    from claims import workflow

    return workflow.claim_publish(
        claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"]
    )


@pytest.fixture
def second_source(nbs):
    from sources.models import Source

    return Source.objects.create(
        slug="second", title="Second source", publisher=nbs, url="https://example.org/second"
    )
