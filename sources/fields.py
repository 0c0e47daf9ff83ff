"""What the apps' models share: http(s)-only URLs, partial dates, choice checks, slug keys."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sources.uri import normalise_url

HTTP_SCHEMES = ["http", "https"]


def normalised(url: str | None) -> str | None:
    return normalise_url(url) if isinstance(url, str) else url


class HttpURLFormField(forms.URLField):
    """The admin's URL field: what the editor typed, as the RFC 3986 URI that is stored."""

    def to_python(self, value):
        return normalised(super().to_python(value))


class HttpURLField(models.URLField):
    """A URL that may only be http or https: `javascript:` and `data:` never get stored.

    It is stored as an RFC 3986 URI (sources/uri.py): `"`, `<`, `>`, spaces and non-ASCII text
    percent-encoded, an internationalised host in its IDNA form, the scheme in lower case. A
    valid URI is stored exactly as given. Validation sees the address as it will be stored.
    """

    default_validators = [URLValidator(schemes=HTTP_SCHEMES)]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2000)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalised(super().to_python(value))

    def pre_save(self, model_instance, add):
        # Whatever wrote the value (a script, a shell, a library), it is stored as a URI; the
        # database's check compares the scheme exactly, so it goes in lower case too.
        value = normalised(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        # Django's form URLField would prepend "http://" to "javascript:alert(1)" and accept
        # it; keep the scheme the editor typed so the validator can refuse it.
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("form_class", HttpURLFormField)
        return super().formfield(**kwargs)


def http_url_constraint(field: str, *, name: str) -> models.CheckConstraint:
    """The database's own guard: the column is empty or starts with http:// or https://."""
    return models.CheckConstraint(
        condition=Q(**{field: ""})
        | Q(**{f"{field}__startswith": "http://"})
        | Q(**{f"{field}__startswith": "https://"}),
        name=name,
        violation_error_message=_("Only http:// and https:// addresses are accepted."),
    )


def choices_constraint(field: str, choices, *, name: str, blank: bool = False):
    """The database's own guard that `field` holds one of `choices`' values (or "", if `blank`)."""
    condition = Q(**{f"{field}__in": choices.values})
    if blank:
        condition = Q(**{field: ""}) | condition
    return models.CheckConstraint(condition=condition, name=name)


class SlugQuerySet(models.QuerySet):
    """Rows that fixtures and dumps name by their slug (Django's natural keys)."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def partial_date_constraint(date_field: str, precision_field: str, *, name: str):
    """A date and its precision are both set or both empty."""
    return models.CheckConstraint(
        condition=Q(**{f"{date_field}__isnull": True, precision_field: ""})
        | (
            Q(**{f"{date_field}__isnull": False})
            & Q(**{f"{precision_field}__in": DatePrecision.values})
        ),
        name=name,
    )


def format_partial_date(value, precision: str) -> str:
    """Show a date only as precisely as it is known: 2025, 2025-10 or 2025-10-04."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()
