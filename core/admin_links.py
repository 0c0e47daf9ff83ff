"""A count in an admin list, linked to the list of the rows it counts."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode


def changelist_link(changelist: str, count: int, **filters) -> str:
    """`count`, linked to the admin list `changelist` ("claims_claim") filtered by `filters`."""
    if not count:
        return "0"
    url = reverse(f"admin:{changelist}_changelist") + "?" + urlencode(filters)
    return format_html('<a href="{}">{}</a>', url, count)
