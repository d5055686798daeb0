"""A time budget for one piece of work, checked cooperatively by the loops that do it.

The server gives every read request a :class:`Budget` (``DIPLOGRAPH_REQUEST_BUDGET`` seconds)
and cancels it when the client disconnects. The expensive computations (trends, alerts,
forecasts, conflicts, canonical events, ``ask``) call :func:`check_budget`, or iterate through
:func:`checked`, in their hot loops: past the deadline or after a cancel the next check raises
:class:`~diplograph.errors.BudgetError`, so the work really stops instead of finishing for
nobody. Outside a budget (the CLI, tests, notebooks) the checks cost a context-variable read.

Example::

    budget = Budget(5.0)
    with budget.scope():
        find_conflicts(store)       # raises BudgetError [D501] after 5 s
    budget.cancel()                 # from any thread: the next check raises [D502]

The budget lives in a :class:`contextvars.ContextVar`, so it follows a request into the
worker thread that runs its handler (Starlette and anyio copy the context).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from diplograph.errors import BudgetError

T = TypeVar("T")
OVER_TIME = "D501"
CANCELLED = "D502"

_current: ContextVar[Budget | None] = ContextVar("diplograph_budget", default=None)


class Budget:
    """A deadline ``seconds`` from now (``None``: no deadline) that another thread may cancel."""

    def __init__(self, seconds: float | None, label: str = "this request") -> None:
        self.seconds = seconds
        self.label = label
        self.started = time.monotonic()
        self.deadline = math.inf if seconds is None else self.started + seconds
        self.cancelled: str | None = None  # why, once cancelled

    def cancel(self, reason: str = "the client disconnected") -> None:
        """Stop the work at its next check (thread-safe: one attribute write)."""
        self.cancelled = reason

    def is_over(self) -> bool:
        """True once cancelled or past the deadline."""
        return self.cancelled is not None or time.monotonic() >= self.deadline

    def remaining(self) -> float:
        """Seconds left (0 when over; ``inf`` without a deadline)."""
        if self.cancelled is not None:
            return 0.0
        return max(0.0, self.deadline - time.monotonic())

    def error(self) -> BudgetError:
        """The error a check raises now (cancelled or over time)."""
        if self.cancelled is not None:
            return BudgetError(f"{self.label} was stopped: {self.cancelled}", code=CANCELLED)
        return BudgetError(
            f"{self.label} ran past its time budget of {self.seconds:g} s and was stopped; "
            "narrow it (a country, a pair, since/until) or raise DIPLOGRAPH_REQUEST_BUDGET",
            code=OVER_TIME,
        )

    def renew(self) -> None:
        """Start the deadline again from now: the next chunk of a stream gets the whole budget
        (a cancel stays)."""
        self.started = time.monotonic()
        if self.seconds is not None:
            self.deadline = self.started + self.seconds

    def check(self) -> None:
        """Raise :class:`BudgetError` once the budget is over."""
        if self.cancelled is not None or time.monotonic() >= self.deadline:
            raise self.error()

    @contextmanager
    def scope(self) -> Iterator[Budget]:
        """Make this the current budget of the calling context (and of threads it starts)."""
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)


def current_budget() -> Budget | None:
    """The budget of the running request, if any."""
    return _current.get()


def check_budget() -> None:
    """Raise :class:`BudgetError` if the current budget is over; a no-op outside a budget."""
    budget = _current.get()
    if budget is not None:
        budget.check()


def checked(items: Iterable[T], every: int = 256) -> Iterator[T]:
    """``items``, with :func:`check_budget` before the first and then every ``every`` items."""
    budget = _current.get()
    if budget is None:
        yield from items
        return
    for i, item in enumerate(items):
        if i % every == 0:
            budget.check()
        yield item
