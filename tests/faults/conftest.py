"""A throwaway PostgreSQL server and the app served against it, by gunicorn and by Granian.

Fault tests stop and start a real database server. They never touch the server the rest of
the suite uses: each run initialises its own cluster in a temporary folder, on a free port.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unavailable(reason: str):
    # In CI a missing prerequisite is a failure, not a silent skip.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int

    def _pg_ctl(self, *args: str) -> None:
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir.parent}"
        self._pg_ctl("-o", options, "-l", str(self.data_dir.parent / "server.log"), "-w", "start")

    def stop(self) -> None:
        self._pg_ctl("-m", "immediate", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture(scope="session")
def throwaway_postgres(tmp_path_factory):
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        _unavailable("no PostgreSQL server binaries (initdb) on this machine")
    bin_dir = Path(initdbs[-1]).parent
    run_as = []
    if os.geteuid() == 0:
        # The server refuses to run as root. pytest's own temporary folders are private to
        # root, so the postgres user gets a folder of its own beside them.
        base = Path(tempfile.mkdtemp(prefix="claimreg-pg-"))
        shutil.chown(base, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    else:
        base = tmp_path_factory.mktemp("pg")
    data_dir = base / "data"
    initdb = subprocess.run(
        [*run_as, str(bin_dir / "initdb"), "-D", str(data_dir), "-A", "trust", "-U", "postgres"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert initdb.returncode == 0, initdb.stderr
    server = PostgresServer(bin_dir, data_dir, _free_port())
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # a test may have stopped it
            server.stop()
        shutil.rmtree(base, ignore_errors=True)


# The served app's cache: a Redis database of its own, emptied first; none if unreachable.
SERVED_REDIS_URL = os.environ.get("FAULTS_REDIS_URL", "redis://127.0.0.1:6379/7")


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@dataclass
class ServedApp:
    base_url: str
    process: subprocess.Popen
    redis_url: str | None
    cache_prefix: str
    env: dict[str, str]

    def get(self, path: str, headers: dict | None = None, timeout: float = 10):
        request = urllib.request.Request(self.base_url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


def app_environment(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="registry.settings",
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="fault-test-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        CONN_MAX_AGE="60",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def served_app(throwaway_postgres, tmp_path_factory):
    """The app under gunicorn against the throwaway server, with the article loaded.

    One for the whole run: starting it costs a migration and a collectstatic. A test that
    stops the database starts it again before it ends.
    """
    redis_url = SERVED_REDIS_URL if _redis_reachable(SERVED_REDIS_URL) else None
    # A prefix of its own: nothing another run left in the same Redis is ever read.
    cache_prefix = f"claimreg-faults-{os.getpid()}-{throwaway_postgres.port}"
    # Every request comes from one address here; the per-address throttle would refuse them.
    extra = {
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "CACHE_KEY_PREFIX": cache_prefix,
        # Its own static files: collectstatic must not rewrite the folder that the rest of
        # the suite (another pytest worker, say) serves from meanwhile.
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }
    if redis_url:
        extra["REDIS_URL"] = redis_url
    env = app_environment(throwaway_postgres.url, **extra)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_article")
    manage(env, "collectstatic", "--noinput", "-v0")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    port = _free_port()
    command = [str(gunicorn), "registry.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"]
    app = _serve([*command, "--timeout", "30"], env, port, redis_url, cache_prefix)
    try:
        yield app
    finally:
        _stop(app)
        if redis_url:
            import redis

            client = redis.Redis.from_url(redis_url)
            for key in client.scan_iter(f"{cache_prefix}:*"):
                client.delete(key)


@pytest.fixture(scope="session")
def served_by_granian(served_app):
    """The same app and database served as production serves it (registry/serve.py)."""
    port = _free_port()
    env = {**served_app.env, "GRANIAN_PORT": str(port), "GRANIAN_WORKERS": "2"}
    env["GRANIAN_LOG_LEVEL"] = "warning"
    app = _serve(
        [sys.executable, "-m", "registry.serve"],
        env,
        port,
        served_app.redis_url,
        served_app.cache_prefix,
    )
    try:
        yield app
    finally:
        _stop(app)


def _serve(command, env, port, redis_url, cache_prefix) -> ServedApp:
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    app = ServedApp(f"http://127.0.0.1:{port}", process, redis_url, cache_prefix, env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if app.get("/api/v1/verdicts/", timeout=2)[0] == 200:
                return app
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"{command[0]} did not start serving")


def _stop(app: ServedApp) -> None:
    app.process.terminate()
    app.process.wait(timeout=10)
