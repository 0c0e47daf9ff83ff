"""The servers a run starts on loopback: the app (Granian, and gunicorn to compare), nginx and
Datasette, each a child process."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETTE = ROOT / "bench" / ".venv" / "bin" / "datasette"


def missing_tools() -> list[str]:
    """What must be installed first, each with the command that installs it."""
    missing = []
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            missing.append(f"{tool}: apt-get install {tool}")
    if not DATASETTE.exists():
        missing.append(
            "datasette: python3.11 -m venv bench/.venv && "
            "bench/.venv/bin/pip install -r bench/requirements.txt"
        )
    return missing


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        if _listening(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} after {seconds} s")


def wait_for_free_port(port: int, seconds: float = 10) -> None:
    """A server left listening (a run stopped half-way) would be measured in place of ours."""
    deadline = time.monotonic() + seconds
    while _listening(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"port {port} is already in use: stop what listens there first")
        time.sleep(0.1)


def probe(url: str) -> tuple[int, bytes, dict]:
    """One GET: the status, body and headers, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@contextmanager
def running(command: list[str], port: int, env: dict | None = None, log: Path | None = None):
    wait_for_free_port(port)
    handle = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        stdout=handle,
        stderr=handle,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process)
        yield process
    finally:
        # The whole session: `python -m deploy.nginx` runs nginx as its child, which a signal
        # to the Python process alone would leave listening.
        if process.poll() is None:
            _signal_session(process, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        _signal_session(process, signal.SIGTERM)
        if log:
            handle.close()


def _signal_session(process: subprocess.Popen, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signum)  # started with start_new_session: its own group


def granian(port: int, env: dict, log: Path):
    """The app as production serves it: `python -m registry.serve` (registry/serve.py)."""
    command = [sys.executable, "-m", "registry.serve"]
    env = {**env, "GRANIAN_HOST": "127.0.0.1", "GRANIAN_PORT": str(port)}
    env.setdefault("GRANIAN_LOG_LEVEL", "warning")
    return running(command, port, env=env, log=log)


def gunicorn(port: int, env: dict, log: Path):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "-c",
        str(ROOT / "registry" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "registry.wsgi",
    ]
    return running(command, port, env=env, log=log)


NGINX_CONF = """\
daemon off;
master_process on;
worker_processes auto;
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 4096; }}
http {{
    types {{ image/svg+xml svg; }}
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    open_file_cache max=64;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {prefix}/www;
        location / {{ }}
    }}
}}
"""


def nginx(port: int, prefix: Path, svg: bytes, log: Path):
    """nginx in the foreground, serving `svg` as /badge.svg from a throwaway prefix."""
    (prefix / "www").mkdir(parents=True, exist_ok=True)
    (prefix / "www" / "badge.svg").write_bytes(svg)
    (prefix / "nginx.conf").write_text(NGINX_CONF.format(prefix=prefix, port=port))
    # nginx's workers run as an unprivileged user: they must be able to read the file.
    for path in (prefix.parent, prefix, prefix / "www", prefix / "www" / "badge.svg"):
        path.chmod(0o755)
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"]
    return running(command, port, log=log)


def datasette(port: int, database: Path, log: Path):
    command = [
        str(DATASETTE),
        "serve",
        "--immutable",
        str(database),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    return running(command, port, log=log)


EXPORT_COLUMNS = [
    "public_id", "quote", "quote_language", "restatement", "claimant", "kind", "value",
    "comparator", "unit", "period", "place", "status", "verdict", "verdict_label",
    "article_title", "published_at", "updated_at",
]  # fmt: skip


def export_public_claims(target: Path, table: str) -> int:
    """Copy the rows the public list shows into a SQLite file for Datasette; returns the count."""
    from claims.models import Claim

    target.unlink(missing_ok=True)
    rows = (
        Claim.objects.public()
        .order_by("-published_at", "-id")
        .values_list(
            "public_id",
            "quote",
            "quote_language",
            "restatement",
            "claimant",
            "kind",
            "value",
            "comparator",
            "unit",
            "period",
            "place",
            "status",
            "verdict__code",
            "verdict__label_en",
            "article__title",
            "published_at",
            "updated_at",
        )  # fmt: skip
        .iterator(chunk_size=5000)
    )
    database = sqlite3.connect(target)
    columns = ", ".join(f"{name} TEXT" for name in EXPORT_COLUMNS)
    database.execute(f"CREATE TABLE {table} ({columns})")
    insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(EXPORT_COLUMNS))})"  # noqa: S608
    count, batch = 0, []
    for row in rows:
        batch.append(tuple(None if value is None else str(value) for value in row))
        if len(batch) == 5000:
            database.executemany(insert, batch)
            count, batch = count + len(batch), []
    database.executemany(insert, batch)
    count += len(batch)
    database.commit()
    database.close()
    print(f"exported {count:,} public claims for Datasette", file=sys.stderr)
    return count
