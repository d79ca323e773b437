"""The one fake clock the tests share: seconds the test moves by hand."""

from __future__ import annotations


class FakeClock:
    """A clock to pass where the code takes `clock: Callable[[], float]`; set `now` or advance."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
