"""Results of expensive reads kept per store version: conflicts, trends, alerts, forecasts.

A result is stored under the store's data version read *before* it was computed, so it is
never older than its key; any write (an ingest in another process, an upload through the
API) changes the version and the next lookup computes afresh.

A computation is shared work, not one request's: it runs in a worker process
(:mod:`diplograph.server.compute`), and every request that wants the same result waits for that
one computation, each within its own budget and without holding a thread. A request whose
budget runs out answers 503 and stops waiting. The computation then goes on to its end even
when nobody waits for it any more (the last waiter timed out or disconnected), and its result
is cached: it is the next request's answer, and starting it again from scratch for every
request would answer each of them 503 while a result that needs more than one budget never
arrives (#19: four conflict filter sets of a 10,000-document store, 13 errors a run). What
stops it: ``limit`` seconds (its own budget in the worker), a move of the store version (the
result would be stale before it is stored), the server shutting down, and, for a computation
still queued behind others when its last waiter leaves, the leaving itself (it has cost
nothing yet; the next request queues it again). So a cold result is computed once for all the
requests that want it, and what runs for nobody is bounded by the pool's few workers and
``limit``.

The dashboard's expensive pages (the overview's counts, alerts, conflicts, the map) are sync
handlers: they take their data through :func:`cached_result`, under the same keys as the API
where the data is the same (``("stats",)``, ``("alerts", q, top, 5)``, ``("conflicts", f)``),
so a page and its endpoint share one computation per store version. A key holds the
normalised query: resolved actor codes and cleaned dates (a frozen ``Filters`` or
``SeriesQuery``), never the raw query string.

Incremental results (#19): a caller may pass ``update``, a function that brings an older
result of the same key up to date (``update(store, previous, *args)``: conflicts and trends).
When the version moves, the results of such keys are kept as *bases* (weighing at most
``size``), and so is a result that finished after the version had moved; the next computation
of the key is then ``update`` of its base instead of ``fn``. Whether the store only appended
since the base, and so whether the update adds a delta or computes from scratch, is the
update's decision (:mod:`diplograph.store.marks`), taken in the worker.

Derived results (#19): :meth:`ResultCache.derive` registers, for a function, how the result
of a key follows from the result of another key at the same version without the store (a
country's conflicts from those of every country: milliseconds instead of seconds). A miss
whose *source* is cached is derived from it in a worker; one whose source is being computed
waits for that computation first, within its budget. :meth:`ResultCache.warm` starts a
computation nobody has asked for yet (the server warms the unfiltered conflicts when it
starts), so the first requests find it under way or done.

Turns (#19): given ``turns``, the limiter the list requests queue at (``lists.LIST_THREADS``
at a time, first come first served), a result leaves :meth:`ResultCache.get` only once its
request's turn in that queue has come. A cached page costs the CPU a list page does (2-3 ms),
but it was answered at once while the list requests queued, so under saturation a client of
cached results sent 20 requests for each list client's one: the 10 trends and conflicts
clients of 200 took half the server's CPU and the lists' p99 went past 1 s. In turn, every
client gets its share; an idle server has no queue, and nothing waits.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar, cast

import anyio
import anyio.from_thread
from starlette.requests import Request

from diplograph.budget import check_budget, current_budget
from diplograph.errors import BudgetError
from diplograph.server.compute import ComputePool, Task
from diplograph.store import Filters, Store

T = TypeVar("T")
WAIT_STEP = 0.05  # seconds between budget checks while waiting for a computation
BIG = 100_000  # items of a result that count as one more result against the cache's size


def weight(value: Any) -> int:
    """What ``value`` counts against :attr:`ResultCache.size`: 1, plus 1 per :data:`BIG` items
    of a long result. Counting results alone, 32 of them, let the trend series of 89 queries
    push out the conflicts of a 10,000-document store and each other under load, so the same
    results were computed again and again (#19: 525 computations in 40 s instead of 180);
    weighing bytes alone would keep a few huge results only."""
    try:
        return 1 + len(value) // BIG
    except TypeError:  # not sized
        return 1


class VersionSource(Protocol):
    """What the cache needs from the server's store pool (``deps.StorePool``)."""

    def data_version(self) -> Hashable: ...


@dataclass(frozen=True)
class Derivation:
    """How the result of a key follows from the result of another key (see the module
    docstring): ``source(key)`` is that other key (None: not derivable), and
    ``derive(source_result, *args)`` the result, computed without the store."""

    source: Callable[[Hashable], Hashable | None]
    derive: Callable[..., Any]


def _derived(store: Store, derive: Callable[..., Any], source: Any, *args: Any) -> Any:
    """``derive(source, *args)``, as a worker runs ``fn(store, *args)`` (module level: it is
    sent to the worker by name)."""
    return derive(source, *args)


class _Flight:
    """One computation in progress and the requests waiting for it."""

    def __init__(self, keep: bool = False) -> None:
        self.task: Task | None = None
        self.done = threading.Event()
        self.cancelled = False
        self.keep = keep  # a warm-up: kept even while queued with nobody waiting
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
        """A waiter leaves (answered, timed out or gone); when it was the last, a computation
        still queued is dropped, one under way goes on (the cache's lock is held)."""
        self.waiters -= 1
        self._wakers = [(loop, f) for loop, f in self._wakers if f is not future]
        if self.waiters == 0 and not self.keep and self.task is not None:
            self.drop_unless_started()  # else :meth:`ResultCache._submit` does, once submitted

    def drop_unless_started(self) -> None:
        """Cancel the computation if no worker has started it yet."""
        if self.task is not None and not self.done.is_set() and not self.task.started:
            self.stop()

    def stop(self) -> None:
        """Cancel the computation: dropped if queued, stopped at its next check if running."""
        self.cancelled = True
        if self.task is not None:
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
    """Results of one store version weighing at most ``size`` together (:func:`weight`: a
    result is 1, a conflict list of a million figure pairs 11), least recently used dropped
    first; computations stop after ``limit`` seconds."""

    def __init__(
        self,
        versions: VersionSource,
        compute: ComputePool,
        size: int = 256,
        limit: float = 60.0,
        turns: anyio.CapacityLimiter | None = None,
    ) -> None:
        self._versions = versions
        self._compute = compute
        self.size = size
        self.limit = limit
        self.turns = turns  # the queue a result waits its turn in (see the module docstring)
        # re-entrant: cancelling a queued task (under the lock) runs its done-callback,
        # :meth:`_finish`, at once in the same thread
        self._lock = threading.RLock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._seen: Hashable = None  # the store version the entries belong to
        self._flights: dict[tuple[Hashable, Hashable], _Flight] = {}
        self._bases: OrderedDict[Hashable, Any] = OrderedDict()  # older results to update
        self._weights: dict[tuple[bool, Hashable], int] = {}  # (is a base, key) → weight
        self._updatable: set[Hashable] = set()  # keys asked with an update function
        self._derivations: dict[Callable[..., Any], Derivation] = {}
        self.hits = 0
        self.misses = 0  # computations a request started (derived and updated ones included)
        self.stopped = 0  # computations that ended at a budget check (cancelled or too long)
        self.updates = 0  # computations that started from an older result (``update``)
        self.derived = 0  # computations that started from another key's result (``derive``)
        self.warmed = 0  # computations started by :meth:`warm`

    def derive(
        self,
        fn: Callable[..., Any],
        source: Callable[[Hashable], Hashable | None],
        derive: Callable[..., Any],
    ) -> None:
        """Derive the results of ``fn`` where ``source(key)`` names a key (of ``fn`` too)
        whose result gives them: ``derive(source_result, *args)`` with ``fn``'s ``args``
        equals ``fn(store, *args)`` at the same version. ``derive`` runs in a worker."""
        self._derivations[fn] = Derivation(source, derive)

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
        derivation = self._derivations.get(fn)
        source = derivation.source(key) if derivation is not None else None
        waited = False  # for the source's computation
        while True:
            version = self._versions.data_version()
            start: tuple[Callable[..., Any], tuple[Any, ...]] | None = None
            own = True  # the flight waited for is this key's (else its source's)
            with self._lock:
                self._see(version, key, update)
                if key in self._entries:  # a hit
                    self.hits += 1
                    self._entries.move_to_end(key)
                    value, flight = self._entries[key], None
                else:
                    flight = self._live(version, key)
                    if flight is None and source is not None and not waited:
                        if source not in self._entries:
                            flight = self._live(version, source)
                            own = flight is None
                    if flight is None:
                        self.misses += 1
                        flight = self._flights[(version, key)] = _Flight()
                        start = self._call(key, fn, args, update, derivation, source)
                    done = flight.join()
            if flight is None:
                await self._turn()
                return cast(T, value)
            try:
                if start is not None:
                    await asyncio.to_thread(self._submit, flight, version, key, *start)
                while not done.done():
                    check_budget()
                    await asyncio.wait([done], timeout=WAIT_STEP)
            finally:
                with self._lock:
                    flight.leave(done)
            if own:
                break
            waited = True  # the source is cached now (or failed): derive (or compute) next
        if flight.error is not None:
            raise flight.error
        await self._turn()
        return cast(T, flight.value)

    async def _turn(self) -> None:
        """Wait until this request's turn in :attr:`turns` has come (see the module
        docstring)."""
        if self.turns is not None:
            async with self.turns:
                pass

    def warm(
        self,
        key: Hashable,
        fn: Callable[..., Any],
        *args: Any,
        update: Callable[..., Any] | None = None,
    ) -> None:
        """Start computing ``key`` as :meth:`get` would, with nobody waiting for it yet,
        unless it is cached or under way: the server warms the results its first requests
        are likely to want. It runs to its end (or ``limit``) even while queued. Blocks while
        the first worker starts: call it from a thread, not the event loop."""
        version = self._versions.data_version()
        with self._lock:
            self._see(version, key, update)
            if key in self._entries or self._live(version, key) is not None:
                return
            self.warmed += 1
            flight = self._flights[(version, key)] = _Flight(keep=True)
            call = self._call(key, fn, args, update, None, None)
        self._submit(flight, version, key, *call)

    def _see(self, version: Hashable, key: Hashable, update: Callable[..., Any] | None) -> None:
        """Note ``key``'s update function, and move to ``version`` when it is new: the
        entries of updatable keys become bases, the others go, and computations of older
        versions that nobody waits for stop (the lock is held)."""
        if update is not None:
            self._updatable.add(key)
        if version == self._seen:
            return
        for k in self._updatable.intersection(self._entries):
            self._keep(self._bases, k, self._entries[k])
        self._entries.clear()
        self._seen = version
        for (v, _), flight in list(self._flights.items()):
            if v != version and flight.waiters == 0 and not flight.done.is_set():
                flight.stop()

    def _live(self, version: Hashable, key: Hashable) -> _Flight | None:
        """The computation of ``key`` at ``version`` under way, if any (the lock is held)."""
        flight = self._flights.get((version, key))
        return None if flight is None or flight.cancelled else flight

    def _call(
        self,
        key: Hashable,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        update: Callable[..., Any] | None,
        derivation: Derivation | None,
        source: Hashable | None,
    ) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """What a worker runs for a miss of ``key``: a derivation from its cached source,
        else an update of its base, else ``fn`` (the lock is held)."""
        if derivation is not None and source is not None and source in self._entries:
            self.derived += 1
            self._entries.move_to_end(source)
            return _derived, (derivation.derive, self._entries[source], *args)
        base = self._bases.get(key) if update is not None else None
        if update is not None and base is not None:
            self.updates += 1
            return update, (base, *args)
        return fn, args

    def _submit(
        self,
        flight: _Flight,
        version: Hashable,
        key: Hashable,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
    ) -> None:
        """Hand the computation to a worker process (in a thread: the first submission starts
        the processes; and a request cancelled meanwhile leaves no computation untracked)."""
        label = f"computing {key[0] if isinstance(key, tuple) and key else key}"
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
            if flight.cancelled:  # the version moved while it was being submitted
                task.cancel()
            elif flight.waiters == 0 and not flight.keep:  # every waiter left meanwhile
                flight.drop_unless_started()
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
                self._keep(self._entries, key, value)
                self._bases.pop(key, None)
            elif error is None and key in self._updatable:  # the version moved meanwhile
                self._keep(self._bases, key, value)
            if self._flights.get((version, key)) is flight:
                del self._flights[(version, key)]
            flight.finish(value, error)

    def _keep(self, table: OrderedDict[Hashable, Any], key: Hashable, value: Any) -> None:
        """Put ``value`` in ``table`` (the entries or the bases) as the most recently used,
        dropping the least recently used while the table weighs more than ``size`` (the lock
        is held)."""
        table[key] = value
        table.move_to_end(key)
        total = sum(weight(v) for v in table.values())
        while total > self.size and len(table) > 1:
            _, old = table.popitem(last=False)
            total -= weight(old)

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
