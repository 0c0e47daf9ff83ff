"""Write checked fixture records into the database by their natural keys.

Rows that already hold the file's values are not saved again, so a second load writes nothing:
no history rows, no version bumps, no verdict-log entries. Status and verdict changes go through
`claims.workflow`, exactly as an editor's would, with the loader as a trusted caller (`by=None`).
Rows the file does not mention are left alone: evidence an editor added in the admin stays.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model

from claims import workflow
from claims.loader.checks import FixtureError
from claims.loader.schema import Fixture
from claims.models import Article, Claim, ClaimStatus, Evidence, Verdict
from sources.models import Publisher, Source

CLAIM_CONTENT_FIELDS = [
    "public_id",
    "article",
    "paragraph",
    "quote",
    "quote_prefix",
    "quote_suffix",
    "quote_language",
    "restatement",
    "claimant",
    "kind",
    "value",
    "comparator",
    "unit",
    "period",
    "place",
    "ruling_zh_hant",
    "research_notes",
]
# On a claim the public can see, these two only change through the workflow (with a log entry).
CLAIM_RULING_FIELDS = ["verdict", "ruling"]
PUBLIC_STATUSES = {ClaimStatus.PUBLISHED, ClaimStatus.WITHDRAWN}
# The reason a ruling-only correction needs; no log entry is written when the verdict stays.
RULING_REVISED = "Ruling revised from the research data."


@dataclass
class LoadReport:
    """How many rows of each kind the load created, updated or left as they were."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def count(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def lines(self) -> list[str]:
        return [
            f"{kind}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for kind, c in self.counts.items()
        ]


def upsert_fixtures(fixtures: list[Fixture], verdicts: dict[str, Verdict]) -> LoadReport:
    """Load every fixture in one transaction: all of them, or nothing."""
    report = LoadReport()
    for kind in ("publishers", "sources", "articles", "claims", "evidence"):
        report.counts[kind] = Counter(created=0, updated=0, unchanged=0)
    with transaction.atomic():
        for fixture in fixtures:
            _Upsert(fixture, verdicts, report).run()
    return report


