"""The archiver fetches public http(s) addresses only, checked after DNS resolution."""

from __future__ import annotations

import pytest

from sources.archive.guard import Refused, Unresolvable, public_address, resolve
from tests.archive.helpers import resolver_for

PUBLIC = "93.184.215.14"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",  # loopback
        "127.8.9.10",
        "::1",
        "10.0.0.1",  # private
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",  # carrier-grade NAT
        "169.254.169.254",  # link-local: AWS, GCP and Azure metadata
        "100.100.100.200",  # Alibaba Cloud metadata
        "fd00:ec2::254",  # AWS metadata over IPv6 (unique local)
        "fe80::1",
        "224.0.0.1",  # multicast
        "ff02::1",
        "0.0.0.0",  # noqa: S104
        "::",
        "240.0.0.1",  # reserved
        "::ffff:127.0.0.1",  # IPv4-mapped IPv6
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 wrapping 10.0.0.1
    ],
)
def test_it_knows_an_address_inside_a_network(address):
    assert not public_address(address)


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2606:4700:4700::1111"])
def test_it_knows_a_public_address(address):
    assert public_address(address)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]:8000/",
        "http://10.1.2.3/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://0x7f.0.0.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
    ],
)
def test_it_refuses_loopback_private_and_mapped_literals(url):
    with pytest.raises(Refused, match="not a public internet address"):
        resolve(url)


@pytest.mark.parametrize(
    "name, answers",
    [
        ("localhost", ["127.0.0.1"]),
        ("127.0.0.1.nip.io", ["127.0.0.1"]),  # rebinding-style names that answer loopback
        ("7f000001.c0a80001.rbndr.us", ["192.168.0.1"]),
        ("metadata.google.internal", ["169.254.169.254"]),
        ("internal.example.org", ["10.20.30.40"]),
        ("v6.example.org", ["::ffff:127.0.0.1"]),
        # One public answer and one private: the connection could be steered to either.
        ("split.example.org", [PUBLIC, "10.0.0.7"]),
    ],
)
def test_it_refuses_a_name_that_resolves_inside_a_network(name, answers):
    resolver = resolver_for({name: answers})
    with pytest.raises(Refused, match="not a public internet address"):
        resolve(f"https://{name}/page", resolver=resolver)


def test_it_connects_to_the_address_it_checked():
    calls = []
    target = resolve(
        "https://stats.example.org:8443/a?b=1",
        resolver=resolver_for({"stats.example.org": [PUBLIC]}, calls),
    )
    assert (target.address, target.host, target.port, target.path) == (
        PUBLIC,
        "stats.example.org",
        8443,
        "/a?b=1",
    )
    assert target.host_header == "stats.example.org:8443"
    assert calls == ["stats.example.org"]


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://example.org/file", "Only http:// and https://"),
        ("file:///etc/passwd", "Only http:// and https://"),
        ("gopher://example.org/", "Only http:// and https://"),
        ("javascript:alert(1)", "Only http:// and https://"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://user@example.org/", "user name or password"),
        ("https:///path", "no host name"),
        ("http://example.org:99999/", "Not a valid address"),
    ],
)
def test_it_refuses_what_is_not_a_plain_http_address(url, message):
    with pytest.raises(Refused, match=message):
        resolve(url, resolver=resolver_for({"example.org": [PUBLIC]}))


def test_an_allowed_host_skips_the_address_check_and_only_it():
    resolver = resolver_for({"fixture.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    target = resolve("http://fixture.test/", allowed_hosts=["fixture.test"], resolver=resolver)
    assert target.address == "127.0.0.1"
    with pytest.raises(Refused):
        resolve("http://other.test/", allowed_hosts=["fixture.test"], resolver=resolver)


def test_a_name_that_does_not_resolve_is_unresolvable():
    with pytest.raises(Unresolvable, match="does not resolve"):
        resolve("https://gone.example.org/", resolver=resolver_for({}))
