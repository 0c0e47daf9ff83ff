"""A fact-checker's morning in a real headless Chromium: enter a claim, source it, publish it."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.models import Claim, ClaimStatus, Verdict
from tests.chromium import sign_in

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="en")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def choose_in_autocomplete(page, field_id: str, search: str, option: str) -> None:
    page.locator(f"#{field_id}").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_it_takes_a_numeric_claim_from_entry_to_published(page, fact_checker, article, source):
    sign_in(page, "", fact_checker)

    page.goto("/admin/claims/claim/add/")
    page.fill("#id_quote", "8月16-24歲青年失業率升至18.9%")
    page.fill("#id_restatement", "China's youth unemployment rate rose to 18.9% in August 2025.")
    page.fill("#id_restatement_zh", "2025年8月,中國青年失業率升至18.9%。")
    page.fill("#id_claimant", "國家統計局")
    page.select_option("#id_kind", "numeric")
    page.select_option("#id_comparator", "=")
    page.fill("#id_value", "18.9")
    page.select_option("#id_unit", "percent")
    page.fill("#id_slug", "youth-unemployment-august-2025")
    choose_in_autocomplete(page, "id_article", "K簽證", article.title)
    choose_in_autocomplete(page, "id_evidence-0-source", "失業率", source.title)
    page.select_option("#id_evidence-0-role", "supports")
    page.check("#id_evidence-0-seen")
    page.fill("#id_ruling", "The NBS release for August 2025 gives 18.9%.")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    claim = Claim.objects.get(slug="youth-unemployment-august-2025")
    assert claim.evidence.get().source == source

    page.click("a.workflow-action:has-text('Submit for review')")
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist .success:has-text('in review')")

    page.click("a.workflow-action:has-text('Publish')")
    first_preview = page.get_attribute("img.badge-preview", "src")
    page.select_option("#id_verdict", label="Accurate")
    page.wait_for_function(
        "src => document.querySelector('img.badge-preview').getAttribute('src') !== src",
        arg=first_preview,
    )
    accurate = Verdict.objects.get(code="accurate")
    assert page.get_attribute("img.badge-preview", "src").endswith(f"verdict={accurate.pk}")
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist .success:has-text('published')")

    page.goto("/admin/claims/claim/")
    chip = page.locator("tr", has_text="youth unemployment rate rose").locator(".verdict-chip")
    assert chip.inner_text() == "Accurate"
    assert "rgb(26, 127, 55)" in chip.evaluate("el => getComputedStyle(el).backgroundColor")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-published-claim.png"), full_page=True)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.verdict.code == "accurate"
    assert claim.reviewed_by == fact_checker


FITS = """() => [document.documentElement, ...document.querySelectorAll('#changelist .results')]
  .every((box) => box.scrollWidth <= box.clientWidth + 1)"""


def test_the_claim_list_and_form_fit_a_1280_px_window(page, fact_checker, desk):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "", fact_checker)
    page.goto("/admin/claims/claim/")
    assert page.evaluate(FITS)
    assert page.locator("#result_list th.column-claimant").is_visible()
    assert page.locator("#result_list th.column-value_column").is_visible()
    page.goto(f"/admin/claims/claim/{desk[2].pk}/change/")
    assert page.locator("#evidence-group .inline-related:not(.empty-form)").count() == 3
    assert page.evaluate(FITS)
