"""PostgreSQL statements under the request budget (#19).

SQLite statements are interrupted by a progress handler that reads the budget
(``deps.open_request_store``). A PostgreSQL statement runs in the server's process, so a
:class:`BudgetCursor` gives each statement that runs under a finite budget a
``statement_timeout`` of the budget's remaining time (rounded up to the millisecond): the
server cancels it when the budget runs out, and the cursor turns the ``QueryCanceled`` into the
budget's :class:`~diplograph.errors.BudgetError` (D501, or D502 once the client left), which
the app answers with the same coded 503 as SQLite's interrupt. A statement outside a budget
(uploads, the CLI, the compute pool's warm-up) runs without a timeout: one set earlier on the
connection is reset first.

The cost is one more round trip per budgeted statement (``SET statement_timeout``, about
0.05 ms on a local server). A statement already running when the client disconnects goes on
until it ends or its timeout fires; the next check stops the request.
"""

from __future__ import annotations

import math
import weakref
from typing import Any, Self

import psycopg
from psycopg.abc import Params
from psycopg.rows import Row

from diplograph.budget import current_budget

# connections whose session may still carry a statement_timeout set by a BudgetCursor
_timed: weakref.WeakSet[psycopg.Connection[Any]] = weakref.WeakSet()


class BudgetCursor(psycopg.Cursor[Row]):
    """A cursor whose statements stop when the current :class:`~diplograph.budget.Budget`
    runs out (``statement_timeout``), raising its ``BudgetError``."""

    def execute(
        self,
        query: Any,  # psycopg's Query (its overloads split str/SQL from templates)
        params: Params | None = None,
        *,
        prepare: bool | None = None,
        binary: bool | None = None,
    ) -> Self:
        budget = current_budget()
        conn = self.connection
        if budget is not None and budget.deadline != math.inf:
            budget.check()  # over already: not even a round trip
            ms = max(1, math.ceil(budget.remaining() * 1000))
            super().execute(f"SET statement_timeout = {ms:d}".encode())
            _timed.add(conn)
            try:
                return super().execute(query, params, prepare=prepare, binary=binary)
            except psycopg.errors.QueryCanceled as err:
                raise budget.error() from err
        if conn in _timed:
            super().execute(b"SET statement_timeout = 0")
            _timed.discard(conn)
        return super().execute(query, params, prepare=prepare, binary=binary)


def install(conn: psycopg.Connection[Any]) -> None:
    """Make every plain cursor of ``conn`` (``conn.execute`` included) a :class:`BudgetCursor`."""
    conn.cursor_factory = BudgetCursor
