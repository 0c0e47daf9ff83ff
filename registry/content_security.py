"""The Content-Security-Policy of every response whose view chose none.

Views that need their own policy set it: the public pages, the badge SVG and the embed card
(public/headers.py), the API's documentation (api/docs.py) and the error pages
(registry/errors.py). Everything else, such as the API's JSON and its errors, oEmbed, or a
refusal from a middleware, gets the public pages' strict policy here, so that nothing is sent
without one. The admin's own pages are left as Django draws them (docs/security.md).
"""

from __future__ import annotations

import functools

from django.urls import reverse

from public.headers import PAGE_POLICY

HEADER = "Content-Security-Policy"


@functools.cache
def _admin_prefix() -> str:
    return reverse("admin:index")


def default_policy(get_response):
    def middleware(request):
        response = get_response(request)
        if HEADER not in response.headers and not request.path.startswith(_admin_prefix()):
            response.headers[HEADER] = PAGE_POLICY
        return response

    return middleware
