"""The admin's rows of the authorization matrix: every model's pages, the workflow pages,
the bulk actions, the badge preview and the admin's own pages."""

from __future__ import annotations

from typing import Any

from claims.models import Claim, Evidence
from tests.security.matrix import LOGIN, Row, cells, give_verdict, status_of

EDITORS_MODELS = ("claims/claim", "claims/article", "claims/evidence", "sources/source")
EDITORS_MODELS += ("sources/publisher",)


def _object(model: str):
    return {
        "claims/claim": lambda w: w.draft.pk,
        "claims/article": lambda w: w.published.article_id,
        "claims/evidence": lambda w: w.draft.evidence.get().pk,
        "claims/verdict": lambda w: w.published.verdict_id,
        "claims/claimderivation": lambda w: w.derivation.pk,
        "sources/source": lambda w: w.source.pk,
        "sources/publisher": lambda w: w.publisher.pk,
        "auth/user": lambda w: w.users["editor"].pk,
        "auth/group": lambda w: w.users["editor"].groups.get().pk,
        "authtoken/tokenproxy": lambda w: w.users["editor"].pk,
        "elsewhere/externalreview": lambda w: _external_review().pk,
        "elsewhere/importrun": lambda w: _external_review().import_run_id,
    }[model]


# Other fact-checkers' reviews: the desk reads them; nobody adds or edits one (imports do).
READ_ONLY_MODELS = ("elsewhere/externalreview", "elsewhere/importrun")


def _external_review():
    from elsewhere.models import ExternalReview, ImportRun

    run, _ = ImportRun.objects.get_or_create(source="feed.json", defaults={"kind": "json"})
    review, _ = ExternalReview.objects.get_or_create(
        url="https://factcheck.example/a",
        defaults={
            "publisher_name": "Example Check",
            "claim_reviewed": "Youth unemployment rose to 18.9%.",
            "feed": run.source,
            "import_run": run,
        },
    )
    return review


def _model_rows(model: str) -> list[Row]:
    base = f"/admin/{model}/"
    pk = _object(model)
    # Editors and fact-checkers hold view/add/change on the desk's models, view on the
    # verdict scale, nothing else; a superuser holds everything.
    desk = model in EDITORS_MODELS
    viewable = desk or model == "claims/verdict" or model in READ_ONLY_MODELS
    role = 200 if viewable else 403
    view = cells(LOGIN, role, role, 200)
    add = cells(LOGIN, *(2 * [200 if desk else 403]), 200)
    delete = cells(LOGIN, 403, 403, 200)
    if model == "claims/evidence" or model in READ_ONLY_MODELS:
        # Evidence is added and edited in its claim's page only; imported reviews by imports.
        add = cells(LOGIN, 403, 403, 403)
    rows = [
        Row(f"admin {model} changelist", "get", lambda w: base, view),
        Row(f"admin {model} add", "get", lambda w: f"{base}add/", add),
        Row(f"admin {model} change", "get", lambda w: f"{base}{pk(w)}/change/", view),
        Row(f"admin {model} history", "get", lambda w: f"{base}{pk(w)}/history/", view),
        Row(f"admin {model} delete", "get", lambda w: f"{base}{pk(w)}/delete/", delete),
        Row(
            f"admin {model} bare id",
            "get",
            lambda w: f"{base}{pk(w)}/",
            # The admin sends a bare id on to its change page, which then checks.
            cells(LOGIN, 302, 302, 302),
        ),
    ]
    return rows


def _history_record_rows() -> list[Row]:
    def record(model: str, obj) -> Row:
        def path(w) -> str:
            instance = obj(w)
            history_id = instance.history.latest().history_id
            return f"/admin/{model}/{instance.pk}/history/{history_id}/"

        return Row(f"admin {model} history record", "get", path, cells(LOGIN, 200, 200, 200))

    return [
        record("claims/claim", lambda w: w.draft),
        record("claims/article", lambda w: w.published.article),
        record("claims/evidence", lambda w: w.draft.evidence.get()),
        record("sources/source", lambda w: w.source),
        record("sources/publisher", lambda w: w.publisher),
    ]


