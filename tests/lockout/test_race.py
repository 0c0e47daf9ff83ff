"""Guesses sent all at once from one address check no more passwords than the limit."""

from __future__ import annotations

import threading

import pytest

from tests.lockout.conftest import GUESSER
from tests.lockout.http import FORM, JSON, SIGN_IN, TOKEN, HttpClient, token_body

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LIMIT = 5
GUESSES = 40


def all_at_once(requests) -> list[int]:
    barrier = threading.Barrier(len(requests))
    answers: list = [None] * len(requests)

    def run(index, send):
        barrier.wait()
        answers[index] = send()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_parallel_guesses_for_a_token_check_five_passwords(
    needs_postgres, live_server, editor, behind_a_proxy, password_checks
):
    guesser = HttpClient(live_server.url, forwarded_for=GUESSER)
    body = token_body("editor", "wrong")
    answers = all_at_once([guesser.prepared(TOKEN, body, JSON) for _ in range(GUESSES)])
    assert len(password_checks) == LIMIT
    assert sorted(answers) == [401] * LIMIT + [429] * (GUESSES - LIMIT)


def test_parallel_guesses_at_the_admin_sign_in_check_five_passwords(
    needs_postgres, live_server, editor, behind_a_proxy, password_checks
):
    requests = []
    for _ in range(GUESSES):
        guesser = HttpClient(live_server.url, forwarded_for=GUESSER)
        requests.append(guesser.prepared(SIGN_IN, guesser.sign_in_body("editor", "wrong"), FORM))
    answers = all_at_once(requests)
    assert len(password_checks) == LIMIT
    assert sorted(answers) == [200] * LIMIT + [429] * (GUESSES - LIMIT)
