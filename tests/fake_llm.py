"""A real OpenAI-compatible chat server on loopback (stdlib http.server in a thread): the one
boundary the optional LLM crosses, faked for tests that drive the real `openai` client."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeModel:
    """Answers /v1/chat/completions with `reply` when set, otherwise `label` for classification
    prompts and `phrase` for the rest; records every request."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.phrase = "Careful: 3x of 12,000 is 36,000, and 60,000 would be 5x. Redo that step?"
        self.label = "design"
        self.reply: str | None = None
        self.delay = 0.0
        self.status = 200
        self.base_url = ""

    def answer(self, body: dict) -> str:
        if self.reply is not None:
            return self.reply
        system = body["messages"][0]["content"]
        return self.label if "label" in system.lower() else self.phrase

    @property
    def asked(self) -> list[str]:
        """The system prompt of every request, in order."""
        return [r["body"]["messages"][0]["content"] for r in self.requests]


@contextlib.contextmanager
def serving(fake: FakeModel) -> Iterator[FakeModel]:
    """Serve `fake` on a free loopback port for the duration; `fake.base_url` is its /v1."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            fake.requests.append(
                {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
            )
            if fake.delay:
                time.sleep(fake.delay)
            if fake.status != 200:
                self.send_response(fake.status)
                self.end_headers()
                return
            payload = {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": fake.answer(body)},
                        "finish_reason": "stop",
                    }
                ],
            }
            data = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (timeout test)
                self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
