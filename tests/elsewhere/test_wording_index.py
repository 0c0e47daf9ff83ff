"""The search index of imported reviews' wording (elsewhere/wording_index.py), on both databases."""

from __future__ import annotations

import logging
from io import StringIO
from pathlib import Path

import pytest
import tantivy
from django.core.management import CommandError, call_command
from django.utils import translation

from claims import public_changes
from claims.models import Claim
from elsewhere import retrieval, wording_index
from elsewhere.matching import FigureAndWordingMatcher
from elsewhere.models import ExternalReview
from elsewhere.retrieval import text_probe
from tests.elsewhere.conftest import claim_review, data_feed

pytestmark = pytest.mark.django_db

# Neither states a figure: only their wording can find them.
VISA = "China launched the K visa for young science and technology talent in October."
AGENCY = "中國於2018年成立國家移民管理局"


@pytest.fixture
def imported(write, run_import, django_capture_on_commit_callbacks):
    """Import a feed as production does: the index is written once the import commits."""

    def imported(*reviews) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            run_import(write(data_feed(*reviews)))

    return imported


@pytest.fixture
def two_reviews(imported):
    imported(
        claim_review("https://check.example/visa", claimReviewed=VISA),
        claim_review("https://check.example/agency", claimReviewed=AGENCY),
    )
    return {review.url: review.pk for review in ExternalReview.objects.all()}


def matches(text: str) -> list[str]:
    found = FigureAndWordingMatcher().find(text_probe(text), claims=Claim.objects.none(), limit=10)
    return [match.review.url for match in found]


def test_words_are_lower_cased_and_chinese_is_read_in_pairs():
    assert wording_index.words("The K visa, 2025") == ["the", "k", "visa", "2025"]
    assert wording_index.words("中國青年 K簽證") == ["中國", "國青", "青年", "k", "簽證"]
    assert wording_index.words("港") == ["港"]
    assert wording_index.words("  ,。") == []


def test_an_import_writes_the_index_and_wording_alone_finds_a_review(two_reviews):
    assert wording_index.search([VISA])[:1] == [two_reviews["https://check.example/visa"]]
    assert matches("China launched a K visa for young talent in science") == [
        "https://check.example/visa"
    ]
    assert matches("2018年中國成立了國家移民管理局") == ["https://check.example/agency"]


def test_a_reimport_replaces_the_words_it_held(two_reviews, imported):
    imported(claim_review("https://check.example/visa", claimReviewed="Rice prices doubled."))
    visa = two_reviews["https://check.example/visa"]
    assert wording_index.search(["K visa launched"]) == []
    assert wording_index.search(["rice prices"]) == [visa]


def test_a_deleted_review_is_not_proposed_and_a_rebuild_drops_it(two_reviews):
    ExternalReview.objects.filter(url="https://check.example/visa").delete()
    assert matches(VISA) == []
    out = StringIO()
    call_command("index_external_reviews", "--no-progress", stdout=out)
    assert "1 imported review indexed" in out.getvalue()
    assert wording_index.search([VISA]) == [two_reviews["https://check.example/agency"]]


def test_a_rebuild_catches_up_with_reviews_imported_before_the_index(write, run_import):
    # Without the on-commit hook the import leaves the index empty, as on a restored backup.
    run_import(write(data_feed(claim_review("https://check.example/visa", claimReviewed=VISA))))
    assert wording_index.search([VISA]) is None
    call_command("index_external_reviews", "--no-progress", stdout=StringIO())
    assert len(wording_index.search([VISA])) == 1


def test_with_the_index_off_wording_is_read_from_the_database(two_reviews, settings):
    settings.EXTERNAL_REVIEW_INDEX = ""
    assert wording_index.search([VISA]) is None
    assert matches(VISA) == ["https://check.example/visa"]
    with pytest.raises(CommandError, match="EXTERNAL_REVIEW_INDEX is empty"):
        call_command("index_external_reviews", "--no-progress")


