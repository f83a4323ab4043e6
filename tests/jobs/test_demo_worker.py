"""`tallytale demo` runs one worker beside the web server and stops it with the server."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tallytale.shell.management.commands import demo


def test_the_demo_server_runs_a_worker_and_stops_it(monkeypatch):
    started: list[list[str]] = []
    procs: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def popen(argv, **kw):
        assert kw.get("preexec_fn") is demo._die_with_parent  # serve execs into gunicorn
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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's parent-death signal")
def test_the_worker_gets_sigterm_when_its_parent_ends(tmp_path):
    """`serve` becomes gunicorn (exec), so the worker must learn of the server's end from
    the kernel: a child started like the demo's worker is terminated with its parent."""
    import time

    pid_file = tmp_path / "child.pid"
    script = (
        "import os, subprocess, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tallytale.settings')\n"
        "django.setup()\n"
        "from tallytale.shell.management.commands.demo import _die_with_parent\n"
        "p = subprocess.Popen(['sleep', '60'], preexec_fn=_die_with_parent)\n"
        f"open({str(pid_file)!r}, 'w').write(str(p.pid))\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    child = int(pid_file.read_text())
    stat = Path(f"/proc/{child}/stat")
    for _ in range(100):
        # gone, or a zombie waiting for its new parent to reap it: either way, ended
        if not stat.exists() or stat.read_text().split(") ", 1)[1].startswith("Z"):
            return
        time.sleep(0.05)
    os.kill(child, 9)
    raise AssertionError("the child outlived its parent")
