"""`tallytale demo` runs one worker beside the web server and stops it with the server."""

import subprocess

import pytest

from tallytale.shell.management.commands import demo


def test_the_demo_server_runs_a_worker_and_stops_it(monkeypatch):
    started: list[list[str]] = []
    procs: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def popen(argv, **kw):
        started.append(argv)
        procs.append(real_popen(["sleep", "60"]))
        return procs[-1]

    seen_alive: list[bool] = []

    def serve(*args, **kw):
        seen_alive.append(procs[0].poll() is None)
        raise KeyboardInterrupt  # Ctrl-C stops the server

    monkeypatch.setattr(demo.subprocess, "Popen", popen)
    monkeypatch.setattr(demo, "call_command", serve)
    with pytest.raises(KeyboardInterrupt):
        demo.Command()._serve(8123)
    assert started and started[0][-2:] == ["tallytale.cli", "worker"]
    assert seen_alive == [True]  # the worker ran while the server served
    assert procs[0].poll() is not None  # and stopped with it
