"""`WebServer`: the app under uvicorn on its own thread (for `hotseat serve` and the tests).

server = WebServer(home, library, host="127.0.0.1", port=8765).start()
print(server.url)
server.stop()
"""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path
from typing import Any

from agent.web.app import WebConfig, create_app
from agent.web.guard import Guard, is_loopback
from scenarios import ScenarioLibrary

WS_MAX_FRAME = 256 * 1024
"""Frames above this are cut off by the WebSocket layer itself; below it the app answers
oversized messages with a readable error."""


class WebServer:
    def __init__(
        self,
        home: Path,
        library: ScenarioLibrary,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        token: str | None = None,
        require_token: bool | None = None,
        voice: Any = None,
    ) -> None:
        self.host = host
        self.port = port
        self.token = token or secrets.token_urlsafe(16)
        loopback = is_loopback(host)
        self.require_token = (not loopback) if require_token is None else require_token
        guard = Guard(self.token, self.require_token, loopback_only=loopback)
        self.app = create_app(WebConfig(home, library, guard, voice))
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def _config(self) -> Any:
        import uvicorn

        return uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            access_log=False,  # request lines would carry the pairing token
            ws_max_size=WS_MAX_FRAME,
            lifespan="on",
        )

    def start(self, timeout: float = 20.0) -> WebServer:
        """Serve on a background thread; returns once the port is bound."""
        import uvicorn

        self._server = uvicorn.Server(self._config())
        self._thread = threading.Thread(target=self._server.run, name="hotseat-web", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not self._server.started:
            self.stop()
            raise RuntimeError(f"cannot listen on {self.host}:{self.port}")
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The start page; with the token when it is needed."""
        return self.base_url + (f"/?token={self.token}" if self.require_token else "/")

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
