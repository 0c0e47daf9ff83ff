"""The admin site the desk works in: Django's, with a throttled sign-in."""

from __future__ import annotations

from contextlib import suppress

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import UsernameField
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import login_throttle
from core.instants import in_utc

# The lookups whose value in an admin address is one moment, or several separated by commas.
_MOMENT_LOOKUPS = {"exact", "gt", "gte", "lt", "lte"}
_MOMENTS_LOOKUPS = {"in"}


def _compared_moments(model, lookup: str, value: str) -> list:
    """The moments `value` holds when `lookup` compares a date-and-time field, else []."""
    parts = lookup.split(LOOKUP_SEP)
    field = None
    while parts:
        try:
            field = model._meta.get_field(parts[0])
        except FieldDoesNotExist:
            break
        parts.pop(0)
        if field.related_model is None:
            break
        model = field.related_model
    comparison = parts[0] if parts else "exact"
    if not isinstance(field, models.DateTimeField) or len(parts) > 1:
        return []
    if comparison in _MOMENTS_LOOKUPS:
        texts = value.split(",")
    elif comparison in _MOMENT_LOOKUPS:
        texts = [value]
    else:
        return []
    moments = []
    for text in texts:
        with suppress(ValidationError):  # not a date and time: Django refuses it itself
            moments.append(field.to_python(text))
    return [moment for moment in moments if moment is not None]


class ReadableMomentLookups:
    """An admin list takes lookups on its model's fields from the address
    (`?updated_at__gte=…`); one comparing with a moment the database cannot read is refused
    with a 400, as the API refuses it, instead of failing in the database."""

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        try:
            for moment in _compared_moments(self.model, lookup, value):
                in_utc(moment)
        except ValidationError:
            return False
        return super().lookup_allowed(lookup, value, request)


class SignInForm(AdminAuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django only sets the length on the widget: a longer name would reach the lockout's
        # records, whose column cannot hold it. It belongs to nobody; refuse it unread.
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))

    def confirm_login_allowed(self, user) -> None:
        try:
            super().confirm_login_allowed(user)
        except ValidationError:
            login_throttle.refused_account(self.request, user)
            raise


class RegistryAdminSite(admin.AdminSite):
    login_form = SignInForm
    site_header = gettext_lazy("Claim Registry desk")
    site_title = gettext_lazy("Claim Registry")
    index_title = gettext_lazy("Fact-check desk")
    # The desk's lists and forms need the window's width; the breadcrumbs and the home page
    # lead everywhere the sidebar did.
    enable_nav_sidebar = False

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        # Every admin list, ours and the installed apps' (users, tokens), checks moments.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ReadableMomentLookups):
            admin_class = type(
                admin_class.__name__,
                (ReadableMomentLookups, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.method != "POST":
            return super().login(request, extra_context)
        # As the sign-in form reads it, so the counts are the ones axes keeps.
        username = UsernameField().to_python(request.POST.get("username", ""))
        with login_throttle.attempt(request, username) as allowed:
            if allowed:
                response = super().login(request, extra_context)
                if request.user.is_authenticated:
                    login_throttle.signed_in(request, request.user.get_username())
        if not allowed:
            return self._locked_out(request, username)
        return response

    def _locked_out(self, request: HttpRequest, username: str) -> HttpResponse:
        seconds = login_throttle.cool_off_seconds()
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": username,
            "throttled_message": _(
                "Too many failed sign-in attempts. Wait %(minutes)s minutes and try again."
            )
            % {"minutes": seconds // 60},
        }
        response = TemplateResponse(request, "admin/login_throttled.html", context)
        response.status_code = 429
        response["Retry-After"] = str(seconds)
        return response
