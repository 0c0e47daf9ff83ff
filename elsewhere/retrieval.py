"""Reading the candidates for "checked before?" from the database, each through an index.

Two ways in: the figure (an index range on the value, elsewhere's `external_review_figure`)
and the wording (for imported reviews the search index of `elsewhere.wording_index`, else
pg_trgm's `%` through the GIN indexes; on SQLite the Python trigram fallback reads the rows).
The matcher scores what they return.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Value

from claims.similarity import similarity
from elsewhere import wording_index
from elsewhere.fingerprint import Figure, Fingerprint, from_claim_fields, from_text
from elsewhere.matching import SHOWN, Checked, Probe
from elsewhere.models import ExternalReview

# A figure's spread is at most half its value (1 million is stated to the million), so an
# agreeing figure lies within these factors of the probe's bounds.
WIDEST_BELOW, WIDEST_ABOVE = Decimal("1.5"), Decimal(2)
FIGURE_CANDIDATES = 300
NEAREST_FIGURES = 40
# Imported reviews without a shared figure are read by wording from this similarity up.
EXTERNAL_WORDING = 0.4
WORDING_CANDIDATES = 50
REVIEW_TEXTS = ("claim_reviewed", "claim_text")
CLAIM_TEXTS = ("quote", "restatement")


def claim_texts(claim) -> tuple[str, ...]:
    # A Chinese restatement, where the model has one, is one more wording to compare.
    return tuple(
        text
        for text in (claim.quote, claim.restatement, getattr(claim, "restatement_zh", ""))
        if text
    )


def claim_fingerprint(claim) -> Fingerprint:
    return from_claim_fields(
        texts=claim_texts(claim),
        value=claim.value,
        unit=claim.unit,
        comparator=claim.comparator,
        period=claim.period,
        place=claim.place,
    )


def claim_probe(claim) -> Probe:
    return Probe(claim_texts(claim), claim_fingerprint(claim), exclude_claim=claim.pk)


def text_probe(text: str) -> Probe:
    return Probe((text,), from_text(text))


def sentence_probe(sentence: str, quantity) -> Probe:
    """A sentence of an article with the figure the desk found in it, that figure first."""
    found = from_text(sentence)
    main = Figure(quantity.value, quantity.precision, quantity.unit or "", quantity.comparator)
    others = tuple(figure for figure in found.figures if not figure.agrees(main))
    return Probe((sentence,), Fingerprint((main, *others), found.years, found.place))


def claim_checked(claim) -> Checked:
    return Checked(claim_texts(claim), claim_fingerprint(claim))


def review_checked(review: ExternalReview) -> Checked:
    figures = tuple(
        Figure(Decimal(value), Decimal(precision), unit, comparator)
        for value, precision, unit, comparator in review.figures
    )
    years = frozenset(filter(None, review.years.split(",")))
    return Checked(
        (review.claim_reviewed, review.claim_text), Fingerprint(figures, years, review.place)
    )


def candidate_claims(probe: Probe, claims: QuerySet) -> list:
    if probe.exclude_claim is not None:
        claims = claims.exclude(pk=probe.exclude_claim)
    found = {claim.pk: claim for claim in _by_wording(claims, CLAIM_TEXTS, probe.texts)}
    main = probe.fingerprint.main
    if main is not None:
        low, high = _figure_window(main)
        nearby = claims.filter(value__gte=low, value__lte=high)
        if main.unit:
            nearby = nearby.filter(unit__in=[main.unit, ""])
        for claim in nearby[:FIGURE_CANDIDATES]:
            found.setdefault(claim.pk, claim)
    return list(found.values())


def candidate_reviews(probe: Probe) -> list[ExternalReview]:
    """The reviews nearest the probe's figure, and those worded most like it.

    Wording comes from the search index (`elsewhere.wording_index`) when there is one: the
    best hundred of a million reviews in a few milliseconds, for every probe. Without it,
    pg_trgm's `%` costs what the question's commonest trigrams cost (100 ms and more at a
    million reviews on the same subjects: bench/README.md), so then reviews are read by wording
    only for a claim that states no figure, and only the close ones (EXTERNAL_WORDING); the
    wording of the reviews found by figure still counts in their score.
    """
    main = probe.fingerprint.main
    found = {review.pk: review for review in _nearest_figures(main)} if main else {}
    ranked = wording_index.search(probe.texts)
    if ranked is not None:
        # The database is the record: an id the index still holds for a deleted review is
        # simply not found.
        worded = ExternalReview.objects.in_bulk(ranked)
        for pk in ranked:
            if pk in worded:
                found.setdefault(pk, worded[pk])
    elif main is None:
        return _by_wording(
            ExternalReview.objects.all(), REVIEW_TEXTS, probe.texts, threshold=EXTERNAL_WORDING
        )
    return list(found.values())


def _nearest_figures(figure: Figure) -> list[ExternalReview]:
    """The reviews whose main figure is nearest the probe's, above and below, in its unit or
    in none: each an index range scan on (figure_unit, figure_value) that stops at its limit,
    however many reviews state a figure of that size."""
    found = []
    low, high = _figure_window(figure)
    for unit in {figure.unit, ""}:
        same_unit = ExternalReview.objects.filter(figure_unit=unit)
        above = same_unit.filter(figure_value__gte=figure.value, figure_value__lte=high)
        below = same_unit.filter(figure_value__lt=figure.value, figure_value__gte=low)
        found += above.order_by("figure_value")[:NEAREST_FIGURES]
        found += below.order_by("-figure_value")[:NEAREST_FIGURES]
    return found


def _figure_window(figure: Figure) -> tuple[Decimal, Decimal]:
    low, high = figure.low, figure.high
    if low >= 0:
        return low / WIDEST_BELOW, high * WIDEST_ABOVE
    return low * WIDEST_ABOVE, high / WIDEST_BELOW if high > 0 else high


def _by_wording(rows: QuerySet, fields: tuple[str, ...], texts, threshold=SHOWN) -> list:
    """The rows whose `fields` are most like any of `texts`, in one query."""
    texts = [text for text in texts if text.strip()]
    if not texts:
        return []
    if connection.vendor == "postgresql":
        return _by_wording_in_postgres(rows, fields, texts, threshold)
    return _by_wording_in_python(rows, fields, texts, threshold)


def _by_wording_in_postgres(rows: QuerySet, fields, texts, threshold) -> list:
    from django.contrib.postgres.lookups import TrigramSimilar
    from django.contrib.postgres.search import TrigramSimilarity
    from django.db.models.functions import Greatest

    scores = [TrigramSimilarity(field, text) for field in fields for text in texts]
    scored = rows.annotate(wording=Greatest(*scores) if len(scores) > 1 else scores[0])
    if rows.model is not ExternalReview:
        # Our own claims are few (the published ones a desk may show): score them all.
        return list(
            scored.filter(wording__gte=threshold).order_by("-wording", "pk")[:WORDING_CANDIDATES]
        )
    # A million reviews are not scored one by one: `%` finds the similar ones through the GIN
    # trigram indexes, at a threshold set for the current transaction only (nothing else in
    # the registry uses `%`; searches use LIKE).
    similar = Q()
    for field in fields:
        for text in texts:
            similar |= Q(TrigramSimilar(F(field), Value(text)))
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)]
            )
        return list(scored.filter(similar).order_by("-wording", "pk")[:WORDING_CANDIDATES])


def _by_wording_in_python(rows: QuerySet, fields, texts, threshold) -> list:
    scored = []
    for pk, *wordings in rows.values_list("pk", *fields).iterator():
        best = max(
            (similarity(text, wording) for text in texts for wording in wordings if wording),
            default=0.0,
        )
        if best >= threshold:
            scored.append((-best, pk))
    keep = [pk for _, pk in sorted(scored)[:WORDING_CANDIDATES]]
    found = rows.in_bulk(keep) if keep else {}
    return [found[pk] for pk in keep]
