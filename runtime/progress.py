"""Progress events from the flow to whoever listens (the CLI's progress bars, or nobody).

The flow must not know about terminals; the CLI must not know about stages. They meet
here: the flow calls `emit`, the CLI subscribes with `listening`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[..., None]
_listeners: list[Listener] = []
_lock = threading.Lock()


def emit(event: str, **data) -> None:
    """event: 'stage' (stage, total), 'grow' (stages, n: each of these stages gets n more to do),
    'advance' (stage, n), 'log' (message)."""
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(event, **data)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    with _lock:
        _listeners.append(listener)
    try:
        yield
    finally:
        with _lock:
            _listeners.remove(listener)
