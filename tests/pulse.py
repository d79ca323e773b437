"""A private PulseAudio daemon with a null sink: a real, clocked sound device for headless tests.

The null sink is the default output and its ``.monitor`` the default input, so whatever is
played (``paplay``, or our speaker) comes back through the real sounddevice → PortAudio →
ALSA "pulse" plugin → PulseAudio capture path. Works as root (CI) and as a normal user: the
daemon runs in user mode with its own runtime directory and an anonymous-auth socket, so it
never touches a desktop's PulseAudio.

Use the ``pulse_server`` fixture (module scope) from a test module::

    from tests import pulse

    pulse_server = pulse.pulse_server  # then take `pulse_server` as a test argument
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SINK = "hotseat_sink"


@dataclass
class PulseServer:
    """A running daemon; ``env`` holds the variables a client needs to reach it."""

    root: Path
    process_id: int
    env: dict[str, str] = field(default_factory=dict)
    sink: str = SINK

    @property
    def source(self) -> str:
        return f"{self.sink}.monitor"

    def run(self, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """Run a PulseAudio client (pactl, paplay, ...) against this daemon."""
        return subprocess.run(
            list(args),
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )

    def play(self, wav: str | Path) -> subprocess.Popen[bytes]:
        """Start ``paplay`` on the null sink in the background."""
        return subprocess.Popen(
            ["paplay", "--device", self.sink, str(wav)],
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def alive(self) -> bool:
        try:
            os.kill(self.process_id, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        """Kill the daemon abruptly: what an unplugged device looks like to a client."""
        if self.alive():
            os.kill(self.process_id, signal.SIGKILL)
            for _ in range(100):
                if not self.alive():
                    break
                time.sleep(0.02)


def start_pulse(root: Path | None = None, rate: int = 48_000) -> PulseServer:
    """Start a private daemon with a null sink as default sink and its monitor as default source."""
    root = Path(root or tempfile.mkdtemp(prefix="hotseat-pulse-"))
    runtime = root / "run"
    (runtime / "pulse").mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    socket = runtime / "pulse" / "native"
    env = {
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
        "PULSE_STATE_PATH": str(root / "state"),
        "PULSE_SERVER": f"unix:{socket}",
        "PULSE_SINK": SINK,
        "PULSE_SOURCE": f"{SINK}.monitor",
    }
    daemon_env = {**os.environ, **env, "HOME": str(root)}
    daemon_env.pop("PULSE_SERVER")
    log = root / "pulse.log"
    # -n: skip the system default.pa (it would probe for hardware); load just what we need.
    command = [
        "pulseaudio",
        "--daemonize=yes",
        "--system=false",
        "--exit-idle-time=-1",
        "--disallow-exit",
        "--use-pid-file=yes",
        "-n",
        f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        f"--load=module-null-sink sink_name={SINK} rate={rate} channels=2",
        f"--log-target=file:{log}",
    ]
    result = subprocess.run(command, env=daemon_env, capture_output=True, text=True, timeout=30)
    pid_file = runtime / "pulse" / "pid"
    if result.returncode != 0 or not pid_file.exists():
        detail = log.read_text(errors="replace")[-800:] if log.exists() else result.stderr
        raise RuntimeError(f"pulseaudio did not start (rc={result.returncode}): {detail}")
    server = PulseServer(root=root, process_id=int(pid_file.read_text().split()[0]), env=env)
    for _ in range(100):
        try:
            server.run("pactl", "info", timeout=5)
            break
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            time.sleep(0.05)
    server.run("pactl", "set-default-sink", SINK)
    server.run("pactl", "set-default-source", f"{SINK}.monitor")
    return server


def stop_pulse(server: PulseServer) -> None:
    """Stop the daemon and remove its files."""
    server.kill()
    shutil.rmtree(server.root, ignore_errors=True)


def _rescan_portaudio() -> None:
    """PortAudio lists devices once at initialisation; re-initialise so it sees the daemon."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()


@pytest.fixture(scope="module")
def pulse_server():
    """A PulseAudio null-sink daemon for this test module, with the client env set and
    PortAudio rescanned; skipped only when PulseAudio is not installed."""
    if shutil.which("pulseaudio") is None or shutil.which("paplay") is None:
        pytest.skip("pulseaudio/paplay not installed (scripts/install-system-deps.sh adds them)")
    server = start_pulse()
    with pytest.MonkeyPatch.context() as patch:
        for key, value in server.env.items():
            patch.setenv(key, value)
        _rescan_portaudio()
        try:
            yield server
        finally:
            stop_pulse(server)
    _rescan_portaudio()
