"""Remote STT/TTS through the real `openai` client against a loopback OpenAI-compatible server.

The server is stdlib `http.server` in a thread and answers with the real local models (Whisper
for /v1/audio/transcriptions, Piper for /v1/audio/speech), so the whole HTTP path is exercised.
"""

from __future__ import annotations

import json
import threading
from email.parser import BytesParser
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from tests.audio.clips import piper, speech, whisper
from voice.remote import RemoteSynthesizer, RemoteTranscriber, RemoteVoiceError, resolve_api_key
from voice.wav_io import read_wav, wav_bytes

pytestmark = pytest.mark.slow


class SpeechServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SpeechHandler)
        self.requests: list[dict] = []
        self.verbose_json = True
        self.fail_with: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class SpeechHandler(BaseHTTPRequestHandler):
    server: SpeechServer

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: dict) -> None:
        self._reply(status, json.dumps(data).encode(), "application/json")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        record = {"path": self.path, "auth": self.headers.get("Authorization")}
        self.server.requests.append(record)
        if self.server.fail_with:
            self._json(self.server.fail_with, {"error": {"message": "model overloaded"}})
        elif self.path == "/v1/audio/transcriptions":
            self._transcribe(body, record)
        elif self.path == "/v1/audio/speech":
            request = json.loads(body)
            record.update(request)
            audio = np.concatenate([c.to_float() for c in piper().synthesize(request["input"])])
            self._reply(200, wav_bytes(audio, piper().sample_rate), "audio/wav")
        else:
            self._json(404, {"error": {"message": "not found"}})

    def _transcribe(self, body: bytes, record: dict) -> None:
        head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
        message = BytesParser(policy=email_policy).parsebytes(head + body)
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = part.get_payload(decode=True)
        record["fields"] = sorted(fields)
        record["prompt"] = fields.get("prompt", b"").decode()
        fmt = fields.get("response_format", b"json").decode()
        if fmt == "verbose_json" and not self.server.verbose_json:
            self._json(400, {"error": {"message": "unsupported response_format"}})
            return
        vocabulary = [w for w in record["prompt"].removeprefix("Glossary: ").strip(".").split(", ")]
        result = whisper().transcribe(read_wav(fields["file"]), [w for w in vocabulary if w])
        data = {"text": result.text}
        if fmt == "verbose_json":
            data["segments"] = [
                {**s.to_dict(), "no_speech_prob": result.no_speech_prob, "avg_logprob": -0.2}
                for s in result.segments
            ]
        self._json(200, data)


@pytest.fixture
def server():
    srv = SpeechServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(autouse=True)
def openai_env(monkeypatch):
    """A real-looking OpenAI key and base URL in the environment that must never be used."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-openai-key")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")


def test_remote_transcription_over_http(server):
    stt = RemoteTranscriber(server.url, model="tiny.en")
    result = stt.transcribe(speech("Three hundred million daily users."), ["QPS", "Redis"])
    assert "300 million" in result.text or "three hundred million" in result.text.lower()
    assert result.segments and result.segments[0].end > 1.0
    request = server.requests[-1]
    assert request["path"] == "/v1/audio/transcriptions"
    assert {"file", "model", "prompt", "response_format"} <= set(request["fields"])
    assert "Redis" in request["prompt"]


def test_custom_base_url_never_receives_the_openai_key(server, monkeypatch):
    RemoteTranscriber(server.url).transcribe(speech("Four shards."))
    assert server.requests[-1]["auth"] == "Bearer not-needed"
    monkeypatch.setenv("HOTSEAT_SPEECH_KEY", "local-key")
    RemoteTranscriber(server.url, api_key_env="HOTSEAT_SPEECH_KEY").transcribe(speech("Yes."))
    assert server.requests[-1]["auth"] == "Bearer local-key"
    assert all("sk-secret" not in (r["auth"] or "") for r in server.requests)


def test_key_resolution_rules(monkeypatch):
    assert resolve_api_key(None, None) == "sk-secret-openai-key"
    assert resolve_api_key("https://api.openai.com/v1/", None) == "sk-secret-openai-key"
    assert resolve_api_key("http://localhost:8000/v1", None) == "not-needed"
    with pytest.raises(RemoteVoiceError, match="MISSING_VAR"):
        resolve_api_key("http://localhost:8000/v1", "MISSING_VAR")


def test_falls_back_to_plain_json_and_drops_silence(server):
    server.verbose_json = False
    stt = RemoteTranscriber(server.url)
    assert "shards" in stt.transcribe(speech("Four shards of Redis.")).text.lower()
    assert stt.transcribe(np.zeros(16_000, np.float32)).text == ""  # never even uploaded
    assert sum(r["path"].endswith("transcriptions") for r in server.requests) == 2  # 400, json


def test_server_errors_become_one_clear_error(server):
    server.fail_with = 503
    with pytest.raises(RemoteVoiceError, match="remote transcription failed: HTTP 503"):
        RemoteTranscriber(server.url).transcribe(speech("Four shards."))
    with pytest.raises(RemoteVoiceError, match="remote speech failed"):
        list(RemoteSynthesizer(server.url).synthesize("Hello."))


def test_unreachable_server_is_one_clear_error():
    stt = RemoteTranscriber("http://127.0.0.1:9/v1", timeout=2)
    with pytest.raises(RemoteVoiceError, match="remote transcription failed"):
        stt.transcribe(speech("Four shards."))


def test_remote_speech_streams_sentences(server):
    tts = RemoteSynthesizer(server.url, model="piper", voice="joe")
    chunks = list(tts.synthesize("Three hundred million daily users. Next question."))
    assert len(chunks) == 2 and all(c.rate == 22_050 for c in chunks)
    assert [r["input"] for r in server.requests] == [
        "Three hundred million daily users.",
        "Next question.",
    ]
    assert server.requests[0]["voice"] == "joe" and server.requests[0]["response_format"] == "wav"
    audio = np.concatenate([c.to_float() for c in chunks])
    from voice.resample import resample

    text = whisper().transcribe(resample(audio, 22_050, 16_000)).text.lower()
    assert "300 million" in text or "three hundred million" in text
