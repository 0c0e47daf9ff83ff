"""Who sent a request: the client's address, read through the proxies the settings trust.

Each proxy appends the address it received the request from to X-Forwarded-For. Read from
the right, every address a trusted proxy wrote is true, and the first one that is not itself
a trusted proxy is the client. Whatever lies further left was written by someone else and is
ignored; so is the whole header when the request did not come from a trusted proxy, since
anyone can send one.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from functools import lru_cache

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# An IPv6 subscriber gets a whole /64 and picks any address in it at will: counting each
# address apart would give a guesser 2**64 fresh starts.
IPV6_SUBSCRIBER_PREFIX = 64


def parse_networks(values: Iterable[str | Network]) -> tuple[Network, ...]:
    """Addresses or networks ("10.0.0.1", "10.0.0.0/8", "::1"); ValueError on anything else."""
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _address(text: str | None) -> Address | None:
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(
    remote_addr: str | None, forwarded_for: str | None, trusted: Sequence[Network]
) -> Address | None:
    """The client's address, or None when the socket's address is not an IP address."""
    address = _address(remote_addr)
    hops = (forwarded_for or "").split(",") if trusted else []
    while address is not None and hops and any(address in net for net in trusted):
        written_by_a_trusted_proxy = _address(hops.pop())
        if written_by_a_trusted_proxy is None:
            break  # the chain is broken: keep the last address we can vouch for
        address = written_by_a_trusted_proxy
    return address


def client_key(address: Address | None) -> str | None:
    """The address counted for rate limits and lockouts: an IPv6 client's /64, else itself."""
    if isinstance(address, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network((address, IPV6_SUBSCRIBER_PREFIX), strict=False)
        return str(network.network_address)
    return None if address is None else str(address)


@lru_cache(maxsize=8)
def _trusted(values: tuple) -> tuple[Network, ...]:
    return parse_networks(values)


def of_request(request) -> str | None:
    """The key `client_key` gives for a Django request, through settings.TRUSTED_PROXIES."""
    from django.conf import settings

    address = client_address(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        _trusted(tuple(settings.TRUSTED_PROXIES)),
    )
    return client_key(address)
