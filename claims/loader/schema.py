"""Read and check a fixture file before anything touches the database.

Every problem is reported as a `FixtureError` naming the record (by its slug) and the field, so
whoever edits the file can find the line to fix. Each record is checked by a form built from its
model (claims/loader/checks.py), then by the rules only a file has: references to the file's
other records, a copy's original, the quote's place in the article, the correction log and the
publishing rules. A bad file is refused whole, up front, rather than half-loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from claims.loader.checks import (
    ORIGINAL_FIELDS,
    FixtureError,
    check_keys,
    label_of,
    limit_choices,
    shape,
    unique,
)
from claims.loader.quotes import paragraphs_of, quote_is_located
from claims.models import Article, Claim, Evidence, VerdictChange
from claims.models.claim import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, ClaimKind, ClaimStatus
from claims.models.verdict import VerdictChangeKind
from claims.workflow import visible_text
from sources.fields import DatePrecision
from sources.models import Publisher, Source, SourceKind

PUBLIC_ID_RE = re.compile(rf"^[{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}}$")
# A loaded claim can be drafted, in review or published; withdrawing is an editor's decision.
LOADABLE_STATUSES = [ClaimStatus.DRAFT, ClaimStatus.REVIEW, ClaimStatus.PUBLISHED]
CORRECTION_KINDS = [VerdictChangeKind.CORRECTED, VerdictChangeKind.UPDATED]


@dataclass(frozen=True)
class Fixture:
    """A checked fixture file: its records, plain and ready for the upsert."""

    path: Path
    publishers: list[dict]
    sources: list[dict]
    articles: list[dict]
    claims: list[dict]
    # "record: field 'url': stored as '…'" for each address written differently in the file.
    normalised: tuple[str, ...] = ()


def read_fixture(path: Path | str, *, verdict_codes: set[str], publishable: set[str]) -> Fixture:
    """Parse and check one fixture file; raise FixtureError on the first problem."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FixtureError(f"{path}: cannot read the file ({error.strerror}).") from error
    except (UnicodeDecodeError, ValueError) as error:
        # ValueError: JSONDecodeError, and an integer longer than Python reads.
        raise FixtureError(f"{path}: not valid UTF-8 JSON ({error}).") from error
    except RecursionError:
        raise FixtureError(f"{path}: not valid UTF-8 JSON (nested too deep).") from None
    return check_fixture(raw, path=path, verdict_codes=verdict_codes, publishable=publishable)


def check_fixture(raw, *, path: Path, verdict_codes: set[str], publishable: set[str]) -> Fixture:
    if not isinstance(raw, dict):
        raise FixtureError(f"{path}: the file must hold a JSON object.")
    check_keys(raw, dict.fromkeys(("publishers", "sources", "articles", "claims"), (list,)), "file")
    notes: list[str] = []
    publishers = shape(Publisher).check_all(raw["publishers"], "publisher", notes)
    in_file = {"publisher": unique(publishers, "publisher")}

    source = shape(
        Source,
        references=in_file,
        extras={"copy_of": (dict, type(None)), "formerly": (list,)},
    )
    sources = [
        _source(record, notes) for record in source.check_all(raw["sources"], "source", notes)
    ]
    in_file["source"] = unique(sources, "source")
    unique(sources, "source", "url")

    article = shape(
        Article,
        references={"outlet": in_file["publisher"], "source": in_file["source"]},
        extras={"text_file": (str,)},
    )
    articles = [
        _article(record, path.parent)
        for record in article.check_all(raw["articles"], "article", notes)
    ]
    in_file["article"] = unique(articles, "article")
    unique(articles, "article", "url")

    rules = _ClaimRules(
        in_file, verdict_codes, publishable, {a["slug"]: a["paragraphs"] for a in articles}
    )
    claims = [rules.check(record) for record in rules.claim.check_all(raw["claims"], "claim")]
    unique(claims, "claim")
    unique(claims, "claim", "public_id")
    return Fixture(path, publishers, sources, articles, claims, tuple(notes))


# Records --------------------------------------------------------------------------------------

# A copy's original, as the source's `copy_of` writes it.
COPY_OF = shape(
    Source,
    only=ORIGINAL_FIELDS,
    names={name: name.removeprefix("original_") for name in ORIGINAL_FIELDS},
    required=("title",),
)


