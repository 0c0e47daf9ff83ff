"""The machine checks in the read API, and the desk's extraction endpoint."""

from __future__ import annotations

import pytest
import yaml
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, DismissedCandidate
from tests.checks_ui.conftest import CLEAN, FLAGGED

pytestmark = pytest.mark.django_db

EXTRACT = "/api/v1/desk/extract/"
TEXT = "2020年,廣州給1902位「境外高端人才」發了5.88億元人民幣的財政補貼。\n某市失業率升至13.7%。"


def detail(api, claim: Claim) -> dict:
    response = api.get(f"/api/v1/claims/{claim.public_id}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_claim_carries_its_checks_in_both_languages(api, shipped_claim):
    checks = detail(api, shipped_claim(CLEAN))["checks"]
    [figure] = [check for check in checks if check["kind"] == "source_value"]
    assert figure["outcome"] == "consistent"
    assert figure["flagged"] is False
    assert figure["explanation"]["en"] == "The source gives exactly US$100,000."
    assert "10萬美元" in figure["explanation"]["zh-hant"]
    assert figure["outcome_label"] == {"en": "matches", "zh-hant": "相符"}
    assert figure["kind_label"]["en"] == "figure against source"
    assert figure["source"]["role"] == "supports"
    evidence_slugs = [
        row["source"]["slug"] for row in detail(api, shipped_claim(CLEAN))["evidence"]
    ]
    assert figure["source"]["slug"] in evidence_slugs


def test_a_flagged_claim_is_flagged_in_its_detail(api, shipped_claim):
    checks = detail(api, shipped_claim(FLAGGED))["checks"]
    flagged = [check for check in checks if check["flagged"]]
    assert [check["outcome"] for check in flagged] == [
        "inconsistent",
        "inconsistent",
        "figure_from_other_period",
    ]
    assert "12.22 million people" in flagged[0]["explanation"]["en"]
    assert "1,222萬" in flagged[0]["explanation"]["zh-hant"]


def test_a_flagged_claim_is_flagged_in_the_list(api, shipped_claim):
    claim = shipped_claim(FLAGGED)
    rows = api.get("/api/v1/claims/", {"page_size": 100}).json()["results"]
    [row] = [row for row in rows if row["id"] == claim.public_id]
    assert any(check["flagged"] for check in row["checks"])


def test_drafts_and_claims_in_review_show_no_checks(api, shipped_claim):
    in_review = shipped_claim("liepin-ai-gap-500wan")  # flagged, not published
    assert api.get(f"/api/v1/claims/{in_review.public_id}/").status_code == 404
    rows = api.get("/api/v1/claims/", {"page_size": 100}).json()["results"]
    assert in_review.public_id not in {row["id"] for row in rows}


def test_a_recomputation_is_shown_when_its_inputs_are_published(api, derived_fall):
    checks = detail(api, derived_fall())["checks"]
    [arithmetic] = [check for check in checks if check["kind"] == "arithmetic"]
    assert arithmetic["outcome"] == "consistent"
    assert "-17.39%" in arithmetic["explanation"]["en"]


def test_a_recomputation_from_a_draft_figure_stays_off_the_api(api, derived_fall):
    checks = detail(api, derived_fall(first_status="draft"))["checks"]
    assert "arithmetic" not in {check["kind"] for check in checks}


def _count(api, url: str) -> int:
    cache.clear()  # the list counts again, as after a public change
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_5_and_50_claims(api, shipped_claim):
    assert _count(api, "/api/v1/claims/?page_size=5") == _count(api, "/api/v1/claims/?page_size=50")


def test_the_schema_documents_the_checks_and_the_extraction(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    assert claim["checks"]["items"] == {"$ref": "#/components/schemas/MachineCheck"}
    check = schema["components"]["schemas"]["MachineCheck"]["properties"]
    assert {"kind", "outcome", "flagged", "explanation", "source"} <= set(check)
    text = schema["components"]["schemas"]["BilingualText"]["properties"]
    assert set(text) == {"en", "zh-hant"}
    assert "post" in schema["paths"][EXTRACT]


# The desk's extraction endpoint ----------------------------------------------------------------


def test_it_finds_the_figures_in_a_text(api, editor):
    api.force_authenticate(editor)
    response = api.post(EXTRACT, {"text": TEXT}, format="json")
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    figures = [
        (row["figure"], row["value"], row["unit"], row["paragraph"]) for row in response.json()
    ]
    assert ("5.88億元人民幣", "588000000", "CNY", 1) in figures
    assert ("13.7%", "13.7", "percent", 2) in figures


def test_it_marks_recorded_and_dismissed_figures_for_an_article(api, editor, shipped_claim):
    article = shipped_claim(FLAGGED).article
    api.force_authenticate(editor)
    first = api.post(EXTRACT, {"text": TEXT, "article": article.slug}, format="json").json()
    recorded = {row["figure"]: row["recorded"] for row in first}
    assert recorded["5.88億元人民幣"] is True
    assert recorded["13.7%"] is False
    unrecorded = next(row for row in first if row["figure"] == "13.7%")
    DismissedCandidate.objects.create(
        article=article, key=unrecorded["key"], sentence=unrecorded["sentence"], figure="13.7%"
    )
    again = api.post(EXTRACT, {"text": TEXT, "article": article.slug}, format="json").json()
    assert next(row for row in again if row["figure"] == "13.7%")["dismissed"] is True


def test_it_refuses_an_anonymous_caller(api):
    response = api.post(EXTRACT, {"text": TEXT}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_it_refuses_a_user_who_cannot_add_claims(api, django_user_model):
    reader = django_user_model.objects.create_user("reader", is_staff=True)
    api.force_authenticate(reader)
    response = api.post(EXTRACT, {"text": TEXT}, format="json")
    assert response.status_code == 403


def test_it_refuses_an_empty_text(api, editor):
    api.force_authenticate(editor)
    response = api.post(EXTRACT, {"text": "  \n "}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == [
        "The text is empty: paste the article's text, one paragraph a line."
    ]


def test_it_refuses_a_missing_text(api, editor):
    api.force_authenticate(editor)
    response = api.post(EXTRACT, {}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()["errors"]


def test_it_refuses_a_text_over_its_limit(api, editor):
    api.force_authenticate(editor)
    response = api.post(EXTRACT, {"text": "a" * 100_001}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == [
        "The text has 100,001 characters; at most 100,000 can be searched at once."
    ]


def test_it_refuses_a_megabyte_of_text(api, editor):
    api.force_authenticate(editor)
    response = api.post(EXTRACT, {"text": "失業率升至18.9%。" * 100_000}, format="json")
    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "code": "too_large",
        "message": "The request body is too large for the registry to read.",
        "errors": {},
    }


def test_it_refuses_an_unknown_article(api, editor):
    api.force_authenticate(editor)
    response = api.post(EXTRACT, {"text": TEXT, "article": "no-such-article"}, format="json")
    assert response.status_code == 400
    assert "article" in response.json()["errors"]
