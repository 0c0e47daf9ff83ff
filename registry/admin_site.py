"""The admin site the desk works in: Django's, with a throttled sign-in."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry import login_throttle


class RegistryAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Claim Registry desk")
    site_title = gettext_lazy("Claim Registry")
    index_title = gettext_lazy("Fact-check desk")

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.method != "POST":
            return super().login(request, extra_context)
        username = request.POST.get("username", "")
        address = request.META.get("REMOTE_ADDR", "")
        if login_throttle.is_locked(username, address):
            context = {
                **self.each_context(request),
                "title": _("Log in"),
                "subtitle": None,
                "app_path": request.get_full_path(),
                "username": username,
                "throttled_message": _(
                    "Too many failed sign-in attempts. Wait %(minutes)s minutes and try again."
                )
                % {"minutes": login_throttle.COOL_DOWN_SECONDS // 60},
            }
            response = TemplateResponse(request, "admin/login_throttled.html", context)
            response.status_code = 429
            response["Retry-After"] = str(login_throttle.COOL_DOWN_SECONDS)
            return response
        response = super().login(request, extra_context)
        if request.user.is_authenticated:
            login_throttle.record_success(username)
        else:
            login_throttle.record_failure(username, address)
        return response
