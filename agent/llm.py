"""An optional OpenAI-compatible model (OpenAI, Ollama, llama.cpp server, vLLM) that may label a
free-form turn and rephrase a chosen follow-up — never compute, never decide a verdict.

Every answer is checked: a label must be one of the known kinds; a phrasing may only contain
numbers that the structured facts contain. On a disagreement, a timeout (2.5 s by default), or
an endpoint that is down, the caller gets `None`/the template back and one line is logged; the
interview goes on. A custom base URL never receives OPENAI_API_KEY: its key comes only from the
variable named by `api_key_env`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from agent.interviewer.prompts import LLM_ACTS, act_messages, classify_messages, phrase_messages
from agent.interviewer.turn_kinds import LLM_KINDS, OFF_TOPIC

OPENAI_KEY_ENV = "OPENAI_API_KEY"
OPENAI_HOST = "api.openai.com"
OPENAI_URL = f"https://{OPENAI_HOST}/v1"
"""Always passed explicitly, so OPENAI_BASE_URL in the environment cannot redirect the key."""
NO_KEY = "not-needed"
DEFAULT_TIMEOUT = 2.5
MAX_FAILURES = 3
"""Consecutive failures after which the session stops calling the endpoint."""
MAX_REPLY_CHARS = 600
_LOG = logging.getLogger("hotseat.llm")
_NUMBER_WORDS = (
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|half|twice|double|triple"
)
_NUMBER = re.compile(
    rf"\d[\d,]*(?:\.\d+)?\s*(?:[kmbt]\b|thousand|million|billion|trillion)?|"
    rf"\b(?:{_NUMBER_WORDS})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORDS}))*\b",
    re.IGNORECASE,
)
_FREE_WORDS = frozenset({"one", "half"})
"""Number words that are usually not numbers ("the one that breaks first")."""


class LlmError(RuntimeError):
    """The endpoint failed, timed out or answered something unusable."""


class LlmDeadline(TimeoutError):
    """The whole answer did not arrive within the timeout."""


@dataclass(frozen=True)
class LlmSettings:
    """Where the model is and how to authenticate; the key itself is read at client creation."""

    model: str
    base_url: str | None = None
    """None means OpenAI's own API."""
    api_key_env: str | None = None
    """The NAME of the environment variable holding the key."""
    timeout: float = DEFAULT_TIMEOUT

    @property
    def custom(self) -> bool:
        return bool(self.base_url) and not is_openai_url(str(self.base_url))


def is_openai_url(url: str) -> bool:
    """True only for https on exactly OpenAI's API host: `api.openai.com.evil.example`,
    `evil.example/api.openai.com` and `user@`-tricks are someone else's server."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and host == OPENAI_HOST
        and port in (None, 443)
        and not parts.username
        and not parts.password
    )


def resolve_api_key(settings: LlmSettings, environ: Mapping[str, str] | None = None) -> str:
    """The key to send. OpenAI's own API may fall back to OPENAI_API_KEY; a custom base URL only
    ever gets the variable it names, and never OPENAI_API_KEY."""
    env = os.environ if environ is None else environ
    name = settings.api_key_env
    if settings.custom:
        if not name or name == OPENAI_KEY_ENV:
            return NO_KEY
        return env.get(name) or NO_KEY
    return env.get(name or OPENAI_KEY_ENV) or NO_KEY


def numbers(text: str) -> list[float]:
    """Every number in the text, digits or words ("36,000", "36K", "thirty-six thousand")."""
    from estimation import parse_quantity

    out: list[float] = []
    for match in _NUMBER.finditer(text):
        span = match.group(0).strip()
        if span.lower() in _FREE_WORDS:
            continue
        try:
            out.append(parse_quantity(span).value)
        except ValueError:
            out.extend(float(d.replace(",", "")) for d in re.findall(r"\d[\d,]*(?:\.\d+)?", span))
    return out


def numbers_agree(output: str, allowed_texts: list[str]) -> bool:
    """Whether every number in `output` appears (within 0.5%) among the allowed texts' numbers."""
    allowed = [v for text in allowed_texts for v in numbers(text)]
    for value in numbers(output):
        if not any(abs(value - a) <= 0.005 * max(abs(value), abs(a)) for a in allowed):
            return False
    return True


_AFFIRM = re.compile(
    r"\b(?:correct|right|checks out|holds up|spot on|exactly|looks good|that works|accurate|"
    r"well done|nailed)\b",
    re.IGNORECASE,
)
_PUSHBACK = re.compile(
    r"\b(?:not|isn't|aren't|wasn't|off by|wrong|instead|rather than|careful|redo|should be|"
    r"recheck|double-check)\b|n't\b",
    re.IGNORECASE,
)


def keeps_the_verdict(draft: str, output: str) -> bool:
    """A rephrasing may change words, not the point: every number the draft says must still be
    said, and a draft that pushes back must not come back as agreement ("...and that's
    correct", or a bare "Fine.")."""
    said = numbers(output)
    for value in numbers(draft):
        if not any(abs(value - s) <= 0.005 * max(abs(value), abs(s)) for s in said):
            return False
    if _PUSHBACK.search(draft):
        if not _PUSHBACK.search(output):
            return False
        if _AFFIRM.search(output) and not _AFFIRM.search(draft):
            return False
    return True


