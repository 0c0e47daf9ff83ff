"""Strict readers for settings that come from the environment.

A value that cannot be understood raises ImproperlyConfigured at start-up rather than
silently falling back to a default: a typo in production must never turn DEBUG on.
"""

from __future__ import annotations

import ipaddress
import json
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def _env_parsed(name: str, default, parse, what: str):
    """The variable as `parse` reads it; `default` when it is unset or blank."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {what}, not {raw!r}") from None


def env_int(name: str, default: int) -> int:
    return _env_parsed(name, default, int, "a whole number")


def env_float(name: str, default: float) -> float:
    return _env_parsed(name, default, float, "a number")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated IP addresses or networks ("127.0.0.1, 10.0.0.0/8"), as networks."""
    values = env_list(name)
    try:
        return [str(ipaddress.ip_network(value, strict=False)) for value in values]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must list IP addresses or networks such as 10.0.0.0/8, "
            f"not {os.environ[name]!r}"
        ) from None


def env_json_object(name: str) -> dict:
    """A JSON object (for a backend's options); empty when the variable is unset or blank."""
    value = _env_parsed(name, {}, json.loads, "a JSON object")
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {os.environ[name]!r}")
    return value
