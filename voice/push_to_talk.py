"""Push-to-talk: in a noisy room the candidate holds a key instead of trusting the VAD."""

from __future__ import annotations

import threading


class PushToTalk:
    """A talk key the loop polls each frame; anything can drive it (a keyboard thread, a test).

    While pressed, every frame belongs to the turn; releasing it commits the turn at once (no
    turn-policy wait). Pressing it during a reply stops the reply: an explicit barge-in.
    """

    def __init__(self) -> None:
        self._pressed = threading.Event()

    @property
    def pressed(self) -> bool:
        return self._pressed.is_set()

    def press(self) -> None:
        self._pressed.set()

    def release(self) -> None:
        self._pressed.clear()

    def toggle(self) -> bool:
        """Flip the key (for a single "Enter to talk / Enter to send" key); returns the new state."""
        if self.pressed:
            self.release()
        else:
            self.press()
        return self.pressed


__all__ = ["PushToTalk"]
