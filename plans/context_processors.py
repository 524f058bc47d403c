"""Template context every page shares."""

from __future__ import annotations

from plans import cache


def last_updated(request) -> dict:
    """When the public data last changed (a callable: templates call it only where they
    show it; it costs no query when the page cache already read the change marker)."""
    return {"last_updated": cache.last_updated}
