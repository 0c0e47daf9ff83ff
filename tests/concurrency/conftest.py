"""Real threads, real connections: races between writers on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def race(*actions) -> list:
    """Run the actions in real threads, released together; return what each returned/raised."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index, action):
        barrier.wait()
        try:
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - the outcome is what we assert on
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks across threads need PostgreSQL")


def token_header(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def api_call(user, method: str, path: str, data: dict, etag: str):
    """A desk API request from its own client, as from another program."""
    headers = token_header(user)

    def call():
        client = APIClient()
        return getattr(client, method)(path, data, format="json", HTTP_IF_MATCH=etag, **headers)

    return call


def admin_post(user, path: str, data: dict):
    client = Client()
    client.force_login(user)

    def call():
        return client.post(path, data)

    return call
