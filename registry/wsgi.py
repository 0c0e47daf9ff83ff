"""WSGI entry point, for gunicorn: `gunicorn registry.wsgi`.

Badges and public API reads are answered by thin wrappers before Django's middleware runs,
when a current copy of the answer is at hand (public/fastpath.py, api/fastpath.py);
everything else goes to Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

django_application = get_wsgi_application()

# These need the apps loaded above.
from api.fastpath import PublicReadFastPath  # noqa: E402
from public.fastpath import BadgeFastPath  # noqa: E402

application = BadgeFastPath(PublicReadFastPath(django_application))
