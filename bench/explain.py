"""Print PostgreSQL's EXPLAIN ANALYZE for the list, deep cursor, filter and search queries.

    python -m bench.explain [--ordering -published_at] [--candidates] [--keep]

The queries have the shape the public API runs (public claims, verdict and article joined,
50 per page, newest first). With --candidates the candidate indexes below are created, the
plans shown again, and the indexes dropped (unless --keep), so an index is added to the
models only when the plan and the timing show it earns its place.
"""

from __future__ import annotations

import argparse
import os
import time

import django

SEARCH_TERM = "失業率"
PAGE = 50

# name -> DDL. Partial on public rows: drafts are never listed publicly.
CANDIDATE_INDEXES = {
    "claim_public_published": (
        "CREATE INDEX IF NOT EXISTS claim_public_published ON claims_claim "
        "(published_at DESC, id DESC) WHERE status IN ('published', 'withdrawn')"
    ),
    "claim_public_verdict_published": (
        "CREATE INDEX IF NOT EXISTS claim_public_verdict_published ON claims_claim "
        "(verdict_id, published_at DESC, id DESC) WHERE status IN ('published', 'withdrawn')"
    ),
    "claim_quote_trgm": (
        "CREATE INDEX IF NOT EXISTS claim_quote_trgm ON claims_claim "
        "USING gin (UPPER(quote) gin_trgm_ops)"
    ),
    "claim_restatement_trgm": (
        "CREATE INDEX IF NOT EXISTS claim_restatement_trgm ON claims_claim "
        "USING gin (UPPER(restatement) gin_trgm_ops)"
    ),
}


def queries(ordering: str) -> dict:
    from django.db.models import Q

    from claims.models import Claim

    field = ordering.lstrip("-")
    public = (
        Claim.objects.public()
        .select_related("verdict", "article", "article__outlet")
        .order_by(ordering, "-id" if ordering.startswith("-") else "id")
    )
    count = public.count()
    deep_value = public.values_list(field, flat=True)[int(count * 0.9)]
    before = f"{field}__lt" if ordering.startswith("-") else f"{field}__gt"
    return {
        "list, first page": public[:PAGE],
        f"list, deep cursor page ({field} past 90%)": public.filter(**{before: deep_value})[:PAGE],
        "filter verdict=accurate": public.filter(verdict__code="accurate")[:PAGE],
        f"search {SEARCH_TERM}": public.filter(
            Q(quote__icontains=SEARCH_TERM) | Q(restatement__icontains=SEARCH_TERM)
        )[:PAGE],
    }


def explain_all(ordering: str) -> dict[str, float]:
    from django.db import connection

    timings = {}
    for name, queryset in queries(ordering).items():
        plan = queryset.explain(analyze=True, buffers=True)
        started = time.perf_counter()
        list(queryset)
        timings[name] = (time.perf_counter() - started) * 1000
        print(f"\n### {name}  ({timings[name]:.1f} ms from Django)\n")
        print(connection.ops.compose_sql(*queryset.query.sql_with_params()))
        print()
        print(plan)
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ordering", default="-published_at")
    parser.add_argument("--candidates", action="store_true", help="also try candidate indexes")
    parser.add_argument("--keep", action="store_true", help="keep the candidate indexes")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    django.setup()
    from django.db import connection

    from claims.models import Claim

    if connection.vendor != "postgresql":
        raise SystemExit("EXPLAIN ANALYZE is shown for PostgreSQL only: set DATABASE_URL.")
    print(f"# {Claim.objects.count():,} claims, {Claim.objects.public().count():,} public")
    print("\n## Plans with the indexes in the migrations")
    before = explain_all(args.ordering)
    if not args.candidates:
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for ddl in CANDIDATE_INDEXES.values():
            cursor.execute(ddl)
        cursor.execute("ANALYZE claims_claim")
    print("\n## Plans with the candidate indexes: " + ", ".join(CANDIDATE_INDEXES))
    after = explain_all(args.ordering)
    print("\n## Summary (ms, one run each, from Django)\n")
    print("| query | without | with candidates |\n| --- | ---: | ---: |")
    for name in before:
        print(f"| {name} | {before[name]:.1f} | {after[name]:.1f} |")
    if not args.keep:
        with connection.cursor() as cursor:
            for name in CANDIDATE_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


if __name__ == "__main__":
    main()
