"""Changelist filters that follow a claim's evidence to its sources and their publishers."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from claims.models import Evidence, EvidenceRole
from sources.models import Publisher, Source


class EvidenceSourceFilter(admin.SimpleListFilter):
    """Claims with evidence from one source, optionally in one role (supports, contradicts…).

    Shown only while it filters: the link from a source's page sets it.

    The role travels in its own parameter so a link from a source's page can ask for "the
    claims this source supports"; both conditions apply to the same evidence row.
    """

    title = _("source")
    parameter_name = "source"
    role_parameter = "source_role"

    def __init__(self, request, params, model, model_admin):
        role = params.pop(self.role_parameter, None)
        role = role[-1] if isinstance(role, list) else role
        self.role = role if role in EvidenceRole.values else None
        super().__init__(request, params, model, model_admin)
        if self.role:
            self.used_parameters[self.role_parameter] = self.role
            self.title = _("source (%(role)s)") % {"role": EvidenceRole(self.role).label}

    def expected_parameters(self):
        return [self.parameter_name, self.role_parameter]

    def lookups(self, request, model_admin):
        # Only the source asked for (from its page's link): a list of every source is too
        # long to read, and the changelist's search finds claims by their sources' titles.
        if not self.value():
            return []
        return Source.objects.filter(pk=self.value()).values_list("pk", "title")

    def value(self):
        value = super().value()
        return value if value and str(value).isdigit() else None

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        evidence = Evidence.objects.filter(source_id=self.value())
        if self.role:
            evidence = evidence.filter(role=self.role)
        return queryset.filter(pk__in=evidence.values("claim_id"))

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(
                remove=[self.parameter_name, self.role_parameter]
            ),
            "display": _("All"),
        }
        for pk, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(pk),
                "query_string": changelist.get_query_string(
                    {self.parameter_name: pk}, [self.role_parameter]
                ),
                "display": title,
            }


class EvidencePublisherFilter(admin.SimpleListFilter):
    """Claims checked against any source from one publisher."""

    title = _("publisher")
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        return (
            Publisher.objects.filter(sources__evidence__isnull=False)
            .distinct()
            .values_list("pk", "name")
        )

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not str(value).isdigit():
            return queryset
        evidence = Evidence.objects.filter(source__publisher_id=value)
        return queryset.filter(pk__in=evidence.values("claim_id"))
