"""One imported review's fields, read from a ClaimReview or a Fact Check Tools claim.

Pure Python, no database: each record is read whole or refused with a reason, so a bad record
never half-applies. Whatever a feed sends (a list where a string belongs, a NUL byte, a date
nobody can read) is either read sensibly or named in the refusal.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from elsewhere import fingerprint
from elsewhere.meanings import rating_meaning

MAX_LENGTHS = {
    "url": 2000,
    "publisher_name": 300,
    "publisher_site": 2000,
    "claimant": 500,
    "claim_language": 35,
    "language": 35,
    "appearance_url": 2000,
    "rating": 300,
}
MAX_TEXT = 20_000
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RATING_RANGE = (-32768, 32767)


class RecordError(ValueError):
    """The record cannot be imported; the message says why, in the active language."""


def _too_long(name: str, limit: int) -> str:
    return _("its %(field)s is longer than %(limit)d characters") % {"field": name, "limit": limit}


def _not_a_date(name: str, text: str) -> str:
    return _("its %(field)s is not a date: %(text)r") % {"field": name, "text": text[:40]}


def from_claim_review(data: Any, *, our_labels: Mapping[str, str] | None = None) -> dict:
    """The fields of an ExternalReview from one schema.org ClaimReview object."""
    if not isinstance(data, Mapping):
        raise RecordError(_("not a JSON object"))
    if not has_type(data, "ClaimReview"):
        raise RecordError(_("not a ClaimReview (@type is %(type)r)") % {"type": data.get("@type")})
    item = _first_object(data.get("itemReviewed"))
    rating = _first_object(data.get("reviewRating"))
    author = _first_object(data.get("author"))
    appearance = _first_object(item.get("firstAppearance")) or _first_object(item.get("appearance"))
    claim_reviewed = _text(data.get("claimReviewed")) or _text(item.get("text"))
    fields = {
        "url": _text(data.get("url")),
        "publisher_name": _text(author.get("name")),
        "publisher_site": _text(author.get("url")),
        "claim_reviewed": claim_reviewed,
        "claim_text": _text(item.get("text")),
        "claimant": _text(_first_object(item.get("author")).get("name") or item.get("author")),
        "claim_language": _language(item.get("inLanguage")),
        "language": _language(data.get("inLanguage")),
        "claim_date": _partial_date(item.get("datePublished"), "itemReviewed.datePublished"),
        "appearance_url": _text(appearance.get("url")) or _text(appearance),
        "rating": _text(rating.get("alternateName")) or _text(rating.get("name")),
        "rating_value": _rating_number(rating.get("ratingValue")),
        "best_rating": _rating_number(rating.get("bestRating")),
        "worst_rating": _rating_number(rating.get("worstRating")),
        "published_at": _moment(data.get("datePublished"), "datePublished"),
        "modified_at": _moment(data.get("dateModified"), "dateModified"),
    }
    return _finished(fields, our_labels)


def from_fact_check_claim(
    claim: Any, review: Any, *, our_labels: Mapping[str, str] | None = None
) -> dict:
    """The fields of an ExternalReview from one claim of a claims:search answer and one of its
    claimReview entries."""
    if not isinstance(claim, Mapping) or not isinstance(review, Mapping):
        raise RecordError(_("not a JSON object"))
    publisher = _first_object(review.get("publisher"))
    site = _text(publisher.get("site"))
    fields = {
        "url": _text(review.get("url")),
        "publisher_name": _text(publisher.get("name")) or site,
        "publisher_site": site,
        "claim_reviewed": _text(claim.get("text")) or _text(review.get("title")),
        "claim_text": _text(claim.get("text")),
        "claimant": _text(claim.get("claimant")),
        "claim_language": "",
        "language": _language(review.get("languageCode")),
        "claim_date": _partial_date(claim.get("claimDate"), "claimDate"),
        "appearance_url": "",
        "rating": _text(review.get("textualRating")),
        "rating_value": None,
        "best_rating": None,
        "worst_rating": None,
        "published_at": _moment(review.get("reviewDate"), "reviewDate"),
        "modified_at": None,
    }
    return _finished(fields, our_labels)


def _finished(fields: dict, our_labels: Mapping[str, str] | None) -> dict:
    url = fields["url"]
    parts = urlsplit(url) if url else None
    if not url:
        raise RecordError(_("it has no review URL (url)"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RecordError(
            _("its review URL is not an http(s) address: %(url)r") % {"url": url[:200]}
        )
    if not fields["claim_reviewed"]:
        raise RecordError(_("it names no claim (claimReviewed or the claim's text)"))
    if not fields["publisher_name"]:
        raise RecordError(_("it names no publisher (author.name or publisher.name)"))
    for name, limit in MAX_LENGTHS.items():
        if len(fields[name]) > limit:
            raise RecordError(_too_long(name, limit))
    for name in ("claim_reviewed", "claim_text"):
        if len(fields[name]) > MAX_TEXT:
            raise RecordError(_too_long(name, MAX_TEXT))
    fields["meaning"] = rating_meaning(fields["rating"], our_labels)
    fields.update(figure_fields(fields["claim_reviewed"], fields["claim_text"]))
    fields["content_hash"] = content_hash(fields)
    return fields


def has_type(data: Mapping, name: str) -> bool:
    """Whether a JSON-LD object's @type (one name or a list of them) includes `name`."""
    kinds = data.get("@type")
    return name in (kinds if isinstance(kinds, list) else [kinds])


