"""The badge JSON read as shields.io reads it: Joi, with the endpoint-badge schema, run by
node. shields.io shows only a 200's body, so every answer here must be a valid 200."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def node() -> str:
    """node, with this folder's locked npm packages installed (npm ci) when they are not."""
    node = shutil.which("node")
    assert node, "the contract suite needs Node.js (node and npm) on PATH"
    if not (HERE / "node_modules" / "joi").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, capture_output=True
        )
    return node


def shields_errors(node: str, bodies: list) -> list:
    result = subprocess.run(
        [node, HERE / "shields_endpoint.mjs"],
        input=json.dumps(bodies),
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    )
    return json.loads(result.stdout)


def test_the_schema_refuses_what_shields_refuses(node):
    # The validator itself: a body shields.io would reject is rejected here too.
    errors = shields_errors(
        node,
        [
            {"schemaVersion": 2, "label": "a", "message": "b"},
            {"schemaVersion": 1, "label": "a"},
            {"schemaVersion": 1, "label": "a", "message": "b", "colour": "red"},
        ],
    )
    assert all(errors)


def test_every_badge_json_is_what_shields_reads(node, base, http, registry):
    answers = [
        http.get(f"{base}/badge/{registry[name].public_id}.json", params={"lang": lang})
        for name in ("youth", "h1b", "k_visa", "withdrawn", "draft")
        for lang in ("en", "zh-hant")
    ]
    answers.append(http.get(f"{base}/badge/zzzzzzzz.json"))
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert shields_errors(node, [answer.json() for answer in answers]) == [None] * len(answers)


def test_an_unknown_badge_is_an_error_shields_shows(node, base, http, registry):
    for address in ("/badge/zzzzzzzz.json", f"/badge/{registry['draft'].public_id}.json"):
        body = http.get(base + address).json()
        assert body["isError"] is True
        assert body["message"] == "not found"
    assert "isError" not in http.get(f"{base}/badge/{registry['youth'].public_id}.json").json()
