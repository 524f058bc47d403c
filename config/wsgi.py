"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _warm() -> None:
    """Import every view, the API and its schemas now: under gunicorn's preload the
    workers inherit them, instead of each paying seconds of imports on its first request
    (Django reads the URLconf lazily)."""
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 — imports every urls module and view
    resolver._populate()


_warm()
