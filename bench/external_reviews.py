"""Importing a million other fact-checkers' reviews, and asking "checked before?" over them.

    python -m bench.external_reviews --reviews 1000000 [--keep-feed]

Needs PostgreSQL (DATABASE_URL, a database of its own: the run empties its imported reviews).
It writes a generated DataFeed of N ClaimReview (seeded: Chinese and English claims about
figures, years and places, 1 in 200 records broken on purpose), imports it with
`manage.py import_claimreview` in this process and reports the time and the peak resident
memory (the import also writes the search index of the reviews' wording, EXTERNAL_REVIEW_INDEX;
with --skip-import the index is built anew and timed), then loads the shipped article and
times "checked before?" (the configured matcher, our published claims and every imported
review) for each of its claims and for sentences with figures: p50, p95 and the slowest, in
milliseconds; then the same with the index turned off (wording through pg_trgm).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path

import django

SEED = 20261207
BROKEN_EVERY = 200
SUBJECTS = [
    ("graduates", "應屆畢業生", "persons"),
    ("foreign workers", "外籍勞工", "persons"),
    ("international students", "外國留學生", "persons"),
    ("new immigrants", "新移民", "persons"),
    ("AI jobs left unfilled", "人工智能人才缺口", "persons"),
    ("fiscal subsidies in yuan", "財政補貼(元)", "CNY"),
]
PLACES = [
    ("China", "中國"),
    ("Hong Kong", "香港"),
    ("Taiwan", "台灣"),
    ("Shanghai", "上海"),
    ("India", "印度"),
    ("the US", "美國"),
]
RATINGS = ["False", "Mostly false", "Half true", "True", "Missing context", "錯誤", "部分錯誤"]
RATINGS += ["正確", "Four Pinocchios"]
PERCENT_SUBJECTS = [("youth unemployment", "青年失業率"), ("the share of foreigners", "外國人佔比")]


def review(index: int, rng: random.Random) -> dict:
    year = rng.randint(2005, 2025)
    place_en, place_zh = rng.choice(PLACES)
    chinese = rng.random() < 0.5
    if rng.random() < 0.25:
        subject_en, subject_zh = rng.choice(PERCENT_SUBJECTS)
        value = f"{rng.randint(1, 600) / 10:g}"
        text = (
            f"{year}年{place_zh}{subject_zh}達{value}%"
            if chinese
            else f"In {year}, {subject_en} in {place_en} reached {value}%."
        )
    else:
        subject_en, subject_zh, _unit = rng.choice(SUBJECTS)
        digits = rng.randint(2, 4)
        mantissa = rng.randint(10 ** (digits - 1), 10**digits - 1)
        wan = mantissa * 10 ** rng.randint(0, 2)  # in 萬 (ten thousands)
        text = (
            f"{year}年{place_zh}{subject_zh}人數達{wan}萬"
            if chinese
            else f"{place_en} had {wan / 100:g} million {subject_en} in {year}."
        )
    data = {
        "@type": "ClaimReview",
        "url": f"https://factcheck{index % 50}.example/reviews/{index}",
        "claimReviewed": text,
        "author": {"@type": "Organization", "name": f"Fact-checker {index % 50}"},
        "datePublished": f"{year + 1}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "reviewRating": {"@type": "Rating", "alternateName": rng.choice(RATINGS)},
        "itemReviewed": {"@type": "Claim", "author": {"name": f"Speaker {index % 997}"}},
        "inLanguage": "zh-Hant" if chinese else "en",
    }
    if index % BROKEN_EVERY == BROKEN_EVERY - 1:
        data["datePublished"] = "sometime"  # refused, by position, and the import goes on
    return data


def write_feed(path: Path, count: int) -> None:
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8") as feed:
        feed.write('{"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [')
        for index in range(count):
            if index:
                feed.write(",\n")
            element = {"@type": "DataFeedItem", "item": [review(index, rng)]}
            feed.write(json.dumps(element, ensure_ascii=False))
        feed.write("]}\n")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def time_import(path: Path) -> dict:
    from django.core.management import call_command

    from elsewhere.models import ExternalReview

    ExternalReview.objects.all().delete()
    before = peak_rss_mb()
    started = time.perf_counter()
    out, err = StringIO(), StringIO()
    call_command("import_claimreview", str(path), "--no-progress", stdout=out, stderr=err)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 1),
        "per_second": round(ExternalReview.objects.count() / seconds),
        "peak_rss_mb_before": round(before),
        "peak_rss_mb": round(peak_rss_mb()),
        "summary": out.getvalue().strip(),
        "skipped_lines": err.getvalue().count("skipped"),
    }


def time_index_build() -> dict:
    """`manage.py index_external_reviews`: the search index of the reviews' wording, anew."""
    from django.core.management import call_command

    started = time.perf_counter()
    out = StringIO()
    call_command("index_external_reviews", "--no-progress", stdout=out)
    return {"seconds": round(time.perf_counter() - started, 1), "summary": out.getvalue().strip()}


def time_checked_before(rounds: int) -> dict:
    from django.core.management import call_command

    from claims.models import Claim
    from elsewhere.matching import get_matcher
    from elsewhere.retrieval import claim_probe, text_probe

    if not Claim.objects.filter(slug="grads-1158-2025").exists():
        call_command("load_article", stdout=StringIO())
    claims = Claim.objects.published().select_related("verdict")
    probes = [claim_probe(claim) for claim in claims]
    probes += [text_probe(claim.restatement) for claim in claims]
    matcher = get_matcher()
    timings: dict[str, list[float]] = {"with a figure": [], "without a figure": []}
    found = 0
    for _ in range(rounds):
        for probe in probes:
            started = time.perf_counter()
            matches = matcher.find(probe, claims=claims, limit=10)
            elapsed = (time.perf_counter() - started) * 1000
            kind = "with a figure" if probe.fingerprint.main else "without a figure"
            timings[kind].append(elapsed)
            found += sum(match.external for match in matches)
    every = sorted(timings["with a figure"] + timings["without a figure"])
    return {
        "all": _spread(every),
        **{kind: _spread(sorted(values)) for kind, values in timings.items()},
        "external_matches_listed": found,
    }


def _spread(timings: list[float]) -> dict:
    if not timings:
        return {"probes": 0}
    return {
        "probes": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95)], 1),
        "max_ms": round(timings[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--feed", type=Path, help="Use (or keep) the feed at this path.")
    parser.add_argument("--skip-import", action="store_true", help="Query what is loaded.")

    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("The benchmark runs on PostgreSQL: set DATABASE_URL.")
    results: dict = {"reviews": args.reviews}
    if not args.skip_import:
        feed = args.feed or Path(tempfile.mkdtemp()) / "feed.json"
        if not feed.exists():
            started = time.perf_counter()
            write_feed(feed, args.reviews)
            results["feed_seconds"] = round(time.perf_counter() - started, 1)
        results["feed_mb"] = round(feed.stat().st_size / 1024 / 1024)
        results["import"] = time_import(feed)
        if not args.feed:
            feed.unlink()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE elsewhere_externalreview")
    from django.conf import settings

    index = settings.EXTERNAL_REVIEW_INDEX
    if index:
        if args.skip_import:  # an import writes the index as it commits; else build it
            results["index_build"] = time_index_build()
        results["checked_before"] = time_checked_before(args.rounds)
    # The same questions with the index off: wording through pg_trgm, as without one.
    settings.EXTERNAL_REVIEW_INDEX = ""
    results["checked_before_without_index"] = time_checked_before(args.rounds)
    settings.EXTERNAL_REVIEW_INDEX = index
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
