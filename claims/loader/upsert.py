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
from claims.models import Article, Claim, ClaimStatus, Evidence, Verdict, VerdictChangeKind
from sources.models import Publisher, Source

# Written as they are on a claim the public has not seen; on a public claim, only on the record.
CLAIM_CONTENT_FIELDS = ["public_id", *workflow.RECORD_FIELDS, "research_notes"]
REVIEW_FIELDS = ["verdict", *workflow.REVIEW_FIELDS]


@dataclass
class LoadReport:
    """How many rows of each kind the load created, updated or left as they were."""

    counts: dict[str, Counter] = field(default_factory=dict)
    # Addresses the files write otherwise than they are stored (claims/loader/checks.py).
    normalised: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def lines(self) -> list[str]:
        return [
            f"{kind}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            + (f", {c['retired']} retired" if c["retired"] else "")
            for kind, c in self.counts.items()
        ] + [f"normalised {note}" for note in self.normalised]


def upsert_fixtures(fixtures: list[Fixture], verdicts: dict[str, Verdict]) -> LoadReport:
    """Load every fixture in one transaction: all of them, or nothing."""
    report = LoadReport()
    for kind in ("publishers", "sources", "articles", "claims", "evidence"):
        report.counts[kind] = Counter(created=0, updated=0, unchanged=0)
    with transaction.atomic():
        for fixture in fixtures:
            _Upsert(fixture, verdicts, report).run()
    report.normalised = [note for fixture in fixtures for note in fixture.normalised]
    return report


