"""The OpenAPI schema: valid, and served with its docs. That the API answers as it says is
checked by generated requests (test_schema_fuzz.py)."""

from __future__ import annotations

import pytest
import yaml
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


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
            if any(p["name"] == "If-Match" for p in operation.get("parameters", [])):
                assert {"412", "428"} <= set(responses), f"{method.upper()} {path}"


def test_the_docs_page_serves_its_assets_itself(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page and "unpkg" not in page and "jsdelivr" not in page
    assert "/static/drf_spectacular_sidecar/" in page
