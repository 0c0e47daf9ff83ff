"""manage.py extract_claims: what an editor sees, and the drafts it files."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from claims.models import Claim

TEXT = "標題\n2021年,在滬工作的外國人達21.5萬,佔全國的23.7%。\n產值突破500萬。\n"


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _run(*args) -> str:
    out = StringIO()
    call_command("extract_claims", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def test_it_prints_each_candidate_with_its_paragraph_and_position(article_file):
    output = _run(article_file)
    assert "+ ¶2 @18-23 21.5萬 → = 215000 persons? | 2021年,在滬工作的外國人達21.5萬" in output
    assert "23.7% → = 23.7 percent" in output
    assert "+ ¶3 @37-43 突破500萬 → > 5000000 - | 產值突破500萬" in output
    assert "3 candidate figures." in output


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        _run(tmp_path / "missing.txt")


def test_it_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9 30%".encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        _run(path)


def test_it_refuses_drafts_without_an_article(article_file):
    with pytest.raises(CommandError, match="--create-drafts needs --article"):
        _run(article_file, "--create-drafts")


@pytest.mark.django_db
def test_it_refuses_an_unknown_article(article_file):
    with pytest.raises(CommandError, match="No article with the slug 'nope'"):
        _run(article_file, "--article", "nope")


def test_it_files_drafts_once(article_file, article):
    output = _run(article_file, "--article", article.slug, "--create-drafts")
    assert "Created 2 draft claims; skipped 1 already recorded." in output
    drafts = Claim.objects.filter(article=article).order_by("value")
    assert [(claim.value, claim.unit, claim.status) for claim in drafts] == [
        (Decimal("23.7"), "percent", "draft"),
        (Decimal("215000"), "persons", "draft"),
    ]
    assert drafts[1].quote == "2021年,在滬工作的外國人達21.5萬,佔全國的23.7%"
    assert drafts[1].paragraph == 2
    assert drafts[1].claimant == article.outlet.name

    again = _run(article_file, "--article", article.slug, "--create-drafts")
    assert "Created 0 draft claims; skipped 3 already recorded." in again
    assert "= ¶2 @18-23 21.5萬" in again


def test_it_skips_a_figure_the_desk_already_recorded(article_file, article, make_claim):
    make_claim(quote="在滬工作的外國人達21.5萬", value=Decimal(215000), unit="persons")
    output = _run(article_file, "--article", article.slug, "--create-drafts")
    assert "Created 1 draft claims; skipped 2 already recorded." in output


def test_it_files_no_draft_when_one_would_not_be_valid(article_file, article, monkeypatch):
    clean = Claim.full_clean

    def refuse_percentages(claim, *args, **kwargs):
        if claim.unit == "percent":
            raise ValidationError({"value": "Not a figure the desk can file."})
        return clean(claim, *args, **kwargs)

    monkeypatch.setattr(Claim, "full_clean", refuse_percentages)
    with pytest.raises(CommandError, match=r"¶2 23\.7%: Not a figure .* No drafts were created"):
        _run(article_file, "--article", article.slug, "--create-drafts")
    assert not Claim.objects.filter(article=article).exists()
