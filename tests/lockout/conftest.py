"""Sign-in lockout tests: a password, a proxy in front, a way to count password checks."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection

PASSWORD = "correct horse battery staple"
# Addresses from the documentation ranges (RFC 5737): a guesser and an editor elsewhere.
GUESSER = "203.0.113.7"
EDITOR_ELSEWHERE = "198.51.100.20"


@pytest.fixture
def behind_a_proxy(settings):
    """The app behind a reverse proxy on this machine, as README's production section has it."""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


@pytest.fixture
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks across connections need PostgreSQL")


@pytest.fixture
def password_checks(monkeypatch) -> list[str]:
    """Every password check, by account; each takes a tenth of a second, as a real hash does."""
    checks: list[str] = []
    lock = threading.Lock()
    check_password = AbstractBaseUser.check_password

    def counted(user, raw_password):
        with lock:
            checks.append(user.get_username())
        time.sleep(0.1)
        return check_password(user, raw_password)

    monkeypatch.setattr(AbstractBaseUser, "check_password", counted)
    return checks
