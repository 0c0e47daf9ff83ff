"""Sources, their publishers, and the desk's archived copies of them."""

from sources.models.capture import (
    CheckOutcome,
    SourceCapture,
    SourceCheck,
    newest_captures_prefetch,
)
from sources.models.source import (
    CopyReliability,
    Publisher,
    Source,
    SourceCategory,
    SourceKind,
)

__all__ = [
    "CheckOutcome",
    "CopyReliability",
    "Publisher",
    "Source",
    "SourceCapture",
    "SourceCategory",
    "SourceCheck",
    "SourceKind",
    "newest_captures_prefetch",
]
