"""A registry holding a claim in every state, people in every role, and a client for each."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from claims import workflow
from claims.models import Claim, ClaimDerivation, ClaimStatus, Evidence
from sources.models import Publisher, Source, SourceCapture, SourceKind
from tests.archive.helpers import stored_capture

# Written into every hidden claim and the source only hidden claims cite: it must never
# appear in anything an anonymous reader can fetch.
MARKER = "ZQXJ-hidden-7731"

ROLES = ("anonymous", "editor", "fact_checker", "superuser")


@dataclass
class World:
    draft: Claim
    review: Claim
    published: Claim
    withdrawn: Claim
    secret_source: Source
    source: Source
    publisher: Publisher
    derivation: ClaimDerivation
    capture: SourceCapture
    secret_capture: SourceCapture
    users: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)

    def refresh(self) -> None:
        for name in ("draft", "review", "published", "withdrawn"):
            getattr(self, name).refresh_from_db()

    def client(self, role: str) -> Client:
        """A browser signed in as `role` that also carries the role's API token."""
        if role == "anonymous":
            return Client()
        client = Client(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        client.force_login(self.users[role])
        return client


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="root", password="correct horse battery staple", email="root@example.org"
    )


@pytest.fixture
def world(make_claim, source, nbs, editor, fact_checker, superuser, verdicts) -> World:
    hidden = dict(
        quote=f"{MARKER} 青年失業率 18.9%",
        restatement=f"{MARKER} youth unemployment rose to 18.9%.",
        restatement_zh=f"{MARKER} 青年失業率升至18.9%。",
        claimant=f"{MARKER} claimant",
        research_notes=f"{MARKER} notes",
        ruling=f"{MARKER} ruling",
        value=Decimal("18.9"),
    )
    secret_source = Source.objects.create(
        slug="secret-memo",
        title=f"{MARKER} internal memo",
        url=f"https://example.org/{MARKER}",
        publisher=nbs,
        kind=SourceKind.OTHER,
    )

    def with_evidence(claim: Claim, cited: Source) -> Claim:
        Evidence.objects.create(
            claim=claim, source=cited, role="supports", excerpt="18.9%", seen=True
        )
        return claim

    def published(claim: Claim) -> Claim:
        claim.status = ClaimStatus.REVIEW
        claim.save(update_fields=["status"])
        return workflow.claim_publish(claim=claim, by=fact_checker, verdict=verdicts["accurate"])

    draft = with_evidence(make_claim(slug="hidden-draft", **hidden), secret_source)
    review = with_evidence(
        make_claim(slug="hidden-review", status=ClaimStatus.REVIEW, **hidden), secret_source
    )
    withdrawn = published(with_evidence(make_claim(slug="hidden-withdrawn", **hidden), source))
    withdrawn = workflow.claim_withdraw(
        claim=withdrawn, by=fact_checker, reason="The figure came from the wrong table."
    )
    public = published(
        with_evidence(make_claim(slug="public-claim", ruling="The NBS release says so."), source)
    )
    derivation = ClaimDerivation.objects.create(derived=public, operation="sum")
    users = {"editor": editor, "fact_checker": fact_checker, "superuser": superuser}
    return World(
        draft=draft,
        review=review,
        published=public,
        withdrawn=withdrawn,
        secret_source=secret_source,
        source=source,
        publisher=nbs,
        derivation=derivation,
        capture=stored_capture(source, b"<p>18.9%</p>"),
        secret_capture=stored_capture(secret_source, f"<p>{MARKER}</p>".encode()),
        users=users,
        tokens={role: Token.objects.create(user=user).key for role, user in users.items()},
    )
