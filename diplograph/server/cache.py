"""Results of expensive reads kept per store version: conflicts, trends, alerts, forecasts.

A result is stored under the store's data version read *before* it was computed, so it is
never older than its key; any write (an ingest in another process, an upload through the
API) changes the version and the next lookup computes afresh.

A computation is shared work, not one request's: it runs in a worker process
(:mod:`diplograph.server.compute`), and every request that wants the same result waits for that
one computation, each within its own budget and without holding a thread. A request whose
budget runs out answers 503 and stops waiting; the computation goes on while any request still
waits for it, and stops at its next budget check once none does (the last waiter timed out or
disconnected) or after ``limit`` seconds. So a cold result is computed once for all the
requests that want it, and work that nobody waits for stops using the CPU.

The dashboard's expensive pages (the overview's counts, alerts, conflicts, the map) are sync
handlers: they take their data through :func:`cached_result`, under the same keys as the API
where the data is the same (``("stats",)``, ``("alerts", q, top, 5)``, ``("conflicts", f)``),
so a page and its endpoint share one computation per store version. A key holds the
normalised query: resolved actor codes and cleaned dates (a frozen ``Filters`` or
``SeriesQuery``), never the raw query string.

Incremental results (#19): a caller may pass ``update``, a function that brings an older
result of the same key up to date (``update(store, previous, *args)``: conflicts and trends).
When the version moves, the results of such keys are kept as *bases* (at most ``size``), and
so is a result that finished after the version had moved; the next computation of the key
is then ``update`` of its base instead of ``fn``. Whether the store only appended since the
base, and so whether the update adds a delta or computes from scratch, is the update's
decision (:mod:`diplograph.store.marks`), taken in the worker.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import CancelledError, Future
from dataclasses import replace
from typing import Any, Protocol, TypeVar, cast

import anyio.from_thread
from starlette.requests import Request

from diplograph.budget import check_budget, current_budget
from diplograph.errors import BudgetError
from diplograph.server.compute import ComputePool, Task
from diplograph.store import Filters, Store

T = TypeVar("T")
WAIT_STEP = 0.05  # seconds between budget checks while waiting for a computation


class VersionSource(Protocol):
    """What the cache needs from the server's store pool (``deps.StorePool``)."""

    def data_version(self) -> Hashable: ...


