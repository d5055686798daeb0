"""Issue 19: `diplograph serve` ends soon after SIGTERM even with a request stuck in a thread
(it once held on for 60 s). A real server process, a real signal."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX"),
]

# The page handler sleeps without ever checking its budget: the worst case for a shutdown.
SERVE_WITH_A_STUCK_PAGE = textwrap.dedent(
    """
    import sys, time
    import diplograph.web.pages as pages

    real = pages.partners_by_tier

    def stuck(*args, **kwargs):
        time.sleep(60)
        return real(*args, **kwargs)

    pages.partners_by_tier = stuck
    from diplograph.cli import app

    sys.argv = ["diplograph", "serve", "--db", sys.argv[1], "--port", sys.argv[2]]
    app()
    """
)
GRACE = 3  # what `serve` gives in-flight requests
SLACK = 2  # the shutdown path itself; together the 5 s that issue 19 allows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_serving(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server did not start within 60 s")


def test_serve_stops_within_its_grace_after_sigterm_with_a_request_stuck(tmp_path: Path) -> None:
    script = tmp_path / "serve_stuck.py"
    script.write_text(SERVE_WITH_A_STUCK_PAGE, encoding="utf-8")
    port = _free_port()
    cmd = [sys.executable, str(script), str(tmp_path / "s.db"), str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_serving(port, proc)
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"GET /partners HTTP/1.1\r\nHost: localhost\r\n\r\n")
            time.sleep(1)  # the handler is now asleep in a worker thread
            start = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=GRACE + SLACK)
            except subprocess.TimeoutExpired:
                pytest.fail(f"the server was still running {GRACE + SLACK} s after SIGTERM")
            took = time.monotonic() - start
        assert took < GRACE + SLACK
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