class _Upsert:
    def __init__(self, fixture: Fixture, verdicts: dict[str, Verdict], report: LoadReport):
        self.fixture, self.verdicts, self.report = fixture, verdicts, report

    def run(self) -> None:
        f = self.fixture
        self.publishers = self._sync_all(
            Publisher, "publishers", f.publishers, lambda r: _columns(Publisher, r)
        )
        self.sources = self._sync_all(Source, "sources", f.sources, self._source_values)
        self.articles = self._sync_all(Article, "articles", f.articles, self._article_values)
        for record in f.claims:
            self._claim(record)

    # Publishers, sources, articles -----------------------------------------------------------

    def _sync_all(self, model, kind: str, records: list[dict], values) -> dict[str, Model]:
        slugs = [slug for r in records for slug in (r["slug"], *r.get("formerly", ()))]
        existing = model.objects.in_bulk(slugs, field_name="slug")
        synced = {}
        for record in records:
            # A source renamed in the file keeps its stored row (and the evidence citing it).
            earlier = (existing.get(slug) for slug in record.get("formerly", ()))
            obj = existing.get(record["slug"]) or next(filter(None, earlier), None)
            obj = obj or model(slug=record["slug"])
            outcome = _save_if_changed(obj, values(record), label=_label(kind, record["slug"]))
            self.report.count(kind, outcome)
            synced[record["slug"]] = obj
        return synced

    def _source_values(self, r: dict) -> dict:
        return {**_columns(Source, r), "publisher": self.publishers[r["publisher"]]}

    def _article_values(self, r: dict) -> dict:
        return {
            **_columns(Article, r),
            "outlet": self.publishers[r["outlet"]],
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
        try:
            if claim is not None and claim.status in workflow.PUBLIC_STATUSES:
                outcome = self._public_claim(claim, r, values, verdict, label)
            else:
                outcome = self._unpublished_claim(claim, r, values, verdict, label)
        except workflow.WorkflowError as error:
            raise FixtureError(f"{label}: {' '.join(error.messages)}") from error
        self.report.count("claims", outcome)

    def _unpublished_claim(self, claim, r, values, verdict, label) -> str:
        """A claim readers have not seen: its fields are plain edits; then the workflow."""
        # Not yet public: the verdict and ruling are ordinary draft fields.
        values.update(verdict=verdict, ruling=r["ruling"], ruling_zh_hant=r["ruling_zh_hant"])
        if claim is None:
            claim = Claim(slug=r["slug"], **values)
            _clean(claim, label)
            _save(claim, label)
            outcome = "created"
        else:
            outcome = self._update_draft(claim, values, label)
        plan = self._evidence_plan(claim, r)
        self._apply(plan, label)
        moved = self._move(claim, r, verdict, label)
        if outcome == "unchanged" and (moved or plan):
            outcome = "updated"
        return outcome

    def _update_draft(self, claim: Claim, values: dict, label: str) -> str:
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
        return "updated"

    def _public_claim(self, claim, r, values, verdict, label) -> str:
        """A claim readers have seen changes only on the record: each change the file makes
        to it comes with a correction entry, applied through the workflow at its own date."""
        if claim.status == ClaimStatus.PUBLISHED and r["status"] != ClaimStatus.PUBLISHED:
            raise FixtureError(
                f"{label}: field 'status': the claim is published; a published claim is "
                f"withdrawn by an editor, never sent back to '{r['status']}'."
            )
        review = {"verdict": verdict, "ruling": r["ruling"], "ruling_zh_hant": r["ruling_zh_hant"]}
        content_changed = _changed_fields(claim, values)
        added = self._add_translations(claim, values, content_changed, label)
        content_changed = [name for name in content_changed if name not in added]
        evidence_plan = self._evidence_plan(claim, r)
        review_changed = claim.status == ClaimStatus.PUBLISHED and _changed_fields(claim, review)
        logged = set(claim.verdict_changes.values_list("kind", "changed_at"))
        pending = [e for e in r["corrections"] if (e["kind"], e["at"]) not in logged]
        if not (content_changed or evidence_plan or review_changed):
            for entry in pending:
                self._record_past(claim, entry)
            return "updated" if pending or added else "unchanged"
        if not pending:
            raise FixtureError(
                f"{label}: field 'corrections': the claim is public, and the file changes it "
                f"({', '.join([*content_changed, *(['evidence'] if evidence_plan else [])])}"
                f"{', ruling' if review_changed else ''}): add a correction entry with the "
                f"public reason."
            )
        *earlier, latest = pending
        for entry in earlier:
            self._record_past(claim, entry)
        if review_changed and latest["kind"] != VerdictChangeKind.CORRECTED:
            raise FixtureError(
                f"{label}: field 'corrections': a new verdict or ruling is a 'corrected' entry."
            )
        if not review_changed and latest["kind"] == VerdictChangeKind.CORRECTED:
            raise FixtureError(
                f"{label}: field 'corrections': the verdict and ruling stay; the entry is an "
                f"'updated' one."
            )
        for name in content_changed:
            setattr(claim, name, values[name])
        _clean(claim, label)
        if review_changed:
            if claim.status != ClaimStatus.PUBLISHED:
                raise FixtureError(f"{label}: a withdrawn claim keeps its verdict.")

            def same_correction() -> None:
                if content_changed:
                    claim.save(update_fields=content_changed)
                self._apply(evidence_plan, label)

            _refresh(
                claim,
                workflow.claim_change_verdict(
                    claim=claim,
                    by=None,
                    reason=latest["reason"],
                    reason_zh_hant=latest.get("reason_zh_hant", ""),
                    at=latest["at"],
                    related=same_correction,
                    **review,
                ),
            )
        else:
            _refresh(
                claim,
                workflow.claim_save_edits(
                    claim=claim,
                    by=None,
                    expected_version=claim.version,
                    reason=latest["reason"],
                    reason_zh_hant=latest.get("reason_zh_hant", ""),
                    related=lambda: self._apply(evidence_plan, label),
                    at=latest["at"],
                ),
            )
        return "updated"

    def _add_translations(self, claim: Claim, values: dict, changed: list[str], label) -> list:
        """First translations of what a public claim says: added as the workflow adds them,
        with no correction entry (claims/workflow/rules.py, TRANSLATION_FIELDS)."""
        added = [
            name
            for name in changed
            if workflow.is_first_translation(name, getattr(claim, name), values[name])
        ]
        if added:
            for name in added:
                setattr(claim, name, values[name])
            _clean(claim, label)
            _refresh(
                claim,
                workflow.claim_save_edits(claim=claim, by=None, expected_version=claim.version),
            )
        return added

    def _record_past(self, claim: Claim, entry: dict, to_verdict: Verdict | None = None) -> None:
        """A correction the file dates before the state it gives: into the log as it was."""
        workflow.claim_record_past_change(
            claim=claim,
            kind=entry["kind"],
            reason=entry["reason"],
            reason_zh_hant=entry.get("reason_zh_hant", ""),
            at=entry["at"],
            from_verdict=self.verdicts.get(entry["from_verdict"] or "", claim.verdict),
            to_verdict=to_verdict or claim.verdict,
        )

    def _evidence_plan(self, claim: Claim, r: dict) -> list[tuple[Evidence, dict | None]]:
        """The file's evidence rows that differ from the stored ones, with their values, and
        the stored rows the file retires (with None)."""
        existing = {(e.source_id, e.role): e for e in claim.evidence.all()} if claim.pk else {}
        plan = []
        for row in r["evidence"]:
            source = self.sources[row["source"]]
            obj = existing.get((source.pk, row["role"])) or Evidence(
                claim=claim, source=source, role=row["role"]
            )
            values = _columns(Evidence, row)
            if obj.pk is None or _changed_fields(obj, values):
                plan.append((obj, values))
            else:
                self.report.count("evidence", "unchanged")
        for slug, role in r["retired_evidence"]:
            retired = existing.get((self.sources[slug].pk, role))
            if retired is not None:
                plan.append((retired, None))
        return plan

    def _apply(self, plan: list[tuple[Evidence, dict | None]], label: str) -> None:
        """Save each planned row; a row planned with no values is retired (deleted)."""
        for obj, values in plan:
            if values is None:
                obj.delete()
                self.report.count("evidence", "retired")
                continue
            where = f"{label}: evidence from '{obj.source.slug}'"
            outcome = _save_if_changed(obj, values, label=where)
            self.report.count("evidence", outcome)

    def _move(self, claim: Claim, r: dict, verdict: Verdict, label: str) -> bool:
        """Bring a claim readers have not seen to the file's status through the workflow."""
        target, status = r["status"], claim.status
        if target == status:
            return False
        if status == ClaimStatus.REVIEW and target == ClaimStatus.DRAFT:
            _refresh(claim, workflow.claim_return_to_draft(claim=claim, by=None))
            return True
        if status == ClaimStatus.DRAFT:
            _refresh(claim, workflow.claim_submit_for_review(claim=claim, by=None))
        if target == ClaimStatus.PUBLISHED:
            self._publish(claim, r, verdict)
        return True

    def _publish(self, claim: Claim, r: dict, verdict: Verdict) -> None:
        """Publish the claim as the file has it, at its date, with its dated log: the verdict
        it was first published with, then each later correction."""
        corrections = r["corrections"]
        # The verdict in force after each entry: the next verdict change's "from", or today's.
        changed_from = [self.verdicts[e["from_verdict"]] for e in corrections if e["from_verdict"]]
        _refresh(
            claim,
            workflow.claim_publish(
                claim=claim,
                by=None,
                verdict=verdict,
                at=r["published_at"],
                first_verdict=changed_from[0] if changed_from else None,
            ),
        )
        in_force = iter([*changed_from[1:], verdict])
        for entry in corrections:
            after = next(in_force) if entry["from_verdict"] else None
            self._record_past(claim, entry, to_verdict=after)
        if claim.reviewed_at != r["reviewed_at"]:
            claim.reviewed_at = r["reviewed_at"]
            claim.save(update_fields=["reviewed_at"])


# Helpers --------------------------------------------------------------------------------------


def _columns(model, record: dict) -> dict:
    """The record's values for `model`'s own columns; the caller resolves its relations."""
    return {
        field.name: record[field.name]
        for field in model._meta.concrete_fields
        if not field.is_relation and field.name in record
    }


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
    fields = ("status", "verdict_id", "ruling", "ruling_zh_hant", "version", "reviewed_at")
    for name in (*fields, "published_at"):
        setattr(claim, name, getattr(moved, name))
    claim._state.fields_cache.pop("verdict", None)
