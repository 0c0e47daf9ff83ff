"""manage.py archive_sources and check_sources: safe to repeat, and they say what they did."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from sources.models import SourceCapture, SourceCheck

PAGE = "<html><body><article><p>16-24歲勞動力失業率為18.9%。</p></article></body></html>"


def run(command: str, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, "--no-progress", stdout=out)
    return out.getvalue()


@pytest.fixture
def live(source, second_source, httpserver, archive_settings):
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/b").respond_with_data("gone", status=404)
    source.url = httpserver.url_for("/a")
    source.save()
    second_source.url = httpserver.url_for("/b")
    second_source.save()
    return source, second_source


def test_it_captures_what_was_never_captured_and_then_nothing(live):
    source, missing = live
    output = run("archive_sources")
    assert f"captured  {source.slug}: {source.url} (200" in output
    assert f"failed    {missing.slug}: The page answered HTTP 404; nothing was kept." in output
    assert "Captured 1 of 2 sources; 1 failed." in output
    assert SourceCapture.objects.filter(source=source).count() == 1
    again = run("archive_sources", "--source", source.slug)
    assert again == "Nothing to capture: every source chosen has a recent copy.\n"
    assert SourceCapture.objects.count() == 1


def test_stale_days_captures_again_only_copies_that_old(live):
    source, _missing = live
    run("archive_sources", "--source", str(source.pk))
    assert "Nothing to capture" in run(
        "archive_sources", "--source", source.slug, "--stale-days", "3"
    )
    SourceCapture.objects.update(
        captured_at=SourceCapture.objects.get().captured_at - timedelta(days=4)
    )
    assert "Captured 1 of 1 sources." in run(
        "archive_sources", "--source", source.slug, "--stale-days", "3"
    )
    assert SourceCapture.objects.filter(source=source).count() == 2


def test_unknown_sources_and_bad_days_are_refused(live):
    with pytest.raises(CommandError, match="no-such-source"):
        run("archive_sources", "--source", "no-such-source")
    with pytest.raises(CommandError, match="0 or more"):
        run("archive_sources", "--stale-days", "-1")
    with pytest.raises(CommandError, match="id or slug: no-such-source"):
        run("check_sources", "--source", "no-such-source")


def test_check_sources_prints_a_summary_of_what_it_flags(live):
    source, missing = live
    run("archive_sources", "--source", source.slug)
    output = run("check_sources")
    assert f"flagged  {missing.slug}: gone; The page answered HTTP 404." in output
    assert "Checked 2 sources: 1 unchanged, 1 gone. 1 flagged." in output
    assert SourceCheck.objects.count() == 2
