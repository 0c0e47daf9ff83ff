"""Fill the database with N synthetic but realistic claims, fast and reproducibly.

    python -m bench.generate --claims 10000 [--seed 7] [--replace]

Rows are built as plain tuples and written with COPY on PostgreSQL (executemany on SQLite):
the per-row ORM (signals, history, validation) would take hours at a million claims. The
proportions follow a working desk: most claims published, some in draft or review, a few
withdrawn; 1-3 pieces of evidence each; a correction-log entry for every publication and
for some verdict changes. Quotes are mostly Traditional Chinese, some English.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import django

from bench import vocabulary as words
from bench.bulk import clear, reset_sequences, skip_foreign_key_checks, write_rows

CLAIMS_PER_ARTICLE = 8
CLAIMS_PER_SOURCE = 5
STATUS_WEIGHTS = {"published": 85, "withdrawn": 3, "review": 4, "draft": 8}
VERDICT_WEIGHTS = {
    "accurate": 30,
    "mostly-accurate": 25,
    "misleading": 20,
    "inaccurate": 15,
    "unverifiable": 10,
}
ENGLISH_SHARE = 0.3
CORRECTED_SHARE = 0.08
EPOCH = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 3 * 365 * 24 * 3600


def unique_public_ids(rng: random.Random, count: int) -> list[str]:
    """`count` distinct ids in the alphabet and length of `claims.models.claim.new_public_id`."""
    from claims.models.claim import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH

    seen: set[str] = set()
    ids: list[str] = []
    while len(ids) < count:
        candidate = "".join(rng.choices(PUBLIC_ID_ALPHABET, k=PUBLIC_ID_LENGTH))
        if candidate not in seen:
            seen.add(candidate)
            ids.append(candidate)
    return ids


def _moment(rng: random.Random) -> datetime:
    return EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS))


def _value(rng: random.Random, low: float, high: float, unit: str) -> Decimal:
    raw = rng.uniform(low, high)
    if unit in ("percent",):
        return Decimal(f"{raw:.1f}")
    return Decimal(int(raw))


class Generator:
    def __init__(self, claims: int, seed: int, verdict_ids: dict[str, int]):
        self.claims = claims
        self.rng = random.Random(seed)
        self.verdict_ids = verdict_ids
        self.articles = max(1, claims // CLAIMS_PER_ARTICLE)
        self.sources = max(3, claims // CLAIMS_PER_SOURCE)
        self.publishers = len(words.OUTLETS) + len(words.SOURCE_PUBLISHERS)

    def publishers_rows(self) -> Iterator[tuple]:
        for pk, (name, slug) in enumerate(words.OUTLETS + words.SOURCE_PUBLISHERS, start=1):
            yield (pk, slug, name, f"https://{slug}.example.org/", "")

    def sources_rows(self) -> Iterator[tuple]:
        rng, first_source_publisher = self.rng, len(words.OUTLETS) + 1
        kinds = ["official_statistics", "government_document", "report", "dataset", "news_report"]
        for pk in range(1, self.sources + 1):
            topic = rng.choice(words.TOPICS)
            made = _moment(rng)
            yield (
                pk, f"bench-source-{pk}", f"{topic[0]} {made.year}年統計公報 #{pk}",
                f"https://data.example.org/release/{pk}",
                rng.randrange(first_source_publisher, self.publishers + 1), rng.choice(kinds),
                made.date(), "day", rng.choice(["zh-Hans", "zh-Hant", "en"]), "",
                made.date(), made, made, "", "", "", "",
            )  # fmt: skip

    def articles_rows(self) -> Iterator[tuple]:
        rng = self.rng
        for pk in range(1, self.articles + 1):
            topic = rng.choice(words.TOPICS)
            made = _moment(rng)
            outlet = rng.randrange(1, len(words.OUTLETS) + 1)
            yield (
                pk, f"bench-article-{pk}", f"端解讀:{topic[0]}背後的真相(第{pk}篇)",
                f"https://news.example.org/{outlet}/{pk}", outlet, made.date(), "day",
                "zh-Hant", "記者甲, 記者乙", None, made, made,
            )  # fmt: skip

    def _quote(self, topic, verb_index: int, value: Decimal, period: str, english: bool):
        rng = self.rng
        if english:
            unit = words.UNIT_EN.get(topic[2], "")
            return (
                f"{rng.choice(words.EN_BEFORE)} {topic[1]} "
                f"{words.EN_VERBS[verb_index % len(words.EN_VERBS)]} {value}{unit} "
                f"in {period}{rng.choice(words.EN_AFTER)}"
            ).strip()
        unit = words.UNIT_ZH.get(topic[2], "")
        return (
            f"{rng.choice(words.ZH_BEFORE)}{period}{topic[0]}"
            f"{words.ZH_VERBS[verb_index % len(words.ZH_VERBS)]}{value}{unit}"
            f"{rng.choice(words.ZH_AFTER)}"
        )

    def claim_rows(self) -> Iterator[tuple]:
        """Claims, with the evidence and correction-log rows of each kept for later."""
        rng, ids = self.rng, self.verdict_ids
        public_ids = unique_public_ids(rng, self.claims)
        statuses = rng.choices(
            list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=self.claims
        )
        verdict_codes = list(VERDICT_WEIGHTS)
        verdict_weights = list(VERDICT_WEIGHTS.values())
        self.evidence: list[tuple] = []
        self.changes: list[tuple] = []
        for pk in range(1, self.claims + 1):
            topic = rng.choice(words.TOPICS)
            value = _value(rng, *topic[3], topic[2])
            year = rng.randrange(2018, 2026)
            english = rng.random() < ENGLISH_SHARE
            month = rng.randrange(1, 13)
            period = f"{year}-{month:02d}"
            verb = rng.randrange(8)
            said_when = period if english else f"{year}年{month}月"
            quote = self._quote(topic, verb, value, said_when, english)
            status = statuses[pk - 1]
            code = rng.choices(verdict_codes, weights=verdict_weights)[0]
            created = _moment(rng)
            reviewed = published = withdrawn = None
            ruling = ruling_zh = reason = ""
            if status in ("published", "withdrawn"):
                reviewed = created + timedelta(hours=rng.randrange(2, 96))
                published = reviewed + timedelta(minutes=rng.randrange(1, 120))
                ruling, ruling_zh = words.RULINGS[code]
            elif status == "review":
                code = rng.choice(["pending"] + verdict_codes)
            else:
                code = "pending"
            updated = published or created
            if status == "withdrawn":
                withdrawn = published + timedelta(days=rng.randrange(1, 60))
                reason = "The article was corrected and the claim no longer stands as quoted."
                updated = withdrawn
            numeric = topic[2] != "rank" or rng.random() < 0.5
            yield (
                pk, public_ids[pk - 1], f"bench-claim-{pk}",
                (pk - 1) // CLAIMS_PER_ARTICLE % self.articles + 1,
                (pk - 1) % CLAIMS_PER_ARTICLE + 1, quote, "en" if english else "zh-Hant",
                "", "", _restatement(topic, verb, value, period),
                rng.choice(words.CLAIMANTS), "numeric" if numeric else "factual",
                value if numeric else None, "=" if numeric else "",
                topic[2] if numeric else "", period, rng.choice(["CN", "CN", "HK", "TW", "US"]),
                status, ids[code], ruling, ruling_zh, "", None, reviewed, published, withdrawn,
                reason, 1, created, updated,
            )  # fmt: skip
            self._evidence_for(pk, created, value if numeric else None, topic[2] if numeric else "")
            if published is not None:
                self._changes_for(pk, code, published, withdrawn)

    def _evidence_for(self, claim: int, created: datetime, value, unit: str) -> None:
        rng = self.rng
        first = rng.randrange(self.sources)
        roles = ["supports", "cited", "contradicts", "context"]
        for position in range(rng.choice([1, 1, 2, 2, 2, 3])):
            source = (first + position) % self.sources + 1
            self.evidence.append(
                (
                    len(self.evidence) + 1, claim, source, roles[position % len(roles)],
                    f"表{rng.randrange(1, 40)}", "根據公報第三節所列數字。", value, unit,
                    rng.random() < 0.8, "", position, created, created,
                )
            )  # fmt: skip

    def _changes_for(self, claim: int, code: str, published, withdrawn) -> None:
        ids, changes = self.verdict_ids, self.changes
        first = code
        if self.rng.random() < CORRECTED_SHARE:
            first = self.rng.choice([c for c in VERDICT_WEIGHTS if c != code])
        changes.append(
            (len(changes) + 1, claim, "published", None, ids[first], "First published.", None,
             published)
        )  # fmt: skip
        if first != code:
            changes.append(
                (len(changes) + 1, claim, "corrected", ids[first], ids[code],
                 "A newer release revised the figure.", None, published + timedelta(days=3))
            )  # fmt: skip
        if withdrawn is not None:
            changes.append(
                (len(changes) + 1, claim, "withdrawn", ids[code], ids[code],
                 "The article was corrected.", None, withdrawn)
            )  # fmt: skip


def _restatement(topic, verb: int, value, period: str) -> str:
    subject = topic[1][0].upper() + topic[1][1:]
    return f"{subject} {words.EN_VERBS[verb % len(words.EN_VERBS)]} {value} in {period}."


def generate(claims: int, seed: int = 7, replace: bool = False, out=sys.stdout) -> dict:
    """Fill the default database; returns the row count written to each table."""
    from django.db import connection, transaction

    from claims import public_changes
    from claims.models import Claim, Verdict

    if Claim.objects.exists() and not replace:
        raise SystemExit("The database already has claims; pass --replace to clear them first.")
    verdict_ids = dict(Verdict.objects.values_list("code", "id"))
    generator = Generator(claims, seed, verdict_ids)
    started = time.monotonic()
    counts = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            skip_foreign_key_checks(connection)
        clear(connection)
        # Evidence and correction-log rows are collected while the claims are written.
        for table, rows in [
            ("sources_publisher", generator.publishers_rows),
            ("sources_source", generator.sources_rows),
            ("claims_article", generator.articles_rows),
            ("claims_claim", generator.claim_rows),
            ("claims_evidence", lambda: generator.evidence),
            ("claims_verdictchange", lambda: generator.changes),
        ]:
            counts[table] = write_rows(connection, table, rows())
        # Written behind the model signals' back: whatever the cache kept is old.
        transaction.on_commit(public_changes.start_new_generation)
    reset_sequences(connection)
    elapsed = time.monotonic() - started
    summary = ", ".join(f"{table} {count:,}" for table, count in counts.items())
    print(f"generated in {elapsed:.1f} s: {summary}", file=out)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--replace", action="store_true", help="delete existing claims first")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")
    django.setup()
    generate(args.claims, seed=args.seed, replace=args.replace)


if __name__ == "__main__":
    main()
