"""Start `tallytale serve` for a benchmark and stop it afterwards, whatever happens."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_workers() -> int:
    from tallytale.accounts.management.commands.serve import _workers

    return _workers()


def default_threads() -> int:
    from tallytale.accounts.management.commands.serve import THREADS

    return THREADS


@contextlib.contextmanager
def running_server(env: dict, workers: int = 0, threads: int = 0) -> Iterator[tuple[int, int]]:
    """The production server (gunicorn) on a free loopback port; yields (port, workers)."""
    port = free_port()
    workers = workers or default_workers()
    threads = threads or default_threads()
    log = tempfile.TemporaryFile("w+")  # a pipe could fill up and stall the server
    server = subprocess.Popen(
        [sys.executable, "-m", "tallytale.cli", "serve", "--port", str(port)]
        + ["--workers", str(workers), "--threads", str(threads)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    log.seek(0)
                    detail = log.read()[-5000:]
                    raise SystemExit("server did not start: " + detail) from None
                time.sleep(0.3)
        yield port, workers
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        if os.environ.get("BENCH_SERVER_LOG"):
            log.seek(0)
            print(log.read()[-5000:], file=sys.stderr)
        log.close()
