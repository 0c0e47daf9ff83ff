"""The article admin's "Find claims in text": candidates, accept, dismiss, and the bad inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from claims.candidates import article_candidates
from claims.models import Article, Claim, ClaimStatus, DismissedCandidate

pytestmark = pytest.mark.django_db

TEXT = "某市失業率升至13.7%。\n該市有3,000間工廠。"


@pytest.fixture
def shipped_article(loaded) -> Article:
    return Article.objects.get(slug="k-visa-explainer")


def find_url(article: Article) -> str:
    return reverse("admin:claims_article_find_claims", args=[article.pk])


def rows(response) -> list[dict]:
    return response.context["rows"]


def key_of(article: Article, figure: str, text: str = TEXT) -> str:
    return next(
        row.key for row in article_candidates(text, article) if row.candidate.found.text == figure
    )


def test_the_article_form_links_to_it(editor_client, shipped_article):
    page = editor_client.get(reverse("admin:claims_article_change", args=[shipped_article.pk]))
    assert f'href="{find_url(shipped_article)}"' in page.content.decode()


def test_it_starts_from_the_articles_shipped_text(editor_client, shipped_article):
    response = editor_client.get(find_url(shipped_article))
    assert response.status_code == 200
    assert response.context["form"]["text"].value().startswith("端解讀:「K簽證」引起巨大爭議")
    assert response.context["rows"] is None


def test_it_lists_the_shipped_texts_figures_with_what_is_recorded(checker_client, shipped_article):
    text = checker_client.get(find_url(shipped_article)).context["form"]["text"].value()
    response = checker_client.post(find_url(shipped_article), {"text": text, "find": "1"})
    found = rows(response)
    assert len(found) > 40
    grads = next(row for row in found if row["figure"] == "1158萬")
    assert grads["recorded"] is True
    assert grads["paragraph"] == 45
    assert any(not row["recorded"] for row in found)
    page = response.content.decode()
    assert "already recorded" in page
    assert "<mark>1158萬</mark>" in page


def test_it_accepts_a_figure_as_a_draft_claim(editor_client, editor, shipped_article):
    key = key_of(shipped_article, "13.7%")
    response = editor_client.post(
        find_url(shipped_article), {"text": TEXT, "accept": key, f"unit-{key}": "percent"}
    )
    assert response.status_code == 200
    claim = Claim.objects.get(quote="某市失業率升至13.7%")
    assert claim.status == ClaimStatus.DRAFT
    assert (claim.value, claim.unit, claim.comparator, claim.paragraph) == (
        Decimal("13.7"),
        "percent",
        "=",
        1,
    )
    assert claim.article == shipped_article
    assert claim.claimant == shipped_article.outlet.name
    assert claim.history.first().history_user == editor
    messages = [str(message) for message in response.context["messages"]]
    assert f"Filed the draft claim “{claim.slug}”; restate it before review." in messages
    assert next(row for row in rows(response) if row["figure"] == "13.7%")["recorded"] is True


def test_it_refuses_to_accept_a_figure_without_a_unit(editor_client, shipped_article):
    key = key_of(shipped_article, "3,000")
    response = editor_client.post(
        find_url(shipped_article), {"text": TEXT, "accept": key, f"unit-{key}": ""}
    )
    row = next(row for row in rows(response) if row["key"] == key)
    assert row["errors"] == ["The figure's unit is not known: pick the unit it counts in."]
    assert "pick the unit it counts in" in response.content.decode()
    assert not Claim.objects.filter(quote="該市有3,000間工廠").exists()


def test_it_refuses_a_unit_that_is_not_ours(editor_client, shipped_article):
    key = key_of(shipped_article, "3,000")
    response = editor_client.post(
        find_url(shipped_article), {"text": TEXT, "accept": key, f"unit-{key}": "furlongs"}
    )
    assert next(row for row in rows(response) if row["key"] == key)["errors"]
    assert not Claim.objects.filter(quote="該市有3,000間工廠").exists()


def test_it_accepts_a_figure_once_the_editor_picks_its_unit(editor_client, shipped_article):
    key = key_of(shipped_article, "3,000")
    editor_client.post(
        find_url(shipped_article), {"text": TEXT, "accept": key, f"unit-{key}": "count"}
    )
    assert Claim.objects.get(quote="該市有3,000間工廠").unit == "count"


def test_it_does_not_accept_a_recorded_figure_twice(editor_client, shipped_article):
    key = key_of(shipped_article, "13.7%")
    data = {"text": TEXT, "accept": key, f"unit-{key}": "percent"}
    editor_client.post(find_url(shipped_article), data)
    response = editor_client.post(find_url(shipped_article), data)
    assert Claim.objects.filter(quote="某市失業率升至13.7%").count() == 1
    assert response.status_code == 200


def test_it_dismisses_a_figure_for_good(editor_client, editor, shipped_article):
    key = key_of(shipped_article, "3,000")
    response = editor_client.post(find_url(shipped_article), {"text": TEXT, "dismiss": key})
    dismissal = DismissedCandidate.objects.get(article=shipped_article, key=key)
    assert (dismissal.figure, dismissal.dismissed_by) == ("3,000", editor)
    assert key not in {row["key"] for row in rows(response)}
    again = editor_client.post(find_url(shipped_article), {"text": TEXT, "find": "1"})
    assert key not in {row["key"] for row in rows(again)}
    assert "1 figure dismissed before is not shown." in again.content.decode()


def test_a_dismissal_belongs_to_its_article(editor_client, shipped_article):
    article = Article.objects.create(slug="other", title="Other", outlet=shipped_article.outlet)
    key = key_of(shipped_article, "3,000")
    editor_client.post(find_url(shipped_article), {"text": TEXT, "dismiss": key})
    other = editor_client.post(find_url(article), {"text": TEXT, "find": "1"})
    assert key in {row["key"] for row in rows(other)}


def test_it_says_when_the_figure_is_no_longer_in_the_text(editor_client, shipped_article):
    response = editor_client.post(find_url(shipped_article), {"text": TEXT, "accept": "0" * 64})
    messages = [str(message) for message in response.context["messages"]]
    assert "That figure is no longer in the text; find the claims again." in messages


def test_it_refuses_an_empty_text(editor_client, shipped_article):
    response = editor_client.post(find_url(shipped_article), {"text": " \n ", "find": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"] == [
        "The text is empty: paste the article's text, one paragraph a line."
    ]
    assert response.context["rows"] is None


def test_it_refuses_a_text_over_its_limit(editor_client, shipped_article):
    response = editor_client.post(find_url(shipped_article), {"text": "a" * 100_001, "find": "1"})
    assert response.context["form"].errors["__all__"] == [
        "The text has 100,001 characters; at most 100,000 can be searched at once."
    ]


def test_it_refuses_a_megabyte_file(editor_client, shipped_article):
    upload = SimpleUploadedFile("article.txt", b"a" * 1024 * 1024, content_type="text/plain")
    response = editor_client.post(
        find_url(shipped_article), {"text": "", "file": upload, "find": "1"}
    )
    assert response.context["form"].errors["__all__"] == [
        "The file has 1,048,576 bytes; at most 524,288 can be searched at once."
    ]


def test_it_refuses_a_file_that_is_not_utf8(editor_client, shipped_article):
    upload = SimpleUploadedFile(
        "article.txt", "失業率13.7%".encode("big5"), content_type="text/plain"
    )
    response = editor_client.post(find_url(shipped_article), {"file": upload, "find": "1"})
    assert response.context["form"].errors["__all__"] == ["The file is not UTF-8 text."]


def test_it_reads_an_uploaded_file(editor_client, shipped_article):
    upload = SimpleUploadedFile("article.txt", TEXT.encode(), content_type="text/plain")
    response = editor_client.post(find_url(shipped_article), {"file": upload, "find": "1"})
    assert {row["figure"] for row in rows(response)} == {"13.7%", "3,000"}
    assert response.context["form"]["text"].value() == TEXT


def test_it_escapes_the_pasted_text(editor_client, shipped_article):
    text = '<script>alert("x")</script>失業率升至13.7%。'
    page = editor_client.post(
        find_url(shipped_article), {"text": text, "find": "1"}
    ).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_it_needs_the_csrf_token(editor, shipped_article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(find_url(shipped_article), {"text": TEXT, "find": "1"})
    assert response.status_code == 403
    assert not DismissedCandidate.objects.exists()


@pytest.fixture
def article_viewer(django_user_model):
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(user)
    return client


def test_it_refuses_someone_who_cannot_add_claims(article_viewer, shipped_article):
    assert article_viewer.get(find_url(shipped_article)).status_code == 403
    key = key_of(shipped_article, "13.7%")
    response = article_viewer.post(
        find_url(shipped_article), {"text": TEXT, "accept": key, f"unit-{key}": "percent"}
    )
    assert response.status_code == 403
    assert not Claim.objects.filter(quote="某市失業率升至13.7%").exists()


def test_the_link_is_hidden_from_someone_who_cannot_add_claims(article_viewer, shipped_article):
    page = article_viewer.get(reverse("admin:claims_article_change", args=[shipped_article.pk]))
    assert page.status_code == 200
    assert find_url(shipped_article) not in page.content.decode()


def test_it_answers_404_for_an_unknown_article(editor_client, loaded):
    assert editor_client.get(
        reverse("admin:claims_article_find_claims", args=[999999])
    ).status_code in (
        302,
        404,
    )


def test_it_works_in_chinese(editor_client, shipped_article):
    response = editor_client.post(
        find_url(shipped_article),
        {"text": TEXT, "find": "1"},
        headers={"accept-language": "zh-hant"},
    )
    page = response.content.decode()
    assert "從內文找出說法" in page
    assert "接受為草稿" in page


def test_a_megabyte_pasted_gets_a_message_not_a_bare_400(editor_client, shipped_article):
    response = editor_client.post(
        find_url(shipped_article), {"text": "a" * 1024 * 1024, "find": "1"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["rows"] is None
    shown = [str(message) for message in response.context["messages"]]
    assert any("too long to search at once" in message for message in shown)
    assert not Claim.objects.filter(research_notes__contains="Find claims").exists()
