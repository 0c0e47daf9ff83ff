"""The public list from stored rows (claims/public_rows.py): the same JSON, never stale.

The shipped article is the data: its published claims with evidence, corrections, derivations
and every kind of machine check. The response cache is off, so each request reaches the
stored rows.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from api.serializers import claim_rows
from api.serializers.public import ClaimSerializer
from api.views import querysets
from claims import public_rows, workflow
from claims.models import Claim, ClaimStatus, PublicRow

pytestmark = pytest.mark.django_db

ALL = "/api/v1/claims/?page_size=100"


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def rows(api, url: str = ALL) -> dict[str, dict]:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return {row["id"]: row for row in response.json()["results"]}


def expected_rows(url_origin: str = "http://testserver") -> dict[str, dict]:
    """Each published claim as ClaimSerializer writes it for a detail, without stored rows."""
    from rest_framework.test import APIRequestFactory

    request = APIRequestFactory().get("/", HTTP_HOST=url_origin.removeprefix("http://"))
    serializer = ClaimSerializer(context={"request": request})
    return {
        claim.public_id: json.loads(json.dumps(serializer.to_representation(claim), default=str))
        for claim in querysets.public_claims()
    }


def test_the_stored_rows_are_the_serializers_rows(api, loaded):
    first = api.get(ALL)
    second = api.get(ALL)  # now from the stored rows
    assert first.content == second.content
    assert PublicRow.objects.filter(rendered_revision__isnull=False).count() == (
        Claim.objects.published().count()
    )
    listed = {row["id"]: row for row in second.json()["results"]}
    assert listed == expected_rows()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/claims/?page_size=7&page=3",
        "/api/v1/claims/?cursor=&page_size=9",
        "/api/v1/claims/?verdict=inaccurate",
        "/api/v1/claims/?search=%E5%A4%B1%E6%A5%AD%E7%8E%87",
        "/api/v1/claims/?ordering=-published_at&page_size=5",
    ],
)
def test_pages_and_filters_list_the_same_claims_in_the_same_order(api, loaded, url):
    api.get(ALL)  # every row stored
    stored = api.get(url).json()
    from django.core.cache import cache

    cache.clear()
    PublicRow.objects.all().delete()
    fresh = api.get(url).json()
    assert stored == fresh


def test_links_name_the_host_of_each_request(api, loaded, settings):
    settings.ALLOWED_HOSTS = ["testserver", "claims.example"]
    api.get(ALL)
    row = next(iter(rows(api, ALL + "&page_size=1").values()))
    assert row["links"]["self"].startswith("http://testserver/api/v1/claims/")
    other = api.get(ALL, HTTP_HOST="claims.example").json()["results"][0]
    assert other["links"]["self"].startswith("http://claims.example/api/v1/claims/")
    body = api.get(ALL).content
    assert b"\\u0000" not in body and b"\x01" not in body


def test_text_that_looks_like_the_origins_stand_in_is_kept_as_written(api, loaded):
    claim = Claim.objects.filter(status=ClaimStatus.PUBLISHED).order_by("id").first()
    tricky = 'a "\\u0000 and a \x01 and \\u0001'
    Claim.objects.filter(pk=claim.pk).update(restatement=tricky)
    public_rows.bump([claim.pk])
    api.get(ALL)  # written and stored
    assert rows(api)[claim.public_id]["restatement"] == tricky  # read back from the store


def test_a_page_of_stored_rows_costs_one_query(api, loaded):
    api.get("/api/v1/claims/?cursor=&page_size=50")
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/api/v1/claims/?cursor=&page_size=50").status_code == 200
    assert len(captured) == 1  # the page with its rows; a cursor page has no count


class TestNeverStale:
    """Every change the public can see reaches the next list, through the stored rows."""

    @pytest.fixture
    def claim(self, api, loaded) -> Claim:
        api.get(ALL)  # all rows stored
        return Claim.objects.filter(status=ClaimStatus.PUBLISHED).order_by("id").first()

    def test_a_claim_edit(self, api, claim):
        workflow.claim_edit(
            claim=claim, by=None, changes={"claimant": "A corrected claimant"}, reason="Typo."
        )
        assert rows(api)[claim.public_id]["claimant"] == "A corrected claimant"

    def test_an_evidence_edit(self, api, claim):
        row = claim.evidence.first()
        row.note = "Re-read on the publisher's site."
        workflow.claim_change_evidence(claim=claim, by=None, change=row.save, reason="Re-read.")
        notes = [item["note"] for item in rows(api)[claim.public_id]["evidence"]]
        assert "Re-read on the publisher's site." in notes

    def test_a_source_edit(self, api, claim):
        source = claim.evidence.first().source
        source.title = "A retitled source"
        source.save()
        titles = [item["source"]["title"] for item in rows(api)[claim.public_id]["evidence"]]
        assert "A retitled source" in titles

    def test_a_publisher_edit(self, api, claim):
        publisher = claim.article.outlet
        publisher.name = "A renamed outlet"
        publisher.save()
        outlet = rows(api)[claim.public_id]["appears_in"]["article"]["outlet"]
        assert outlet["name"] == "A renamed outlet"

    def test_an_article_edit(self, api, claim):
        article = claim.article
        article.title = "A retitled article"
        article.save()
        assert rows(api)[claim.public_id]["appears_in"]["article"]["title"] == (
            "A retitled article"
        )

    def test_a_verdict_label_edit(self, api, claim):
        verdict = claim.verdict
        verdict.label_en = "A relabelled verdict"
        verdict.save()
        assert rows(api)[claim.public_id]["verdict"]["label_en"] == "A relabelled verdict"

    def test_a_verdict_change_and_a_withdrawal(self, api, claim, fact_checker, verdicts):
        from claims.workflow import claim_change_verdict, claim_withdraw

        claim_change_verdict(
            claim=claim, by=fact_checker, verdict=verdicts["misleading"], reason="Revised."
        )
        assert rows(api)[claim.public_id]["verdict"]["code"] == "misleading"
        claim_withdraw(claim=Claim.objects.get(pk=claim.pk), by=fact_checker, reason="Gone.")
        assert claim.public_id not in rows(api)

    def test_an_input_of_a_recomputed_claim(self, api, loaded):
        from claims.models import ClaimDerivation, DerivationInput

        numeric = Claim.objects.filter(status=ClaimStatus.PUBLISHED, value__isnull=False).order_by(
            "id"
        )
        derived, first, second = numeric[0], numeric[1], numeric[2]
        derivation = ClaimDerivation.objects.create(derived=derived, operation="sum")
        DerivationInput.objects.create(derivation=derivation, claim=first, position=0)
        DerivationInput.objects.create(derivation=derivation, claim=second, position=1)
        before = rows(api)[derived.public_id]["checks"]
        workflow.claim_edit(
            claim=first, by=None, changes={"value": first.value * 3}, reason="Recounted."
        )
        after = rows(api)[derived.public_id]
        assert after["checks"] != before
        assert after == expected_rows()[derived.public_id]


def test_a_row_written_from_data_a_change_overtook_is_never_used(api, loaded):
    claim = Claim.objects.filter(status=ClaimStatus.PUBLISHED).order_by("id").first()
    api.get(ALL)
    read_first = PublicRow.objects.get(pk=claim.pk).revision
    # A change lands after the reader read the revision and before it stores its row.
    public_rows.bump([claim.pk])
    shape = public_rows.stamp(claim_rows.row_shape())
    public_rows._store([(claim.pk, read_first, '{"stale": true}')], shape)
    row = PublicRow.objects.get(pk=claim.pk)
    assert row.rendered_revision == read_first != row.revision
    assert "stale" not in rows(api)[claim.public_id]


def mark_stored_rows() -> None:
    """Mark every stored row inside, keeping it a valid row of its own claim."""
    for row in PublicRow.objects.exclude(body=""):
        marked = row.body.replace(',"slug":', ',"old":true,"slug":', 1)
        assert marked != row.body
        PublicRow.objects.filter(pk=row.pk).update(body=marked)


def test_a_new_format_writes_every_row_again(api, loaded, monkeypatch):
    api.get(ALL)
    mark_stored_rows()
    assert all("old" in row for row in rows(api).values())  # stored rows are used as they are
    # As a change of the writer's code or of the serializer's fields would.
    monkeypatch.setattr(claim_rows, "row_shape", lambda: "another shape")
    assert all("old" not in row for row in rows(api).values())


def test_a_row_under_another_claims_id_is_never_used(api, loaded):
    """As after a dump restored into a database whose claim ids differ."""
    first, second = Claim.objects.filter(status=ClaimStatus.PUBLISHED).order_by("id")[:2]
    api.get(ALL)
    PublicRow.objects.filter(pk=first.pk).update(body=PublicRow.objects.get(pk=second.pk).body)
    assert rows(api)[first.public_id] == expected_rows()[first.public_id]


def test_new_translations_write_every_row_again(api, loaded, monkeypatch):
    from django.utils.translation import trans_real

    api.get(ALL)
    mark_stored_rows()
    assert all("old" in row for row in rows(api).values())
    before = public_rows._translations_digest()
    real = trans_real.translation

    class Corrected:
        def __init__(self, code):
            self._catalog = {**dict(real(code)._catalog.items()), "matches": f"{code}: corrected"}

    with monkeypatch.context() as patched:
        patched.setattr(trans_real, "translation", Corrected)
        public_rows._translations_digest.cache_clear()
        corrected = public_rows._translations_digest()
    public_rows._translations_digest.cache_clear()
    assert corrected != before
    monkeypatch.setattr(public_rows, "_translations_digest", lambda: corrected)
    assert all("old" not in row for row in rows(api).values())


def test_rows_are_compressed_with_lz4_where_the_server_has_it():
    from django.db import DatabaseError, transaction

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL default_toast_compression = lz4")
        except DatabaseError:
            pytest.skip("this PostgreSQL was built without LZ4")
        cursor.execute(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'claims_publicrow'::regclass AND attname = 'body'"
        )
        assert cursor.fetchone()[0] == "l"


def test_rows_that_cannot_be_kept_are_still_listed(api, loaded):
    from django.db import DatabaseError

    def refuse(execute, sql, params, many, context):
        if "INSERT INTO claims_publicrow" in sql and "VALUES" in sql:
            raise DatabaseError("read-only primary")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        listed = rows(api)
    assert listed == expected_rows()
    assert not PublicRow.objects.filter(rendered_revision__isnull=False).exists()
