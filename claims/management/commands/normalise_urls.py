"""`manage.py normalise_urls`: store addresses saved before they were kept as RFC 3986 URIs.

Every write stores an address as a URI now (sources/uri.py); rows written earlier keep what
was typed until they are next saved. This saves each such row once, through the models, so
the change is announced like an editor's (caches and stored list rows follow) and recorded
in its history. An address already valid is never touched; running it again changes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction

from claims.models import Article
from sources.models import Publisher, Source
from sources.uri import normalise_url

URL_FIELDS = {
    Publisher: ("url",),
    Source: ("url", "archive_url", "original_url"),
    Article: ("url",),
}


class Command(BaseCommand):
    help = "Store every address saved before as an RFC 3986 URI; valid ones stay as they are."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        changed = refused = 0
        for model, fields in URL_FIELDS.items():
            for row in model.objects.order_by("pk"):
                names = [
                    name
                    for name in fields
                    if normalise_url(getattr(row, name)) != getattr(row, name)
                ]
                if not names:
                    continue
                label = f"{model._meta.model_name} '{row.slug}'"
                for name in names:
                    self.stdout.write(f"{label}: {name}: {normalise_url(getattr(row, name))}")
                if dry_run:
                    changed += 1
                    continue
                try:
                    with transaction.atomic():
                        stamps = [f.name for f in model._meta.fields if f.name == "updated_at"]
                        row.save(update_fields=[*names, *stamps])
                except IntegrityError:
                    refused += 1
                    self.stderr.write(f"{label}: left as it was: another row has this address.")
                    continue
                changed += 1
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{changed} rows {verb}, {refused} left as they were.")
