"""Per-client rate limit of the API: a fixed window counted in the shared cache.

The client is its address (``REMOTE_ADDR``; a proxy in front must set it, e.g. gunicorn's
``--forwarded-allow-ips``). ``MUBIAO_API_RATE`` is "N/S": at most N requests every S
seconds; past that the API answers 429 with ``Retry-After`` (seconds to the window's end).
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

DEFAULT_RATE = "120/60"


def rate() -> tuple[int, int]:
    """(requests, seconds) from ``settings.MUBIAO_API_RATE``."""
    text = str(getattr(settings, "MUBIAO_API_RATE", DEFAULT_RATE))
    count, _, seconds = text.partition("/")
    return max(1, int(count)), max(1, int(seconds or 1))


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        limit, seconds = rate()
        now = time.time()
        window = int(now // seconds)
        client = request.META.get("REMOTE_ADDR", "") or "unknown"
        key = f"mubiao:api-rate:{client}:{seconds}:{window}"
        cache.add(key, 0, seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, seconds + 1)
            used = 1
        return used <= limit

    def wait(self) -> float:
        """Seconds to the end of the current window (shared state-free: threads)."""
        seconds = rate()[1]
        return float(max(1, math.ceil(seconds - time.time() % seconds)))
