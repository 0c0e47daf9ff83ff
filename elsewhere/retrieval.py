"""Reading the candidates for "checked before?" from the database, each through an index.

Two ways in, whichever finds more: the figure (an index range on the value, elsewhere's
`external_review_figure`) and the wording (pg_trgm's `%` through the GIN indexes; on SQLite
the Python trigram fallback reads the rows). The matcher scores what they return.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Value

from claims.similarity import similarity
from elsewhere.fingerprint import Figure, Fingerprint, from_claim_fields, from_text
from elsewhere.matching import SHOWN, Checked, Probe
from elsewhere.models import ExternalReview

# A figure's spread is at most half its value (1 million is stated to the million), so an
# agreeing figure lies within these factors of the probe's bounds.
WIDEST_BELOW, WIDEST_ABOVE = Decimal("1.5"), Decimal(2)
FIGURE_CANDIDATES = 300
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
    found: dict[int, ExternalReview] = {}
    for review in _by_wording(ExternalReview.objects.all(), REVIEW_TEXTS, probe.texts):
        found[review.pk] = review
    main = probe.fingerprint.main
    if main is not None:
        low, high = _figure_window(main)
        nearby = ExternalReview.objects.filter(figure_value__gte=low, figure_value__lte=high)
        if main.unit:
            nearby = nearby.filter(figure_unit__in=[main.unit, ""])
        for review in nearby[:FIGURE_CANDIDATES]:
            found.setdefault(review.pk, review)
    return list(found.values())


def _figure_window(figure: Figure) -> tuple[Decimal, Decimal]:
    low, high = figure.low, figure.high
    if low >= 0:
        return low / WIDEST_BELOW, high * WIDEST_ABOVE
    return low * WIDEST_ABOVE, high / WIDEST_BELOW if high > 0 else high


def _by_wording(rows: QuerySet, fields: tuple[str, ...], texts) -> list:
    """The rows whose `fields` are most like any of `texts`, in one query."""
    texts = [text for text in texts if text.strip()]
    if not texts:
        return []
    if connection.vendor == "postgresql":
        return _by_wording_in_postgres(rows, fields, texts)
    return _by_wording_in_python(rows, fields, texts)


def _by_wording_in_postgres(rows: QuerySet, fields, texts) -> list:
    from django.contrib.postgres.lookups import TrigramSimilar
    from django.contrib.postgres.search import TrigramSimilarity
    from django.db.models.functions import Greatest

    scores = [TrigramSimilarity(field, text) for field in fields for text in texts]
    scored = rows.annotate(wording=Greatest(*scores) if len(scores) > 1 else scores[0])
    if rows.model is not ExternalReview:
        # Our own claims are few: score them all, as claims/similar.py does.
        return list(
            scored.filter(wording__gte=SHOWN).order_by("-wording", "pk")[:WORDING_CANDIDATES]
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
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(SHOWN)]
            )
        return list(scored.filter(similar).order_by("-wording", "pk")[:WORDING_CANDIDATES])


def _by_wording_in_python(rows: QuerySet, fields, texts) -> list:
    scored = []
    for pk, *wordings in rows.values_list("pk", *fields).iterator():
        best = max(
            (similarity(text, wording) for text in texts for wording in wordings if wording),
            default=0.0,
        )
        if best >= SHOWN:
            scored.append((-best, pk))
    keep = [pk for _, pk in sorted(scored)[:WORDING_CANDIDATES]]
    found = rows.in_bulk(keep) if keep else {}
    return [found[pk] for pk in keep]
