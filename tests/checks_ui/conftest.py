"""The shipped article loaded once per module, and signed-in clients for each desk role."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from claims.models import Claim

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    ROOT / f"{app}/locale/zh_Hant/LC_MESSAGES/django" for app in ("claims", "public", "api")
]
FLAGGED = "grads-1158-2025"  # 11.58 million graduates: the 2023 figure, cited for 2025
CLEAN = "h1b-fee-100k"  # $100,000, as the supporting source prints it


@pytest.fixture(autouse=True, scope="session")
def compiled_translations():
    for catalogue in CATALOGUES:
        po, mo = catalogue.with_suffix(".po"), catalogue.with_suffix(".mo")
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            call_command(
                "compilemessages", locale=["zh_Hant"], ignore_patterns=[".venv"], verbosity=0
            )
            return


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker):
    """`manage.py load_article`, once for the module, rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_article", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def loaded(first_load, db) -> None:
    return None


@pytest.fixture
def shipped_claim(loaded):
    return lambda slug: Claim.objects.get(slug=slug)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor) -> Client:
    return _client(editor)


@pytest.fixture
def checker_client(fact_checker) -> Client:
    return _client(fact_checker)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def derived_fall(loaded):
    """ "Fell about 17.4% from 307,501": a published claim recomputed from two others.

    Returns a function taking the status of the 307,501 input, so a test can make it a draft.
    """
    from datetime import UTC, datetime
    from decimal import Decimal

    from claims.models import ClaimDerivation, DerivationInput

    def make(first_status: str = "published") -> Claim:
        after = Claim.objects.get(slug="students-2018-2020-drop")
        now = datetime(2025, 10, 2, tzinfo=UTC)
        review = {"ruling": "Checked.", "published_at": now, "reviewed_at": now}

        def claim(slug, value, comparator, unit, status, quote):
            extra = review if status == "published" else {}
            return Claim.objects.create(
                slug=slug,
                article=after.article,
                paragraph=58,
                quote=quote,
                restatement=f"Test claim {slug}.",
                restatement_zh=f"測試說法 {slug}。",
                claimant="Initium",
                kind="numeric",
                value=Decimal(value),
                comparator=comparator,
                unit=unit,
                period="2018-2020",
                status=status,
                verdict=after.verdict,
                **extra,
            )

        before = claim("students-2018", "307501", "=", "persons", first_status, "2018年的307,501人")
        fall = claim("students-fall", "17.4", "≈", "percent", "published", "下降約17.4%")
        derivation = ClaimDerivation.objects.create(derived=fall, operation="percent_change")
        DerivationInput.objects.create(derivation=derivation, claim=before, position=1)
        DerivationInput.objects.create(derivation=derivation, claim=after, position=2)
        return fall

    return make
