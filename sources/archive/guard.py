"""Which addresses the archiver may fetch: public http(s) hosts only, checked after DNS.

Editors type the URLs our server fetches, so a URL is a request to reach somewhere from inside
our network. Every address a host name resolves to must be a public one (not loopback,
private, link-local — where cloud metadata services live —, multicast, reserved, or one of
those wrapped in IPv6); the fetcher then connects to the very address checked here, so a name
that answers differently the second time (DNS rebinding) is never looked up twice.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

ALLOWED_SCHEMES = {"http": 80, "https": 443}

# Networks that `is_global` leaves public but that no source lives in.
_NOT_FETCHED = [
    ipaddress.ip_network("64:ff9b::/96"),  # NAT64: wraps any IPv4 address, private ones too
    ipaddress.ip_network("64:ff9b:1::/48"),
]

Resolver = Callable[..., list]


class Refused(Exception):
    """The URL may not be fetched; the message says why, for the editor."""


class Unresolvable(Exception):
    """The host name does not resolve: the page is gone, or the name is wrong."""


@dataclass(frozen=True)
class Target:
    """Where one request goes: the URL's parts and the checked address to connect to."""

    scheme: str
    host: str
    port: int
    address: str
    path: str  # path and query, as sent in the request line

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = ALLOWED_SCHEMES[self.scheme]
        return host if self.port == default else f"{host}:{self.port}"


def split_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path-and-query) of an http(s) URL without credentials."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise Refused(_("Not a valid address.")) from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise Refused(_("Only http:// and https:// addresses are fetched."))
    if parts.username is not None or parts.password is not None:
        raise Refused(_("Addresses with a user name or password are not fetched."))
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise Refused(_("The address has no host name."))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port or ALLOWED_SCHEMES[scheme], path


def public_address(address: str) -> bool:
    """True for an address on the public internet; False for anything inside a network."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        wrapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if wrapped is not None and not public_address(str(wrapped)):
            return False
        if any(ip in network for network in _NOT_FETCHED):
            return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
    )


def resolve(
    url: str,
    *,
    allowed_hosts: Iterable[str] = (),
    resolver: Resolver | None = None,
) -> Target:
    """The checked target of `url`; Refused when it is not http(s) or not public.

    Every address the name resolves to must be public: a name with one public and one
    private answer is refused, because the connection could be steered to either. Hosts in
    `allowed_hosts` (a test setting) skip the address check, and only they.
    """
    scheme, host, port, path = split_url(url)
    try:
        answers = (resolver or socket.getaddrinfo)(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise Unresolvable(_("The host name %(host)s does not resolve.") % {"host": host}) from None
    addresses = list(dict.fromkeys(answer[4][0] for answer in answers))
    if not addresses:
        raise Unresolvable(_("The host name %(host)s does not resolve.") % {"host": host})
    if host.lower() not in {name.lower() for name in allowed_hosts}:
        for address in addresses:
            if not public_address(address):
                raise Refused(
                    _(
                        "%(host)s is at %(address)s, which is not a public internet address: "
                        "the archiver fetches public pages only."
                    )
                    % {"host": host, "address": address}
                )
    return Target(scheme=scheme, host=host, port=port, address=addresses[0], path=path)
