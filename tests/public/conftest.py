"""Published claims in each state the public can see, and a clean badge cache per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from claims.models import Claim
from claims.workflow import claim_change_verdict, claim_publish, claim_withdraw

HOSTILE = '</text><script>alert(1)</script>"onload="alert(2)\u202e</script><!--'


CATALOGUE = Path(__file__).resolve().parents[2] / "public/locale/zh_Hant/LC_MESSAGES/django"


@pytest.fixture(autouse=True, scope="session")
def compiled_translations():
    """`make test` compiles the catalogues first; a bare `pytest` run should not fail for it."""
    po, mo = CATALOGUE.with_suffix(".po"), CATALOGUE.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        call_command("compilemessages", locale=["zh_Hant"], ignore_patterns=[".venv"], verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publish(fact_checker, verdicts, django_capture_on_commit_callbacks):
    """Publish a reviewable claim as the fact-checker, running the after-commit signal."""

    def publish(claim: Claim, code: str = "accurate", **kwargs) -> Claim:
        with django_capture_on_commit_callbacks(execute=True):
            return claim_publish(claim=claim, by=fact_checker, verdict=verdicts[code], **kwargs)

    return publish


@pytest.fixture
def change_verdict(fact_checker, verdicts, django_capture_on_commit_callbacks):
    def change(claim: Claim, code: str, reason: str = "A newer release revised it.") -> Claim:
        with django_capture_on_commit_callbacks(execute=True):
            return claim_change_verdict(
                claim=claim, by=fact_checker, verdict=verdicts[code], reason=reason
            )

    return change


@pytest.fixture
def withdraw(fact_checker, django_capture_on_commit_callbacks):
    def withdraw(claim: Claim, reason: str = "We could not stand behind it.") -> Claim:
        with django_capture_on_commit_callbacks(execute=True):
            return claim_withdraw(claim=claim, by=fact_checker, reason=reason)

    return withdraw


@pytest.fixture
def published_claim(reviewable_claim, publish) -> Claim:
    return publish(reviewable_claim, "accurate")


@pytest.fixture
def hostile_claim(make_claim, source, publish) -> Claim:
    """A published claim whose every editable text tries to break out of its context."""
    from claims.models import ClaimStatus, Evidence

    claim = make_claim(
        status=ClaimStatus.REVIEW,
        quote=HOSTILE,
        restatement=HOSTILE,
        restatement_zh=HOSTILE,
        claimant=HOSTILE,
        quote_prefix=HOSTILE[:200],
        ruling=HOSTILE,
        ruling_zh_hant=HOSTILE,
    )
    Evidence.objects.create(
        claim=claim,
        source=source,
        role="supports",
        excerpt=HOSTILE,
        value=18.9,
        unit="percent",
        seen=True,
    )
    return publish(claim, "inaccurate")
