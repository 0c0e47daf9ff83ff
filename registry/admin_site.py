"""The admin site the desk works in: Django's, with a throttled sign-in."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import UsernameField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry import login_throttle


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
