"""What publishers embed besides the badge image: the iframe card, oEmbed and the script."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from api.errors import json_error, read_only_json
from claims.models import ClaimStatus
from claims.public_cache import body_etag, cached_response
from claims.public_changes import tag_response, tags
from public import selectors
from public.headers import (
    BADGE_CACHE_CONTROL,
    EMBED_POLICY,
    content_security_policy,
)
from public.language import (
    content_language,
    language_from_param,
    page_language,
    request_language,
)

CARD_WIDTH = 480
CARD_HEIGHT = 240
# The card's text stays readable down to this size; a smaller maxwidth or maxheight gets it.
MIN_CARD_WIDTH = 240
MIN_CARD_HEIGHT = 120
MAX_URL_LENGTH = 2000
SCRIPT_PATH = Path(__file__).resolve().parent.parent / "scripts" / "badge.js"


def site_base_url(request) -> str:
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


@require_safe
@xframe_options_exempt
@content_security_policy(EMBED_POLICY)
@page_language
def embed_card(request, public_id: str) -> HttpResponse:
    def build() -> HttpResponse:
        claim = selectors.public_claim(public_id)
        response = render(
            request,
            "public/embed.html",
            {"claim": claim, "withdrawn": bool(claim and claim.status == ClaimStatus.WITHDRAWN)},
            status=200 if claim else 404,
        )
        if claim is None:
            response.headers["Cache-Control"] = "public, max-age=60"
        return tag_response(response, tags(claims=[public_id]))

    key = f"embed\n{translation.get_language()}\n{request.build_absolute_uri()}"
    return cached_response(request, key, build, cache_control=BADGE_CACHE_CONTROL)


def _error(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    """An oEmbed error, in the API's one error format."""
    response = json_error(status, code, message, {field: [message]} if field else None)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _dimension(request, name: str) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or not 0 < int(raw) <= 10_000:
        raise ValueError(name)
    return int(raw)


def _fit(size: int, most: int | None, least: int) -> int:
    """The card's size within the consumer's most, but never below what stays readable."""
    return max(least, min(size, most or size))


def _language_for(request, url: str) -> str:
    """The oEmbed request's own `lang` (a page's discovery link carries the page's), then a
    `?lang=` in the pasted URL; otherwise the reader's language."""
    values = parse_qs(urlsplit(url).query).get("lang", [])
    return (
        language_from_param(request.GET.get("lang"))
        or (values and language_from_param(values[0]))
        or translation.get_language()
    )


def _claim_for_url(request, url: str):
    parts = urlsplit(url)
    hosts = {request.get_host().lower()}
    if settings.SITE_URL:
        hosts.add(urlsplit(settings.SITE_URL).netloc.lower())
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in hosts:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name not in ("public:claim", "public:embed"):
        return None
    return selectors.public_claim(match.kwargs["public_id"])


@read_only_json
@page_language
def oembed(request) -> HttpResponse:
    """oEmbed 1.0 (https://oembed.com/): a claim page's URL in, an iframe of its card out."""
    key = f"oembed\n{request_language(request)}\n{request.build_absolute_uri()}"
    return cached_response(request, key, lambda: _oembed(request), cache_control=OEMBED_CACHE)


# As the answer's own `cache_age`.
OEMBED_CACHE = "public, max-age=300, s-maxage=60, stale-while-revalidate=60"


def _oembed(request) -> JsonResponse:
    url = request.GET.get("url", "").strip()
    if not url:
        return _error(400, "invalid", _("The url parameter is required."), "url")
    if len(url) > MAX_URL_LENGTH:
        return _error(400, "invalid", _("The url parameter is too long."), "url")
    try:
        max_width = _dimension(request, "maxwidth")
        max_height = _dimension(request, "maxheight")
    except ValueError as error:
        message = _("%(name)s must be a positive whole number.") % {"name": error}
        return _error(400, "invalid", message, str(error))
    if request.GET.get("format", "json") != "json":
        return _error(501, "not_implemented", _("Only the json format is supported."), "format")
    claim = _claim_for_url(request, url)
    if claim is None:
        return _error(404, "not_found", _("No published fact check has this URL."))

    lang = _language_for(request, url)
    width = _fit(CARD_WIDTH, max_width, MIN_CARD_WIDTH)
    height = _fit(CARD_HEIGHT, max_height, MIN_CARD_HEIGHT)
    base = site_base_url(request)
    src = base + reverse("public:embed", args=[claim.public_id]) + "?" + urlencode({"lang": lang})
    if claim.status == ClaimStatus.WITHDRAWN:
        with translation.override(lang):
            title = _("Withdrawn fact check")
    else:
        title = f"{claim.verdict.label(lang)}: {Truncator(claim.restatement_in(lang)).chars(120)}"
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" frameborder="0" loading="lazy" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>',
        src,
        width,
        height,
        title,
    )
    response = JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": settings.SITE_NAME,
            "provider_url": base + "/",
            "cache_age": 300,
            "html": html,
            "width": width,
            "height": height,
        }
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Content-Language"] = content_language(lang)
    return tag_response(response, tags(claims=[claim.public_id]))


@functools.cache
def _script() -> tuple[bytes, str]:
    strings = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            strings[code] = {"fallback": _("Fact check")}
    # json.dumps never emits "</", so the strings cannot close anything; escape it anyway.
    literal = json.dumps(strings, ensure_ascii=True).replace("</", "<\\/")
    body = SCRIPT_PATH.read_text(encoding="utf-8").replace("__STRINGS__", literal).encode()
    return body, body_etag(body)


@require_safe
def badge_script(request) -> HttpResponse:
    body, etag = _script()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "public, max-age=3600, stale-while-revalidate=86400"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return get_conditional_response(request, etag=etag, response=response)
