"""WSGI entry point, for gunicorn: `gunicorn registry.wsgi`.

Badges are answered by a thin wrapper before Django's middleware runs, when a current copy
of the answer is at hand (public/fastpath.py); everything else goes to Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

django_application = get_wsgi_application()

from public.fastpath import BadgeFastPath  # noqa: E402  (needs the apps loaded above)

application = BadgeFastPath(django_application)
