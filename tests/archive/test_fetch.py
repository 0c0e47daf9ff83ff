"""Fetching for the archive, against a local HTTP server: redirects, errors, caps."""

from __future__ import annotations

import gzip
import time
from dataclasses import replace

import pytest
from werkzeug import Response

from sources.archive.fetch import TooLarge, TooSlow, Unreachable, fetch
from sources.archive.guard import Refused
from tests.archive.helpers import resolver_for


def test_it_fetches_a_page(httpserver, limits):
    httpserver.expect_request("/release").respond_with_data(
        "<html><body>1244萬</body></html>", content_type="text/html; charset=utf-8"
    )
    page = fetch(httpserver.url_for("/release"), limits)
    assert page.status == 200
    assert page.final_url == page.requested_url == httpserver.url_for("/release")
    assert page.content_type == "text/html; charset=utf-8"
    assert "1244萬".encode() in page.body
    assert page.address == "127.0.0.1"


def test_it_follows_redirects_and_records_where_it_ended(httpserver, limits):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/moved"}
    )
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data("here", content_type="text/plain")
    page = fetch(httpserver.url_for("/old"), limits)
    assert (page.status, page.body) == (200, b"here")
    assert page.final_url == httpserver.url_for("/new")
    assert page.redirects == [httpserver.url_for("/old"), httpserver.url_for("/moved")]


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/internal",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]:80/",
        "http://localhost/",  # loopback under a name the setting does not allow
        "file:///etc/passwd",
    ],
)
def test_an_allowed_host_redirecting_inside_the_network_is_refused(httpserver, limits, location):
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": location}
    )
    with pytest.raises(Refused):
        fetch(httpserver.url_for("/go"), limits)


def test_a_redirect_to_a_name_resolving_inside_the_network_is_refused(httpserver, limits):
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "http://rebind.example.org/"}
    )
    resolver = resolver_for({"127.0.0.1": ["127.0.0.1"], "rebind.example.org": ["127.0.0.1"]})
    with pytest.raises(Refused, match="rebind.example.org is at 127.0.0.1"):
        fetch(httpserver.url_for("/go"), limits, resolver=resolver)


def test_the_connection_goes_to_the_address_checked_not_a_second_lookup(httpserver, limits):
    """DNS rebinding: a name is resolved once per hop, and that checked answer is used."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    calls = []

    def resolver(host, port, type=0, **kwargs):  # noqa: A002
        calls.append(host)
        return resolver_for({host: next(answers)})(host, port, type)

    host = f"pinned.test:{httpserver.port}"
    httpserver.expect_request("/p", headers={"Host": host}).respond_with_data(
        "pinned", content_type="text/plain"
    )
    page = fetch(
        f"http://pinned.test:{httpserver.port}/p",
        replace(limits, allowed_hosts=("pinned.test",)),
        resolver=resolver,
    )
    assert page.body == b"pinned"
    assert calls == ["pinned.test"]


def test_it_stops_after_too_many_redirects(httpserver, limits):
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    with pytest.raises(Unreachable, match="More than 5 redirects"):
        fetch(httpserver.url_for("/loop"), limits)


@pytest.mark.parametrize("status", [404, 410, 500])
def test_an_error_status_is_an_answer(httpserver, limits, status):
    httpserver.expect_request("/x").respond_with_data("no", status=status)
    assert fetch(httpserver.url_for("/x"), limits).status == status


def test_a_slow_answer_is_given_up(httpserver, limits):
    def slow(request):
        time.sleep(2)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(TooSlow):
        fetch(httpserver.url_for("/slow"), replace(limits, total_timeout=0.5))
    assert time.monotonic() - started < 1.5


def test_a_page_that_trickles_in_is_given_up_at_the_total_time(httpserver, limits):
    def trickle(request):
        def chunks():
            for _ in range(20):
                time.sleep(0.2)
                yield b"x" * 10

        return Response(chunks(), content_type="text/plain")

    httpserver.expect_request("/trickle").respond_with_handler(trickle)
    started = time.monotonic()
    with pytest.raises(TooSlow):
        fetch(httpserver.url_for("/trickle"), replace(limits, total_timeout=1))
    assert time.monotonic() - started < 2


def test_a_body_declared_too_large_is_refused(httpserver, limits):
    httpserver.expect_request("/big").respond_with_data(b"x" * (300 * 1024))
    with pytest.raises(TooLarge, match="larger than 0.25 MB"):
        fetch(httpserver.url_for("/big"), limits)


def test_a_body_too_large_without_a_length_is_cut_off(httpserver, limits):
    def endless(request):
        return Response((b"x" * 65536 for _ in range(100)), content_type="text/plain")

    httpserver.expect_request("/endless").respond_with_handler(endless)
    with pytest.raises(TooLarge):
        fetch(httpserver.url_for("/endless"), limits)


def test_a_compressed_bomb_is_counted_after_decompression(httpserver, limits):
    bomb = gzip.compress(b"0" * (5 * 1024 * 1024))
    assert len(bomb) < limits.max_bytes
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/plain"
    )
    with pytest.raises(TooLarge):
        fetch(httpserver.url_for("/bomb"), limits)


def test_a_closed_port_is_unreachable(limits):
    with pytest.raises(Unreachable):
        fetch("http://127.0.0.1:9/", limits)