def _claim_rows() -> list[Row]:
    def workflow(name: str, action: str) -> Any:
        return lambda w: f"/admin/claims/claim/{getattr(w, name).pk}/workflow/{action}/"

    def post_workflow(label, name, action, data, expected) -> Row:
        def body(w) -> dict:
            return {"expected_version": getattr(w, name).version, **data(w)}

        return Row(
            f"admin workflow {label}",
            "post",
            workflow(name, action),
            expected,
            data=body,
            observe=status_of(name),
        )

    def bulk(label, name, action, expected, extra=None, setup=None) -> Row:
        return Row(
            f"admin bulk {label}",
            "post",
            lambda w: "/admin/claims/claim/",
            expected,
            data=lambda w: {
                "action": action,
                "_selected_action": [getattr(w, name).pk],
                **(extra or {}),
            },
            observe=status_of(name),
            setup=setup or (lambda w: None),
        )

    accurate = lambda w: {"verdict": w.published.verdict_id, "ruling": "As released."}  # noqa: E731
    published_delete = lambda w: f"/admin/claims/claim/{w.published.pk}/delete/"  # noqa: E731
    published_evidence_delete = (  # noqa: E731
        lambda w: f"/admin/claims/evidence/{w.published.evidence.get().pk}/delete/"
    )
    return [
        Row(
            "admin badge preview",
            "get",
            lambda w: f"/admin/claims/claim/{w.draft.pk}/badge-preview.svg",
            cells(LOGIN, 200, 200, 200),
        ),
        *[
            Row(f"admin workflow page {action}", "get", workflow(name, action), expected)
            for name, action, expected in [
                ("draft", "submit", cells(LOGIN, 200, 200, 200)),
                ("review", "return-to-draft", cells(LOGIN, 200, 200, 200)),
                ("review", "publish", cells(LOGIN, 200, 200, 200)),
                ("published", "change-verdict", cells(LOGIN, 200, 200, 200)),
                ("published", "withdraw", cells(LOGIN, 200, 200, 200)),
                ("draft", "no-such-action", cells(LOGIN, 404, 404, 404)),
            ]
        ],
        post_workflow(
            "submit",
            "draft",
            "submit",
            lambda w: {},
            cells((302, "draft"), *[(302, "review")] * 3),
        ),
        post_workflow(
            "return to draft",
            "review",
            "return-to-draft",
            lambda w: {},
            cells((302, "review"), (302, "review"), (302, "draft"), (302, "draft")),
        ),
        post_workflow(
            "publish",
            "review",
            "publish",
            accurate,
            cells((302, "review"), (302, "review"), (302, "published"), (302, "published")),
        ),
        post_workflow(
            "change verdict",
            "published",
            "change-verdict",
            lambda w: {
                "verdict": w.published.verdict_id,
                "ruling": "As released.",
                "reason": "A later release.",
            },
            cells((302, "published"), *[(302, "published")] * 3),
        ),
        post_workflow(
            "withdraw",
            "published",
            "withdraw",
            lambda w: {"reason": "Wrong table."},
            cells((302, "published"), (302, "published"), (302, "withdrawn"), (302, "withdrawn")),
        ),
        bulk("submit", "draft", "submit_selected", cells((302, "draft"), *[(302, "review")] * 3)),
        bulk(
            "return to draft",
            "review",
            "return_selected_to_draft",
            cells((302, "review"), (302, "review"), (302, "draft"), (302, "draft")),
        ),
        bulk(
            "publish",
            "review",
            "publish_selected",
            cells((302, "review"), (302, "review"), (302, "published"), (302, "published")),
            setup=give_verdict("review"),
        ),
        bulk(
            "withdraw",
            "published",
            "withdraw_selected",
            cells((302, "published"), (302, "published"), (302, "withdrawn"), (302, "withdrawn")),
            extra={"apply": "1", "reason": "Wrong table."},
        ),
        Row(
            "admin bulk delete draft",
            "post",
            lambda w: "/admin/claims/claim/",
            cells((302, True), (302, True), (302, True), (302, False)),
            data=lambda w: {
                "action": "delete_selected",
                "_selected_action": [w.draft.pk],
                "post": "yes",
            },
            observe=lambda w: Claim.objects.filter(pk=w.draft.pk).exists(),
        ),
        Row(
            "admin bulk delete published",
            "post",
            lambda w: "/admin/claims/claim/",
            # The superuser is shown why not, and nothing is deleted.
            cells((302, True), (302, True), (302, True), (200, True)),
            data=lambda w: {
                "action": "delete_selected",
                "_selected_action": [w.published.pk],
                "post": "yes",
            },
            observe=lambda w: Claim.objects.filter(pk=w.published.pk).exists(),
        ),
        Row("admin delete published claim", "get", published_delete, cells(LOGIN, 403, 403, 403)),
        Row(
            "admin delete published claim (confirmed)",
            "post",
            published_delete,
            cells((302, True), (403, True), (403, True), (403, True)),
            data=lambda w: {"post": "yes"},
            observe=lambda w: Claim.objects.filter(pk=w.published.pk).exists(),
        ),
        Row(
            "admin delete published evidence",
            "get",
            published_evidence_delete,
            cells(LOGIN, 403, 403, 403),
        ),
        Row(
            "admin delete draft evidence (confirmed)",
            "post",
            lambda w: f"/admin/claims/evidence/{w.draft.evidence.get().pk}/delete/",
            cells((302, 1), (403, 1), (403, 1), (302, 0)),
            data=lambda w: {"post": "yes"},
            observe=lambda w: Evidence.objects.filter(claim=w.draft).count(),
        ),
    ]