def figure_fields(*texts: str) -> dict:
    """The fingerprint columns: the figures of the first text that states one, and the years
    and place all the texts name."""
    joined = " ".join(text for text in texts if text)
    figures = next((found for found in map(fingerprint.figures_in, texts) if found), ())
    main = figures[0] if figures else None
    return {
        "figure_value": main.value if main else None,
        "figure_precision": main.precision if main else None,
        "figure_unit": main.unit if main else "",
        "figures": [[str(f.value), str(f.precision), f.unit, f.comparator] for f in figures],
        "years": ",".join(sorted(fingerprint.years_in(joined)))[:60],
        "place": fingerprint.place_in(joined),
    }


def content_hash(fields: dict) -> str:
    """A digest of what was read, so importing the same review again writes nothing."""
    plain = {key: _plain(value) for key, value in fields.items() if key != "content_hash"}
    raw = json.dumps(plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def _first_object(value: Any) -> Mapping:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, Mapping)), None)
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str:
    """A string from what a feed put there: a string, the first string of a list, or ""."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), "")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", "").strip()


def _language(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("alternateName") or value.get("name")
    return _text(value)[:35]


def _rating_number(value: Any) -> int | None:
    """A whole rating number; anything else is left out (the rating's words still count)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"-?\d{1,5}", value):
            return None
        value = int(value)
    if isinstance(value, Decimal | float) and value == int(value):
        value = int(value)
    if isinstance(value, int) and RATING_RANGE[0] <= value <= RATING_RANGE[1]:
        return value
    return None


def _moment(value: Any, name: str) -> datetime | None:
    """An ISO 8601 date or date and time; a bare date is read as midnight UTC."""
    text = _text(value)
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        day = None if moment else parse_date(text)
    except ValueError:
        moment = day = None
    if moment is None and day is None:
        raise RecordError(_not_a_date(name, text))
    if moment is None:
        moment = datetime.combine(day, time(), tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _partial_date(value: Any, name: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD: the day a claim was made, as precisely as it is known."""
    text = _text(value)
    if not text:
        return ""
    head = text[:10]
    if "T" in text[:11] or " " in text[:11]:
        head = text.split("T")[0].split(" ")[0]
    if not _PARTIAL_DATE.match(head):
        raise RecordError(_not_a_date(name, text))
    if len(head) == 10:
        try:
            date.fromisoformat(head)
        except ValueError:
            raise RecordError(_not_a_date(name, text)) from None
    return head
