"""The API's inputs as its OpenAPI schema declares them, generated from the views, filters and
serializers: tests that walk them cover a new endpoint, filter or field without being told."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from drf_spectacular.generators import SchemaGenerator

WRITES = ("post", "put", "patch")


@cache
def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolved(schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = api_schema()["components"]["schemas"][name]
    return schema


def operations() -> Iterator[tuple[str, str, dict]]:
    """(method, path, operation) for every operation of the API."""
    for path, methods in api_schema()["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def query_parameters(operation: dict) -> dict[str, dict]:
    """The query parameters an operation takes, with their schemas."""
    return {
        parameter["name"]: parameter["schema"]
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    }


def body_fields(operation: dict) -> dict[str, dict]:
    """The fields a request body may set, with their schemas (read-only ones left out)."""
    body = operation.get("requestBody")
    if not body:
        return {}
    schema = _resolved(body["content"]["application/json"]["schema"])
    return {
        name: _resolved(field)
        for name, field in schema.get("properties", {}).items()
        if not field.get("readOnly")
    }


def address(path: str, world) -> str:
    """`path` with its parameters filled in with records of the `world` fixture."""
    claim = world.draft
    records = {
        "claims": claim.public_id,
        "evidence": claim.evidence.values_list("pk", flat=True).first(),
        "sources": world.source.pk,
        "publishers": world.publisher.pk,
        "articles": claim.article_id,
        "verdicts": "accurate",
    }
    parts = path.split("/")
    for index, part in enumerate(parts):
        if part.startswith("{") and part.endswith("}"):
            parts[index] = str(records[parts[index - 1]])
    return "/".join(parts)
