"""The one announcement that imported reviews changed: public answers that list them follow."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once per import run that created or updated a review, after its last batch committed.
external_reviews_changed = Signal()
