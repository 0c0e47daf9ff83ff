"""Generated requests against every operation of the API, public and desk (with a token).

A bounded run: each operation gets the same number of requests, so none is left out by
chance, and some of them are aimed at real records (ids in the address, related slugs and
ids in the body, `If-Match`), so that they reach past "not found" into the database. Any
500, or an answer the schema does not describe, fails the run, with every operation that
failed listed.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.views.desk import claim_etag, evidence_etag
from claims.models import Article, Claim, Evidence, Verdict
from registry.wsgi import application
from sources.models import Publisher, Source

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Requests per operation. With about 45 operations, both runs take some 20 seconds.
EXAMPLES = 12
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def live_schema(registry, settings):
    # Generated requests come fast; the throttle is tested on its own.
    settings.API_THROTTLE_RATES = {"anon": None, "user": None}
    # As Django's test client does: the requests run inside the test's transaction, so the
    # end of a request must not close the database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _records(path: str, name: str) -> list:
    """Real values for the path parameter or body field `name` of an operation on `path`."""
    if name == "public_id" or name == "claim":
        return list(Claim.objects.values_list("public_id", flat=True))
    if name == "code" or name == "verdict":
        return list(Verdict.objects.values_list("code", flat=True))
    if name in ("publisher", "outlet"):
        return list(Publisher.objects.values_list("slug", flat=True))
    if name == "source":
        return list(Source.objects.values_list("pk", flat=True))
    if name == "article":
        field = "slug" if path.endswith("/extract/") else "pk"
        return list(Article.objects.values_list(field, flat=True))
    if name == "id":
        segments = path.split("/")
        model = {
            "evidence": Evidence,
            "sources": Source,
            "publishers": Publisher,
            "articles": Article,
        }[segments[segments.index("{id}") - 1]]
        return [str(pk) for pk in model.objects.values_list("pk", flat=True)]
    return []


def _current_etag(case) -> str | None:
    if "public_id" in case.path_parameters:
        claim = Claim.objects.filter(public_id=case.path_parameters["public_id"]).first()
        return claim and claim_etag(claim)
    row_id = str(case.path_parameters.get("id", ""))
    if "/evidence/" in case.path and row_id.isdigit() and len(row_id) <= 18:
        row = Evidence.objects.select_related("claim").filter(pk=row_id).first()
        return row and evidence_etag(row)
    return None


def aim(case, draw) -> None:
    """Point some of a generated request's values at real records."""
    for name in case.path_parameters:
        found = _records(case.path, name)
        if found and draw(st.booleans()):
            case.path_parameters[name] = draw(st.sampled_from(found))
    if isinstance(case.body, dict):
        for name in list(case.body):
            found = _records(case.path, name)
            choice = draw(st.sampled_from(["generated", "record", "record", "nul"]))
            if found and choice == "record":
                case.body[name] = draw(st.sampled_from(found))
            elif found and choice == "nul":
                # Looked up before anything else checks it: only the database would refuse it.
                case.body[name] = f"{found[0]}\x00"
    if "If-Match" in case.headers:
        choice = draw(st.sampled_from(["generated", "*", "current"]))
        if choice == "*":
            case.headers["If-Match"] = "*"
        elif choice == "current":
            case.headers["If-Match"] = _current_etag(case) or "*"


BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # A failure is reported as found: shrinking it could take longer than the run.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _exercise(operation, fixed: dict, answered: Counter) -> None:
    @BOUNDED
    @given(case=operation.as_strategy(**fixed), data=st.data())
    def run(case, data):
        aim(case, data.draw)
        response = case.call()
        answered[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    run()


def fuzz(schema, **fixed) -> dict[str, Counter]:
    """Send EXAMPLES generated requests to each operation of `schema`; fail on any failed
    check. Returns how often each operation answered each status."""
    answered: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            _exercise(operation, fixed, answered[operation.label])
        # Schemathesis reports failed checks as a FailureGroup, which is no Exception.
        except (Exception, FailureGroup) as error:  # noqa: BLE001 - all are reported
            failures.append(f"{operation.label}:\n{error}")
    assert not failures, "\n\n".join(failures)
    return answered


def test_generated_requests_to_the_public_api_never_fail(live_schema):
    public = live_schema.exclude(path_regex="^/api/v1/desk/")
    answered = fuzz(public)

    assert len(answered) >= 13
    assert all(answered.values())
    # Aimed at real records, reads find them.
    assert answered["GET /api/v1/claims/{public_id}/"][200]
    assert answered["GET /api/v1/sources/{id}/"][200]


def test_generated_requests_to_the_desk_api_with_a_token_never_fail(live_schema, admin_user):
    headers = {"Authorization": f"Token {Token.objects.create(user=admin_user).key}"}
    # Revoking the token would turn the rest of the run into 401s.
    desk = live_schema.include(path_regex="^/api/v1/desk/(?!token/)")
    answered = fuzz(desk, headers=headers)

    assert len(answered) >= 25
    assert all(answered.values())
    # The token works and the requests reach past the first checks: writes are stored.
    assert not any(statuses[401] for statuses in answered.values())
    stored = {
        label
        for label, statuses in answered.items()
        if label.split()[0] in WRITES and any(200 <= code < 300 for code in statuses)
    }
    assert len(stored) >= 5, dict(answered)
