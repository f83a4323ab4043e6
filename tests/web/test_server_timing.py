"""Server-Timing (benchmarks' CPU per request) is off by default and on when asked."""

from __future__ import annotations

import re

import pytest
from django.test import Client


@pytest.mark.django_db
def test_health_answers_ok_without_timing_by_default(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.content == b"ok"
    assert "Server-Timing" not in r


@pytest.mark.django_db
def test_server_timing_reports_cpu_and_wall_ms_when_enabled(settings):
    settings.TALLYTALE_SERVER_TIMING = True
    r = Client().get("/healthz")  # a new client loads the middleware with the setting
    m = re.fullmatch(r"cpu;dur=([0-9.]+), app;dur=([0-9.]+)", r["Server-Timing"])
    assert m, r["Server-Timing"]
    cpu, wall = float(m.group(1)), float(m.group(2))
    assert 0 <= cpu and 0 < wall
