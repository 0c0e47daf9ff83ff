"""Settings for the test suite: the real settings with development defaults filled in.

The database still comes from DATABASE_URL, so the same suite runs on PostgreSQL and SQLite.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")  # noqa: S105

from registry.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Archived copies made by the tests go to a throwaway folder, never beside the code.
ARCHIVE_ROOT = Path(tempfile.mkdtemp(prefix="claimreg-archive-"))
STORAGES["archive"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(ARCHIVE_ROOT), "base_url": None},
}
