"""Password guessing on the admin sign-in and the desk token endpoint is locked out.

Locked: an account at one address after 5 failures there, and an address after 20 for any
accounts, for 15 minutes, without checking the password. Never: an account everywhere.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.utils import timezone

from tests.lockout.conftest import EDITOR_ELSEWHERE, GUESSER, PASSWORD

LIMIT = 5  # for one account at one address
PER_ADDRESS = 20


def sign_in(client, username: str, password: str, address: str = GUESSER, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def ask_for_token(client, username: str, password: str, address: str = GUESSER):
    return client.post(
        "/api/v1/desk/token/",
        json.dumps({"username": username, "password": password}),
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def test_it_signs_in_with_the_right_password(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_it_refuses_after_five_failures_even_with_the_right_password(client, editor):
    for _ in range(LIMIT):
        assert sign_in(client, "editor", "wrong").status_code == 200
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    assert "Too many failed sign-in attempts. Wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_token_endpoint_refuses_after_five_failures(client, editor):
    for _ in range(LIMIT):
        assert ask_for_token(client, "editor", "wrong").status_code == 401
    response = ask_for_token(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) == 15 * 60


def test_the_admin_and_the_token_endpoint_share_one_count(client, editor):
    for _ in range(3):
        sign_in(client, "editor", "wrong")
    for _ in range(2):
        ask_for_token(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert ask_for_token(client, "editor", PASSWORD).status_code == 429


def test_a_guesser_cannot_lock_an_editor_out_from_another_address(client, editor):
    for _ in range(12):
        sign_in(client, "editor", "wrong", address=GUESSER)
        ask_for_token(client, "editor", "wrong", address=GUESSER)
    assert sign_in(client, "editor", PASSWORD, address=GUESSER).status_code == 429
    assert sign_in(client, "editor", PASSWORD, address=EDITOR_ELSEWHERE).status_code == 302
    assert ask_for_token(client, "editor", PASSWORD, address=EDITOR_ELSEWHERE).status_code == 200


def test_it_locks_an_address_that_tries_many_accounts(client, editor):
    for n in range(PER_ADDRESS - 1):
        sign_in(client, f"guess{n}", "wrong")
    # An office shares one address: others' typos there do not lock a colleague out...
    assert ask_for_token(client, "editor", PASSWORD).status_code == 200
    sign_in(client, "guess-last", "wrong")
    # ...but twenty failures from one address lock it, whatever the accounts.
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert ask_for_token(client, "editor", PASSWORD).status_code == 429
    assert sign_in(client, "editor", PASSWORD, address=EDITOR_ELSEWHERE).status_code == 302


def test_an_ipv6_guesser_cannot_start_afresh_from_the_next_address(client, editor):
    for n in range(LIMIT):
        sign_in(client, "editor", "wrong", address=f"2001:db8:7:7::{n + 1}")
    assert sign_in(client, "editor", PASSWORD, address="2001:db8:7:7::99").status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="2001:db8:7:8::1").status_code == 302


def test_a_success_clears_the_account_s_failures_at_that_address(client, editor):
    for _ in range(LIMIT - 1):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_a_success_does_not_clear_another_account_s_failures(client, editor, fact_checker):
    # A guesser with an account of their own cannot reset the count by signing in.
    for _ in range(LIMIT - 1):
        sign_in(client, "checker", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "checker", "wrong").status_code == 200
    assert sign_in(client, "checker", PASSWORD).status_code == 429


@pytest.mark.parametrize("door", ["admin", "token"])
def test_a_right_password_for_an_account_the_desk_refuses_counts_as_a_failure(
    client, django_user_model, door
):
    # Otherwise the count standing still would tell a guesser they had found the password.
    django_user_model.objects.create_user("reader", password=PASSWORD)  # not staff
    attempt, refused = {"admin": (sign_in, 200), "token": (ask_for_token, 401)}[door]
    for _ in range(LIMIT - 1):
        attempt(client, "reader", "wrong")
    assert attempt(client, "reader", PASSWORD).status_code == refused
    assert attempt(client, "reader", PASSWORD).status_code == 429


def test_the_admin_counts_a_padded_user_name_as_the_name_itself(client, editor):
    for _ in range(LIMIT):
        sign_in(client, " editor ", "wrong", address=GUESSER)
        sign_in(client, "other", "wrong", address=EDITOR_ELSEWHERE)
    assert AccessAttempt.objects.filter(username="editor").count() == 1
    assert sign_in(client, "editor", PASSWORD, address=GUESSER).status_code == 429


def test_a_refused_attempt_neither_counts_nor_stretches_the_lock(client, editor):
    for _ in range(LIMIT):
        sign_in(client, "editor", "wrong")
    for _ in range(20):
        assert sign_in(client, "editor", "wrong").status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == LIMIT


def test_the_lock_ends_fifteen_minutes_after_the_last_failure(client, editor):
    for _ in range(LIMIT):
        sign_in(client, "editor", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_the_count_is_not_kept_in_the_cache(client, editor):
    for _ in range(LIMIT):
        sign_in(client, "editor", "wrong")
    cache.clear()
    assert sign_in(client, "editor", PASSWORD).status_code == 429


def test_two_workers_with_caches_of_their_own_share_one_count(client, editor, settings):
    # Local memory is each worker's own; the count is the database's.
    checked = 0
    for attempt in range(12):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"worker-{attempt % 2}",
            }
        }
        checked += ask_for_token(client, "editor", "wrong").status_code == 401
    assert checked == LIMIT


@pytest.mark.parametrize("length", [151, 300])
def test_a_user_name_longer_than_any_is_refused_and_nothing_is_stored(client, editor, length):
    response = ask_for_token(client, "e" * length, "wrong")
    assert response.status_code == 400
    assert "username" in response.json()["errors"]
    response = sign_in(client, "e" * length, "wrong")
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("language,text", [("zh-hant", "登入失敗次數過多")])
def test_it_explains_the_lockout_in_chinese(client, editor, language, text):
    for _ in range(LIMIT):
        sign_in(client, "editor", "wrong")
    response = sign_in(client, "editor", PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    assert text in response.content.decode()
