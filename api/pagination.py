"""Pages of results: numbered pages with a capped size, or a cursor for syncing everything.

`?page=2&page_size=50` pages a list the way people browse it. `?cursor=` (empty to start)
switches to cursor paging in a fixed order (oldest record first), which stays correct while
records are added: a client that syncs the registry follows `next` until it is null.
"""

from __future__ import annotations

import functools
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination, PageNumberPagination

from claims.public_changes import generation

# What our cursors are made of (base64); anything else is not one of ours.
CURSOR = re.compile(r"[A-Za-z0-9+/]*={0,2}")


def _whole_number(raw: str) -> int | None:
    """ "12" as 12; None for anything else, full-width and superscript digits included."""
    if raw.isascii() and raw.isdigit():
        return int(raw)
    return None


# Parameters that choose a page, not which records match: the count is the same for all.
_NOT_FILTERS = {"page", "page_size", "format", "ordering"}


class KeptCountPaginator(Paginator):
    """Django's paginator, counting the matches once per public change.

    `COUNT(*)` over every published claim is the one query that grows with the registry
    (about 130 ms at a million claims, docs/scaling.md); every page of the same list has the
    same count, and only a public change alters it. So a count is kept in the cache under the
    public generation, per list and filters: the first page-numbered request after a change
    pays it, and no write waits for it.
    """

    def __init__(self, *args, list_name: str, filters: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.list_name = list_name
        self.filters = filters

    @cached_property
    def count(self) -> int:
        digest = hashlib.sha256(repr((self.list_name, self.filters)).encode()).hexdigest()
        key = f"api:count:{generation()}:{digest}"
        found = cache.get(key)
        if isinstance(found, int):
            return found
        counted = super().count
        cache.set(key, counted, timeout=settings.API_CACHE_TIMEOUT)
        return counted


def _filters(request) -> list:
    # Sorted by name only: a repeated parameter keeps its values in order, since the last
    # one is the one a filter uses.
    return sorted(
        (name, values) for name, values in request.query_params.lists() if name not in _NOT_FILTERS
    )


class _Cursor(CursorPagination):
    ordering = "id"
    page_size_query_param = "page_size"

    def __init__(self, page_size: int):
        self.page_size = page_size

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded and not CURSOR.fullmatch(encoded):
            raise exceptions.NotFound(self.invalid_cursor_message)
        cursor = super().decode_cursor(request)
        # Ours hold an id; another position would reach the database as one and fail there.
        position = cursor.position if cursor is not None else None
        if position is not None and _whole_number(position) is None:
            raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor


class RegistryPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    def __init__(self):
        self.cursor: _Cursor | None = None

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return min(self.page_size, self.max_page_size)
        size = _whole_number(raw)
        if size is None or size < 1:
            raise exceptions.ValidationError(
                {"page_size": [_("Enter a whole number from 1 upwards.")]}
            )
        if size > self.max_page_size:
            raise exceptions.ValidationError(
                {
                    "page_size": [
                        _("Ask for at most %(max)s results per page.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def paginate_queryset(self, queryset, request, view=None):
        page_size = self.get_page_size(request)
        if "cursor" in request.query_params:
            if request.query_params.get("page"):
                raise exceptions.ValidationError(
                    {"cursor": [_("Use either cursor or page, not both.")]}
                )
            if request.query_params.get("ordering"):
                raise exceptions.ValidationError(
                    {"cursor": [_("Cursor paging has a fixed order; leave out ordering.")]}
                )
            self.cursor = _Cursor(page_size)
            return self.cursor.paginate_queryset(queryset, request, view)
        raw_page = request.query_params.get(self.page_query_param, "1")
        page = _whole_number(raw_page)
        if page is None or page < 1:
            raise exceptions.ValidationError({"page": [_("Enter a page number from 1 upwards.")]})
        self.page_size = page_size
        if getattr(view, "counts_published_only", False):
            # Only a public change alters what such a view counts; the desk's lists (drafts
            # included) are counted every time.
            self.django_paginator_class = functools.partial(
                KeptCountPaginator,
                # One count per view and action: two lists never share one.
                list_name=(
                    f"{getattr(view, 'basename', type(view).__name__)}"
                    f":{getattr(view, 'action', None) or 'list'}"
                ),
                filters=_filters(request),
            )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.cursor is not None:
            response = self.cursor.get_paginated_response(data)
            response.data = {"count": None, **response.data}
            return response
        return super().get_paginated_response(data)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"]["count"]["nullable"] = True
        paged["properties"]["count"]["description"] = _(
            "How many results match; null when paging with a cursor."
        )
        return paged

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["schema"]["maximum"] = settings.API_MAX_PAGE_SIZE
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        parameters.append(
            {
                "name": "cursor",
                "required": False,
                "in": "query",
                "description": _(
                    "Page with a cursor instead of page numbers: send it empty to start, "
                    "then follow `next`. The order is fixed (oldest first)."
                ),
                "schema": {"type": "string"},
            }
        )
        return parameters
