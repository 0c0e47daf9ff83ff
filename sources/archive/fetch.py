"""Fetch one URL for the archive: urllib3, every hop checked, size and time capped.

Redirects are followed here, one hop at a time, so each new address is checked (guard.py)
before anything connects to it; the connection goes to the checked IP address while TLS
verifies the certificate for the host name.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import urllib3
from django.utils.translation import gettext as _
from urllib3.exceptions import (
    HTTPError,
    NewConnectionError,
    ReadTimeoutError,
    SSLError,
    TimeoutError,
)

from sources.archive.guard import Refused, Resolver, Target, Unresolvable, resolve

REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be fetched; the message says why, for the editor."""


class TooLarge(FetchError):
    pass


class TooSlow(FetchError):
    pass


class Unreachable(FetchError):
    pass


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 5.0
    total_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "Mozilla/5.0 (compatible; ClaimRegistry-archiver/1)"
    allowed_hosts: tuple[str, ...] = ()
    # Certificate authorities trusted for https:// (a PEM file); None trusts the system's.
    ca_certs: str | None = None


@dataclass(frozen=True)
class Fetched:
    """One HTTP response as received, after following redirects."""

    requested_url: str
    final_url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    address: str
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return ""

    @property
    def content_type(self) -> str:
        return self.header("Content-Type")


def fetch(url: str, limits: Limits, *, resolver: Resolver | None = None) -> Fetched:
    """GET `url`, following up to `limits.max_redirects` redirects, each hop checked.

    Raises Refused (the address is not allowed), Unresolvable (no such host), Unreachable,
    TooSlow or TooLarge. An HTTP error status is an answer, not an exception.
    """
    deadline = time.monotonic() + limits.total_timeout
    current, redirects = url, []
    while True:
        target = resolve(current, allowed_hosts=limits.allowed_hosts, resolver=resolver)
        response, request_headers = _request(target, limits, deadline)
        location = response.headers.get("Location")
        if response.status in REDIRECTS and location:
            response.release_conn()
            if len(redirects) >= limits.max_redirects:
                raise Unreachable(_("More than %(n)d redirects.") % {"n": limits.max_redirects})
            redirects.append(current)
            current = urljoin(current, location.strip())
            continue
        body = _read_body(response, limits, deadline)
        return Fetched(
            requested_url=url,
            final_url=current,
            status=response.status,
            reason=response.reason or "",
            headers=list(response.headers.items()),
            body=body,
            fetched_at=datetime.now(UTC),
            address=target.address,
            request_headers=request_headers,
            redirects=redirects,
        )


def _request(target: Target, limits: Limits, deadline: float):
    remaining = _remaining(deadline)
    timeout = urllib3.Timeout(connect=min(limits.connect_timeout, remaining), read=remaining)
    options = {"port": target.port, "timeout": timeout, "retries": False, "maxsize": 1}
    if target.scheme == "https":
        # Connect to the checked address; verify the certificate for the host name.
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=limits.ca_certs,
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(target.address, **options)
    headers = [
        ("Host", target.host_header),
        ("User-Agent", limits.user_agent),
        ("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"),
        ("Accept-Language", "zh-Hant,zh;q=0.9,en;q=0.8"),
        ("Accept-Encoding", "gzip, deflate"),
    ]
    try:
        response = pool.urlopen(
            "GET",
            target.path,
            headers=dict(headers),
            redirect=False,
            retries=False,
            preload_content=False,
            decode_content=True,
            assert_same_host=False,
        )
    except NewConnectionError as error:
        # Refused or unreachable (urllib3 files this under timeouts, for old callers' sake).
        raise Unreachable(_("The server could not be reached (%(error)s).") % _why(error)) from None
    except TimeoutError:
        raise TooSlow(_("The server did not answer in time.")) from None
    except SSLError:
        message = _("The server's certificate could not be verified for %(host)s.")
        raise Unreachable(message % {"host": target.host}) from None
    except HTTPError as error:
        raise Unreachable(_("The server could not be reached (%(error)s).") % _why(error)) from None
    return response, headers


def _read_body(response, limits: Limits, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        response.release_conn()
        raise TooLarge(_too_large(limits))
    chunks, size = [], 0
    try:
        # Decompressed bytes are what is counted, so a small compressed bomb stops at the cap.
        for chunk in response.stream(CHUNK, decode_content=True):
            size += len(chunk)
            if size > limits.max_bytes:
                raise TooLarge(_too_large(limits))
            if time.monotonic() > deadline:
                raise TooSlow(_("The page took too long to arrive."))
            chunks.append(chunk)
    except (ReadTimeoutError, TimeoutError):
        raise TooSlow(_("The page took too long to arrive.")) from None
    except HTTPError as error:
        raise Unreachable(_("The page stopped arriving (%(error)s).") % _why(error)) from None
    finally:
        response.release_conn()
    return b"".join(chunks)


def _remaining(deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TooSlow(_("The page took too long to arrive."))
    return remaining


def _too_large(limits: Limits) -> str:
    return _("The page is larger than %(mb)s MB, the most the archive keeps.") % {
        "mb": f"{limits.max_bytes / 1024 / 1024:g}"
    }


def _why(error: Exception) -> dict:
    return {"error": type(error).__name__}


def limits_from_settings(allowed_hosts: Iterable[str] | None = None) -> Limits:
    from django.conf import settings

    return Limits(
        connect_timeout=settings.ARCHIVE_CONNECT_TIMEOUT,
        total_timeout=settings.ARCHIVE_TOTAL_TIMEOUT,
        max_bytes=settings.ARCHIVE_MAX_BYTES,
        max_redirects=settings.ARCHIVE_MAX_REDIRECTS,
        user_agent=settings.ARCHIVE_USER_AGENT,
        allowed_hosts=tuple(allowed_hosts or settings.ARCHIVE_FETCH_ALLOWED_HOSTS),
        ca_certs=settings.ARCHIVE_CA_BUNDLE or None,
    )


__all__ = [
    "FetchError",
    "Fetched",
    "Limits",
    "Refused",
    "TooLarge",
    "TooSlow",
    "Unreachable",
    "Unresolvable",
    "fetch",
    "limits_from_settings",
]
