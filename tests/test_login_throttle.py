"""Password guessing on the admin sign-in is slowed down, and a real user gets back in."""

from __future__ import annotations

import pytest

from registry import login_throttle

PASSWORD = "correct horse battery staple"


def sign_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_it_signs_in_with_the_right_password(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_it_refuses_after_too_many_failures_even_with_the_right_password(client, editor):
    for _ in range(login_throttle.FAILURES_ALLOWED):
        assert sign_in(client, "editor", "wrong").status_code == 200
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == login_throttle.COOL_DOWN_SECONDS
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_the_account_from_another_address_too(client, editor):
    for n in range(login_throttle.FAILURES_ALLOWED):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n}")
    assert sign_in(client, "editor", PASSWORD, address="192.0.2.1").status_code == 429


def test_it_locks_an_address_that_tries_many_accounts(client, editor):
    for n in range(login_throttle.FAILURES_ALLOWED):
        sign_in(client, f"guess{n}", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429


def test_a_success_clears_the_account_counter(client, editor):
    for _ in range(login_throttle.FAILURES_ALLOWED - 1):
        sign_in(client, "editor", "wrong", address="198.51.100.1")
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.2").status_code == 302
    client.logout()
    sign_in(client, "editor", "wrong", address="198.51.100.3")
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.4").status_code == 302


@pytest.mark.parametrize("language,text", [("zh-hant", "登入失敗次數過多")])
def test_it_explains_the_lockout_in_chinese(client, editor, language, text, settings):
    for _ in range(login_throttle.FAILURES_ALLOWED):
        sign_in(client, "editor", "wrong")
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 429
    assert text in response.content.decode()
