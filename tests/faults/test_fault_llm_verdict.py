"""Item 8: the LLM may reword the interviewer, never flip its verdict or drop its pushback.
A real OpenAI-compatible server on loopback answers with the hostile phrasing."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agent.llm import LlmClient, LlmSettings

DRAFT = [
    "You said: 'Peak is 3x, so 60,000 per second'.",
    "3x of 12,000 is 36,000 — 60,000 is 5x, not 3x.",
]


@pytest.fixture
def model():
    answer = {"text": ""}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.dumps(
                {
                    "id": "x",
                    "object": "chat.completion",
                    "created": 0,
                    "model": "m",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": answer["text"]},
                            "finish_reason": "stop",
                        }
                    ],
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    answer["url"] = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield answer
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "hostile",
    [
        "You said 60,000 per second at 3x peak, and that's correct.",
        "Fine.",
        "3x of 12,000 is 36,000, and 60,000 at 5x is right too.",
    ],
)
def test_item08_a_phrasing_cannot_flip_the_verdict(model, hostile):
    model["text"] = hostile
    client = LlmClient(LlmSettings(model="m", base_url=model["url"], timeout=5), environ={})
    assert client.phrase({"move": "challenge"}, DRAFT) == DRAFT


def test_item08_a_faithful_rewording_is_still_used(model):
    model["text"] = "Careful: 3x of 12,000 is 36,000, not 60,000 — 60,000 would be 5x."
    client = LlmClient(LlmSettings(model="m", base_url=model["url"], timeout=5), environ={})
    phrased = client.phrase({"move": "challenge"}, DRAFT)
    assert phrased != DRAFT and "36,000" in " ".join(phrased)
