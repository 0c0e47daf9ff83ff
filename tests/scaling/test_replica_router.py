"""Reads go to the replica; writes, unsafe requests and a writer's next requests to the primary."""

from __future__ import annotations

import contextvars

import pytest
from django.db import connections

from claims.models import Verdict
from registry.routers import PIN_COOKIE, PRIMARY, REPLICA, PrimaryReplicaRouter, is_pinned
from sources.models import Publisher
from tests.scaling.conftest import aliases, queries_by_alias

pytestmark = pytest.mark.django_db(databases=[PRIMARY, REPLICA])


def fresh_context() -> contextvars.Context:
    """A context where nothing has been written yet, as at the start of a task or command."""
    return contextvars.Context()


def read_then_primary(used: list[str]) -> bool:
    """The first read went to the replica; the write, its history row and the read after it
    all went to the primary."""
    return used[0] == REPLICA and len(used) >= 3 and set(used[1:]) == {PRIMARY}


def test_it_sends_a_plain_read_to_the_replica(client, replica_routing):
    with queries_by_alias() as seen:
        response = client.get("/read/")

    assert response.status_code == 200
    assert "accurate" in response.json()["verdicts"]
    assert aliases(seen) == [REPLICA]
    assert PIN_COOKIE not in response.cookies


def test_it_reads_after_a_write_from_the_primary(client, replica_routing):
    with queries_by_alias() as seen:
        response = client.get("/read-write-read/")

    assert response.json() == {"before": False, "after": True}
    assert read_then_primary(aliases(seen))


def test_it_keeps_the_writer_on_the_primary_for_a_short_window(client, replica_routing):
    response = client.get("/read-write-read/")

    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 10
    assert cookie["httponly"]
    with queries_by_alias() as seen:
        client.get("/read/")
    assert aliases(seen) == [PRIMARY]


def test_it_does_not_extend_the_window_on_reads(client, replica_routing):
    client.cookies[PIN_COOKIE] = "1"

    response = client.get("/read/")

    assert PIN_COOKIE not in response.cookies


def test_it_pins_an_unsafe_request_from_its_first_query(client, replica_routing):
    with queries_by_alias() as seen:
        response = client.post("/read/")

    assert response.status_code == 200
    assert aliases(seen) == [PRIMARY]
    assert response.cookies[PIN_COOKIE]["max-age"] == 10


def test_it_sends_another_reader_to_the_replica_after_a_write(client, replica_routing):
    from django.test import Client

    pinned_before = is_pinned()
    client.get("/read-write-read/")
    assert is_pinned() == pinned_before

    with queries_by_alias() as seen:
        Client().get("/read/")
    assert aliases(seen) == [REPLICA]


def test_it_sees_a_write_made_by_the_orm_in_the_same_context(replica_routing):
    def work():
        first = list(Verdict.objects.values_list("code", flat=True))
        Publisher.objects.create(slug="ctx", name="Context")
        return first, Publisher.objects.filter(slug="ctx").exists()

    with queries_by_alias() as seen:
        first, found = fresh_context().run(work)

    assert first and found
    assert read_then_primary(aliases(seen))


def test_it_locks_rows_for_update_on_the_primary(replica_routing):
    from django.db import transaction

    with queries_by_alias() as seen, transaction.atomic():
        fresh_context().run(
            lambda: list(Verdict.objects.select_for_update().filter(code="accurate"))
        )

    assert aliases(seen) == [PRIMARY]


class TestRouter:
    def test_it_migrates_only_the_primary(self):
        router = PrimaryReplicaRouter()
        assert router.allow_migrate(PRIMARY, "claims") is True
        assert router.allow_migrate(REPLICA, "claims") is False

    def test_it_reads_from_the_replica_until_something_is_written(self):
        def steps():
            router = PrimaryReplicaRouter()
            return [
                router.db_for_read(Verdict),
                router.db_for_write(Publisher),
                router.db_for_read(Verdict),
            ]

        assert fresh_context().run(steps) == [REPLICA, PRIMARY, PRIMARY]

    def test_the_replica_is_a_second_connection_to_the_same_data(self):
        assert connections[REPLICA] is not connections[PRIMARY]
        assert (
            connections[REPLICA].settings_dict["NAME"]
            == (connections[PRIMARY].settings_dict["NAME"])
        )
