"""The OpenAPI schema: valid, served with its docs, and true to the API's real answers."""

from __future__ import annotations

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from registry.wsgi import application

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def fetch_schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_valid_openapi_3(client):
    schema = fetch_schema(client)
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_operation_documents_its_errors(client):
    schema = fetch_schema(client)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in ("404", "429", "500"):
                assert code in responses, f"{method.upper()} {path} lacks {code}"
                assert responses[code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }
            if path.startswith("/api/v1/desk/") and path != "/api/v1/desk/token/":
                assert {"401", "403"} <= set(responses), f"{method.upper()} {path}"
            if method in ("put", "patch") and "/desk/claims/" in path:
                assert {"412", "428"} <= set(responses)


def test_the_docs_page_serves_its_assets_itself(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page and "unpkg" not in page and "jsdelivr" not in page
    assert "/static/drf_spectacular_sidecar/" in page


def _run(schema, max_examples: int, **fixed) -> None:
    strategy = schema.as_strategy(**fixed)

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    check()


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


def test_real_answers_match_the_schema(live_schema):
    _run(live_schema, max_examples=300)


def test_real_answers_match_the_schema_with_a_token(live_schema, fact_checker, registry):
    headers = {"Authorization": f"Token {Token.objects.create(user=fact_checker).key}"}
    # Revoking the token would turn the rest of the run into 401s.
    desk = live_schema.include(path_regex="^/api/v1/desk/(?!token/)")
    _run(desk, max_examples=150, headers=headers)
    # Random ids find nothing; aim the claim operations at a real draft as well.
    one_claim = live_schema.include(path_regex=r"^/api/v1/desk/claims/\{public_id\}/")
    _run(
        one_claim,
        max_examples=100,
        headers=headers,
        path_parameters={"public_id": registry["draft"].public_id},
    )
