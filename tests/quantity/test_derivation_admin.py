"""Linking a derived claim to its inputs in the admin, and reading the recomputation there."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from claims.models import ClaimDerivation, DerivationInput


@pytest.fixture
def fall(make_claim):
    before = make_claim(quote="2018年的307,501人", value=D(307501), unit="persons")
    after = make_claim(quote="至25,4019人", value=D(254019), unit="persons")
    fall = make_claim(quote="下降約17.4%", value=D("17.4"), unit="percent", comparator="≈")
    derivation = ClaimDerivation.objects.create(derived=fall, operation="percent_change")
    DerivationInput.objects.create(derivation=derivation, claim=before, position=1)
    DerivationInput.objects.create(derivation=derivation, claim=after, position=2)
    return derivation


def test_it_lists_derivations_with_their_recomputation(admin_client, fall):
    response = admin_client.get("/admin/claims/claimderivation/")
    assert response.status_code == 200
    assert "Recomputed percent change: -17.39%; the claim states about 17.4% (consistent)." in (
        response.content.decode()
    )


def test_it_shows_the_recomputation_on_the_change_page(admin_client, fall):
    response = admin_client.get(f"/admin/claims/claimderivation/{fall.pk}/change/")
    assert response.status_code == 200
    assert "-17.39%" in response.content.decode()


def test_it_adds_a_derivation_with_ordered_inputs(admin_client, make_claim):
    people = make_claim(quote="1902位", value=D(1902), unit="persons")
    money = make_claim(quote="5.88億元人民幣", value=D(588000000), unit="CNY")
    response = admin_client.post(
        "/admin/claims/claimderivation/add/",
        {
            "derived": money.pk,
            "operation": "per_capita",
            "note": "",
            "inputs-TOTAL_FORMS": "2",
            "inputs-INITIAL_FORMS": "0",
            "inputs-MIN_NUM_FORMS": "0",
            "inputs-MAX_NUM_FORMS": "1000",
            "inputs-0-claim": money.pk,
            "inputs-0-position": "1",
            "inputs-1-claim": people.pk,
            "inputs-1-position": "2",
        },
    )
    assert response.status_code == 302
    derivation = ClaimDerivation.objects.get(derived=money)
    assert [item.claim for item in derivation.inputs.all()] == [money, people]


def test_it_refuses_two_inputs_in_one_position(admin_client, make_claim):
    one = make_claim()
    two = make_claim()
    response = admin_client.post(
        "/admin/claims/claimderivation/add/",
        {
            "derived": one.pk,
            "operation": "sum",
            "note": "",
            "inputs-TOTAL_FORMS": "2",
            "inputs-INITIAL_FORMS": "0",
            "inputs-MIN_NUM_FORMS": "0",
            "inputs-MAX_NUM_FORMS": "1000",
            "inputs-0-claim": one.pk,
            "inputs-0-position": "1",
            "inputs-1-claim": two.pk,
            "inputs-1-position": "1",
        },
    )
    assert response.status_code == 200
    assert not ClaimDerivation.objects.exists()
    assert "Please correct the duplicate data for position" in response.content.decode()
