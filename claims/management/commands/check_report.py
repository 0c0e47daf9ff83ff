"""Write the Markdown report of what the machine checks flag on the numeric claims."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.checks.for_claim import with_checks_prefetched
from claims.checks.report import checks_report
from claims.models import Article, Claim, ClaimKind


class Command(BaseCommand):
    help = "Report which numeric claims the machine checks flag, and why (Markdown)."

    def add_arguments(self, parser):
        parser.add_argument("--article", help="Only this article's claims (its slug).")
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, article=None, output=None, **options):
        claims = Claim.objects.filter(kind=ClaimKind.NUMERIC).order_by("article", "paragraph", "id")
        if article:
            if not Article.objects.filter(slug=article).exists():
                raise CommandError(f"No article with the slug {article!r}.")
            claims = claims.filter(article__slug=article)
        report = checks_report(with_checks_prefetched(claims))
        if output:
            try:
                Path(output).write_text(report, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}") from error
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
        else:
            self.stdout.write(report, ending="")