def _source(record: dict, notes: list[str]) -> dict:
    label = label_of("source", record)
    if not all(isinstance(slug, str) and slug for slug in record.setdefault("formerly", [])):
        raise FixtureError(f"{label}: field 'formerly': list the source's earlier slugs.")
    _check_partial_date(record, label)
    original = record.pop("copy_of", None)
    if (record["kind"] == SourceKind.COPY) != (original is not None):
        raise FixtureError(
            f"{label}: field 'copy_of': a source of kind 'copy' names its original, and only "
            f"a copy does."
        )
    if original is not None:
        original = COPY_OF.check(original, f"{label}: copy_of", notes)
    if bool(original) != bool(record["copy_reliability"]):
        raise FixtureError(
            f"{label}: field 'copy_reliability': a copy says whether it is reputable or of "
            f"unknown reliability, and only a copy does."
        )
    for name in ORIGINAL_FIELDS:
        record[name] = (original or {}).get(name.removeprefix("original_"), "")
    return record


def _article(record: dict, folder: Path) -> dict:
    label = label_of("article", record)
    _check_partial_date(record, label)
    name = record["text_file"]
    if not name.strip():
        raise FixtureError(f"{label}: field 'text_file' must not be empty.")
    if Path(name).name != name or name.startswith("."):
        raise FixtureError(
            f"{label}: field 'text_file': give a file name next to the fixture, not a path."
        )
    try:
        text = (folder / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FixtureError(
            f"{label}: field 'text_file': cannot read '{name}' as UTF-8 text."
        ) from error
    record["paragraphs"] = paragraphs_of(text)
    return record


def _check_partial_date(record: dict, label: str) -> None:
    day, precision = record["published_on"], record["published_precision"]
    if day is None:
        if precision:
            raise FixtureError(
                f"{label}: field 'published_precision': there is no date to qualify."
            )
        return
    if not precision:
        shown = ", ".join(repr(value) for value in DatePrecision.values)
        raise FixtureError(
            f"{label}: field 'published_precision': say how much of the date is known "
            f"(one of {shown})."
        )
    # A month or a year is written as its first day, so two files never disagree on it.
    if (precision == DatePrecision.MONTH and day.day != 1) or (
        precision == DatePrecision.YEAR and (day.month, day.day) != (1, 1)
    ):
        raise FixtureError(
            f"{label}: field 'published_on': write a date known to the {precision} as its "
            f"first day."
        )


class _ClaimRules:
    """A claim record's checks beyond its form: evidence, corrections, publishing."""

    def __init__(
        self, in_file: dict[str, set[str]], verdict_codes: set[str], publishable, paragraphs
    ):
        self.publishable, self.paragraphs = publishable, paragraphs
        self.claim = claim = shape(
            Claim,
            references={**in_file, "verdict": verdict_codes},
            # The quote is found in its paragraph, so the file says which.
            required=("paragraph",),
            extras={
                "public_id": (str,),
                "evidence": (list,),
                "corrections": (list,),
                # Evidence rows an earlier version of the file had and this one no longer
                # stands behind: a database loaded before removes them, on the record.
                "retired_evidence": (list,),
            },
            required_extras=("public_id", "evidence"),
        )
        limit_choices(claim.form.base_fields["verdict"], "verdict", sorted(verdict_codes))
        limit_choices(claim.form.base_fields["status"], "status", LOADABLE_STATUSES)
        # An entry of a published claim's correction log: `at` is when it was made.
        self.correction = correction = shape(
            VerdictChange,
            only=("kind", "from_verdict", "reason", "reason_zh_hant", "changed_at"),
            names={"changed_at": "at"},
            references={"from_verdict": verdict_codes},
        )
        fields = correction.form.base_fields
        limit_choices(fields["kind"], "kind", CORRECTION_KINDS)
        limit_choices(fields["from_verdict"], "verdict", sorted(verdict_codes), blank=True)
        fields["reason"].error_messages["required"] = "write the public reason readers see."
        sources = {"source": in_file["source"]}
        self.evidence = shape(Evidence, references=sources, extras={"position": (int,)})
        # A row the claim no longer cites: its source and role.
        self.retired = shape(Evidence, only=("source", "role"), references=sources)

    def check(self, record: dict) -> dict:
        label = label_of("claim", record)
        if not PUBLIC_ID_RE.match(record["public_id"]):
            raise FixtureError(
                f"{label}: field 'public_id': '{record['public_id']}' is not {PUBLIC_ID_LENGTH} "
                f"characters from '{PUBLIC_ID_ALPHABET}'."
            )
        value, unit, comparator = record["value"], record["unit"], record["comparator"]
        if value is not None and not (unit and comparator):
            raise FixtureError(f"{label}: field 'value': a value needs a unit and a comparator.")
        if value is None and (unit or comparator):
            raise FixtureError(f"{label}: field 'value': a unit or comparator needs a value.")
        if record["kind"] == ClaimKind.NUMERIC and value is None:
            raise FixtureError(f"{label}: field 'value': a numeric claim needs a value.")
        if record["status"] == ClaimStatus.PUBLISHED:
            self._check_publishable(record, label)
        self._check_dates(record, label)
        self._check_location(record, label)
        record["evidence"] = self._evidence_rows(record["evidence"], label)
        record["retired_evidence"] = self._retired_rows(record, label)
        return record

    def _check_publishable(self, record: dict, label: str) -> None:
        if record["verdict"] not in self.publishable:
            raise FixtureError(
                f"{label}: field 'verdict': a published claim cannot have the verdict "
                f"'{record['verdict']}'."
            )
        for field in ("ruling", "ruling_zh_hant"):
            if not record[field].strip():
                raise FixtureError(f"{label}: field '{field}': a published claim needs a ruling.")
        if not visible_text(record["restatement_zh"]):
            raise FixtureError(
                f"{label}: field 'restatement_zh': a published claim needs its restatement in "
                f"Traditional Chinese."
            )

    def _check_dates(self, record: dict, label: str) -> None:
        """When the check was published and reviewed, and its later corrections, in order."""
        published, reviewed = record["published_at"], record["reviewed_at"]
        is_published = record["status"] == ClaimStatus.PUBLISHED
        if is_published != (published is not None) or is_published != (reviewed is not None):
            raise FixtureError(
                f"{label}: field 'published_at': a published claim says when it was first "
                f"published and last reviewed (published_at, reviewed_at); an unpublished one "
                f"not."
            )
        corrections: list[dict] = []
        entries = self.correction.check_all(record.get("corrections", []), f"{label}: correction")
        for number, entry in enumerate(entries, start=1):
            where = f"{label}: correction {number}"
            if not visible_text(entry["reason"]):
                raise FixtureError(f"{where}: field 'reason': write the public reason readers see.")
            at = entry["at"]
            if not is_published or at < published or at > reviewed:
                raise FixtureError(
                    f"{where}: field 'at': a correction comes after the claim was published "
                    f"and no later than its last review."
                )
            if corrections and at <= corrections[-1]["at"]:
                raise FixtureError(f"{where}: field 'at': list the corrections oldest first.")
            if entry["kind"] == VerdictChangeKind.CORRECTED:
                if not entry["from_verdict"]:
                    raise FixtureError(
                        f"{where}: field 'from_verdict': a verdict change says which verdict it "
                        f"replaced."
                    )
            elif entry["from_verdict"]:
                raise FixtureError(f"{where}: field 'from_verdict': only a verdict change has one.")
            corrections.append({**entry, "from_verdict": entry["from_verdict"] or None})
        record["corrections"] = corrections
        if is_published and reviewed < published:
            raise FixtureError(f"{label}: field 'reviewed_at': it comes before published_at.")

    def _check_location(self, record: dict, label: str) -> None:
        number, paragraphs = record["paragraph"], self.paragraphs[record["article"]]
        if number < 1 or number > len(paragraphs):
            raise FixtureError(
                f"{label}: field 'paragraph': the article has paragraphs 1 to "
                f"{len(paragraphs)}, not {number}."
            )
        if not quote_is_located(
            paragraphs[number - 1], record["quote_prefix"], record["quote"], record["quote_suffix"]
        ):
            raise FixtureError(
                f"{label}: field 'quote': the quote, with its prefix and suffix, is not in "
                f"paragraph {number} of the article."
            )

    def _evidence_rows(self, rows: list, claim_label: str) -> list[dict]:
        checked, keys = self.evidence.check_all(rows, f"{claim_label}: evidence"), set()
        for number, record in enumerate(checked, start=1):
            label = f"{claim_label}: evidence {number}"
            if (record["value"] is None) != (record["unit"] == ""):
                raise FixtureError(
                    f"{label}: field 'unit': give a unit exactly when there is a value."
                )
            key = (record["source"], record["role"])
            if key in keys:
                raise FixtureError(
                    f"{label}: source '{key[0]}' is already linked in the role '{key[1]}'."
                )
            keys.add(key)
            record["position"] = number - 1
        return checked

    def _retired_rows(self, record: dict, label: str) -> list[tuple[str, str]]:
        kept = {(row["source"], row["role"]) for row in record["evidence"]}
        where = f"{label}: retired evidence"
        retired = [
            (row["source"], row["role"])
            for row in self.retired.check_all(record.get("retired_evidence", []), where)
        ]
        for number, key in enumerate(retired, start=1):
            if key in kept:
                raise FixtureError(
                    f"{where} {number}: the claim still cites '{key[0]}' as '{key[1]}'."
                )
        if retired and record["status"] == ClaimStatus.PUBLISHED and not record["corrections"]:
            raise FixtureError(
                f"{label}: field 'retired_evidence': removing evidence from a published claim "
                f"is a correction: add its entry with the public reason."
            )
        return retired
