"""A bounded load test: mixed API and badge traffic against the served app; it must not fail.

    python -m bench.load_test [--seconds 30] [--connections 64] [--port 8131] [--record]
                              [--server granian|gunicorn]
    python -m bench.load_test --url http://127.0.0.1:8000 --seconds 2 --connections 8

Without --url it serves the app itself: production settings, PostgreSQL from DATABASE_URL
(created and migrated if missing), the shipped article loaded, Redis from REDIS_URL when set
(that Redis database is emptied first), served as production serves it (Granian,
registry/serve.py) or with --server gunicorn (registry/gunicorn.conf.py), all on loopback.
Each target gets its share of the connections from its own wrk, all at once, so the server
sees the mix. Prints req/s, p50 and p99 per target, with the failed answers (non-2xx/3xx)
and socket errors; exits 1 on any.
--record writes bench/results/<date>-load.json and bench/results/LOAD.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import services, wrk

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent

# name -> path; {id} is a published claim's public id.
TARGETS = {
    "api_list": "/api/v1/claims/",
    "api_detail": "/api/v1/claims/{id}/",
    "badge_svg": "/badge/{id}.svg",
    "badge_json": "/badge/{id}.json",
}

_SOCKETS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")


@dataclass
class Result:
    target: str
    path: str
    connections: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    failed_answers: int
    socket_errors: dict[str, int]

    @property
    def errors(self) -> int:
        # A read error is how wrk counts gunicorn's sync workers closing a connection after
        # each answer (bench/wrk.py): the answer itself arrived, so it is not a failure.
        counted = ("connect", "write", "timeout")
        return self.failed_answers + sum(self.socket_errors[kind] for kind in counted)


def parse(target: str, path: str, connections: int, output: str) -> Result:
    measured = wrk.parse(output)
    sockets = _SOCKETS.search(output)
    kinds = ("connect", "read", "write", "timeout")
    non_2xx = _NON_2XX.search(output)
    return Result(
        target=target,
        path=path,
        connections=connections,
        requests_per_second=measured.requests_per_second,
        p50_ms=measured.p50_ms,
        p99_ms=measured.p99_ms,
        requests=measured.requests,
        failed_answers=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=dict(zip(kinds, map(int, sockets.groups()), strict=True))
        if sockets
        else dict.fromkeys(kinds, 0),
    )


def _wrk(url: str, connections: int, seconds: int) -> str:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    result = subprocess.run(
        [*command, "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    return result.stdout


def published_id(base: str) -> str:
    with urllib.request.urlopen(base + "/api/v1/claims/?page_size=1", timeout=30) as response:
        results = json.load(response)["results"]
    if not results:
        raise SystemExit("no published claim to ask for: load the article first")
    return results[0]["id"]


def drive(base: str, *, seconds: int, connections: int) -> list[Result]:
    public_id = published_id(base)
    paths = {name: path.format(id=public_id) for name, path in TARGETS.items()}
    for path in paths.values():  # warm the caches, and fail early on a broken target
        status, body, _ = services.probe(base + path)
        if status != 200:
            raise SystemExit(f"{path} answered {status} before the run: {body[:200]!r}")
    share = max(1, connections // len(paths))
    with ThreadPoolExecutor(len(paths)) as pool:
        outputs = {
            name: pool.submit(_wrk, base + path, share, seconds) for name, path in paths.items()
        }
        return [
            parse(name, paths[name], share, future.result()) for name, future in outputs.items()
        ]


def serve_and_drive(args) -> list[Result]:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (it is created if missing)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "registry.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        # All the load comes from one address, which the per-address limits would refuse
        # (DRF's per-user throttle also counts anonymous requests by address).
        "API_THROTTLE_ANON": "100000000/min",
        "API_THROTTLE_USER": "100000000/min",
    }
    _create_database(database_url)
    commands = (["migrate", "--noinput", "-v0"], ["load_article"], ["collectstatic", "--noinput"])
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    log = Path(tempfile.gettempdir()) / f"claimreg-load-{args.server}.log"
    serve = services.granian if args.server == "granian" else services.gunicorn
    with serve(args.port, env, log):
        return drive(
            f"http://127.0.0.1:{args.port}", seconds=args.seconds, connections=args.connections
        )


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def report(results: list[Result], seconds: int) -> str:
    lines = [
        "| target | path | connections | req/s | p50 ms | p99 ms | requests | failed | "
        "socket errors (connect/read/write/timeout) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        sockets = "/".join(str(r.socket_errors[k]) for k in ("connect", "read", "write", "timeout"))
        lines.append(
            f"| {r.target} | `{r.path}` | {r.connections} | {r.requests_per_second:,.0f} | "
            f"{r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.requests:,} | {r.failed_answers} | {sockets} |"
        )
    total = sum(r.requests_per_second for r in results)
    lines.append(f"\n{seconds} s, all targets at once: {total:,.0f} req/s in total.")
    return "\n".join(lines)


SERVERS = {
    "granian": "Granian (python -m registry.serve)",
    "gunicorn": "gunicorn (registry/gunicorn.conf.py)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="drive an app that is already serving here")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    parser.add_argument("--record", action="store_true", help="write bench/results/")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    if args.url:
        results = drive(args.url.rstrip("/"), seconds=args.seconds, connections=args.connections)
    else:
        results = serve_and_drive(args)
    text = report(results, args.seconds)
    errors = sum(r.errors for r in results)
    print(json.dumps([r.__dict__ for r in results]) if args.json else text)
    if args.record:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
        data = {"when": stamp, "seconds": args.seconds, "connections": args.connections}
        data["machine"] = {"cpus": os.cpu_count()}
        data["results"] = [r.__dict__ for r in results]
        (RESULTS / f"{stamp}-load.json").write_text(json.dumps(data, indent=2) + "\n")
        (RESULTS / "LOAD.md").write_text(
            f"# Load test, {stamp} UTC\n\n`python -m bench.load_test --record`: "
            f"{SERVERS[args.server]}, {os.cpu_count()} CPUs, PostgreSQL, Redis, the "
            f"shipped article, wrk on loopback.\n\n{text}\n\nErrors: {errors}.\n"
        )
    if errors or any(r.requests == 0 for r in results):
        print(f"FAILED: {errors} errors", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
