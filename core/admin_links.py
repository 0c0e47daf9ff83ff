"""Links in the admin, and the extra pages a model's admin adds under one object's URL."""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode


def changelist_link(changelist: str, count: int, **filters) -> str:
    """`count`, linked to the admin list `changelist` ("claims_claim") filtered by `filters`."""
    if not count:
        return "0"
    url = reverse(f"admin:{changelist}_changelist") + "?" + urlencode(filters)
    return format_html('<a href="{}">{}</a>', url, count)


class ObjectPagesMixin:
    """A ModelAdmin's own pages about one object: their URL patterns, links and context."""

    def object_page(self, route: str, view, name: str):
        """Page `name` at <object_id>/`route`, behind the admin's login."""
        opts = self.opts
        return path(
            f"<path:object_id>/{route}",
            self.admin_site.admin_view(view),
            name=f"{opts.app_label}_{opts.model_name}_{name}",
        )

    def object_url(self, name: str, *args) -> str:
        """The URL of this admin's page `name` ("change", or one of object_page's)."""
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}",
            args=args,
            current_app=self.admin_site.name,
        )

    def object_or_404(self, request, object_id: str):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def object_page_context(self, request, obj, title: str, **context) -> dict:
        """What the admin's base templates need for a page about `obj`, and `context`."""
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": title,
            "subtitle": str(obj),
            "change_url": self.object_url("change", obj.pk),
            **context,
        }
