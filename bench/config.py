"""What the benchmark measures, in one place: the targets, their URLs and the ratios.

A URL may use `{public_id}` (a published claim) and `{deep_cursor}` (a cursor 90% of the way
through the public list); bench/run.py fills them in from the database under test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

PORT_GUNICORN = int(os.environ.get("BENCH_PORT_GUNICORN", "8105"))
PORT_NGINX = int(os.environ.get("BENCH_PORT_NGINX", "8106"))
PORT_DATASETTE = int(os.environ.get("BENCH_PORT_DATASETTE", "8107"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimreg_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")

# wrk settings: the reference figures were taken with -t2 -c32 on loopback.
THREADS = 2
CONNECTIONS = 32
DURATION_SECONDS = 10
WARMUP_SECONDS = 3
WARMUP_REQUESTS = 50
# Scale targets are also measured from one connection, for their latency alone.
SINGLE_CLIENT_SECONDS = 5

# The fields the API's cursor pagination may order by, most likely first. The run reads the
# first page's `next` link and picks the one whose value matches, to build a deep cursor.
CURSOR_ORDERINGS = ["id", "-published_at", "-updated_at", "-id", "-created_at", "public_id"]
DATASETTE_TABLE = "claims"


@dataclass(frozen=True)
class Target:
    name: str
    # "django": the app as production serves it (Granian, registry/serve.py); "gunicorn": the
    # same app under registry/gunicorn.conf.py, to compare; "nginx" or "datasette".
    server: str
    path: str
    cached: bool = True  # False: measured on an app server whose cache is switched off
    scale: bool = False  # part of the cost-growth table (10k versus 1M claims)
    label: str = ""


API_LIST = "/api/v1/claims/?page_size=50"
# Cursor paging (`cursor=` empty to start): how a client syncs the registry, with no count.
API_CURSOR = API_LIST + "&cursor="


def database_url(size: int) -> str:
    """The database for a run of `size` claims: BENCH_DATABASE_URL_<size>, else the default.

    Keeping one database per size lets `--reuse` skip regenerating a million claims.
    """
    return os.environ.get(f"BENCH_DATABASE_URL_{size}", DATABASE_URL)


TARGETS = [
    Target("nginx_static", "nginx", "/badge.svg", label="nginx: the badge bytes as a file"),
    Target(
        "datasette_nosuggest",
        "datasette",
        f"/db/{DATASETTE_TABLE}.json?_size=50&_nosuggest=1",
        label="Datasette, _size=50&_nosuggest=1",
    ),
    Target(
        "datasette_default",
        "datasette",
        f"/db/{DATASETTE_TABLE}.json?_size=50",
        label="Datasette, _size=50 (its defaults)",
    ),
    Target("bare_view", "django", "/bench/bare.svg", label="bare Django view, same bytes"),
    Target("badge_svg", "django", "/badge/{public_id}.svg", label="badge SVG"),
    Target("badge_json", "django", "/badge/{public_id}.json", label="badge JSON"),
    Target("list_cached", "django", API_LIST, label="claim list, 50 (public-read cache)"),
    Target("bare_view_gunicorn", "gunicorn", "/bench/bare.svg", label="bare view, under gunicorn"),
    Target(
        "badge_svg_gunicorn",
        "gunicorn",
        "/badge/{public_id}.svg",
        label="badge SVG, under gunicorn",
    ),
    Target(
        "list_cached_gunicorn",
        "gunicorn",
        API_LIST,
        label="claim list, 50 (public-read cache), under gunicorn",
    ),
    Target("detail", "django", "/api/v1/claims/{public_id}/", label="claim detail (API)"),
    Target("claim_page", "django", "/claims/{public_id}/", label="claim page (HTML)"),
    Target("admin_login", "django", "/admin/login/", label="admin login page (HTML)"),
    Target(
        "plain_list",
        "django",
        "/bench/plain-list.json",
        cached=False,
        label="plain DRF list of 50, no cache (baseline)",
    ),
    Target(
        "list",
        "django",
        API_LIST,
        cached=False,
        scale=True,
        label="claim list, 50, no cache (page numbers, with count)",
    ),
    Target(
        "list_cursor",
        "django",
        API_CURSOR,
        cached=False,
        scale=True,
        label="claim list, first cursor page",
    ),
    Target(
        "list_deep",
        "django",
        API_LIST + "&cursor={deep_cursor}",
        cached=False,
        scale=True,
        label="claim list, deep cursor page",
    ),
    Target(
        "filter",
        "django",
        API_CURSOR + "&verdict=accurate",
        cached=False,
        scale=True,
        label="filtered list (verdict=accurate, cursor)",
    ),
    Target(
        "search",
        "django",
        API_CURSOR + "&search=%E5%A4%B1%E6%A5%AD%E7%8E%87",
        cached=False,
        scale=True,
        label="search (失業率, cursor)",
    ),
    Target(
        "search_en",
        "django",
        API_CURSOR + "&search=unemployment",
        cached=False,
        scale=True,
        label="search (unemployment, cursor)",
    ),
]

# (name, numerator, denominator, target): the ratios the issue asks for, printed every run.
RATIOS = [
    ("badge vs nginx static", "badge_svg", "nginx_static", 0.1),
    ("bare view vs nginx static (for scale)", "bare_view", "nginx_static", None),
    ("badge under gunicorn vs nginx static", "badge_svg_gunicorn", "nginx_static", None),
    ("claim list vs Datasette _nosuggest", "list", "datasette_nosuggest", 2.0),
    ("claim list vs Datasette default", "list", "datasette_default", None),
    ("cached list vs Datasette _nosuggest", "list_cached", "datasette_nosuggest", 10.0),
    (
        "cached list under gunicorn vs Datasette _nosuggest",
        "list_cached_gunicorn",
        "datasette_nosuggest",
        None,
    ),
    (
        "plain DRF list (baseline) vs Datasette _nosuggest",
        "plain_list",
        "datasette_nosuggest",
        None,
    ),
]

# The targets for the scale section: p50 under 50 ms at a million claims (checked
# on the single-client p50, the latency of one request, and shown for the p50 under load).
SCALE_P50_LIMIT_MS = 50.0

# Gunicorn configurations compared by `python -m bench.run --gunicorn-matrix`.
GUNICORN_MATRIX = [
    {"GUNICORN_WORKER_CLASS": "sync", "GUNICORN_WORKERS": "2"},
    {"GUNICORN_WORKER_CLASS": "sync", "GUNICORN_WORKERS": "4"},
    {"GUNICORN_WORKER_CLASS": "gthread", "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "4"},
    {"GUNICORN_WORKER_CLASS": "gthread", "GUNICORN_WORKERS": "4", "GUNICORN_THREADS": "2"},
    {"GUNICORN_WORKER_CLASS": "gthread", "GUNICORN_WORKERS": "4", "GUNICORN_THREADS": "4"},
]
GUNICORN_MATRIX_TARGETS = ["bare_view", "badge_svg", "plain_list"]
