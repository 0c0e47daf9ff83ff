"""Response headers the public views share: caching and Content-Security-Policy."""

from __future__ import annotations

import functools

# Badges and embeds are read on every view of every page that carries them: browsers and CDNs
# keep them a minute, may serve them a minute more while revalidating, and a day if we fail.
BADGE_CACHE_CONTROL = (
    "public, max-age=60, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"
)
# A last known good badge, sent while the database is down: stale from the start, so no
# cache takes it for the current one, and kept by a cache only while the origin fails.
STALE_CACHE_CONTROL = "public, max-age=0, s-maxage=0, stale-if-error=300"
NOT_FOUND_CACHE_CONTROL = "public, max-age=60"
# Pages as the API's reads: revalidated by browsers, kept briefly by shared caches.
PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=30, stale-while-revalidate=30"

# A badge runs nothing and loads nothing; any site may show it, with <img> or, where it should
# be a document of its own, with <object> or <embed> (which X-Frame-Options would refuse).
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"
# Our pages load only our own stylesheet and images, and run no script. The ClaimReview
# JSON-LD block is data, which a policy does not block because a browser never executes it.
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# A stored copy of someone else's page: a sandbox (a unique origin, no script, forms or
# plugins), nothing fetched from anywhere but inline styles and inline images.
ARCHIVED_PAGE_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# The embed card may be framed by any site; that is its purpose. Its one script, our own file,
# tells the framing page the card's height.
EMBED_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; "
    "frame-ancestors *"
)


def content_security_policy(policy: str):
    """Send `policy` with the view's responses."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.headers.setdefault("Content-Security-Policy", policy)
            return response

        return wrapper

    return decorator
