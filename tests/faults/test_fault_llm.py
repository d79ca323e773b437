"""Items 7 and 12: the OpenAI key goes only to OpenAI's exact host, and the LLM timeout is a total
deadline, proved against a real byte-trickling HTTP server on loopback."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from agent.llm import LlmClient, LlmSettings, resolve_api_key

REAL_KEY = "sk-real-openai-key"


@pytest.mark.parametrize(
    "url",
    [
        "https://api.openai.com.evil.example/v1",
        "https://evil.example/api.openai.com/v1",
        "https://api.openai.com@evil.example/v1",
        "https://evil.example/?u=api.openai.com",
        "http://api.openai.com/v1",  # plain http would send the key in clear
        "https://api.openai.com:8443/v1",
        "https://xapi.openai.com/v1",
    ],
)
def test_item07_lookalike_hosts_never_get_the_openai_key(url):
    settings = LlmSettings(model="m", base_url=url)
    assert resolve_api_key(settings, {"OPENAI_API_KEY": REAL_KEY}) != REAL_KEY


def test_item07_openai_itself_still_gets_the_key():
    for url in (None, "https://api.openai.com/v1", "https://API.openai.com/v1/"):
        settings = LlmSettings(model="m", base_url=url)
        assert resolve_api_key(settings, {"OPENAI_API_KEY": REAL_KEY}) == REAL_KEY


class Trickler:
    """An HTTP server on loopback that answers one byte every `gap` seconds, forever."""

    def __init__(self, gap: float = 0.1) -> None:
        self.gap = gap
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        )
        try:
            conn.recv(65536)
            conn.sendall(head)
            for _ in range(600):  # bounded: at most a minute
                if self.stop.is_set():
                    break
                conn.sendall(b" ")
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def test_item12_a_byte_trickling_server_cannot_hold_a_turn_past_the_timeout():
    server = Trickler()
    lines: list[str] = []
    try:
        settings = LlmSettings(
            model="m", base_url=f"http://127.0.0.1:{server.port}/v1", timeout=0.5
        )
        client = LlmClient(settings, log=lines.append, environ={})
        import openai  # noqa: F401  # the one-off import (seconds on a busy box) is not the call

        began = time.monotonic()
        assert client.phrase({"statement": "x"}, ["Fine."]) == ["Fine."]
        took = time.monotonic() - began
    finally:
        server.close()
    assert took < 3.0, f"one LLM call held the turn for {took:.1f} s with a 0.5 s timeout"
    assert lines and "timed out after 0.5 s" in lines[0]
