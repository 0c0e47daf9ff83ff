"""The production server's launcher (registry/serve.py): measured defaults, the operator wins.

That Granian accepts the defaults and serves the app with them is shown by
tests/faults/test_granian.py, which starts it through this launcher."""

from __future__ import annotations

import os
import subprocess
import sys

from registry import serve


def test_it_fills_in_the_measured_defaults():
    env = serve.environment({})
    assert env["GRANIAN_INTERFACE"] == "wsgi"
    assert env["GRANIAN_WORKERS"] == str(os.cpu_count() or 1)
    assert env["GRANIAN_BLOCKING_THREADS"] == "8"
    assert env["GRANIAN_HOST"] == "127.0.0.1"
    assert env["GRANIAN_RESPAWN_FAILED_WORKERS"] == "true"


def test_the_operators_settings_win_and_others_pass_through():
    env = serve.environment(
        {"GRANIAN_WORKERS": "8", "GRANIAN_PORT": "9000", "GRANIAN_HOST": "", "DATABASE_URL": "x"}
    )
    assert env["GRANIAN_WORKERS"] == "8"
    assert env["GRANIAN_PORT"] == "9000"
    assert env["GRANIAN_HOST"] == "127.0.0.1"  # an empty value is no value
    assert env["DATABASE_URL"] == "x"


def test_it_serves_the_wsgi_application():
    assert serve.APPLICATION == "registry.wsgi:application"
    code = "import registry.wsgi as w; print(callable(w.application))"
    env = {**os.environ, "DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "True", result.stderr
