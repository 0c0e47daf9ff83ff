"""The figures found in an article's text, as the desk works through them.

Each candidate is shown with whether a claim already records it and whether an editor
dismissed it before; accepting one files a draft claim, dismissing one remembers the choice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from claims.extraction import Candidate, already_recorded, extract
from claims.models import Article, Claim, ClaimKind, ClaimStatus, DismissedCandidate, Unit
from claims.quantity import format

MAX_TEXT_CHARS = 100_000
SLUG_MAX = 120


@dataclass(frozen=True)
class DeskCandidate:
    candidate: Candidate
    key: str
    recorded: bool
    dismissed: bool

    @property
    def figure_offsets(self) -> tuple[int, int]:
        """Where the figure sits in its sentence, to highlight it."""
        offset = self.candidate.sentence_start
        return self.candidate.start - offset, self.candidate.end - offset


def candidate_key(candidate: Candidate) -> str:
    """The same sentence with the same figure is the same candidate, wherever it moves."""
    raw = f"{candidate.sentence}\x00{candidate.found.text}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def text_problems(text: str) -> list[str]:
    if not text.strip():
        return [_("The text is empty: paste the article's text, one paragraph a line.")]
    if len(text) > MAX_TEXT_CHARS:
        return [
            _("The text has %(length)s characters; at most %(max)s can be searched at once.")
            % {"length": f"{len(text):,}", "max": f"{MAX_TEXT_CHARS:,}"}
        ]
    return []


def article_candidates(text: str, article: Article | None = None) -> list[DeskCandidate]:
    """Every figure in the text, marked recorded (a claim quotes it) or dismissed for `article`."""
    recorded: list = []
    dismissed: set[str] = set()
    if article is not None:
        recorded = list(Claim.objects.filter(article=article).values_list("quote", "value"))
        dismissed = set(article.dismissed_candidates.values_list("key", flat=True))
    rows = []
    for candidate in extract(text):
        key = candidate_key(candidate)
        rows.append(
            DeskCandidate(candidate, key, already_recorded(candidate, recorded), key in dismissed)
        )
    return rows


def shipped_text(article: Article) -> str:
    """The article's text as shipped beside its fixture file, or "" when there is none."""
    folder = Path(settings.BASE_DIR) / "fixtures"
    for fixture in sorted(folder.glob("*.json")):
        try:
            data = json.loads(fixture.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        for record in data.get("articles", []) if isinstance(data, dict) else []:
            name = record.get("text_file", "") if isinstance(record, dict) else ""
            if record.get("slug") == article.slug and name and Path(name).name == name:
                try:
                    return (folder / name).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    return ""
    return ""


def candidate_accept(
    *,
    article: Article,
    candidate: Candidate,
    unit: str,
    by,
    how: str = "with “Find claims in text”",
) -> Claim:
    """File the candidate as a draft claim; ValidationError when the claim would not be valid.

    `how` completes the draft's research note: "Drafted from the article text …"."""
    if unit not in Unit.values:
        raise ValidationError(
            {"unit": _("The figure's unit is not known: pick the unit it counts in.")}
        )
    draft = candidate.draft()
    quantity = candidate.quantity
    claim = Claim(
        slug=_free_slug(f"{article.slug}-p{draft['paragraph']}"),
        article=article,
        paragraph=draft["paragraph"],
        quote=draft["quote"],
        quote_language=article.language,
        # The restatement is English whatever the desk's language; the editor rewrites it.
        restatement=(
            f"Figure found in paragraph {draft['paragraph']}: {format(quantity, 'en')}. "
            "Restate before review."
        ),
        claimant=article.outlet.name,
        kind=ClaimKind.NUMERIC,
        value=quantity.value,
        unit=unit,
        comparator=draft["comparator"],
        status=ClaimStatus.DRAFT,
        research_notes=f"Drafted from the article text {how}.",
    )
    claim.full_clean()
    claim._history_user = by
    claim.save()
    return claim


def candidate_dismiss(*, article: Article, candidate: Candidate, by) -> DismissedCandidate:
    """Remember that this figure is not worth a claim; dismissing twice changes nothing."""
    key = candidate_key(candidate)
    try:
        with transaction.atomic():
            return DismissedCandidate.objects.create(
                article=article,
                key=key,
                sentence=candidate.sentence,
                figure=candidate.found.text[:200],
                dismissed_by=by,
            )
    except IntegrityError:
        return DismissedCandidate.objects.get(article=article, key=key)


def _free_slug(base: str) -> str:
    base = slugify(base)[: SLUG_MAX - 6]
    taken = set(Claim.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    n = 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
