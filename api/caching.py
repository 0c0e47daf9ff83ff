"""Public API reads kept under the public generation (claims/public_cache.py), with tags."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from rest_framework.response import Response

from claims.public_cache import cached_response
from claims.public_changes import tag_response


def read_cache_control() -> str:
    return (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, s-maxage={settings.API_CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.API_CACHE_S_MAXAGE}"
    )


def _rendered(view, request, response):
    """The response as it will be sent, rendered now so that its bytes can be kept."""
    if isinstance(response, Response):
        response.accepted_renderer = request.accepted_renderer
        response.accepted_media_type = request.accepted_media_type
        response.renderer_context = view.get_renderer_context()
        response.render()
    return response


def cached_public_read(view, request, key_parts: str, build: Callable, tags: Callable = None):
    """Answer a public GET from the cache, or build, cache and answer it; 304 when unchanged.

    The rendered bytes are kept, so the key holds the negotiated media type and the origin
    the body's absolute links start with. `tags(response)` names the purge tags of a 200.
    """
    origin = request.build_absolute_uri("/")

    def built():
        response = _rendered(view, request, build())
        if response.status_code == 200:
            tag_response(response, tags(response) if tags else ["lists"])
        return response

    return cached_response(
        request,
        f"api\n{key_parts}\n{request.accepted_media_type}\n{origin}",
        built,
        cache_control=read_cache_control(),
    )
