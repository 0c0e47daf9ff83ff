"""The desk's archived copies, for readers: the text read from each, the stored page, the WARC.

The stored page is someone else's HTML served from our origin, so it never runs as a live
page here: it goes out under `Content-Security-Policy: sandbox` (a unique origin, no script,
no forms, no plugins) with nothing allowed to load from anywhere, and anything that is not
HTML or plain text is sent as a download. Readers who want no part of that read the text.
"""

from __future__ import annotations

from email.message import Message

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from public import selectors
from public.headers import ARCHIVED_PAGE_POLICY
from public.views.pages import public_page
from sources.archive.warc import read_response

# A capture never changes: readers and CDNs may keep a public one for a day.
PUBLIC_COPY_CACHE = "public, max-age=86400"
# A copy only the desk may see yet (its source backs no published claim).
DESK_COPY_CACHE = "private, no-store"
INLINE_TYPES = {"text/html", "text/plain"}


def _capture_or_404(request, key: str):
    capture, public = selectors.archived_copy(key, desk=_is_desk(request))
    if capture is None:
        raise Http404
    return capture, public


def _is_desk(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_staff and user.has_perm("sources.view_source"))


def _cache(response: HttpResponse, public: bool) -> HttpResponse:
    response.headers["Cache-Control"] = PUBLIC_COPY_CACHE if public else DESK_COPY_CACHE
    return response


@public_page
def archived_text(request, key: str) -> HttpResponse:
    capture, public = _capture_or_404(request, key)
    context = {"capture": capture, "source": capture.source}
    return _cache(render(request, "public/archived_copy.html", context), public)


@require_safe
def archived_page(request, key: str) -> HttpResponse:
    capture, public = _capture_or_404(request, key)
    with capture.warc.open("rb") as stream:
        stored = read_response(stream)
    if stored is None:
        raise Http404
    media_type, charset = _content_type(stored.header("Content-Type") or capture.content_type)
    response = HttpResponse(stored.body, content_type=_header_value(media_type, charset))
    response.headers["Content-Security-Policy"] = ARCHIVED_PAGE_POLICY
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if media_type not in INLINE_TYPES:
        response.headers["Content-Disposition"] = (
            f'attachment; filename="{capture.key}{_extension(media_type)}"'
        )
    return _cache(response, public)


@require_safe
def archived_warc(request, key: str) -> HttpResponse:
    capture, public = _capture_or_404(request, key)
    with capture.warc.open("rb") as stream:
        data = stream.read()
    response = HttpResponse(data, content_type="application/warc")
    response.headers["Content-Disposition"] = f'attachment; filename="{capture.key}.warc.gz"'
    response.headers["Content-Security-Policy"] = ARCHIVED_PAGE_POLICY
    return _cache(response, public)


def _content_type(value: str) -> tuple[str, str]:
    """The media type and charset of a stored Content-Type, re-read so nothing else passes."""
    message = Message()
    message["Content-Type"] = value or "application/octet-stream"
    media_type = message.get_content_type()
    charset = message.get_param("charset") or ""
    if not isinstance(charset, str) or not charset.replace("-", "").replace("_", "").isalnum():
        charset = ""
    return media_type, charset


def _header_value(media_type: str, charset: str) -> str:
    return f"{media_type}; charset={charset}" if charset else media_type


def _extension(media_type: str) -> str:
    return {"application/pdf": ".pdf"}.get(media_type, ".bin")