def test_an_unreadable_index_falls_back_to_the_database(two_reviews, settings, tmp_path, caplog):
    broken = tmp_path / "broken-index"
    broken.mkdir()
    (broken / wording_index.BUILT).touch()
    (broken / "meta.json").write_text("not an index")
    settings.EXTERNAL_REVIEW_INDEX = str(broken)
    with caplog.at_level(logging.WARNING, logger="elsewhere.wording_index"):
        assert matches(VISA) == ["https://check.example/visa"]
    assert "cannot be read" in caplog.text


def test_an_index_never_built_is_not_read_nor_created(two_reviews, settings, tmp_path, caplog):
    folder = tmp_path / "never-written"
    settings.EXTERNAL_REVIEW_INDEX = str(folder)
    with caplog.at_level(logging.WARNING, logger="elsewhere.wording_index"):
        assert matches(VISA) == ["https://check.example/visa"]
    assert not folder.exists()
    assert caplog.text == ""


def test_a_busy_index_leaves_the_import_standing(imported, caplog, settings):
    index = tantivy.Index(wording_index._schema(), path=_folder(settings))
    holder = index.writer(heap_size=wording_index.WRITER_HEAP, num_threads=1)
    try:
        with caplog.at_level(logging.WARNING, logger="elsewhere.wording_index"):
            imported(claim_review("https://check.example/visa", claimReviewed=VISA))
    finally:
        holder.rollback()
        del holder
    assert ExternalReview.objects.filter(url="https://check.example/visa").exists()
    assert "index_external_reviews" in caplog.text
    with (
        pytest.raises(CommandError, match="無法寫入外部查核措辭索引"),
        translation.override("zh-hant"),
    ):
        busy = index.writer(heap_size=wording_index.WRITER_HEAP, num_threads=1)
        try:
            call_command("index_external_reviews", "--no-progress", stdout=StringIO())
        finally:
            busy.rollback()


def test_every_probe_reads_the_index_when_there_is_one(two_reviews, monkeypatch):
    # A claim stating a figure is also matched by wording: a review may word it differently.
    asked = []
    monkeypatch.setattr(wording_index, "search", lambda texts: asked.append(texts) or [])
    retrieval.candidate_reviews(text_probe("11.58 million graduates in 2023"))
    assert asked == [("11.58 million graduates in 2023",)]


def _folder(settings) -> str:
    Path(settings.EXTERNAL_REVIEW_INDEX).mkdir(parents=True, exist_ok=True)
    return settings.EXTERNAL_REVIEW_INDEX


def test_the_first_import_with_an_index_builds_it_whole(write, run_import, imported):
    # Reviews imported before the index existed (or before an upgrade) are found by wording
    # once the next import has built it.
    run_import(write(data_feed(claim_review("https://check.example/visa", claimReviewed=VISA))))
    imported(claim_review("https://check.example/rice", claimReviewed="Rice prices doubled."))
    assert matches(VISA) == ["https://check.example/visa"]
    assert len(wording_index.search(["rice", VISA])) == 2


def test_a_deleted_review_leaves_the_index(two_reviews, django_capture_on_commit_callbacks):
    before = public_changes.generation()
    with django_capture_on_commit_callbacks(execute=True):
        ExternalReview.objects.filter(url="https://check.example/visa").delete()
    assert two_reviews["https://check.example/visa"] not in wording_index.search([VISA])
    # similar/ and claims:search listed it: their kept answers are built again.
    assert public_changes.generation() > before


def test_the_generation_moves_only_once_the_index_holds_the_import(imported, monkeypatch):
    # A reader between the two would otherwise keep an answer without the new reviews as
    # current until the cache let it go.
    seen = []
    real = wording_index.add
    monkeypatch.setattr(
        wording_index,
        "add",
        lambda *a, **k: seen.append(public_changes.generation()) or real(*a, **k),
    )
    before = public_changes.generation()
    imported(claim_review("https://check.example/visa", claimReviewed=VISA))
    assert seen and all(moment == before for moment in seen)
    assert public_changes.generation() > before
