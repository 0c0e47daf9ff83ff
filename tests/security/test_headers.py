"""Security headers on every kind of response, the HTTPS settings, and desk tokens."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from claims.models import Claim

PAGES = [
    lambda w: "/",
    lambda w: f"/claims/{w.published.public_id}/",
    lambda w: f"/claims/{w.withdrawn.public_id}/",
    lambda w: f"/articles/{w.published.article.slug}/",
    lambda w: "/corrections/",
    lambda w: "/methodology/",
]
PAGE_IDS = ["home", "claim", "withdrawn", "article", "corrections", "methodology"]


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_our_pages_send_a_strict_policy_and_refuse_framing(client, world, page):
    response = client.get(page(world))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src" not in policy  # so no script runs: default-src 'none' covers it
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_our_pages_carry_no_inline_script_or_style_the_policy_would_block(client, world):
    html = client.get(f"/claims/{world.published.public_id}/").content.decode()
    for opening in ("<script>", "<script ", " style=", " onclick=", " onload="):
        if opening.startswith("<script"):
            # Only the JSON-LD data block, which a browser never executes.
            for tag in html.split(opening)[1:]:
                assert tag.lstrip().startswith('type="application/ld+json"'), tag[:80]
        else:
            assert opening not in html


def _is_strict(response) -> None:
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src" not in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def _runs_nothing_inline(response) -> None:
    html = response.content.decode()
    for opening in ("<script", "<style", " style=", " onclick=", " onload="):
        assert opening not in html


# (role, request) for every kind of error page: Django's, the admin's and the API's own.
ERRORS = {
    "404 page": ("anonymous", lambda w, c: c.get("/no-such-page/"), 404),
    "404 claim": ("anonymous", lambda w, c: c.get("/claims/zzzzzzzz/"), 404),
    "404 article": ("anonymous", lambda w, c: c.get("/articles/no-such-article/"), 404),
    "404 admin": ("editor", lambda w, c: c.get("/admin/no-such-page/"), 404),
    "403 admin": ("editor", lambda w, c: c.get("/admin/auth/user/"), 403),
    "400 host": ("anonymous", lambda w, c: c.get("/", HTTP_HOST="evil.example"), 400),
    "400 nul": ("anonymous", lambda w, c: c.get("/methodology/?q=%00"), 400),
    "405 page": ("anonymous", lambda w, c: c.post("/methodology/"), 405),
    "api 404": ("anonymous", lambda w, c: c.get("/api/v1/no-such-endpoint/"), 404),
    "api 404 claim": ("anonymous", lambda w, c: c.get("/api/v1/claims/zzzzzzzz/"), 404),
    "api 400": (
        "editor",
        lambda w, c: c.post("/api/v1/desk/claims/", "[]", content_type="application/json"),
        400,
    ),
    "api 401": (
        "anonymous",
        lambda w, c: c.get("/api/v1/desk/claims/", HTTP_AUTHORIZATION="Token nope"),
        401,
    ),
    "api 405": ("anonymous", lambda w, c: c.post("/api/v1/claims/"), 405),
    "api 400 nul": ("anonymous", lambda w, c: c.get("/api/v1/claims/?q=%00"), 400),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_every_error_sends_a_strict_policy(world, name):
    role, send, status = ERRORS[name]
    response = send(world, world.client(role))
    assert response.status_code == status
    _is_strict(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    if response["Content-Type"].startswith("text/html"):
        _runs_nothing_inline(response)


def test_a_404_page_is_ours_in_both_languages(client, world):
    english = client.get("/claims/zzzzzzzz/")
    assert "There is nothing at this address." in english.content.decode()
    chinese = client.get("/claims/zzzzzzzz/", HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert "這個網址沒有內容。" in chinese.content.decode()


def test_a_refused_csrf_token_gets_our_page_and_policy(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "editor", "password": "x"})
    assert response.status_code == 403
    assert "This form has expired or was sent from another site." in response.content.decode()
    _is_strict(response)
    _runs_nothing_inline(response)


@pytest.mark.parametrize("path", ["/claims/abcdefgh/", "/api/v1/claims/"], ids=["page", "api"])
def test_a_server_error_sends_a_strict_policy(world, monkeypatch, path):
    def crash(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(Claim.objects.__class__, "get_queryset", crash)
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 500
    _is_strict(response)


def test_the_api_docs_run_only_their_own_nonced_code(client, world):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([A-Za-z0-9_-]{20,})'", policy).group(1)
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self' 'nonce-" in policy and "style-src 'self' 'nonce-" in policy
    html = response.content.decode()
    inline = re.findall(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>", html)
    assert len(inline) == 2
    for _tag, attributes in inline:
        assert f'nonce="{nonce}"' in attributes
    assert " style=" not in html and " on" + "load=" not in html
    # A nonce is drawn for each response and never kept by a shared cache.
    assert nonce not in client.get("/api/docs/")["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"


def test_the_embed_card_alone_may_be_framed(client, world):
    response = client.get(f"/embed/{world.published.public_id}/")
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        lambda w: f"/badge/{w.published.public_id}.json",
        lambda w: "/api/v1/claims/",
        lambda w: "/badge.js",
        lambda w: "/admin/login/",
    ],
    ids=["badge-json", "api", "script", "admin"],
)
def test_everything_else_refuses_framing_and_sniffing(client, world, path):
    response = client.get(path(world))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_badge_svg_runs_no_script(client, world):
    response = client.get(f"/badge/{world.published.public_id}.svg")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    "path",
    [
        lambda w: f"/badge/{w.published.public_id}.svg",
        lambda w: f"/badge/{w.withdrawn.public_id}.svg?style=flat-square",
        lambda w: "/badge/zzzzzzzz.svg",
    ],
    ids=["published", "withdrawn", "unknown"],
)
def test_any_site_may_embed_the_badge_svg_as_a_document(client, world, path):
    # <object> and <embed> load it as a document, which X-Frame-Options: DENY would refuse;
    # its own policy still runs nothing and says that any site may embed it.
    response = client.get(path(world))
    assert "X-Frame-Options" not in response
    policy = [d.strip() for d in response["Content-Security-Policy"].split(";")]
    assert policy[0] == "default-src 'none'"
    assert "frame-ancestors *" in policy
    assert not [d for d in policy if d.startswith(("script-src", "object-src", "img-src"))]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_refuses_framing(world):
    response = world.client("editor").get("/admin/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_is_sent_on_https(client, world, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")


def test_plain_http_is_sent_to_https(client, world, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/methodology/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/methodology/"


def test_a_revoked_token_gets_401(world):
    client = world.client("editor")
    assert client.get("/api/v1/desk/claims/").status_code == 200
    assert client.delete("/api/v1/desk/token/").status_code == 204
    response = client.get("/api/v1/desk/claims/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def _ask_for_token(client, password: str):
    return client.post(
        "/api/v1/desk/token/",
        json.dumps({"username": "editor", "password": password}),
        content_type="application/json",
    )


def test_password_guessing_for_a_token_is_locked_out(client, world):
    for _attempt in range(5):
        assert _ask_for_token(client, "guess").status_code == 401
    response = _ask_for_token(client, "correct horse battery staple")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_a_right_password_gets_a_token(client, world):
    response = _ask_for_token(client, "correct horse battery staple")
    assert response.status_code == 200
    assert response.json()["token"] == world.tokens["editor"]
