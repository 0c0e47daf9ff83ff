"""The CSV read by pandas straight from the live server, as an analyst would: the values
are the JSON's, and the list answers Accept: text/csv."""

from __future__ import annotations

from decimal import Decimal

import pandas
import pytest

from claims.models import Claim

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    ("address", "headers"),
    [("/api/v1/claims/export/", {}), ("/api/v1/claims/", {"Accept": "text/csv"})],
)
def test_pandas_reads_back_what_the_json_says(base, http, registry, address, headers):
    Claim.objects.filter(pk=registry["k_visa"].pk).update(comparator="≤")
    frame = pandas.read_csv(
        f"{base}{address}?verdict=accurate&verdict=mostly-accurate&verdict=misleading",
        storage_options=headers,
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    listed = {row["id"]: row for row in http.get(f"{base}/api/v1/claims/").json()["results"]}
    assert sorted(frame["id"]) == sorted(listed)
    for row in frame.to_dict("records"):
        claim = listed[row["id"]]
        for field in ("quote", "claimant", "comparator", "unit", "period", "place"):
            assert row[field] == claim[field], field
        if claim["value"] is not None:
            assert Decimal(row["value"]) == Decimal(claim["value"])
    assert set(frame["comparator"]) == {"=", "≤"}
