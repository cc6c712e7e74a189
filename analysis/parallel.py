"""Work spread over processes, results in order: the one helper behind ``n_jobs=``.

Results come back in the order of the jobs, so anything summed from them is
summed in the same order for any ``n_jobs``, and the answer does not depend
on it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["check_n_jobs", "cpu_times", "idle_cores", "map_in_order"]


def check_n_jobs(n_jobs: Any) -> int:
    """The number of processes ``n_jobs`` asks for (-1: every core).

    Examples
    --------
    >>> check_n_jobs(2)
    2
    >>> check_n_jobs(0)
    Traceback (most recent call last):
    ...
    ValueError: n_jobs must be a positive int or -1, got 0
    """
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive int or -1, got {n_jobs!r}")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def cpu_times() -> tuple[int, int] | None:
    """The whole machine's idle and total CPU time so far, in clock ticks
    summed over the cores (``/proc/stat``); None where there is no such file.

    Examples
    --------
    >>> times = cpu_times()
    >>> times is None or 0 <= times[0] <= times[1]
    True
    """
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = f.readline().split()
    except OSError:
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[1:9])
    return idle + iowait, user + nice + system + idle + iowait + irq + softirq + steal


def idle_cores(since: tuple[int, int] | None) -> float:
    """How many cores stood idle, on average, since ``since`` (a `cpu_times`).

    On a machine shared with other work, a second process only pays when a
    core is idle: the others' processes get their share of the cores either
    way. Where it cannot be told (no ``/proc/stat``, or no time passed), every
    core counts as idle.

    Examples
    --------
    >>> 0 <= idle_cores(cpu_times()) <= (os.cpu_count() or 1)
    True
    """
    cores = os.cpu_count() or 1
    now = cpu_times()
    if since is None or now is None or now[1] <= since[1]:
        return float(cores)
    return cores * min(1.0, max(0.0, (now[0] - since[0]) / (now[1] - since[1])))


def map_in_order(function: Callable[..., Any], jobs: Iterable[tuple], n_jobs: int = 1) -> Iterator[Any]:
    """``function(*job)`` for every job, in order.

    With ``n_jobs > 1`` the jobs run in that many processes, at most
    ``2 * n_jobs`` in flight, so a stream of jobs is never all in memory.
    ``function`` must be importable (a module-level function).

    Examples
    --------
    >>> list(map_in_order(pow, [(2, 3), (3, 2)]))
    [8, 9]
    """
    workers = check_n_jobs(n_jobs)
    if workers <= 1:
        for job in jobs:
            yield function(*job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        for job in jobs:
            pending.append(pool.submit(function, *job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
