"""Who may do what: every address and admin action, and what each role gets back.

A cell is the HTTP status the role receives, `LOGIN` (sent to the admin sign-in page), or a
pair (status, outcome) where the row's `observe` reads the outcome from the database after
the request: the admin answers a refused workflow action with the same redirect as a done
one, so the status alone would not tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework.authtoken.models import Token

from claims.models import Claim, Verdict

LOGIN = "login"


@dataclass
class Row:
    name: str
    method: str
    path: Callable[[Any], str]
    cells: dict[str, Any]
    data: Callable[[Any], Any] = lambda w: None
    json_body: bool = False
    headers: Callable[[Any], dict] = lambda w: {}
    observe: Callable[[Any], Any] | None = None
    # The body when it depends on who is asking, e.g. each role's own password.
    role_data: Callable[[Any, str], Any] | None = None
    setup: Callable[[Any], None] = lambda w: None


def cells(anonymous, editor, fact_checker, superuser) -> dict[str, Any]:
    return {
        "anonymous": anonymous,
        "editor": editor,
        "fact_checker": fact_checker,
        "superuser": superuser,
    }


def everyone(value) -> dict[str, Any]:
    return cells(value, value, value, value)


def etag(claim: Claim) -> dict:
    return {"If-Match": f'"{claim.public_id}-v{claim.version}"'}


def evidence_etag(claim: Claim) -> dict:
    claim.refresh_from_db(fields=["version"])
    row = claim.evidence.get()
    return {"If-Match": f'"{claim.public_id}-v{claim.version}-e{row.pk}"'}


def status_of(name: str) -> Callable[[Any], str]:
    def observe(w) -> str:
        return Claim.objects.get(pk=getattr(w, name).pk).status

    return observe


def exists(name: str) -> Callable[[Any], bool]:
    def observe(w) -> bool:
        return Claim.objects.filter(pk=getattr(w, name).pk).exists()

    return observe


def give_verdict(name: str, code: str = "accurate") -> Callable[[Any], None]:
    def setup(w) -> None:
        Claim.objects.filter(pk=getattr(w, name).pk).update(verdict=Verdict.objects.get(code=code))

    return setup


# --- The public REST API ------------------------------------------------------------------
def _public_api_rows() -> list[Row]:
    ok = everyone(200)
    reads = [
        ("claim list", lambda w: "/api/v1/claims/"),
        ("claim detail", lambda w: f"/api/v1/claims/{w.published.public_id}/"),
        ("withdrawn claim notice", lambda w: f"/api/v1/claims/{w.withdrawn.public_id}/"),
        ("claim ClaimReview", lambda w: f"/api/v1/claims/{w.published.public_id}/claimreview/"),
        ("claim export", lambda w: "/api/v1/claims/export/"),
        ("similar claims", lambda w: "/api/v1/claims/similar/?text=youth+unemployment"),
        ("source list", lambda w: "/api/v1/sources/"),
        ("source detail", lambda w: f"/api/v1/sources/{w.source.pk}/"),
        ("article list", lambda w: "/api/v1/articles/"),
        ("article detail", lambda w: f"/api/v1/articles/{w.published.article_id}/"),
        ("verdict list", lambda w: "/api/v1/verdicts/"),
        ("verdict detail", lambda w: "/api/v1/verdicts/accurate/"),
    ]
    rows = [Row(name, "get", path, ok) for name, path in reads]
    hidden = [
        ("draft claim detail", lambda w: f"/api/v1/claims/{w.draft.public_id}/"),
        ("claim in review detail", lambda w: f"/api/v1/claims/{w.review.public_id}/"),
        ("draft ClaimReview", lambda w: f"/api/v1/claims/{w.draft.public_id}/claimreview/"),
        ("withdrawn ClaimReview", lambda w: f"/api/v1/claims/{w.withdrawn.public_id}/claimreview/"),
        ("hidden source detail", lambda w: f"/api/v1/sources/{w.secret_source.pk}/"),
    ]
    rows += [Row(name, "get", path, everyone(404)) for name, path in hidden]
    rows += [
        Row("claims:search", "get", lambda w: "/api/v1/claims:search?query=youth", ok),
        Row(
            "claims:search at Google's path",
            "get",
            lambda w: "/api/v1alpha1/claims:search?query=youth",
            ok,
        ),
        Row("ClaimReview feed", "get", lambda w: "/api/v1/claimreview-feed/", ok),
        Row("OpenAPI schema", "get", lambda w: "/api/schema/", ok),
        Row("API docs", "get", lambda w: "/api/docs/", ok),
        Row("unknown API address", "get", lambda w: "/api/v2/claims/", everyone(404)),
        Row(
            "write to the public claim list",
            "post",
            lambda w: "/api/v1/claims/",
            everyone(405),
            data=lambda w: {"quote": "x"},
            json_body=True,
        ),
        Row(
            "delete a public claim",
            "delete",
            lambda w: f"/api/v1/claims/{w.published.public_id}/",
            everyone((405, "published")),
            observe=status_of("published"),
        ),
    ]
    return rows


# --- The desk API ---------------------------------------------------------------------------
def _new_claim(w) -> dict:
    return {
        "slug": "made-by-the-desk",
        "article": w.published.article_id,
        "paragraph": 40,
        "quote": "K簽證於10月1日起實施",
        "restatement": "The K visa took effect on 1 October 2025.",
        "claimant": "State Council",
        "kind": "factual",
    }


def _desk_rows() -> list[Row]:
    staff_ok = cells(401, 200, 200, 200)
    created = cells(401, 201, 201, 201)

    def claim(name: str, tail: str = "") -> Callable[[Any], str]:
        return lambda w: f"/api/v1/desk/claims/{getattr(w, name).public_id}/{tail}"

    def action(name, claim_name, tail, expected, data=None) -> Row:
        return Row(
            name,
            "post",
            claim(claim_name, tail),
            expected,
            data=data or (lambda w: {}),
            json_body=True,
            headers=lambda w: etag(getattr(w, claim_name)),
            observe=status_of(claim_name),
        )

    evidence = lambda w: f"/api/v1/desk/evidence/{w.draft.evidence.get().pk}/"  # noqa: E731
    published_evidence = lambda w: f"/api/v1/desk/evidence/{w.published.evidence.get().pk}/"  # noqa: E731
    rows = [
        Row("desk claim list", "get", lambda w: "/api/v1/desk/claims/", staff_ok),
        Row("desk draft detail", "get", claim("draft"), staff_ok),
        Row(
            "desk claim create",
            "post",
            lambda w: "/api/v1/desk/claims/",
            created,
            data=_new_claim,
            json_body=True,
        ),
        Row(
            "desk claim edit",
            "patch",
            claim("draft"),
            staff_ok,
            data=lambda w: {"claimant": "Someone else"},
            json_body=True,
            headers=lambda w: etag(w.draft),
        ),
        Row(
            "desk claim replace",
            "put",
            claim("draft"),
            staff_ok,
            data=lambda w: {**_new_claim(w), "slug": w.draft.slug},
            json_body=True,
            headers=lambda w: etag(w.draft),
        ),
        Row(
            "desk claim delete",
            "delete",
            claim("draft"),
            # Claims are never deleted through the API; the roles lack the permission anyway.
            cells((401, True), (403, True), (403, True), (405, True)),
            observe=exists("draft"),
        ),
        action("desk submit", "draft", "submit/", cells((401, "draft"), *[(200, "review")] * 3)),
        action(
            "desk return to draft",
            "review",
            "return-to-draft/",
            cells((401, "review"), (403, "review"), (200, "draft"), (200, "draft")),
        ),
        action(
            "desk publish",
            "review",
            "publish/",
            cells((401, "review"), (403, "review"), (200, "published"), (200, "published")),
            data=lambda w: {"verdict": "accurate"},
        ),
        action(
            "desk change verdict",
            "published",
            "change-verdict/",
            cells((401, "published"), (403, "published"), (200, "published"), (200, "published")),
            data=lambda w: {"verdict": "misleading", "reason": "A later release."},
        ),
        action(
            "desk withdraw",
            "published",
            "withdraw/",
            cells((401, "published"), (403, "published"), (200, "withdrawn"), (200, "withdrawn")),
            data=lambda w: {"reason": "Wrong table."},
        ),
        Row("desk evidence list", "get", lambda w: "/api/v1/desk/evidence/", staff_ok),
        Row("desk evidence detail", "get", evidence, staff_ok),
        Row(
            "desk evidence create",
            "post",
            lambda w: "/api/v1/desk/evidence/",
            created,
            data=lambda w: {
                "claim": w.draft.public_id,
                "source": w.source.pk,
                "role": "contradicts",
            },
            json_body=True,
        ),
        Row(
            "desk evidence edit",
            "patch",
            evidence,
            staff_ok,
            data=lambda w: {"excerpt": "18.9"},
            json_body=True,
            headers=lambda w: evidence_etag(w.draft),
        ),
        Row(
            "desk evidence delete (draft)",
            "delete",
            evidence,
            cells(401, 403, 403, 204),
            headers=lambda w: evidence_etag(w.draft),
        ),
        Row(
            "desk evidence delete (published claim)",
            "delete",
            published_evidence,
            cells(401, 403, 403, 403),
            headers=lambda w: evidence_etag(w.published),
        ),
    ]
    for kind, make in [
        ("sources", lambda w: {"slug": "new", "title": "New", "publisher": w.publisher.slug}),
        ("publishers", lambda w: {"slug": "new", "name": "New"}),
        ("articles", lambda w: {"slug": "new", "title": "New", "outlet": w.publisher.slug}),
    ]:
        detail = {
            "sources": lambda w: f"/api/v1/desk/sources/{w.source.pk}/",
            "publishers": lambda w: f"/api/v1/desk/publishers/{w.publisher.pk}/",
            "articles": lambda w: f"/api/v1/desk/articles/{w.published.article_id}/",
        }[kind]
        rows += [
            Row(f"desk {kind} list", "get", lambda w, k=kind: f"/api/v1/desk/{k}/", staff_ok),
            Row(f"desk {kind} detail", "get", detail, staff_ok),
            Row(
                f"desk {kind} create",
                "post",
                lambda w, k=kind: f"/api/v1/desk/{k}/",
                created,
                data=make,
                json_body=True,
            ),
            Row(
                f"desk {kind} edit",
                "patch",
                detail,
                staff_ok,
                data=lambda w: {"slug": "renamed"},
                json_body=True,
            ),
            # Nobody in a role may delete these; a superuser finds no delete at all.
            Row(f"desk {kind} delete", "delete", detail, cells(401, 403, 403, 405)),
        ]
    rows.append(
        # The secret source has no URL: staff are told nothing could be kept; nothing is fetched.
        Row(
            "desk source capture",
            "post",
            lambda w: f"/api/v1/desk/sources/{w.secret_source.pk}/capture/",
            cells(401, 422, 422, 422),
            json_body=True,
        )
    )
    rows += [
        Row(
            "desk token for own password",
            "post",
            lambda w: "/api/v1/desk/token/",
            cells(401, 200, 200, 200),
            role_data=lambda w, role: {
                "username": w.users[role].username if role in w.users else "nobody",
                "password": "correct horse battery staple",
            },
            json_body=True,
        ),
        Row(
            "desk find claims in text",
            "post",
            lambda w: "/api/v1/desk/extract/",
            cells(401, 200, 200, 200),
            data=lambda w: {"text": "8月16-24歲青年失業率升至18.9%。"},
            json_body=True,
        ),
        Row(
            "desk token revoke",
            "delete",
            lambda w: "/api/v1/desk/token/",
            cells((401, 3), (204, 2), (204, 2), (204, 2)),
            observe=lambda w: Token.objects.count(),
        ),
    ]
    return rows


# --- Public pages, badges and embeds ------------------------------------------------------
def _public_rows() -> list[Row]:
    ok = everyone(200)

    def pid(name):
        return lambda w: getattr(w, name).public_id

    rows = [
        Row("home page", "get", lambda w: "/", ok),
        Row("article page", "get", lambda w: f"/articles/{w.published.article.slug}/", ok),
        Row("corrections page", "get", lambda w: "/corrections/", ok),
        Row("methodology page", "get", lambda w: "/methodology/", ok),
        Row("badge script", "get", lambda w: "/badge.js", ok),
        Row("favicon", "get", lambda w: "/favicon.ico", everyone(301)),
        Row("corrections feed", "get", lambda w: "/corrections/feed/", ok),
        Row(
            "article corrections feed",
            "get",
            lambda w: f"/articles/{w.published.article.slug}/corrections/feed/",
            ok,
        ),
        Row(
            "oEmbed",
            "get",
            lambda w: f"/oembed/?url=http://testserver/claims/{w.published.public_id}/",
            ok,
        ),
        Row(
            "oEmbed of a draft",
            "get",
            lambda w: f"/oembed/?url=http://testserver/claims/{w.draft.public_id}/",
            everyone(404),
        ),
        Row("unknown page", "get", lambda w: "/nowhere/", everyone(404)),
    ]
    # Archived copies: readers see those of sources a published claim cites; the desk, all.
    for name, tail in [("text", "/"), ("stored page", "/page"), ("WARC", ".warc.gz")]:
        rows += [
            Row(f"archived {name}", "get", lambda w, t=tail: f"/archive/{w.capture.key}{t}", ok),
            Row(
                f"archived {name} of a hidden source",
                "get",
                lambda w, t=tail: f"/archive/{w.secret_capture.key}{t}",
                cells(404, 200, 200, 200),
            ),
        ]
    for state, expected in [("published", 200), ("withdrawn", 200), ("draft", 404)]:
        rows += [
            Row(f"{state} claim page", "get", lambda w, s=state: f"/claims/{pid(s)(w)}/", {}),
            Row(f"{state} badge svg", "get", lambda w, s=state: f"/badge/{pid(s)(w)}.svg", {}),
            Row(f"{state} badge json", "get", lambda w, s=state: f"/badge/{pid(s)(w)}.json", {}),
            Row(f"{state} embed card", "get", lambda w, s=state: f"/embed/{pid(s)(w)}/", {}),
            Row(f"{state} embed data", "get", lambda w, s=state: f"/embed/{pid(s)(w)}.json", {}),
        ]
        for row in rows[-5:]:
            row.cells = everyone(expected)
        # shields.io shows only a 200's body: a hidden claim's badge JSON is a 200 with
        # isError and "not found", the same as for an id that does not exist.
        rows[-3].cells = everyone(200)
    rows.append(
        Row("review claim page", "get", lambda w: f"/claims/{w.review.public_id}/", everyone(404))
    )
    rows.append(
        Row(
            "post to a public page",
            "post",
            lambda w: f"/claims/{w.published.public_id}/",
            everyone(405),
        )
    )
    return rows


def all_rows() -> list[Row]:
    from tests.security.matrix_admin import admin_rows

    return _public_api_rows() + _desk_rows() + _public_rows() + admin_rows()
