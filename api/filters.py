"""Filters for the claim list, shared by the JSON list, the CSV export and claims:search."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.widgets import CSVWidget

from claims.models import Claim, ClaimKind, ClaimStatus, Evidence, Unit
from claims.models.numbers import VALUE_DECIMAL_PLACES, VALUE_MAX_DIGITS
from core.instants import in_utc

SEARCH_MAX_LENGTH = 200


def claims_matching(queryset: QuerySet, text: str) -> QuerySet:
    """Claims whose quote, restatement or claimant contains `text`.

    A substring match rather than word search: Chinese has no spaces between words. On
    PostgreSQL the trigram GIN indexes (migration claims/0004) serve these lookups.
    """
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(
        Q(quote__icontains=text) | Q(restatement__icontains=text) | Q(claimant__icontains=text)
    )


class ValueFilter(django_filters.NumberFilter):
    """A bound on the claimed value, as precise as values are stored and no more."""

    field_class = forms.DecimalField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", VALUE_MAX_DIGITS)
        kwargs.setdefault("decimal_places", VALUE_DECIMAL_PLACES)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number the database can hold, so 40 digits is a 400, not a crash."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class RepeatedOrCommaWidget(CSVWidget):
    """A list in either spelling: `?verdict=a,b` or `?verdict=a&verdict=b` (OpenAPI's default,
    which generated clients send). django-filter's own widget keeps only the last repeat."""

    def value_from_datadict(self, data, files, name):
        repeats = data.getlist(name) if hasattr(data, "getlist") else []
        if len(repeats) > 1:
            return [part for value in repeats for part in value.split(",") if part]
        return super().value_from_datadict(data, files, name)


class InFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """Any of several values, given comma-separated or as a repeated parameter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", RepeatedOrCommaWidget)
        super().__init__(*args, **kwargs)


class OrderingFilter(django_filters.OrderingFilter):
    """Sort keys, given comma-separated or as a repeated parameter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", RepeatedOrCommaWidget)
        super().__init__(*args, **kwargs)


class InstantField(IsoDateTimeField):
    def to_python(self, value):
        moment = super().to_python(value)
        return None if moment is None else in_utc(moment)


class InstantFilter(django_filters.IsoDateTimeFilter):
    """A moment in ISO 8601, in UTC: one the database cannot read is a 400, not a crash."""

    field_class = InstantField


class ClaimFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label=_("Text in the quote, restatement or claimant (Chinese or English)."),
    )
    verdict = InFilter(
        field_name="verdict__code",
        help_text=_("Verdict codes: repeat the parameter, or separate them with commas."),
    )
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices)
    article = IdFilter(field_name="article_id", label=_("Article id."))
    source = IdFilter(method="filter_source", label=_("Claims with evidence from this source id."))
    publisher = django_filters.CharFilter(
        method="filter_publisher",
        label=_("Claims with evidence from this publisher (its slug)."),
    )
    outlet = django_filters.CharFilter(
        field_name="article__outlet__slug", label=_("Claims in articles by this outlet (slug).")
    )
    claimant = django_filters.CharFilter(lookup_expr="icontains")
    unit = django_filters.ChoiceFilter(choices=Unit.choices)
    place = django_filters.CharFilter(lookup_expr="iexact")
    language = django_filters.CharFilter(
        field_name="quote_language", lookup_expr="iexact", label=_("Language of the quote.")
    )
    updated_since = InstantFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Changed at or after (ISO 8601).")
    )
    published_since = InstantFilter(field_name="published_at", lookup_expr="gte")
    value_min = ValueFilter(field_name="value", lookup_expr="gte")
    value_max = ValueFilter(field_name="value", lookup_expr="lte")
    ordering = OrderingFilter(
        fields=(
            ("published_at", "published_at"),
            ("updated_at", "updated_at"),
            ("reviewed_at", "reviewed_at"),
            ("value", "value"),
            ("verdict__position", "verdict"),
            ("claimant", "claimant"),
            ("paragraph", "paragraph"),
        ),
        label=_(
            "Sort by; a leading minus reverses. Several keys: repeat the parameter, or separate "
            "them with commas."
        ),
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return claims_matching(queryset, value)

    def filter_source(self, queryset, name, value):
        return queryset.filter(
            Exists(Evidence.objects.filter(claim=OuterRef("pk"), source_id=value))
        )

    def filter_publisher(self, queryset, name, value):
        return queryset.filter(
            Exists(Evidence.objects.filter(claim=OuterRef("pk"), source__publisher__slug=value))
        )

    @property
    def qs(self):
        queryset = super().qs
        # Ties would make page boundaries move between requests; the id settles them.
        ordering = list(queryset.query.order_by) or list(Claim._meta.ordering)
        return queryset.order_by(*ordering, "id") if "id" not in ordering else queryset


class DeskClaimFilter(ClaimFilter):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)


class RegistryFilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipping the filter form when the query names no filter.

    Building and validating the form deep-copies every filter's field: a fifth of a list
    request that asks for nothing to be filtered (the first pages a reader or a syncing
    client reads). A form with no data filters nothing, so the answer is the same."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not set(request.query_params).intersection(
            filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)
