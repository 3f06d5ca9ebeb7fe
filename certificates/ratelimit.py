"""Rate limits on the public certificate checks, so codes cannot be guessed by trying many.

Counted in the default cache per client address (allauth's reading of it, which believes
X-Forwarded-For only from TRUSTED_PROXY_COUNT proxies of ours). With Redis (REDIS_URL) the count holds
across every process and server; without it, each process counts on its own.
"""

from __future__ import annotations

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache

CHECKS_PER_WINDOW = 30
WINDOW_SECONDS = 600


def allow_check(request) -> bool:
    """Count one check by this client; False once it has made CHECKS_PER_WINDOW in this window."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"certificate-checks:{get_adapter(request).get_client_ip(request)}:{window}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        return True
    try:
        return cache.incr(key) <= CHECKS_PER_WINDOW
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
        return True
