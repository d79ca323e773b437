"""`hotseat serve` as a user runs it: prints the URL and serves it; a busy port or a bad
option is one line, no traceback; Ctrl-C stops it cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

HOTSEAT = [sys.executable, "-m", "agent.cli.main"]
ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_the_url_serves_it_and_stops_on_ctrl_c(hotseat_home):
    port = free_port()
    proc = subprocess.Popen(
        [*HOTSEAT, "serve", "--port", str(port), "--no-voice"],
        cwd=ROOT,
        env={**os.environ, "HOTSEAT_HOME": str(hotseat_home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert page.status_code == 200 and "Hotseat" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/info").json() == {"voice": False}
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_busy_port_is_one_line(hotseat_home):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*HOTSEAT, "serve", "--port", str(port), "--no-voice"],
            cwd=ROOT,
            env={**os.environ, "HOTSEAT_HOME": str(hotseat_home)},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0], result.stderr
