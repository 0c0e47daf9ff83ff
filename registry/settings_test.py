"""Settings for the test suite: the real settings with development defaults filled in.

The database still comes from DATABASE_URL, so the same suite runs on PostgreSQL and SQLite.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")  # noqa: S105

from registry.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
