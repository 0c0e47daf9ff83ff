"""Sources, publishers and their archived copies in the admin."""

from sources.admin.source import PublisherAdmin, SourceAdmin

__all__ = ["PublisherAdmin", "SourceAdmin"]
