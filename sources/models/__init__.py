"""Sources, their publishers, and the desk's archived copies of them."""

from sources.models.capture import (
    ARCHIVE_STORAGE,
    FLAGGED_OUTCOMES,
    CheckOutcome,
    SourceCapture,
    SourceCheck,
    TextMethod,
    archive_storage,
    newest_capture_id,
    newest_captures_prefetch,
)
from sources.models.source import (
    CATEGORY_OF_KIND,
    CopyReliability,
    Publisher,
    Source,
    SourceCategory,
    SourceKind,
)

__all__ = [
    "ARCHIVE_STORAGE",
    "CATEGORY_OF_KIND",
    "FLAGGED_OUTCOMES",
    "CheckOutcome",
    "CopyReliability",
    "Publisher",
    "Source",
    "SourceCapture",
    "SourceCategory",
    "SourceCheck",
    "SourceKind",
    "TextMethod",
    "archive_storage",
    "newest_capture_id",
    "newest_captures_prefetch",
]
