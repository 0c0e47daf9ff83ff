"""https:// for the archive, against a local TLS server with its own certificate authority.

The archiver connects to the address it checked, so TLS must still verify the certificate
for the host name the editor typed, not for the address.
"""

from __future__ import annotations

import ssl
from dataclasses import replace

import pytest
import trustme
from pytest_httpserver import HTTPServer

from sources.archive.fetch import Unreachable, fetch, limits_from_settings
from tests.archive.helpers import resolver_for

HOST = "archive.test"


@pytest.fixture(scope="module")
def authority():
    return trustme.CA()


def _server(authority, *names):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(*names).configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    server.expect_request("/release").respond_with_data(
        "<html><body>青年失業率18.9%</body></html>", content_type="text/html; charset=utf-8"
    )
    return server


@pytest.fixture
def server(authority):
    server = _server(authority, HOST)
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def authority_file(authority, tmp_path):
    path = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def tls_limits(limits):
    return replace(limits, allowed_hosts=(HOST,))


def _url(server):
    return f"https://{HOST}:{server.port}/release"


RESOLVE = resolver_for({HOST: ["127.0.0.1"]})


def test_a_certificate_for_the_host_name_from_a_trusted_authority_is_fetched(
    server, tls_limits, authority_file
):
    page = fetch(_url(server), replace(tls_limits, ca_certs=authority_file), resolver=RESOLVE)
    assert page.status == 200
    assert page.address == "127.0.0.1"
    assert "青年失業率18.9%".encode() in page.body


def test_a_certificate_from_an_unknown_authority_is_refused(server, tls_limits):
    with pytest.raises(Unreachable, match="certificate could not be verified for archive.test"):
        fetch(_url(server), tls_limits, resolver=RESOLVE)


def test_a_certificate_for_another_name_is_refused(authority, tls_limits, authority_file):
    server = _server(authority, "other.test")
    try:
        with pytest.raises(Unreachable, match="certificate could not be verified"):
            fetch(_url(server), replace(tls_limits, ca_certs=authority_file), resolver=RESOLVE)
    finally:
        server.stop()


def test_the_setting_names_the_trusted_authorities(settings, authority_file):
    settings.ARCHIVE_CA_BUNDLE = authority_file
    assert limits_from_settings().ca_certs == authority_file
    settings.ARCHIVE_CA_BUNDLE = ""
    assert limits_from_settings().ca_certs is None
