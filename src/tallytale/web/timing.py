"""Server-Timing for benchmarks: how much CPU each request cost the app process.

Latency on a shared 2-core machine moves with the neighbours; the CPU a request burns does
not. With TALLYTALE_SERVER_TIMING=1 (benchmarks/load.py sets it) every response carries
`Server-Timing: cpu;dur=<ms>, app;dur=<ms>`: the CPU time of the thread that served it
(`time.thread_time`, so other threads of a gthread worker are not counted) and its wall
time inside Django, both from the first middleware to the last byte of the view. Off by
default: timings tell an outsider something about what a request did.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        if not getattr(settings, "TALLYTALE_SERVER_TIMING", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cpu0, wall0 = time.thread_time(), time.perf_counter()
        response = self.get_response(request)
        cpu = (time.thread_time() - cpu0) * 1000
        wall = (time.perf_counter() - wall0) * 1000
        response["Server-Timing"] = f"cpu;dur={cpu:.2f}, app;dur={wall:.2f}"
        return response