class LlmClient:
    """Classify and phrase through an OpenAI-compatible chat endpoint, with fallbacks."""

    def __init__(
        self,
        settings: LlmSettings,
        *,
        log: Callable[[str], None] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self._log = log
        self._key = resolve_api_key(settings, environ)
        self._client: Any = None
        self.failures = 0
        self.disabled = False
        self.calls = 0
        self.fallbacks = 0

    def _say(self, line: str) -> None:
        _LOG.warning(line)
        if self._log is not None:
            self._log(line)

    def _openai(self) -> Any:
        if self._client is None:
            from openai import OpenAI  # heavy: only when an LLM is configured and used

            self._client = OpenAI(
                api_key=self._key,
                base_url=self.settings.base_url or OPENAI_URL,
                timeout=self.settings.timeout,
                max_retries=0,
            )
        return self._client

    def _chat(self, messages: list[dict[str, str]], max_tokens: int) -> str:
        if self.disabled:
            raise LlmError("disabled after repeated failures")
        self.calls += 1
        try:
            response = self._within_deadline(
                lambda client: client.chat.completions.create(
                    model=self.settings.model,
                    messages=messages,
                    max_tokens=max_tokens,
                    temperature=0.3,
                )
            )
            text = (response.choices[0].message.content or "").strip()
        except Exception as error:  # any transport/API error means "use the template"
            self._failed(_describe(error, self.settings.timeout))
            raise LlmError(str(error)) from error
        if not text:
            self._failed("empty answer")
            raise LlmError("empty answer")
        self.failures = 0
        return text

    def _within_deadline(self, call: Callable[[Any], Any]) -> Any:
        """Run `call(client)` with the timeout as a total deadline for the whole answer.

        The HTTP client's own timeout is per read, so a server trickling one byte a second
        would hold a turn for as long as it likes; here the turn gives up at the deadline and
        the connection is closed so the abandoned request ends too.
        """
        client = self._openai()
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["value"] = call(client)
            except BaseException as error:  # handed to the caller's thread
                outcome["error"] = error

        worker = threading.Thread(target=work, name="llm-request", daemon=True)
        worker.start()
        worker.join(self.settings.timeout)
        if worker.is_alive():
            self._client = None  # a fresh connection next time; this one is abandoned
            with contextlib.suppress(Exception):
                client.close()
            raise LlmDeadline(f"no complete answer within {self.settings.timeout:g} s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def _failed(self, why: str) -> None:
        self.failures += 1
        self.fallbacks += 1
        self._say(f"llm: {why}; using the template reply")
        if self.failures >= MAX_FAILURES and not self.disabled:
            self.disabled = True
            self._say(f"llm: {MAX_FAILURES} failures in a row; templates only for this session")

    def classify(self, utterance: str, phase: str, last_question: str = "") -> str | None:
        """A label from LLM_KINDS or off_topic, or None when the model can't say."""
        try:
            text = self._chat(classify_messages(utterance, phase, last_question), 8)
        except LlmError:
            return None
        label = text.strip().strip(".\"'` ").lower().replace(" ", "_").replace("-", "_")
        if label in (*LLM_KINDS, OFF_TOPIC):
            return label
        self.fallbacks += 1
        self._say(f"llm: unknown label {text[:40]!r}; keeping the rule-based one")
        return None

    def pick_act(self, utterance: str, phase: str, last_question: str = "") -> str | None:
        """One dialogue act from the closed list `LLM_ACTS`, or None when the model fails or
        answers anything else (the rule-based reading then stands)."""
        try:
            text = self._chat(act_messages(utterance, phase, last_question), 8)
        except LlmError:
            return None
        label = text.strip().strip(".\"'` ").lower().replace(" ", "_").replace("-", "_")
        if label in LLM_ACTS:
            return label
        self.fallbacks += 1
        self._say(f"llm: unknown act {text[:40]!r}; keeping the rule-based reading")
        return None

    def phrase(self, facts: dict[str, Any], draft: list[str]) -> list[str]:
        """The draft reworded, or the draft itself when the model fails or adds numbers."""
        from agent.interviewer.templates import split_sentences

        draft_text = " ".join(draft)
        try:
            text = self._chat(phrase_messages(facts, draft_text), 160)
        except LlmError:
            return draft
        allowed = [draft_text, *(str(v) for v in facts.values())]
        if len(text) > MAX_REPLY_CHARS or not numbers_agree(text, allowed):
            self.fallbacks += 1
            self._say("llm: reply had numbers not in the facts; using the template reply")
            return draft
        if not keeps_the_verdict(draft_text, text):
            self.fallbacks += 1
            self._say("llm: reply dropped or reversed the template's point; using the template")
            return draft
        return split_sentences(text) or draft


def _describe(error: Exception, timeout: float) -> str:
    name = type(error).__name__
    if "Timeout" in name or isinstance(error, LlmDeadline):
        return f"timed out after {timeout:g} s"
    if "Connection" in name:
        return "endpoint unreachable"
    status = getattr(error, "status_code", None)
    if status is not None:
        return f"endpoint answered HTTP {status}"
    return f"endpoint error ({name})"
