"""The client's address is read through trusted proxies only; pure functions, no database."""

from __future__ import annotations

import ipaddress

import pytest

from core.client_address import client_address, client_key, parse_networks

PROXY = parse_networks(["127.0.0.1"])
TWO_PROXIES = parse_networks(["127.0.0.1", "10.0.0.0/8"])


def address(remote_addr, forwarded_for=None, trusted=PROXY) -> str | None:
    found = client_address(remote_addr, forwarded_for, trusted)
    return None if found is None else str(found)


def test_it_is_the_socket_s_address_when_no_proxy_is_trusted():
    assert address("203.0.113.7", "198.51.100.1", trusted=()) == "203.0.113.7"


def test_it_ignores_the_header_from_an_address_that_is_not_a_trusted_proxy():
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_it_reads_the_address_a_trusted_proxy_wrote():
    assert address("127.0.0.1", "203.0.113.7") == "203.0.113.7"


def test_it_ignores_what_the_client_wrote_before_the_proxy_s_entry():
    assert address("127.0.0.1", "198.51.100.1, 10.9.9.9, 203.0.113.7") == "203.0.113.7"


def test_it_walks_back_through_a_chain_of_trusted_proxies():
    chain = "198.51.100.1, 203.0.113.7, 10.1.2.3"
    assert address("127.0.0.1", chain, trusted=TWO_PROXIES) == "203.0.113.7"


def test_it_keeps_the_proxy_s_own_address_without_a_header():
    assert address("127.0.0.1", None) == "127.0.0.1"
    assert address("127.0.0.1", "") == "127.0.0.1"


def test_it_stops_at_an_entry_that_is_not_an_address():
    assert address("127.0.0.1", "203.0.113.7, unknown", trusted=TWO_PROXIES) == "127.0.0.1"
    assert address("127.0.0.1", "unknown, 10.1.2.3", trusted=TWO_PROXIES) == "10.1.2.3"


def test_a_socket_address_that_is_not_an_ip_address_is_no_address():
    assert address("", "203.0.113.7") is None
    assert address(None, None) is None


def test_an_ipv4_client_seen_over_ipv6_is_its_ipv4_address():
    assert address("::ffff:203.0.113.7") == "203.0.113.7"
    assert address("::ffff:127.0.0.1", "::ffff:198.51.100.1") == "198.51.100.1"


def test_it_reads_ipv6_proxies_and_clients():
    trusted = parse_networks(["::1"])
    assert address("::1", "2001:db8::7", trusted=trusted) == "2001:db8::7"


def test_an_ipv6_client_counts_as_its_whole_slash_64():
    one = client_key(ipaddress.ip_address("2001:db8:1:2::7"))
    other = client_key(ipaddress.ip_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
    assert one == other == "2001:db8:1:2::"
    assert client_key(ipaddress.ip_address("2001:db8:1:3::7")) != one


def test_an_ipv4_client_counts_as_itself():
    assert client_key(ipaddress.ip_address("203.0.113.7")) == "203.0.113.7"
    assert client_key(None) is None


@pytest.mark.parametrize("bad", ["localhost", "10.0.0.0/33", "", "10.0.0.1,10.0.0.2"])
def test_it_refuses_a_proxy_that_is_not_an_address_or_network(bad):
    with pytest.raises(ValueError):
        parse_networks([bad])
