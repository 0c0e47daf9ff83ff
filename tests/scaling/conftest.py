"""Two database aliases for the router tests: `replica` mirrors `default`, as after replication.

The alias is added before the test databases are created, so Django sets it up as a test
mirror (the same database under a second connection). The router itself is switched on only
by the `replica_routing` fixture, so no other test is affected.
"""

from __future__ import annotations

import copy
from contextlib import ExitStack, contextmanager

import pytest
from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created

from registry.routers import PRIMARY, REPLICA

if REPLICA not in settings.DATABASES:
    _replica = copy.deepcopy(settings.DATABASES[PRIMARY])
    _replica["TEST"] = {**_replica.get("TEST", {}), "MIRROR": PRIMARY}
    settings.DATABASES[REPLICA] = _replica


def _read_uncommitted_on_sqlite(sender, connection, **kwargs):
    # SQLite's in-memory test database is shared between the two connections through its
    # shared cache, where a reader takes table locks that block the other connection's
    # writes. A streaming replica never blocks the primary; without locks, neither does this.
    if connection.alias == REPLICA and connection.vendor == "sqlite":
        connection.cursor().execute("PRAGMA read_uncommitted = true")


connection_created.connect(_read_uncommitted_on_sqlite)

ROUTER = "registry.routers.PrimaryReplicaRouter"
MIDDLEWARE = "registry.routers.PinPrimaryAfterWriteMiddleware"


@pytest.fixture
def replica_routing(settings):
    """The settings DATABASE_REPLICA_URL turns on, plus the views below."""
    settings.DATABASE_ROUTERS = [ROUTER]
    if MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        middleware.insert(1, MIDDLEWARE)
        settings.MIDDLEWARE = middleware
    settings.REPLICA_PIN_SECONDS = 10
    settings.ROOT_URLCONF = "tests.scaling.urls"
    return settings


@contextmanager
def queries_by_alias():
    """Record (alias, sql) for every query run on either connection."""
    seen: list[tuple[str, str]] = []

    def recorder(alias):
        def wrapper(execute, sql, params, many, context):
            seen.append((alias, sql))
            return execute(sql, params, many, context)

        return wrapper

    with ExitStack() as stack:
        for alias in (PRIMARY, REPLICA):
            stack.enter_context(connections[alias].execute_wrapper(recorder(alias)))
        yield seen


def aliases(seen: list[tuple[str, str]]) -> list[str]:
    """The alias of each query, ignoring savepoints the test transaction adds."""
    return [alias for alias, sql in seen if "SAVEPOINT" not in sql.upper()]


@pytest.fixture(scope="session", autouse=True)
def _close_replica_connection(django_db_setup, django_db_blocker):
    """Close the second connection before the test database is dropped: PostgreSQL refuses
    to drop a database someone is still connected to."""
    yield
    with django_db_blocker.unblock():
        connections[REPLICA].close()
