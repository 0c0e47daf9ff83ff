"""The desk's list of earlier checks, ours and other desks', for the admin's pages.

One template (admin/elsewhere/checked_before.html) shows them on the claim form and on the
"Find claims in text" page; another desk's review is labelled with its publisher and its
rating as published, and links out to it.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from claims.admin.display import verdict_chip
from elsewhere.matching import Match


def checked_before_html(matches: list[Match], *, empty: str, css_class: str = "") -> SafeString:
    rows = [
        {
            "match": match,
            "claim_url": (
                reverse("admin:claims_claim_change", args=[match.claim.pk]) if match.claim else ""
            ),
            "chip": verdict_chip(match.claim.verdict) if match.claim else "",
        }
        for match in matches
    ]
    return render_to_string(
        "admin/elsewhere/checked_before.html",
        {"earlier_checks": rows, "empty": empty, "css_class": css_class},
    )
