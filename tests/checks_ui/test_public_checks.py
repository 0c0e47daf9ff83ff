"""The machine checks on the public claim page: apart from the verdict, escaped, public only."""

from __future__ import annotations

import re

import pytest

from claims.models import Claim
from sources.models import Source
from tests.checks_ui.conftest import CLEAN, FLAGGED

pytestmark = pytest.mark.django_db


def page(client, claim: Claim, lang: str = "en") -> str:
    response = client.get(f"/claims/{claim.public_id}/", {"lang": lang})
    assert response.status_code == 200
    return response.content.decode()


def section(html: str) -> str:
    start = html.index('<section class="machine-checks"')
    return html[start : html.index("</section>", start)]


def test_it_shows_a_shipped_claims_checks_apart_from_the_verdict(client, shipped_claim):
    html = page(client, shipped_claim(CLEAN))
    shown = section(html)
    assert "Machine checks" in shown
    assert "The system suggests; the editor decides." in shown
    assert '<span class="check check-ok">matches</span>' in shown
    assert "The source gives exactly US$100,000." in shown
    # The editorial verdict keeps its own section, before the checks.
    assert html.index('class="verdict"') < html.index('class="machine-checks"')
    assert "Our verdict" not in shown


def test_it_sets_each_sources_figure_beside_the_claims(client, shipped_claim):
    shown = section(page(client, shipped_claim(FLAGGED)))
    row = re.search(
        r"<tr><th scope=\"row\">[^<]*<br><span class=\"meta\"><span lang=\"zh-Hans\">"
        r"2025年就業形勢分析會綜述.*?</tr>",
        shown,
        re.S,
    )
    assert row, shown
    assert 'data-label="Source\'s figure">12.22 million people</td>' in row.group()
    assert 'data-label="Claim\'s figure">11.58 million people</td>' in row.group()
    assert '<span class="check check-flag">does not match</span>' in row.group()


def test_a_flagged_claim_is_flagged_in_the_page_language(client, shipped_claim):
    shown = section(page(client, shipped_claim(FLAGGED), lang="zh-hant"))
    assert "機器檢查" in shown
    assert '<span class="check check-flag">不符</span>' in shown
    assert "系統提出建議，由編輯決定。" in shown
    assert "1,222萬" in shown


def test_it_escapes_a_hostile_source_title(client, shipped_claim):
    claim = shipped_claim(CLEAN)
    Source.objects.filter(evidence__claim=claim).update(title="<script>alert(1)</script>")
    shown = section(page(client, claim))
    assert "<script>alert(1)</script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def test_a_claim_in_review_has_no_public_page_and_no_checks(client, shipped_claim):
    in_review = shipped_claim("liepin-ai-gap-500wan")
    assert client.get(f"/claims/{in_review.public_id}/").status_code == 404


def test_a_withdrawn_claim_shows_no_checks(client, shipped_claim):
    claim = shipped_claim(FLAGGED)
    Claim.objects.filter(pk=claim.pk).update(
        status="withdrawn", withdrawal_reason="Duplicate.", withdrawn_at=claim.published_at
    )
    html = page(client, claim)
    assert "This fact check was withdrawn" in html
    assert "machine-checks" not in html


def test_a_recomputation_from_published_figures_is_shown(client, derived_fall):
    shown = section(page(client, derived_fall()))
    assert "recomputed arithmetic" in shown
    assert "-17.39%" in shown


def test_a_recomputation_from_a_draft_figure_stays_off_the_page(client, derived_fall):
    html = page(client, derived_fall(first_status="draft"))
    assert "recomputed arithmetic" not in html
    assert "307,501" not in html


def test_the_page_reads_the_checks_in_a_fixed_number_of_queries(
    client, shipped_claim, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page(client, shipped_claim(FLAGGED))
