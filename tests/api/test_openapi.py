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
                # claims:search answers errors as Google's API does.
                error = "GoogleError" if path.endswith("claims:search") else "Error"
                assert responses[code]["content"]["application/json"]["schema"] == {
                    "$ref": f"#/components/schemas/{error}"
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


def test_the_schema_comes_as_json_when_asked(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response.json()["openapi"] == fetch_schema(client)["openapi"]


def test_an_unknown_schema_format_is_a_json_404(client):
    response = client.get("/api/schema/?format=xml")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_every_operation_documents_405_406_and_503(client):
    schema = fetch_schema(client)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"405", "406", "503"} <= set(operation["responses"]), f"{method} {path}"


class TestStrictValidation:
    """openapi-core reads the schema as strict clients do; real answers must pass it."""

    @pytest.fixture
    def openapi(self, client):
        from openapi_core import OpenAPI

        return OpenAPI.from_dict(fetch_schema(client))

    def validate(self, openapi, response) -> None:
        from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

        openapi.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )

    def test_a_blank_url_and_a_null_check_source_validate(self, client, openapi, registry):
        from sources.models import Source

        Source.objects.update(url="")
        for claim in ("youth", "h1b", "k_visa"):
            response = client.get(f"/api/v1/claims/{registry[claim].public_id}/")
            self.validate(openapi, response)
        sources = client.get("/api/v1/sources/")
        assert {row["url"] for row in sources.json()["results"]} == {""}
        self.validate(openapi, sources)
        checks = [
            check
            for claim in client.get("/api/v1/claims/").json()["results"]
            for check in claim["checks"]
        ]
        assert any(check["source"] is None for check in checks)
        self.validate(openapi, client.get("/api/v1/claims/"))

    def test_a_cursor_page_with_a_null_count_validates(self, client, openapi, registry):
        response = client.get("/api/v1/claims/?cursor=")
        assert response.json()["count"] is None
        self.validate(openapi, response)
