"""The badge endpoints: SVG, shields.io JSON and the data behind the script loader.

Every one goes through `_serve`: an answer kept under the current public generation is sent
from the cache alone (claims/public_cache.py); a miss renders from one query; a database
outage serves the last known good copy, as stale (public/badge_cache.py).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from api.errors import read_only_json
from claims.badges import NEUTRAL_COLOUR, badge_json, badge_style, badge_svg
from claims.models import ClaimStatus
from claims.public_cache import body_etag, cached_response, conditional
from claims.public_changes import tag_response, tags
from public import badge_cache, selectors
from public.badge_cache import Rendered, badge_variant
from public.headers import (
    BADGE_CACHE_CONTROL,
    NOT_FOUND_CACHE_CONTROL,
    STALE_CACHE_CONTROL,
    SVG_POLICY,
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
        etag=body_etag(data),
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


def _response(rendered: Rendered) -> HttpResponse:
    response = HttpResponse(
        rendered.body, content_type=rendered.content_type, status=rendered.status
    )
    if rendered.status == 503:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Retry-After"] = "30"
    elif rendered.status != 200 or not rendered.found:
        # Not kept (claims/public_cache.py), so no ETag either: briefly cached downstream.
        response.headers["Cache-Control"] = NOT_FOUND_CACHE_CONTROL
    if rendered.content_type == SVG_TYPE:
        response.headers["Content-Security-Policy"] = SVG_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Public, credential-free data: any site's script may read it.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


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
        return _response(_rendered_not_found(kind, lang, style))
    variant = badge_variant(kind, lang, style)

    def build() -> HttpResponse:
        rendered = render(public_id, lang, style)
        if rendered.status == 200 and rendered.found:
            badge_cache.keep(public_id, variant, rendered)
        return tag_response(_response(rendered), tags(claims=[public_id]))

    try:
        return cached_response(
            request, f"badge\n{public_id}\n{variant}", build, cache_control=BADGE_CACHE_CONTROL
        )
    except DatabaseError:
        logger.exception("Badge %s rendered from the last known good copy", public_id)
    rendered = badge_cache.last_known_good(public_id, variant)
    if rendered is None:
        return _response(_unavailable(content_type, lang))
    response = _response(rendered)
    # Never kept as current, by our own proxy either (deploy/nginx honours this header).
    response.headers["X-Accel-Expires"] = "0"
    return conditional(
        request, response, etag=rendered.etag, modified=None, cache_control=STALE_CACHE_CONTROL
    )


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
