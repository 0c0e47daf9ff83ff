"""Everywhere the desk asks "checked before?", other desks' reviews are in the answer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from tests.elsewhere.conftest import claim_review, data_feed

pytestmark = pytest.mark.django_db


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def panel(page: str) -> str:
    start = page.index('<ul class="checked-before similar-claims">')
    return page[start : page.index("</ul>", start)]


def test_the_claim_form_lists_other_desks_reviews_with_publisher_and_rating(
    checker_client, imported
):
    claim = Claim.objects.get(slug="grads-1158-2025")
    shown = panel(checker_client.get(change_url(claim)).content.decode())
    assert "Checked by Example Check" in shown
    assert "rated “Mostly true” (mostly accurate)" in shown
    assert 'href="https://factcheck.example/grads" rel="noopener noreferrer"' in shown
    assert "same figure: 11.58 million people, 2025" in shown


def test_the_claim_form_escapes_a_hostile_review(checker_client, imported):
    claim = Claim.objects.get(slug="grads-1158-2025")
    shown = panel(checker_client.get(change_url(claim)).content.decode())
    assert "Checked by &lt;b&gt;Evil Checks&lt;/b&gt;" in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "&lt;script&gt;" in shown
    assert "<script>" not in shown and "<img" not in shown and "<b>" not in shown
    assert "a=&quot;&gt;&lt;script&gt;" in shown


def test_the_claim_form_in_chinese(checker_client, imported):
    claim = Claim.objects.get(slug="grads-1158-2025")
    page = checker_client.get(change_url(claim), HTTP_ACCEPT_LANGUAGE="zh-hant").content
    shown = panel(page.decode())
    assert "Example Check 查核" in shown
    assert "數字相同:1,158萬人,2025" in shown


def test_find_claims_shows_earlier_checks_for_each_figure(editor_client, imported):
    claim = Claim.objects.get(slug="grads-1158-2025")
    url = reverse("admin:claims_article_find_claims", args=[claim.article.pk])
    response = editor_client.post(
        url, {"text": "今年應屆畢業生數量達1158萬,創歷史新高。", "find": "1"}
    )
    page = response.content.decode()
    row = page[page.index('class="candidate') : page.index("</tr>", page.index('class="candidate'))]
    assert "Checked by Example Check" in row
    assert f'href="{change_url(claim)}"' in row


def test_the_similar_api_labels_other_desks_reviews(api, imported):
    response = api.get("/api/v1/claims/similar/", {"text": "應屆畢業生數量達1158萬"})
    assert response.status_code == 200
    rows = response.json()
    external = [row for row in rows if row["checked_by"] == "external"]
    ours = [row for row in rows if row["checked_by"] == "registry"]
    assert ours[0]["claim"]["id"] == Claim.objects.get(slug="grads-1158-2025").public_id
    assert ours[0]["review"] is None
    review = next(r["review"] for r in external if r["review"]["url"].endswith("/grads"))
    assert review["publisher"] == {"name": "Example Check", "site": "https://factcheck.example"}
    assert (review["rating"], review["meaning"]) == ("Mostly true", "mostly-accurate")
    reason = next(r["reason"] for r in external if r["review"]["url"].endswith("/grads"))
    assert reason == {
        "en": "same figure: 11.58 million people; similar wording",
        "zh_Hant": "數字相同:1,158萬人;用語相似",
    }


def test_the_similar_api_never_shows_a_draft(api, imported):
    published = Claim.objects.get(slug="grads-1158-2025")
    Claim.objects.filter(pk=published.pk).update(status=ClaimStatus.DRAFT)
    rows = api.get("/api/v1/claims/similar/", {"text": "應屆畢業生數量達1158萬"}).json()
    assert published.public_id not in {row["claim"]["id"] for row in rows if row["claim"]}
    assert all(row["claim"] is None or row["review"] is None for row in rows)


def test_an_import_refreshes_the_cached_answer(
    api, loaded, write, run_import, django_capture_on_commit_callbacks
):
    before = api.get("/api/v1/claims/similar/", {"text": "應屆畢業生數量達1158萬"}).json()
    assert not any(row["checked_by"] == "external" for row in before)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(write(data_feed(claim_review(claimReviewed="Graduates: 11.58 million"))))
    after = api.get("/api/v1/claims/similar/", {"text": "應屆畢業生數量達1158萬"}).json()
    assert any(row["checked_by"] == "external" for row in after)


def test_claims_search_lists_ours_then_other_desks(api, imported):
    answer = api.get("/api/v1/claims:search", {"query": "11.58 million"}).json()
    publishers = [item["claimReview"][0]["publisher"]["name"] for item in answer["claims"]]
    assert publishers[0] == "Claim Registry"
    assert set(publishers[1:]) == {"Example Check", "<b>Evil Checks</b>"}
    theirs = next(item for item in answer["claims"] if "Example" in str(item))
    assert theirs["claimReview"][0]["publisher"]["site"] == "factcheck.example"
    assert theirs["claimReview"][0]["textualRating"] == "Mostly true"
    assert theirs["claimReview"][0]["url"] == "https://factcheck.example/grads"
    assert theirs["text"] == "應屆畢業生數量達1158萬"


def test_claims_search_pages_on_from_ours_into_theirs(api, imported):
    seen, token = [], None
    for _page in range(4):
        params = {"query": "11.58 million", "pageSize": 1} | ({"pageToken": token} if token else {})
        answer = api.get("/api/v1/claims:search", params).json()
        seen += [item["claimReview"][0]["url"] for item in answer["claims"]]
        token = answer.get("nextPageToken")
        if not token:
            break
    assert len(seen) == len(set(seen)) == 3
    assert seen[0].startswith("http://testserver/claims/")
    assert token is None


def test_claims_search_keeps_to_the_language_asked(api, imported):
    answer = api.get("/api/v1/claims:search", {"query": "11.58 million", "languageCode": "fr"})
    assert answer.json() == {"claims": []}
