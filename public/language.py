"""Which of our two languages a public response is in: `?lang=`, else Accept-Language."""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)  # ("en", "zh-hant")


def content_language(code: str) -> str:
    """The BCP 47 tag of one of our language codes, as Content-Language and inLanguage say it."""
    return "zh-Hant" if code.lower().startswith("zh") else "en"


def language_from_param(value: str | None) -> str | None:
    """`en` or `zh-hant` for a `?lang=` value (any case, zh-Hant or zh_Hant), else None."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-")
    return code if code in LANGUAGE_CODES else None


def language_from_accept(header: str) -> str:
    """The best of our languages for an Accept-Language header; English when none fits."""
    choices = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and quality > 0:
            choices.append((-quality, position, tag.strip().lower()))
    for _q, _position, tag in sorted(choices):
        if tag == "*" or tag.startswith("en"):
            return "en"
        # Every Chinese variant reads Traditional Chinese better than English.
        if tag == "zh" or tag.startswith("zh-"):
            return "zh-hant"
    return settings.LANGUAGE_CODE


def negotiate_language(lang_param: str | None, accept_language: str) -> str:
    """`?lang=` when it names one of ours, else the best fit for Accept-Language.

    The one rule for badges: the Django views and the WSGI fast path (public/fastpath.py)
    both call it, so a cached copy is always the one the view would have chosen.
    """
    return language_from_param(lang_param) or language_from_accept(accept_language)


def request_language(request) -> str:
    """For responses that vary on Accept-Language only (badges): never on cookies."""
    return negotiate_language(request.GET.get("lang"), request.headers.get("Accept-Language", ""))


def page_language(view):
    """Let `?lang=` choose a page's language, and remember the choice in Django's cookie.

    Without `?lang=` the language comes from that cookie or Accept-Language (LocaleMiddleware),
    so the response varies on both.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        chosen = language_from_param(request.GET.get("lang"))
        if chosen is None:
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen
        response = view(request, *args, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            chosen,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
        # A shared cache must never hand this reader's Set-Cookie to someone else.
        response.headers["Cache-Control"] = "private, max-age=60"
        return response

    return wrapper