def _site_rows() -> list[Row]:
    staff = cells(LOGIN, 200, 200, 200)
    return [
        Row("admin index", "get", lambda w: "/admin/", staff),
        Row("admin login page", "get", lambda w: "/admin/login/", cells(200, 302, 302, 302)),
        Row("admin logout", "post", lambda w: "/admin/logout/", cells(302, 200, 200, 200)),
        Row("admin password change", "get", lambda w: "/admin/password_change/", staff),
        Row("admin password changed", "get", lambda w: "/admin/password_change/done/", staff),
        Row(
            "admin autocomplete",
            "get",
            lambda w: "/admin/autocomplete/",
            cells(LOGIN, 403, 403, 403),
        ),
        Row("admin translations script", "get", lambda w: "/admin/jsi18n/", staff),
        Row(
            "admin view on site",
            "get",
            lambda w: f"/admin/r/{_claim_type(w)}/{w.published.pk}/",
            cells(LOGIN, 404, 404, 404),  # claims have no page of their own in the admin
        ),
        Row("admin claims app", "get", lambda w: "/admin/claims/", staff),
        Row("admin auth app", "get", lambda w: "/admin/auth/", cells(LOGIN, 404, 404, 200)),
        Row("admin unknown page", "get", lambda w: "/admin/nowhere/", cells(LOGIN, 404, 404, 404)),
        Row(
            "admin set a user's password",
            "get",
            lambda w: f"/admin/auth/user/{w.users['editor'].pk}/password/",
            cells(LOGIN, 403, 403, 200),
        ),
    ]


def _claim_type(w) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Claim).pk


def admin_rows() -> list[Row]:
    rows = []
    models = EDITORS_MODELS + ("claims/verdict", "claims/claimderivation")
    models += ("auth/user", "auth/group", "authtoken/tokenproxy", *READ_ONLY_MODELS)
    for model in models:
        rows += _model_rows(model)
    rows.append(
        Row(
            "admin find claims in an article's text",
            "get",
            lambda w: f"/admin/claims/article/{w.published.article_id}/find-claims/",
            cells(LOGIN, 200, 200, 200),
        )
    )
    return rows + _history_record_rows() + _claim_rows() + _site_rows()
