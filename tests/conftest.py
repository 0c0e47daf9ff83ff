"""Objects most tests need: the verdict scale, people in each role, an article with claims."""

from __future__ import annotations

import ipaddress
import socket
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import translation

from api.throttling import counts_in_this_process
from claims.models import Article, Claim, ClaimKind, ClaimStatus, Evidence, Verdict
from sources.archive import fetch as archive_fetch
from sources.archive import guard
from sources.models import Publisher, Source, SourceKind

pytest_plugins = ["tests.chromium"]


@pytest.fixture(scope="session", autouse=True)
def _no_session_outlives_the_run(django_db_setup, django_db_blocker):
    """End every other session on the test database before it is dropped.

    A connection opened by a thread a test started (a live server, a race) belongs to that
    thread and can outlive it; PostgreSQL then refuses to drop the database and pytest-django
    warns and leaves it behind. Only sessions on this run's own test database are ended."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def _names_stay_on_this_machine(host, port, type=0, **kwargs):  # noqa: A002
    """getaddrinfo for address literals and localhost only: no name is looked up outside."""
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        if host != "localhost":
            raise socket.gaierror(socket.EAI_NONAME, "not looked up in tests") from None
    return socket.getaddrinfo(host, port, type=type, **kwargs)


@pytest.fixture(autouse=True)
def _archiver_stays_on_this_machine(monkeypatch):
    """No test makes the archiver resolve a real host name: a source's URL such as
    www.stats.gov.cn is unresolvable here, so nothing is ever fetched from outside."""
    real = guard.resolve

    def resolve(url, *, allowed_hosts=(), resolver=None):
        return real(
            url, allowed_hosts=allowed_hosts, resolver=resolver or _names_stay_on_this_machine
        )

    monkeypatch.setattr(archive_fetch, "resolve", resolve)


@pytest.fixture(autouse=True)
def _own_review_index(settings, tmp_path):
    """Each test its own search index of imported reviews (elsewhere/wording_index.py): ids
    indexed by another test's database never reach this one."""
    settings.EXTERNAL_REVIEW_INDEX = str(tmp_path / "review-index")


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with an empty cache: nothing left by another test."""
    cache.clear()
    counts_in_this_process.clear()
    translation.activate("en")
    yield
    cache.clear()
    counts_in_this_process.clear()
    translation.deactivate()


@pytest.fixture
def verdicts(db) -> dict[str, Verdict]:
    """The default scale, seeded by a data migration."""
    return {verdict.code: verdict for verdict in Verdict.objects.all()}


def _user(django_user_model, username: str, *permissions: str, groups: tuple[str, ...] = ()):
    user = django_user_model.objects.create_user(
        username=username, password="correct horse battery staple", is_staff=True
    )
    # The groups come from the data migration claims/0004_editor_groups.
    user.groups.add(*(Group.objects.get(name=name) for name in groups))
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return django_user_model.objects.get(pk=user.pk)  # drop the permission cache


@pytest.fixture
def editor(django_user_model):
    return _user(django_user_model, "editor", groups=("Editors",))


@pytest.fixture
def fact_checker(django_user_model):
    return _user(django_user_model, "checker", groups=("Fact-checkers",))


@pytest.fixture
def outlet(db) -> Publisher:
    return Publisher.objects.create(slug="initium", name="端傳媒 Initium Media")


@pytest.fixture
def article(outlet) -> Article:
    return Article.objects.create(
        slug="k-visa",
        title="端解讀:「K簽證」引起巨大爭議,它真的能為中國「搶人才」?",
        outlet=outlet,
        language="zh-Hant",
    )


@pytest.fixture
def nbs(db) -> Publisher:
    return Publisher.objects.create(slug="nbs", name="國家統計局 National Bureau of Statistics")


@pytest.fixture
def source(nbs) -> Source:
    return Source.objects.create(
        slug="nbs-youth-unemployment-2025-08",
        title="2025年8月分年齡組失業率",
        url="https://www.stats.gov.cn/sj/zxfb/202509/t20250919.html",
        publisher=nbs,
        kind=SourceKind.OFFICIAL_STATISTICS,
    )


@pytest.fixture
def make_claim(article):
    counter = iter(range(1, 10_000))

    def make(**fields) -> Claim:
        n = next(counter)
        defaults = dict(
            slug=f"claim-{n}",
            article=article,
            paragraph=n,
            quote="8月16-24歲青年失業率升至18.9%",
            restatement="China's youth unemployment rate rose to 18.9% in August 2025.",
            restatement_zh="2025年8月,中國青年失業率升至18.9%。",
            claimant="國家統計局",
            kind=ClaimKind.NUMERIC,
            value=Decimal("18.9"),
            unit="percent",
            comparator="=",
            period="2025-08",
            place="CN",
        )
        defaults.update(fields)
        return Claim.objects.create(**defaults)

    return make


@pytest.fixture
def make_reviewable(make_claim, source):
    """Claims in review that meet every publishing rule once given a verdict."""

    def make(**fields) -> Claim:
        claim = make_claim(
            **{"status": ClaimStatus.REVIEW, "ruling": "The NBS release gives 18.9%.", **fields}
        )
        Evidence.objects.create(
            claim=claim,
            source=source,
            role="supports",
            excerpt="16-24歲勞動力失業率為18.9%",
            value=Decimal("18.9"),
            unit="percent",
            seen=True,
        )
        return claim

    return make


@pytest.fixture
def reviewable_claim(make_reviewable) -> Claim:
    """A claim in review that meets every publishing rule once given a verdict."""
    return make_reviewable()
