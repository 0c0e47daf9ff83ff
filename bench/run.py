"""Run the benchmark: `make bench` (10,000 claims) or `make bench-scale` (10,000 then 1,000,000).

    python -m bench.run [--sizes 10000,1000000] [--duration 10] [--only badge_svg,list]
                        [--reuse] [--gunicorn-matrix]

Starts the app as production serves it (Granian, registry/serve.py) with production
settings on PostgreSQL, and the same app under gunicorn for comparison, nginx with the
badge bytes as a static file and Datasette on a SQLite copy of the public claims, all on
loopback; drives
each target with wrk; prints req/s, p50 and p99 and the ratios the issue asks for; writes
bench/results/<date>.json and bench/results/LATEST.md. A target the application does not
serve yet (404) is reported as not available.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

import django

from bench import config, report, services, wrk

RESULTS = Path(__file__).resolve().parent / "results"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
    # wrk is one client, refused after 120 (anonymous) or 600 (per address) requests a
    # minute: the per-client limits are off (in production they cost a cache read and write
    # per API request).
    "API_THROTTLE_ANON": "off",
    "API_THROTTLE_USER": "off",
}


def prepare_database(url: str) -> None:
    """Create the benchmark database if it is missing, then migrate it."""
    import psycopg

    name = urllib.parse.urlparse(url).path.lstrip("/")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    # Production settings serve static files from the collected, hashed copies: without
    # them every page that links a stylesheet (the claim page, the admin) answers 500.
    call_command("collectstatic", interactive=False, verbosity=0)


def redis_available(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def flush_cache(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def sample_public_id() -> str:
    from claims.models import Claim

    return Claim.objects.published().order_by("id").values_list("public_id", flat=True).first()


def deep_cursor(base: str) -> str | None:
    """A cursor 90% of the way through the list, in the API's own cursor format.

    DRF's cursor is base64 of `p=<position>`, the value of the first ordering field. The
    first page's `next` link tells which field that is.
    """
    status, body, _ = services.probe(base + config.API_CURSOR)
    if status != 200:
        return None
    try:
        next_url = json.loads(body).get("next") or ""
        cursor = urllib.parse.parse_qs(urllib.parse.urlparse(next_url).query).get("cursor")
        if not cursor:
            return None
        tokens = urllib.parse.parse_qs(base64.b64decode(cursor[0]).decode("ascii"))
        return _cursor_at_depth(tokens.get("p", [None])[0])
    except (ValueError, AttributeError, IndexError):
        # Not DRF's cursor format: the target is reported as not available.
        return None


def _cursor_at_depth(position: str | None) -> str | None:
    from claims.models import Claim

    for queryset in (Claim.objects.public(), Claim.objects.published()):
        for ordering in config.CURSOR_ORDERINGS:
            field = ordering.lstrip("-")
            values = queryset.order_by(ordering).values_list(field, flat=True)
            if str(values[49]) != position:
                continue
            deep = values[int(queryset.count() * 0.9)]
            encoded = base64.b64encode(urllib.parse.urlencode({"p": str(deep)}).encode("ascii"))
            return urllib.parse.quote(encoded.decode("ascii"), safe="")
    return None


def warm_up(url: str) -> None:
    """A few requests one at a time: fills caches and connection pools.

    Not a short wrk run: a slow server would still be working off its queue when the
    measured run starts.
    """
    deadline = time.monotonic() + config.WARMUP_SECONDS
    for _ in range(config.WARMUP_REQUESTS):
        services.probe(url)
        if time.monotonic() > deadline:
            break
    # Then one second on four connections, so that every worker has served the target (one
    # at a time, the first worker alone would); at most four requests are left queued.
    wrk.run(url, threads=1, connections=4, seconds=1)


def measure(target: config.Target, url: str, seconds: int) -> dict:
    try:
        status, _, headers = services.probe(url)
    except OSError as error:
        return {"status": f"no answer ({error})"}
    if status == 404:
        return {"status": "not available", "http_status": status}
    if not 200 <= status < 300:
        return {"status": f"answers {status}", "http_status": status}
    warm_up(url)
    result = wrk.run(
        url, threads=config.THREADS, connections=config.CONNECTIONS, seconds=seconds
    ).as_dict()
    result["status"] = "measured" if result["requests"] else "no answer within 10 s"
    result["content_type"] = headers.get("Content-Type", "")
    if target.scale and result["requests"]:
        # One client, one request at a time: what a request costs without the queue that
        # 32 connections build in front of a CPU-bound server.
        alone = wrk.run(url, threads=1, connections=1, seconds=config.SINGLE_CLIENT_SECONDS)
        result["single_client"] = alone.as_dict()
    return result


def use_database(url: str) -> None:
    """Point this process and the servers it starts at `url`, creating and migrating it."""
    from django.db import connections

    os.environ["DATABASE_URL"] = url
    import dj_database_url

    connections["default"].close()
    parsed = dj_database_url.parse(url)
    for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
        connections["default"].settings_dict[key] = parsed[key]
    prepare_database(url)


def run_size(size: int, args, workdir: Path) -> dict:
    from bench.generate import generate
    from claims.models import Claim

    use_database(config.database_url(size))
    if not (args.reuse and Claim.objects.count() == size):
        generate(size, seed=args.seed, replace=True, out=sys.stderr)
    public_id = sample_public_id()
    wanted = [t for t in config.TARGETS if not args.only or t.name in args.only]
    sqlite_path = workdir / "db.db"
    if any(t.server == "datasette" for t in wanted):
        services.export_public_claims(sqlite_path, config.DATASETTE_TABLE)
    svg_path = workdir / "badge.svg"
    svg_path.write_bytes((Path(__file__).with_name("badge_reference.svg")).read_bytes())
    base = f"http://127.0.0.1:{config.PORT_GUNICORN}"
    use_redis = redis_available(config.REDIS_URL)
    cached_env = {"BENCH_SVG": str(svg_path), "BENCH_CACHE": "true"}
    if use_redis:
        cached_env["REDIS_URL"] = config.REDIS_URL
        flush_cache(config.REDIS_URL)
    log = workdir / "servers.log"
    results: dict = {}

    # The badge bytes nginx serves must be the application's own, when it has a badge.
    with services.granian(config.PORT_GUNICORN, cached_env, log):
        status, body, _ = services.probe(f"{base}/badge/{public_id}.svg")
        if status == 200:
            svg_path.write_bytes(body)
    fills = {"public_id": public_id}
    print(f"\n== {size:,} claims; badge bytes: {svg_path.stat().st_size} B", file=sys.stderr)

    def run_targets(server: str, origin: str, cached: bool | None = None):
        for target in wanted:
            if target.server != server or (cached is not None and target.cached != cached):
                continue
            if "{deep_cursor}" in target.path and "deep_cursor" not in fills:
                results[target.name] = {"status": "not available", "why": "no cursor paging"}
                continue
            url = origin + target.path.format(**fills)
            results[target.name] = measure(target, url, args.duration)
            print(report.line(target, results[target.name]), file=sys.stderr)

    with services.nginx(config.PORT_NGINX, workdir / "nginx", svg_path.read_bytes(), log):
        run_targets("nginx", f"http://127.0.0.1:{config.PORT_NGINX}")
    if sqlite_path.exists():
        with services.datasette(config.PORT_DATASETTE, sqlite_path, log):
            run_targets("datasette", f"http://127.0.0.1:{config.PORT_DATASETTE}")
    with services.granian(config.PORT_GUNICORN, cached_env, log):
        run_targets("django", base, cached=True)
    if use_redis:
        flush_cache(config.REDIS_URL)
    with services.gunicorn(config.PORT_GUNICORN, cached_env, log):
        run_targets("gunicorn", base)
    with services.granian(config.PORT_GUNICORN, {**cached_env, "BENCH_CACHE": "false"}, log):
        cursor = deep_cursor(base)
        if cursor:
            fills["deep_cursor"] = cursor
        run_targets("django", base, cached=False)
    return {
        "claims": size,
        "public_id": public_id,
        "badge_bytes": svg_path.stat().st_size,
        "cache": "redis" if use_redis else "local memory",
        "targets": results,
    }


def run_gunicorn_matrix(args, workdir: Path) -> list[dict]:
    """The same views under each gunicorn configuration of config.GUNICORN_MATRIX.

    The cache is on (the badge needs it); `plain_list` uses none anyway.
    """
    svg_path = workdir / "badge.svg"
    svg_path.write_bytes((Path(__file__).with_name("badge_reference.svg")).read_bytes())
    rows = []
    base = f"http://127.0.0.1:{config.PORT_GUNICORN}"
    paths = {t.name: t for t in config.TARGETS}
    fills = {"public_id": sample_public_id()}
    cache_env = {"BENCH_CACHE": "true"}
    if redis_available(config.REDIS_URL):
        cache_env["REDIS_URL"] = config.REDIS_URL
    for variant in config.GUNICORN_MATRIX:
        env = {"BENCH_SVG": str(svg_path), **cache_env, **variant}
        with services.gunicorn(config.PORT_GUNICORN, env, workdir / "servers.log"):
            for name in config.GUNICORN_MATRIX_TARGETS:
                url = base + paths[name].path.format(**fills)
                result = measure(paths[name], url, args.duration)
                rows.append({"variant": variant, "target": name, **result})
                print(report.matrix_line(rows[-1]), file=sys.stderr)
    return rows


def machine() -> dict:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "commit": commit,
        # Other work on the machine skews every figure: the note shows how busy it was.
        "load_average_at_start": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated claim counts")
    parser.add_argument("--duration", type=int, default=config.DURATION_SECONDS)
    parser.add_argument("--only", default="", help="comma-separated target names")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep data of the right size")
    parser.add_argument("--gunicorn-matrix", action="store_true")
    args = parser.parse_args(argv)
    args.only = {name for name in args.only.split(",") if name}
    missing = services.missing_tools()
    if missing:
        print("Install first:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 2
    os.environ.update(PRODUCTION_ENV)
    os.environ["DATABASE_URL"] = config.DATABASE_URL
    django.setup()
    started = datetime.now(UTC)
    outcome = {"started": started.isoformat(), "machine": machine(), "wrk": {
        "threads": config.THREADS, "connections": config.CONNECTIONS,
        "duration_seconds": args.duration,
    }}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="claimreg-bench-") as tmp:
        workdir = Path(tmp)
        if args.gunicorn_matrix:
            use_database(config.DATABASE_URL)
            outcome["gunicorn_matrix"] = run_gunicorn_matrix(args, workdir)
        else:
            sizes = [int(size) for size in args.sizes.split(",")]
            outcome["runs"] = [run_size(size, args, workdir) for size in sizes]
    markdown = report.markdown(outcome)
    print("\n" + markdown)
    RESULTS.mkdir(exist_ok=True)
    stamp = started.strftime("%Y-%m-%d-%H%M")
    if args.gunicorn_matrix:
        stamp += "-gunicorn"
    elif args.only:
        stamp += "-partial"
    else:
        (RESULTS / "LATEST.md").write_text(markdown)
    (RESULTS / f"{stamp}.json").write_text(json.dumps(outcome, indent=2, ensure_ascii=False))
    print(f"written: bench/results/{stamp}.json (and LATEST.md for a full run)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
