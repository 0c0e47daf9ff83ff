"""Every address and admin action, for each role: exactly the answer the matrix lists."""

from __future__ import annotations

import contextlib
import json

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from tests.security.conftest import ROLES
from tests.security.matrix import LOGIN, Row, all_rows

ROWS = all_rows()


def _request(world, row: Row, role: str, path: str):
    client = world.client(role)
    data = row.role_data(world, role) if row.role_data else row.data(world)
    kwargs = {"headers": row.headers(world)}
    if data is not None:
        if row.json_body:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        else:
            kwargs["data"] = data
    return getattr(client, row.method)(path, **kwargs)


def _check(world, row: Row, role: str, response) -> None:
    expected = row.cells[role]
    outcome = None
    if isinstance(expected, tuple):
        expected, outcome = expected
    if expected == LOGIN:
        assert response.status_code == 302, response.content[:300]
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == expected, response.content[:300]
    if row.observe is not None:
        assert row.observe(world) == outcome


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_each_role_gets_exactly_what_the_matrix_says(world, row, role):
    row.setup(world)
    world.refresh()
    response = _request(world, row, role, row.path(world))
    _check(world, row, role, response)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims.json",
        "/api/v1/claims/export.csv",
        "/api/v1/claims/abcd2345/claimreview.json",
        "/api/v1/desk/claims/abcd2345/submit.json",
    ],
)
def test_there_are_no_format_suffix_twins(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_every_row_lists_every_role():
    for row in ROWS:
        assert set(row.cells) == set(ROLES), row.name


def _join(prefix: str, route: str) -> str:
    # As django.urls.resolvers.URLResolver joins the routes it reports in ResolverMatch.
    return prefix + (route[1:] if route.startswith("^") else route)


def _all_routes(resolver: URLResolver, prefix: str = "") -> set[str]:
    routes = set()
    for pattern in resolver.url_patterns:
        route = _join(prefix, str(pattern.pattern))
        if isinstance(pattern, URLPattern):
            routes.add(route)
        else:
            routes |= _all_routes(pattern, route)
    return routes


def test_the_matrix_covers_every_address(world):
    covered = set()
    for row in ROWS:
        # Some rows are addresses that match nothing, such as an unknown page.
        with contextlib.suppress(Resolver404):
            covered.add(resolve(row.path(world).split("?")[0]).route)
    missing = _all_routes(get_resolver()) - covered
    assert not missing, f"Add these addresses to the matrix: {sorted(missing)}"
