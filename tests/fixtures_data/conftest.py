"""The shipped article data, read from its file and loaded once per test module."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from claims.models import Article, Claim, Evidence, VerdictChange
from sources.models import Publisher, Source

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SHIPPED = FIXTURES / "k-visa-explainer.json"


@pytest.fixture(scope="session")
def shipped() -> dict:
    """The shipped fixture file as plain JSON: what the tests compare the database against."""
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def article_paragraphs(shipped) -> list[str]:
    text = (FIXTURES / shipped["articles"][0]["text_file"]).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker) -> str:
    """`manage.py load_article` with no arguments, run once for the module and rolled back after.

    Loading takes seconds, so each test gets this state inside its own savepoint instead of
    loading again.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        out = StringIO()
        call_command("load_article", stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def loaded(first_load, db) -> str:
    return first_load


@pytest.fixture
def fixture_copy(tmp_path, shipped):
    """Write a changed copy of the shipped file (next to the article text) and return its path."""

    def write(change) -> Path:
        data = json.loads(json.dumps(shipped))
        change(data)
        for article in shipped["articles"]:
            shutil.copy(FIXTURES / article["text_file"], tmp_path / article["text_file"])
        path = tmp_path / "changed.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def claim_in(data: dict, slug: str) -> dict:
    return next(claim for claim in data["claims"] if claim["slug"] == slug)


MODELS = [Publisher, Source, Article, Claim, Evidence]


def snapshot() -> dict:
    """Everything a repeated load must leave alone: rows, history rows, versions, log entries."""
    state = {model.__name__: model.objects.count() for model in MODELS}
    state.update({f"history of {model.__name__}": model.history.count() for model in MODELS})
    state["versions"] = dict(Claim.objects.values_list("slug", "version"))
    state["updated"] = dict(Claim.objects.values_list("slug", "updated_at"))
    state["verdict changes"] = VerdictChange.objects.count()
    return state
