"""Which of our two languages a public response is in: `?lang=`, else Accept-Language."""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils import translation

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
    """`?lang=` when it names one of ours, else the best fit for Accept-Language."""
    return language_from_param(lang_param) or language_from_accept(accept_language)


def chosen_language(request) -> str | None:
    """The language the reader picked with a valid `?lang=`; None when the URL names none."""
    return language_from_param(request.GET.get("lang"))


def request_language(request) -> str:
    """The language of a public response: from its URL or Accept-Language, never a cookie."""
    return negotiate_language(request.GET.get("lang"), request.headers.get("Accept-Language", ""))


def page_language(view):
    """Show a public page in `request_language`.

    Nothing is remembered: a cookie would make every cached copy depend on it (`Vary:
    Cookie`), and one chosen on one page must not silently change plain `/` later. The
    response varies on Accept-Language alone (LocaleMiddleware says so).
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        chosen = request_language(request)
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen
        return view(request, *args, **kwargs)

    return wrapper
