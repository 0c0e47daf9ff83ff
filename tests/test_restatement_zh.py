"""The Traditional Chinese restatement: read in the reader's language, needed to publish, and on
a public claim changed only on the record, except the first translation of a claim published
before it had one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from claims import workflow
from claims.models import Claim, VerdictChangeKind

CHINESE = "2025年8月,中國青年失業率升至18.9%。"


@pytest.fixture
def published(reviewable_claim, fact_checker, verdicts) -> Claim:
    return workflow.claim_publish(
        claim=reviewable_claim, by=fact_checker, verdict=verdicts["accurate"]
    )


@pytest.fixture
def published_before_translations(published) -> Claim:
    """A claim published before claims had a Chinese restatement (test data, not an edit)."""
    with workflow.unrecorded_writes(published.pk):
        Claim.objects.filter(pk=published.pk).update(restatement_zh="")
    return Claim.objects.get(pk=published.pk)


def edit(claim: Claim, by, reason=None, **changes) -> Claim:
    return workflow.claim_edit(
        claim=Claim.objects.get(pk=claim.pk), by=by, changes=changes, reason=reason
    )


def updates(claim: Claim) -> list:
    return list(claim.verdict_changes.filter(kind=VerdictChangeKind.UPDATED))


@pytest.mark.django_db  # a new claim reads its default verdict
class TestRestatementIn:
    def test_it_gives_the_chinese_restatement_to_a_chinese_reader(self):
        claim = Claim(restatement="In English.", restatement_zh="中文。")
        assert claim.restatement_in("zh-hant") == "中文。"
        assert claim.restatement_in("zh-Hant") == "中文。"
        assert claim.restatement_in("zh-TW") == "中文。"

    def test_it_gives_english_to_everyone_else(self):
        claim = Claim(restatement="In English.", restatement_zh="中文。")
        assert claim.restatement_in("en") == "In English."
        assert claim.restatement_in("fr") == "In English."

    def test_it_falls_back_to_english_without_a_chinese_restatement(self):
        assert Claim(restatement="In English.").restatement_in("zh-hant") == "In English."


@pytest.mark.django_db
class TestPublishing:
    @pytest.mark.parametrize("blank", ["", "   ", "\u200b"])
    def test_it_refuses_to_publish_without_a_chinese_restatement(
        self, make_reviewable, fact_checker, verdicts, blank
    ):
        claim = make_reviewable(restatement_zh=blank)
        with pytest.raises(workflow.WorkflowError) as error:
            workflow.claim_publish(claim=claim, by=fact_checker, verdict=verdicts["accurate"])
        assert error.value.messages == ["Write the restatement in Traditional Chinese."]
        assert Claim.objects.get(pk=claim.pk).status == "review"

    def test_a_draft_may_have_none(self, make_claim, editor):
        claim = edit(make_claim(), editor, restatement_zh="")
        assert claim.restatement_zh == ""


@pytest.mark.django_db
class TestOnTheRecord:
    def test_a_change_of_the_chinese_restatement_is_logged(self, published, fact_checker):
        claim = edit(
            published,
            fact_checker,
            reason="A plainer translation.",
            restatement_zh="2025年8月,中國青年失業率達18.9%。",
        )
        (entry,) = updates(claim)
        assert entry.reason == "A plainer translation."
        assert entry.changes == [
            {"field": "restatement_zh", "from": CHINESE, "to": "2025年8月,中國青年失業率達18.9%。"}
        ]

    def test_a_change_without_a_reason_is_refused(self, published, fact_checker):
        with pytest.raises(workflow.WorkflowError) as error:
            edit(published, fact_checker, restatement_zh="悄悄改寫。")
        assert "correction_reason" in error.value.message_dict
        assert Claim.objects.get(pk=published.pk).restatement_zh == CHINESE

    def test_removing_it_is_refused_even_with_a_reason(self, published, fact_checker):
        with pytest.raises(workflow.WorkflowError) as error:
            edit(published, fact_checker, reason="Not needed.", restatement_zh="")
        assert error.value.messages == ["Write the restatement in Traditional Chinese."]
        assert Claim.objects.get(pk=published.pk).restatement_zh == CHINESE
        assert updates(published) == []

    def test_a_save_outside_the_workflow_is_refused(self, published):
        published.restatement_zh = "悄悄改寫。"
        with pytest.raises(workflow.WorkflowError):
            published.save()

    def test_a_first_translation_needs_no_correction_entry(
        self, published_before_translations, fact_checker
    ):
        claim = published_before_translations
        reviewed_at = claim.reviewed_at
        claim = edit(claim, fact_checker, restatement_zh=CHINESE)
        assert Claim.objects.get(pk=claim.pk).restatement_zh == CHINESE
        assert updates(claim) == []
        assert Claim.objects.get(pk=claim.pk).reviewed_at == reviewed_at

    def test_a_first_translation_still_needs_the_publish_permission(
        self, published_before_translations, editor
    ):
        with pytest.raises(PermissionDenied):
            edit(published_before_translations, editor, restatement_zh=CHINESE)
        assert Claim.objects.get(pk=published_before_translations.pk).restatement_zh == ""

    def test_a_first_translation_with_another_change_is_logged_whole(
        self, published_before_translations, fact_checker
    ):
        claim = edit(
            published_before_translations,
            fact_checker,
            reason="The claimant's name in full.",
            restatement_zh=CHINESE,
            claimant="國家統計局 NBS",
        )
        (entry,) = updates(claim)
        assert [change["field"] for change in entry.changes] == ["restatement_zh", "claimant"]

    def test_other_fields_stay_on_the_record_for_a_claim_without_one(
        self, published_before_translations, fact_checker
    ):
        with pytest.raises(workflow.WorkflowError) as error:
            edit(published_before_translations, fact_checker, claimant="Someone")
        assert "correction_reason" in error.value.message_dict


def test_only_the_chinese_restatement_is_a_translation_field():
    assert set(workflow.TRANSLATION_FIELDS) == {"restatement_zh"}
    assert workflow.is_first_translation("restatement_zh", "", "中文")
    assert not workflow.is_first_translation("restatement_zh", "\u200b", "\u3164")
    assert not workflow.is_first_translation("restatement_zh", "舊的", "新的")
    assert not workflow.is_first_translation("restatement", "", "English")
