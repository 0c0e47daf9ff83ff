"""Response headers the public views share: caching and Content-Security-Policy."""

from __future__ import annotations

import functools

from registry import kept_answers

# Badges and embeds are read on every view of every page that carries them: let browsers and
# CDNs keep them five minutes, serve a stale copy while revalidating, and for a week if we fail.
BADGE_CACHE_CONTROL = (
    "public, max-age=300, s-maxage=300, stale-while-revalidate=86400, stale-if-error=604800"
)
NOT_FOUND_CACHE_CONTROL = "public, max-age=60"
PAGE_CACHE_CONTROL = "public, max-age=60"

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


def etag_matches(request, etag: str) -> bool:
    """If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET) or is "*"."""
    return kept_answers.etag_matches(request.headers.get("If-None-Match", ""), etag)
