"""The admin in Traditional Chinese: Django's own words and ours."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from claims.workflow import publication_problems
from tests.admin.conftest import change_url, changelist_url, shown_messages, workflow_url

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hant"}


def test_it_labels_the_claim_list_in_traditional_chinese(checker_client, desk):
    page = checker_client.get(changelist_url(), **ZH).content.decode()
    assert "查核結果" in page  # our column and filter
    assert "說法提出者" in page  # a model field's verbose name
    assert "易生誤解" in page  # the verdict's own Chinese label on its chip
    assert "審核中" in page  # a status choice
    assert "以各自的查核結果發布選取的說法" in page  # a bulk action
    assert "搜尋" in page  # Django's own admin translation


def test_it_labels_the_claim_form_in_traditional_chinese(checker_client, published_claim):
    page = checker_client.get(change_url(published_claim), **ZH).content.decode()
    for words in ["數字", "出處", "查核結果紀錄與稽核軌跡", "更改查核結果…", "撤回…"]:
        assert words in page
    assert "儲存" in page  # Django's own "Save"


def test_it_shows_workflow_refusals_in_traditional_chinese(
    checker_client, reviewable_claim, verdicts
):
    response = checker_client.post(
        workflow_url(reviewable_claim, "publish"),
        {
            "expected_version": reviewable_claim.version,
            "verdict": verdicts["pending"].pk,
            "ruling": "",
        },
        follow=True,
        **ZH,
    )
    shown = shown_messages(response)
    assert "請選擇查核結果:「查核中」無法發布。" in shown
    assert "請撰寫讀者會看到的查核說明。" in shown


def test_it_names_the_refused_action_in_traditional_chinese(checker_client, make_claim, verdicts):
    claim = make_claim()
    response = checker_client.post(
        workflow_url(claim, "publish"),
        {"expected_version": claim.version, "verdict": verdicts["accurate"].pk, "ruling": "x"},
        follow=True,
        **ZH,
    )
    assert "狀態為「草稿」的說法無法發布。" in shown_messages(response)


def test_it_labels_sources_in_traditional_chinese(checker_client, desk):
    page = checker_client.get(reverse("admin:sources_source_changelist"), **ZH).content.decode()
    assert "官方統計" in page
    assert "反駁" in page
    assert "發布機構" in page


def test_it_translates_every_publishing_rule(reviewable_claim, verdicts):
    reviewable_claim.evidence.all().delete()
    reviewable_claim.ruling = ""
    with translation.override("zh-hant"):
        problems = publication_problems(reviewable_claim, verdicts["pending"])
    assert problems == [
        "請選擇查核結果:「查核中」無法發布。",
        "請撰寫讀者會看到的查核說明。",
        "請至少連結一個資料來源作為證據。",
    ]
