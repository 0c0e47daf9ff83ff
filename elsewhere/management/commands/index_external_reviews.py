"""`manage.py index_external_reviews`: the search index of imported reviews' wording, anew.

The index (EXTERNAL_REVIEW_INDEX) is derived from the database: `import_claimreview` keeps it
up to date; this builds it again from every imported review, after restoring a backup, on a new
machine, or to drop reviews deleted since. Readers keep the old index until the new one is
committed.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from elsewhere import wording_index
from elsewhere.models import ExternalReview


class Command(BaseCommand):
    help = "Build the search index of imported reviews' wording again from the database."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, no_progress, **options):
        if not wording_index.enabled():
            raise CommandError(
                _("EXTERNAL_REVIEW_INDEX is empty: the review wording index is turned off.")
            )
        total = ExternalReview.objects.count()
        with tqdm(
            total=total, unit="review", file=sys.stderr, disable=True if no_progress else None
        ) as bar:
            try:
                written = wording_index.rebuild(progress=bar.update)
            except wording_index.IndexUnavailable as error:
                raise CommandError(
                    _("The review wording index cannot be written: %(error)s") % {"error": error}
                ) from None
        self.stdout.write(
            ngettext(
                "%(count)d imported review indexed in %(folder)s.",
                "%(count)d imported reviews indexed in %(folder)s.",
                written,
            )
            % {"count": written, "folder": settings.EXTERNAL_REVIEW_INDEX}
        )
