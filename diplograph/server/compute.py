"""Expensive computations in worker processes, stoppable from the server.

Trends, alerts, forecasts, conflicts and canonical stats are pure-Python loops. Run in a
thread of the server they share its GIL with the event loop and the quick requests: under load
each side starves the other (a conflicts computation of 2 s took 16 s beside 200 clients, and
the lists slowed down). A :class:`ComputePool` runs them in ``size`` processes of their own,
each with its own store connection, so they use another core and the server keeps its own.

Every task runs under a :class:`~diplograph.budget.Budget` of ``seconds``; the server stops a
task early with :meth:`Task.cancel`, which sets a flag in shared memory that the task's budget
checks read (the same checks that stop the loops and interrupt SQLite), so a cancelled
computation stops using the CPU at its next check. A second flag says whether a worker has
started the task (:attr:`Task.started`): the cache drops a task nobody waits for only while it
has not.

The workers keep the server's CPU priority. Niced (``os.nice(10)``), they left the CPU to the
list requests, but they starved the computations that requests wait for whenever the machine
was busy: a 1.3 s conflicts computation took longer than the 5 s budget, and 5 to 37 answers a
run were 503 under 200 clients, for 0.2-0.3 s less list p99 (#19). Lowering the priority only
of work nobody waits for (a warm-up, a computation whose requests gave up) starved the request
that came for it next instead (the first conflicts after start: 5 s instead of 2-3 s), and a
process cannot raise its priority again. What took the lists' CPU was the clients of cached
results, who were answered at once while list requests queued; the cache now has them wait
their turn (:mod:`diplograph.server.cache`).

Processes come from the ``forkserver`` start method with the query modules preloaded: the
first pool of a server process costs ~0.3 s, the next ones milliseconds. Like every
multiprocessing start method but ``fork``, a worker imports the program's main script: one
without an ``if __name__ == "__main__":`` guard (or a program read from stdin) breaks the
workers. The pool then says so in the log and computes in threads of the server instead.
"""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import (
    CancelledError,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from diplograph.budget import Budget
from diplograph.settings import Settings
from diplograph.store import Store

log = logging.getLogger("diplograph.api")

FLAGS = 256  # tasks in flight at most (queued or running) per pool
PRELOAD = ["diplograph.server.deps", "diplograph.query.conflicts", "diplograph.query.history"]
REASONS = {1: "no request waits for it any more", 2: "the server is shutting down"}


class _TaskBudget(Budget):
    """A budget that the server can also cancel through a shared flag."""

    def __init__(self, seconds: float, label: str, flags: Any, taken: Any, index: int) -> None:
        super().__init__(seconds, label)
        self.flags, self.taken, self.index = flags, taken, index

    def take(self) -> None:
        """Say that a worker has started the task (before its first check)."""
        self.taken[self.index] = 1

    def _poll(self) -> None:
        flag = self.flags[self.index]
        if flag and self.cancelled is None:
            self.cancel(REASONS.get(flag, "it was cancelled"))

    def is_over(self) -> bool:
        self._poll()
        return super().is_over()

    def check(self) -> None:
        self._poll()
        super().check()


def _run(store: Callable[[], Store], budget: _TaskBudget, fn: Callable[..., Any], args: Any) -> Any:
    """``fn(store, *args)`` under ``budget``; an interrupted statement is the budget's error."""
    with budget.scope():
        budget.take()
        budget.check()  # cancelled while it queued
        try:
            return fn(store(), *args)
        except sqlite3.OperationalError as err:
            if budget.is_over():
                raise budget.error() from err
            raise


# -- in a worker process -----------------------------------------------------------------------
_flags: Any = None  # the pool's shared cancel flags, set by _init_worker
_taken: Any = None  # and its shared started flags
_settings: Settings | None = None
_store: Store | None = None


def _init_worker(flags: Any, taken: Any, settings: Settings) -> None:
    global _flags, _taken, _settings
    _flags, _taken, _settings = flags, taken, settings


def _process_store() -> Store:
    global _store
    if _store is None:
        from diplograph.server.deps import open_request_store  # the interruptible store

        assert _settings is not None
        _store = open_request_store(_settings)
    return _store


def _run_in_process(
    index: int, seconds: float, label: str, fn: Callable[..., Any], args: tuple[Any, ...]
) -> Any:
    return _run(_process_store, _TaskBudget(seconds, label, _flags, _taken, index), fn, args)


def _warm_up() -> None:
    """Nothing: submitted once so that a worker exists (and works) before the first request."""


# -- in the server -----------------------------------------------------------------------------
class Task:
    """One submitted computation: its future and its cancel flag."""

    def __init__(self, pool: ComputePool, index: int, future: Future[Any]) -> None:
        self.pool, self.index, self.future = pool, index, future

    @property
    def started(self) -> bool:
        """True once a worker has taken it (it may already have ended)."""
        return bool(self.pool.taken[self.index]) or self.future.done()

    def cancel(self, reason: int = 1) -> None:
        """Stop it: dropped if still queued, stopped at its next budget check if running."""
        if not self.future.cancel():
            self.pool.flag(self, reason)


class ComputePool:
    """``size`` worker processes (or, failing those, threads) that run ``fn(store, *args)``
    under a budget."""

    def __init__(self, settings: Settings, size: int = 2, processes: bool = True) -> None:
        self.settings = settings
        self.size = size
        self.processes = processes  # False: threads of this process (the fallback)
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self.flags = self._context.RawArray("b", FLAGS)
        self.taken = self._context.RawArray("b", FLAGS)  # 1: a worker has started the task
        self._free = list(range(FLAGS))
        self._lock = threading.Lock()
        self._started = threading.Lock()  # held while the first worker starts
        self._ready = False
        self._executor: Executor | None = None
        self._local = threading.local()  # thread mode: one store per thread
        self._stores: list[Store] = []
        self._closed = False

    def start(self) -> None:
        """Start the first worker now (about 0.3 s) and check that it works; if it does not,
        compute in threads from now on. Runs in a background thread at server start-up, and
        before the first computation otherwise."""
        with self._started:
            if self._ready:
                return
            with self._lock:
                if self._closed:
                    return
                future = self._pool().submit(_warm_up)
            try:
                future.result()
            except BrokenProcessPool:
                log.warning(
                    "compute processes could not start (is the program's main script guarded "
                    'by `if __name__ == "__main__":`?); computing in threads of the server'
                )
                with self._lock:
                    self._executor, self.processes = None, False
            except CancelledError:
                return  # shut down meanwhile
            self._ready = True

    def submit(self, seconds: float, label: str, fn: Callable[..., Any], *args: Any) -> Task:
        """Start ``fn(store, *args)``; its future gives the result or the error. May block
        while the first worker starts: call it from a thread, not the event loop."""
        self.start()
        with self._lock:
            if not self._free:
                raise RuntimeError(f"more than {FLAGS} computations in flight")
            index = self._free.pop()
            self.flags[index] = self.taken[index] = 0
            try:
                if self.processes:
                    future = self._pool().submit(_run_in_process, index, seconds, label, fn, args)
                else:
                    budget = _TaskBudget(seconds, label, self.flags, self.taken, index)
                    future = self._pool().submit(_run, self._thread_store, budget, fn, args)
            except BrokenProcessPool:  # a worker died (killed, out of memory): start anew
                self._executor = None
                future = self._pool().submit(_run_in_process, index, seconds, label, fn, args)
            except BaseException:
                self._free.append(index)
                raise
        future.add_done_callback(lambda _: self._release(index))
        return Task(self, index, future)

    def _pool(self) -> Executor:
        if self._closed:
            raise RuntimeError("the compute pool is closed (the server is shutting down)")
        if self._executor is None:
            if self.processes:
                self._executor = ProcessPoolExecutor(
                    self.size,
                    mp_context=self._context,
                    initializer=_init_worker,
                    initargs=(self.flags, self.taken, self.settings),
                )
            else:
                self._executor = ThreadPoolExecutor(
                    self.size, thread_name_prefix="diplograph-compute"
                )
        return self._executor

    def _thread_store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            from diplograph.server.deps import open_request_store

            store = self._local.store = open_request_store(self.settings)
            with self._lock:
                self._stores.append(store)
        return store

    def flag(self, task: Task, reason: int) -> None:
        """Set ``task``'s cancel flag, unless it has ended: its flag may then belong to the
        next task already (a later one cancelled by mistake)."""
        with self._lock:
            if not task.future.done() and not self._closed:
                self.flags[task.index] = reason

    def _release(self, index: int) -> None:
        with self._lock:
            self._free.append(index)

    def close(self) -> None:
        """Cancel every task and stop the workers (at shutdown)."""
        with self._lock:
            self._closed = True
            for i in range(FLAGS):
                self.flags[i] = 2
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        for store in self._stores:
            store.close()
