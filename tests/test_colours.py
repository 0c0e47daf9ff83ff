"""Verdict colours carry white text in badges, chips and pages: each reaches WCAG AA (4.5:1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from claims.badges import badge_svg
from claims.colours import WHITE, contrast_ratio, validate_readable_under_white
from claims.models import Verdict

pytestmark = pytest.mark.django_db


def test_the_shipped_scale_reads_white_text_at_aa():
    for verdict in Verdict.objects.all():
        assert contrast_ratio(verdict.colour, WHITE) >= 4.5, verdict.code


def test_the_old_mostly_accurate_green_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_readable_under_white("#4d8f1f")
    assert "3.99:1" in error.value.messages[0]
    validate_readable_under_white("#437d1b")


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("#ffffff", "#000000", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)],
)
def test_contrast_is_measured_as_wcag_does(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


def test_the_admin_refuses_a_colour_white_text_cannot_be_read_on(admin_client):
    verdict = Verdict.objects.get(code="mostly-accurate")
    url = f"/admin/claims/verdict/{verdict.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    data = {
        field.html_name: field.value() if field.value() is not None else ""
        for field in page.context["adminform"].form
    }
    data = {key: value for key, value in data.items() if value not in (False, None)}
    data["colour"] = "#9be9a8"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "choose a darker colour" in response.content.decode()
    assert Verdict.objects.get(pk=verdict.pk).colour == "#437d1b"


def test_a_mostly_accurate_badge_draws_white_on_the_darker_green():
    svg = badge_svg(label="fact check", message="Mostly accurate", colour="#437d1b")
    assert 'fill="#437d1b"' in svg
    assert 'fill="#fff"' in svg
