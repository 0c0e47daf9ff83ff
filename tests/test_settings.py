"""Settings come from the environment, strictly; production settings pass the deploy check."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from registry.env import env_bool, env_float, env_int, env_json_object, env_list, env_networks

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    base.update(DJANGO_SETTINGS_MODULE="registry.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-1234567890",
        ALLOWED_HOSTS="claims.example.org",
        DEBUG="false",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION = dict(
    SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-1234567890",
    ALLOWED_HOSTS="claims.example.org",
    DEBUG="false",
)


def test_production_behind_a_named_proxy_passes_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        BEHIND_TLS_PROXY="true",
        TRUSTED_PROXIES="127.0.0.1, ::1",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_of_a_proxy_it_was_not_told_to_trust():
    # Every client would have the proxy's address: one guesser locks every editor out.
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", BEHIND_TLS_PROXY="true", **PRODUCTION
    )
    assert result.returncode != 0
    assert "registry.W001" in result.stderr
    assert "TRUSTED_PROXIES is empty" in result.stderr


def test_it_refuses_a_trusted_proxy_that_is_not_an_address():
    result = run_manage("check", TRUSTED_PROXIES="proxy.internal", **PRODUCTION)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES must list IP addresses or networks" in result.stderr


def test_it_refuses_the_old_proxy_count():
    # A count believes X-Forwarded-For from anyone who reaches the app directly.
    result = run_manage("check", API_NUM_PROXIES="1", **PRODUCTION)
    assert result.returncode != 0
    assert "API_NUM_PROXIES is replaced by TRUSTED_PROXIES" in result.stderr


def test_it_refuses_to_start_without_a_secret_key_in_production():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_a_debug_value_it_cannot_read():
    result = run_manage("check", DEBUG="maybe", SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize("raw,expected", [("true", True), ("1", True), ("off", False), ("", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert env_bool("FLAG", True) is True


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)


@pytest.mark.parametrize(
    ("read", "raw", "message"),
    [
        (lambda: env_int("N", 1), "1.5", "N must be a whole number, not '1.5'"),
        (lambda: env_float("N", 1.0), "half", "N must be a number, not 'half'"),
        (lambda: env_json_object("N"), "{bad", "N must be a JSON object, not '{bad'"),
        (lambda: env_json_object("N"), "[1, 2]", "N must be a JSON object, not '[1, 2]'"),
    ],
)
def test_env_numbers_and_json_refuse_what_they_cannot_read(monkeypatch, read, raw, message):
    monkeypatch.setenv("N", raw)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        read()


def test_env_numbers_and_json_use_the_default_when_blank(monkeypatch):
    monkeypatch.setenv("N", "  ")
    assert (env_int("N", 3), env_float("N", 0.5), env_json_object("N")) == (3, 0.5, {})
    monkeypatch.setenv("N", '{"ssl": true}')
    assert env_json_object("N") == {"ssl": True}


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,, ")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_env_networks_reads_addresses_and_networks(monkeypatch):
    monkeypatch.setenv("PROXIES", "127.0.0.1, 10.0.0.0/8, ::1, 192.168.1.7/24")
    assert env_networks("PROXIES") == ["127.0.0.1/32", "10.0.0.0/8", "::1/128", "192.168.1.0/24"]


def test_env_networks_is_empty_when_unset(monkeypatch):
    monkeypatch.delenv("PROXIES", raising=False)
    assert env_networks("PROXIES") == []