class _Upsert:
    def __init__(self, fixture: Fixture, verdicts: dict[str, Verdict], report: LoadReport):
        self.fixture, self.verdicts, self.report = fixture, verdicts, report

    def run(self) -> None:
        f = self.fixture
        self.publishers = self._sync_all(
            Publisher, "publishers", f.publishers, lambda r: {"name": r["name"], "url": r["url"]}
        )
        self.sources = self._sync_all(Source, "sources", f.sources, self._source_values)
        self.articles = self._sync_all(Article, "articles", f.articles, self._article_values)
        for record in f.claims:
            self._claim(record)

    # Publishers, sources, articles -----------------------------------------------------------

    def _sync_all(self, model, kind: str, records: list[dict], values) -> dict[str, Model]:
        existing = model.objects.in_bulk([r["slug"] for r in records], field_name="slug")
        synced = {}
        for record in records:
            obj = existing.get(record["slug"]) or model(slug=record["slug"])
            outcome = _save_if_changed(obj, values(record), label=_label(kind, record["slug"]))
            self.report.count(kind, outcome)
            synced[record["slug"]] = obj
        return synced

    def _source_values(self, r: dict) -> dict:
        return {
            "title": r["title"],
            "url": r["url"],
            "publisher": self.publishers[r["publisher"]],
            "kind": r["kind"],
            "published_on": r["published_on"],
            "published_precision": r["published_precision"],
            "language": r["language"],
            "archive_url": r["archive_url"],
            "accessed_on": r["accessed_on"],
        }

    def _article_values(self, r: dict) -> dict:
        return {
            "title": r["title"],
            "url": r["url"],
            "outlet": self.publishers[r["outlet"]],
            "published_on": r["published_on"],
            "published_precision": r["published_precision"],
            "language": r["language"],
            "authors": r["authors"],
            "source": self.sources[r["source"]] if r["source"] else None,
        }

    # Claims -----------------------------------------------------------------------------------

    def _claim(self, r: dict) -> None:
        label = _label("claims", r["slug"])
        verdict = self.verdicts[r["verdict"]]
        values = {name: r[name] for name in CLAIM_CONTENT_FIELDS}
        values["article"] = self.articles[r["article"]]
        claim = Claim.objects.filter(slug=r["slug"]).first()
        if claim is not None and claim.public_id != r["public_id"]:
            raise FixtureError(
                f"{label}: field 'public_id': the stored claim has '{claim.public_id}'; a "
                f"public id never changes once given."
            )
        if claim is None or claim.status not in PUBLIC_STATUSES:
            # Not yet public: the verdict and ruling are ordinary draft fields.
            values.update(verdict=verdict, ruling=r["ruling"])
        if claim is None:
            claim = Claim(slug=r["slug"], **values)
            _clean(claim, label)
            _save(claim, label)
            outcome = "created"
        else:
            outcome = self._update_claim_content(claim, values, label)
        evidence_changed = self._evidence(claim, r)
        moved = self._move(claim, r, verdict, label)
        if outcome == "unchanged" and (moved or evidence_changed):
            outcome = "updated"
        if claim.status == ClaimStatus.PUBLISHED:
            problems = workflow.publication_problems(claim)
            if problems:
                raise FixtureError(f"{label}: cannot stay published: {' '.join(problems)}")
        self.report.count("claims", outcome)

    def _update_claim_content(self, claim: Claim, values: dict, label: str) -> str:
        changed = _changed_fields(claim, values)
        if not changed:
            return "unchanged"
        for name in changed:
            setattr(claim, name, values[name])
        _clean(claim, label)
        # Every save raises the version, so an editor holding a stale copy is told so.
        claim.version = F("version") + 1
        _save(claim, label)
        claim.refresh_from_db(fields=["version"])
        if claim.status in PUBLIC_STATUSES:
            claim_id, public_id = claim.pk, claim.public_id
            transaction.on_commit(
                lambda: workflow.public_claim_changed.send(
                    sender=Claim, claim_id=claim_id, public_id=public_id
                )
            )
        return "updated"

    def _evidence(self, claim: Claim, r: dict) -> bool:
        existing = {(e.source_id, e.role): e for e in claim.evidence.all()}
        changed = False
        for row in r["evidence"]:
            source = self.sources[row["source"]]
            obj = existing.get((source.pk, row["role"])) or Evidence(
                claim=claim, source=source, role=row["role"]
            )
            values = {
                name: row[name]
                for name in ("locator", "excerpt", "value", "unit", "seen", "note", "position")
            }
            label = f"{_label('claims', r['slug'])}: evidence from '{row['source']}'"
            outcome = _save_if_changed(obj, values, label=label)
            self.report.count("evidence", outcome)
            changed = changed or outcome != "unchanged"
        return changed

    def _move(self, claim: Claim, r: dict, verdict: Verdict, label: str) -> bool:
        """Bring the claim to the file's status through the workflow; True if anything moved."""
        target, status = r["status"], claim.status
        if status == ClaimStatus.WITHDRAWN:
            return False  # An editor withdrew it; the shipped data does not bring it back.
        try:
            return self._transition(claim, r, verdict, target, status, label)
        except workflow.WorkflowError as error:
            raise FixtureError(f"{label}: field 'status': {' '.join(error.messages)}") from error

    def _transition(self, claim, r, verdict, target, status, label) -> bool:
        if status == ClaimStatus.PUBLISHED:
            if target != ClaimStatus.PUBLISHED:
                raise FixtureError(
                    f"{label}: field 'status': the claim is published; a published claim is "
                    f"withdrawn by an editor, never sent back to '{target}'."
                )
            return self._correct(claim, r, verdict, label)
        if target == status:
            return False
        if status == ClaimStatus.REVIEW and target == ClaimStatus.DRAFT:
            _refresh(claim, workflow.claim_return_to_draft(claim=claim, by=None))
            return True
        if status == ClaimStatus.DRAFT:
            _refresh(claim, workflow.claim_submit_for_review(claim=claim, by=None))
        if target == ClaimStatus.PUBLISHED:
            _refresh(
                claim,
                workflow.claim_publish(claim=claim, by=None, verdict=verdict, ruling=r["ruling"]),
            )
        return True

    def _correct(self, claim: Claim, r: dict, verdict: Verdict, label: str) -> bool:
        """A published claim whose verdict or ruling differs from the file: a logged correction."""
        if claim.verdict_id == verdict.pk and claim.ruling == r["ruling"]:
            return False
        reason = r.get("verdict_change_reason", "").strip()
        if claim.verdict_id != verdict.pk and not reason:
            raise FixtureError(
                f"{label}: field 'verdict_change_reason': the claim is published as "
                f"'{claim.verdict.code}'; say publicly why it becomes '{verdict.code}'."
            )
        _refresh(
            claim,
            workflow.claim_change_verdict(
                claim=claim,
                by=None,
                verdict=verdict,
                ruling=r["ruling"],
                reason=reason or RULING_REVISED,
            ),
        )
        return True


# Helpers --------------------------------------------------------------------------------------


def _label(kind: str, slug: str) -> str:
    singular = {"publishers": "publisher", "sources": "source", "articles": "article"}
    return f"{singular.get(kind, kind.rstrip('s'))} '{slug}'"


def _changed_fields(obj: Model, values: dict) -> list[str]:
    changed = []
    for name, value in values.items():
        current = getattr(obj, obj._meta.get_field(name).attname)
        wanted = value.pk if isinstance(value, Model) else value
        if current != wanted:
            changed.append(name)
    return changed


def _save_if_changed(obj: Model, values: dict, *, label: str) -> str:
    creating = obj.pk is None
    changed = list(values) if creating else _changed_fields(obj, values)
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(obj, name, values[name])
    _clean(obj, label)
    _save(obj, label)
    return "created" if creating else "updated"


def _clean(obj: Model, label: str) -> None:
    """The model's own validation, including its constraints, reported in the file's terms."""
    try:
        # Constraints are left to the database itself (see _save): checking each one in Python
        # costs a query per constraint per row, and the file checks already cover them.
        obj.full_clean(validate_constraints=False)
    except ValidationError as error:
        details = "; ".join(
            f"field '{name}': {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise FixtureError(f"{label}: {details}") from error


def _save(obj: Model, label: str) -> None:
    try:
        obj.save()
    except IntegrityError as error:
        raise FixtureError(f"{label}: refused by the database ({error}).") from error


def _refresh(claim: Claim, moved: Claim) -> None:
    """Carry the workflow's saved state back onto the instance the loader holds."""
    for name in ("status", "verdict_id", "ruling", "version", "reviewed_at", "published_at"):
        setattr(claim, name, getattr(moved, name))
    claim._state.fields_cache.pop("verdict", None)
