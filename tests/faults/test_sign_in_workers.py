"""Four gunicorn workers count one guesser's failures together, with Redis or without it.

The app as production serves it (DEBUG off, PostgreSQL, four processes behind a proxy on
this machine), once on local-memory caches and once with Redis unreachable: before, the
first let each worker count its own five guesses and the second counted none.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.faults.conftest import _free_port, _serve, _stop, manage
from tests.lockout.http import HttpClient

PASSWORD = "correct horse battery staple"
CREATE_EDITOR = f"""
from django.contrib.auth import get_user_model
User = get_user_model()
if not User.objects.filter(username="desk-editor").exists():
    User.objects.create_user("desk-editor", password={PASSWORD!r}, is_staff=True)
"""
CACHES = {"local memory": None, "Redis unreachable": "redis://127.0.0.1:1/0"}


@pytest.fixture(scope="module", params=list(CACHES))
def four_workers(request, served_app):
    env = {key: value for key, value in served_app.env.items() if key != "REDIS_URL"}
    env.update(
        TRUSTED_PROXIES="127.0.0.1",
        # Plain HTTP on loopback: the sign-in form's cookies must come back.
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
    )
    if CACHES[request.param]:
        env["REDIS_URL"] = CACHES[request.param]
    manage(env, "shell", "-c", CREATE_EDITOR)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    port = _free_port()
    command = [str(gunicorn), "registry.wsgi", "-b", f"127.0.0.1:{port}", "-w", "4"]
    app = _serve([*command, "--timeout", "30"], env, port, None, served_app.cache_prefix)
    try:
        yield app
    finally:
        _stop(app)
        manage(env, "axes_reset")


def test_forty_guesses_for_a_token_check_five_passwords(four_workers):
    guesser = HttpClient(four_workers.base_url, forwarded_for="203.0.113.7")
    answers = [guesser.ask_for_token("desk-editor", "wrong")[0] for _ in range(40)]
    assert answers == [401] * 5 + [429] * 35
    assert guesser.ask_for_token("desk-editor", PASSWORD)[0] == 429
    # The editor, elsewhere behind the same proxy, still gets in.
    at_work = HttpClient(four_workers.base_url, forwarded_for="198.51.100.20")
    assert at_work.ask_for_token("desk-editor", PASSWORD)[0] == 200


def test_twelve_guesses_at_the_admin_sign_in_lock_the_guesser_out(four_workers):
    guesser = HttpClient(four_workers.base_url, forwarded_for="203.0.113.8")
    answers = [guesser.sign_in("desk-editor", "wrong")[0] for _ in range(12)]
    assert answers == [200] * 5 + [429] * 7
    assert guesser.sign_in("desk-editor", PASSWORD)[0] == 429
    at_work = HttpClient(four_workers.base_url, forwarded_for="198.51.100.21")
    assert at_work.sign_in("desk-editor", PASSWORD)[0] == 302
