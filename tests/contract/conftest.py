"""The contract suite: clients and validators that other people wrote, run against a live
server (pytest-django's `live_server`), each on the standard it speaks.

Every test here reads published data through a real HTTP server in this process's thread,
so the database is transactional and the migration-seeded verdict scale is restored after.
"""

from __future__ import annotations

import pytest
import requests

from tests.api.conftest import publish, registry, second_source, secret_source  # noqa: F401


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    # A suite of real clients sends more requests than a reader would in a minute.
    settings.API_THROTTLE_RATES = {"anon": "off", "user": "off"}


@pytest.fixture
def http() -> requests.Session:
    with requests.Session() as session:
        yield session


@pytest.fixture
def base(live_server) -> str:
    return live_server.url
