"""The badge endpoints: SVG, shields.io JSON and the data behind the script loader.

Every one goes through `_serve`: a cache hit is answered from the cache alone, without the
database; a miss renders from one query; a database outage serves the last known good copy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from api.errors import read_only_json
from claims.models import ClaimStatus
from public import badge_cache, selectors
from public.badge_cache import Rendered
from public.badges import NEUTRAL_COLOUR, badge_json, badge_style, badge_svg
from public.headers import (
    BADGE_CACHE_CONTROL,
    NOT_FOUND_CACHE_CONTROL,
    SVG_POLICY,
    etag_matches,
)
from public.language import request_language
from public.templatetags.public_pages import ruling_after_verdict

logger = logging.getLogger(__name__)

PUBLIC_ID = re.compile(r"[0-9a-z]{4,12}")
SVG_TYPE = "image/svg+xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


def _rendered(body: str, content_type: str, status: int, found: bool = True) -> Rendered:
    data = body.encode()
    return Rendered(
        body=data,
        content_type=content_type,
        status=status,
        etag='"' + hashlib.sha256(data).hexdigest()[:32] + '"',
        found=found,
    )


def _badge_text(state: selectors.BadgeState | None, lang: str) -> tuple[str, str, str, int]:
    """Label, message, colour and status for a claim's badge, in `lang`."""
    with translation.override(lang):
        label = _("fact check")
        if state is None:
            return label, _("not found"), NEUTRAL_COLOUR, 404
        if state.status == ClaimStatus.WITHDRAWN:
            return label, _("withdrawn"), NEUTRAL_COLOUR, 200
    message = state.label_zh_hant if lang == "zh-hant" else state.label_en
    return label, message, state.colour, 200


def _render_svg(public_id: str, lang: str, style: str) -> Rendered:
    label, message, colour, status = _badge_text(selectors.badge_state(public_id), lang)
    svg = badge_svg(label=label, message=message, colour=colour, style=style, lang=lang)
    return _rendered(svg, SVG_TYPE, status)


def _render_json(public_id: str, lang: str, style: str) -> Rendered:
    return _shields_json(*_badge_text(selectors.badge_state(public_id), lang))


def _shields_json(label: str, message: str, colour: str, status: int) -> Rendered:
    """shields.io shows the body of a 200 only: an unknown id is a 200 with isError."""
    if status == 404:
        data = badge_json(label=label, message=message, colour=colour, is_error=True)
        return _rendered(json.dumps(data, ensure_ascii=False), JSON_TYPE, 200, found=False)
    data = badge_json(label=label, message=message, colour=colour)
    return _rendered(json.dumps(data, ensure_ascii=False), JSON_TYPE, status)


def _render_embed_data(public_id: str, lang: str, style: str) -> Rendered:
    """What the script loader shows beside a claim: the badge, the ruling, the link."""
    claim = selectors.public_claim(public_id)
    state = None
    if claim is not None:
        state = selectors.BadgeState(
            status=claim.status,
            label_en=claim.verdict.label_en,
            label_zh_hant=claim.verdict.label_zh_hant,
            colour=claim.verdict.colour,
        )
    label, message, colour, status = _badge_text(state, lang)
    with translation.override(lang):
        data = {
            "id": public_id,
            "status": claim.status if claim else "not-found",
            "lang": lang,
            "label": label,
            "message": message,
            "colour": colour,
            "alt": f"{label}{'：' if lang == 'zh-hant' else ': '}{message}",
            "ruling": "",
            "url": reverse("public:claim", args=[public_id]) + f"?lang={lang}",
            "badge": reverse("public:badge-svg", args=[public_id]) + f"?lang={lang}",
            "more": _("Read the full fact check"),
        }
        if claim is not None and claim.status == ClaimStatus.PUBLISHED:
            data["ruling"] = ruling_after_verdict(claim, lang)  # the panel names the verdict
        elif claim is not None:
            data["ruling"] = _("This fact check was withdrawn.")
    return _rendered(json.dumps(data, ensure_ascii=False), JSON_TYPE, status)


def _unavailable(content_type: str, lang: str) -> Rendered:
    with translation.override(lang):
        label, message = _("fact check"), _("unavailable")
    if content_type == SVG_TYPE:
        return _rendered(
            badge_svg(label=label, message=message, colour=NEUTRAL_COLOUR), SVG_TYPE, 503
        )
    body = json.dumps(badge_json(label=label, message=message, colour=NEUTRAL_COLOUR))
    return _rendered(body, JSON_TYPE, 503)


def _respond(request, rendered: Rendered) -> HttpResponse:
    # An unknown id's shields.io JSON is a 200 without a validator: never kept, never a 304.
    ok = rendered.status == 200 and rendered.found
    if ok and etag_matches(request, rendered.etag):
        # No Content-Type on a 304: it describes no body (RFC 9110 15.4.5).
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(
            rendered.body, content_type=rendered.content_type, status=rendered.status
        )
    if ok:
        response.headers["ETag"] = rendered.etag
        response.headers["Cache-Control"] = BADGE_CACHE_CONTROL
    elif rendered.status == 503:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Retry-After"] = "30"
    else:
        response.headers["Cache-Control"] = NOT_FOUND_CACHE_CONTROL
    if rendered.content_type == SVG_TYPE:
        response.headers["Content-Security-Policy"] = SVG_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Public, credential-free data: any site's script may read it.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def badge_variant(kind: str, lang: str, style: str) -> str:
    """The cache's name for one rendering of a badge; public/fastpath.py uses it too."""
    return f"{kind}:{lang}:{style}"


def _serve(
    request,
    public_id: str,
    *,
    kind: str,
    content_type: str,
    render: Callable[[str, str, str], Rendered],
) -> HttpResponse:
    lang = request_language(request)
    style = badge_style(request.GET.get("style") if kind == "svg" else None)
    if not PUBLIC_ID.fullmatch(public_id):
        return _respond(request, _rendered_not_found(kind, lang, style))
    variant = badge_variant(kind, lang, style)
    generations, rendered = badge_cache.lookup(public_id, variant)
    if rendered is None:
        try:
            rendered = render(public_id, lang, style)
        except DatabaseError:
            logger.exception("Badge %s rendered from the last known good copy", public_id)
            rendered = badge_cache.last_known_good(public_id, variant) or _unavailable(
                content_type, lang
            )
            return _respond(request, rendered)
        badge_cache.store(generations, public_id, variant, rendered)
    return _respond(request, rendered)


def _rendered_not_found(kind: str, lang: str, style: str) -> Rendered:
    label, message, colour, status = _badge_text(None, lang)
    if kind == "svg":
        body = badge_svg(label=label, message=message, colour=colour, style=style, lang=lang)
        return _rendered(body, SVG_TYPE, status)
    return _shields_json(label, message, colour, status)


@require_safe
@xframe_options_exempt  # its policy's frame-ancestors says who may embed it: anyone
def badge_svg_view(request, public_id: str) -> HttpResponse:
    return _serve(request, public_id, kind="svg", content_type=SVG_TYPE, render=_render_svg)


@read_only_json
def badge_json_view(request, public_id: str) -> HttpResponse:
    return _serve(request, public_id, kind="json", content_type=JSON_TYPE, render=_render_json)


@read_only_json
def embed_data_view(request, public_id: str) -> HttpResponse:
    return _serve(
        request, public_id, kind="embed", content_type=JSON_TYPE, render=_render_embed_data
    )