class _Flight:
    """One computation in progress and the requests waiting for it."""

    def __init__(self) -> None:
        self.task: Task | None = None
        self.done = threading.Event()
        self.cancelled = False
        self.waiters = 0
        self.value: Any = None
        self.error: BaseException | None = None
        self._wakers: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    def join(self) -> asyncio.Future[None]:
        """A waiter joins: a future of its loop that completes when the computation does."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self.waiters += 1
        self._wakers.append((loop, future))
        if self.done.is_set():
            future.set_result(None)
        return future

    def leave(self, future: asyncio.Future[None]) -> None:
        """A waiter leaves (answered, timed out or gone); the last one out stops the work."""
        self.waiters -= 1
        self._wakers = [(loop, f) for loop, f in self._wakers if f is not future]
        if self.waiters == 0 and not self.done.is_set():
            self.cancelled = True
            if self.task is not None:  # else it is cancelled as soon as it is submitted
                self.task.cancel()

    def finish(self, value: Any, error: BaseException | None) -> None:
        self.value, self.error = value, error
        self.done.set()
        for loop, future in self._wakers:
            loop.call_soon_threadsafe(_resolve, future)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ResultCache:
    """At most ``size`` results of one store version, least recently used dropped first."""

    def __init__(
        self, versions: VersionSource, compute: ComputePool, size: int = 32, limit: float = 60.0
    ) -> None:
        self._versions = versions
        self._compute = compute
        self.size = size
        self.limit = limit
        # re-entrant: cancelling a queued task (under the lock) runs its done-callback,
        # :meth:`_finish`, at once in the same thread
        self._lock = threading.RLock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._seen: Hashable = None  # the store version the entries belong to
        self._flights: dict[tuple[Hashable, Hashable], _Flight] = {}
        self._bases: OrderedDict[Hashable, Any] = OrderedDict()  # older results to update
        self._updatable: set[Hashable] = set()  # keys asked with an update function
        self.hits = 0
        self.misses = 0
        self.stopped = 0  # computations that ended at a budget check (cancelled or too long)
        self.updates = 0  # computations that started from an older result (``update``)

    async def get(
        self,
        key: Hashable,
        fn: Callable[..., T],
        *args: Any,
        update: Callable[..., T] | None = None,
    ) -> T:
        """The result of ``fn(store, *args)`` for ``key`` at the current store version.

        ``fn`` and ``args`` go to a worker process: a module-level function and picklable
        arguments. ``update(store, previous, *args)``, when given, computes the same from an
        older result of ``key`` where there is one. Raises
        :class:`~diplograph.errors.BudgetError` when the calling request's budget runs out
        (or its client leaves) first; whatever ``fn`` raised otherwise.
        """
        version = self._versions.data_version()
        start = False
        with self._lock:
            if update is not None:
                self._updatable.add(key)
            if version != self._seen:
                for k in self._updatable.intersection(self._entries):
                    self._keep_base(k, self._entries[k])
                self._entries.clear()
                self._seen = version
            if key in self._entries:
                self.hits += 1
                self._entries.move_to_end(key)
                return cast(T, self._entries[key])
            flight = self._flights.get((version, key))
            if flight is None or flight.cancelled:
                self.misses += 1
                flight = self._flights[(version, key)] = _Flight()
                start = True
                base = self._bases.get(key) if update is not None else None
                if update is not None and base is not None:
                    self.updates += 1
                    fn, args = update, (base, *args)
            done = flight.join()
        try:
            if start:
                label = f"computing {key[0] if isinstance(key, tuple) and key else key}"
                await asyncio.to_thread(self._submit, flight, version, key, label, fn, args)
            while not done.done():
                check_budget()
                await asyncio.wait([done], timeout=WAIT_STEP)
        finally:
            with self._lock:
                flight.leave(done)
        if flight.error is not None:
            raise flight.error
        return cast(T, flight.value)

    def _submit(
        self,
        flight: _Flight,
        version: Hashable,
        key: Hashable,
        label: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
    ) -> None:
        """Hand the computation to a worker process (in a thread: the first submission starts
        the processes; and a request cancelled meanwhile leaves no computation untracked)."""
        try:
            task = self._compute.submit(self.limit, label, fn, *args)
        except BaseException as err:  # no worker could start: every waiter gets the error
            with self._lock:
                if self._flights.get((version, key)) is flight:
                    del self._flights[(version, key)]
                flight.finish(None, err)
            return
        with self._lock:
            flight.task = task
            if flight.cancelled:  # every waiter left while it was being submitted
                task.cancel()
        task.future.add_done_callback(lambda f: self._finish(flight, version, key, f))

    def _finish(
        self, flight: _Flight, version: Hashable, key: Hashable, future: Future[Any]
    ) -> None:
        value: Any = None
        error: BaseException | None = None
        try:
            value = future.result()
        except BaseException as err:  # handed to the waiting requests and raised there
            error = err
        with self._lock:
            self.stopped += isinstance(error, BudgetError | CancelledError)
            if error is None and self._seen == version:
                self._entries[key] = value
                self._bases.pop(key, None)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            elif error is None and key in self._updatable:  # the version moved meanwhile
                self._keep_base(key, value)
            if self._flights.get((version, key)) is flight:
                del self._flights[(version, key)]
            flight.finish(value, error)

    def _keep_base(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` to update ``key`` from (the lock is held)."""
        self._bases[key] = value
        self._bases.move_to_end(key)
        while len(self._bases) > self.size:
            self._bases.popitem(last=False)

    def computing(self) -> int:
        """Computations in flight (queued or running)."""
        with self._lock:
            return len(self._flights)

    def clear(self) -> None:
        """Forget every result."""
        with self._lock:
            self._entries.clear()
            self._bases.clear()


def cached_result(
    request: Request,
    key: Hashable,
    fn: Callable[..., T],
    *args: Any,
    update: Callable[..., T] | None = None,
) -> T:
    """:meth:`ResultCache.get` of the app's cache, from a sync handler's worker thread.

    The thread waits (the event loop does not), within the request's budget: past it, or
    once the client has gone, it raises :class:`~diplograph.errors.BudgetError` like the
    async path.
    """
    cache: ResultCache = request.app.state.result_cache
    budget = current_budget()

    async def get() -> T:
        if budget is None:
            return await cache.get(key, fn, *args, update=update)
        with budget.scope():  # the loop's task does not inherit this thread's context
            return await cache.get(key, fn, *args, update=update)

    return anyio.from_thread.run(get)


class CountCache:
    """Row counts of the list endpoints (``count`` of a page) per store version (#19).

    Paging through one filter set counts its rows once, not once per page: a count is kept
    under the filters without limit and offset, and every count is dropped when the store
    version moves (any commit), like :class:`ResultCache`. Counts are cheap enough to run in
    the request's own thread; at most ``size`` are kept, least recently used dropped first.
    """

    def __init__(self, versions: VersionSource, size: int = 1024) -> None:
        self._versions = versions
        self.size = size
        self._lock = threading.Lock()
        self._counts: OrderedDict[Hashable, int] = OrderedDict()
        self._seen: Hashable = None  # the store version the counts belong to
        self.hits = 0
        self.misses = 0

    def count(self, store: Store, kind: str, filters: Filters) -> int:
        """``store.count(kind, filters)``, from the cache when the store has not changed."""
        version = self._versions.data_version()  # read first: a count is never older than it
        key = (kind, replace(filters, limit=None, offset=0))
        with self._lock:
            if version != self._seen:
                self._counts.clear()
                self._seen = version
            elif (n := self._counts.get(key)) is not None:
                self.hits += 1
                self._counts.move_to_end(key)
                return n
            self.misses += 1
        n = store.count(kind, filters)
        with self._lock:
            if version == self._seen:
                self._counts[key] = n
                while len(self._counts) > self.size:
                    self._counts.popitem(last=False)
        return n
