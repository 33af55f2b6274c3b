"""Calling libraries whose synchronous API runs an asyncio loop of its own (pyHanko's signing
and validation use `asyncio.run`) from code that may already be inside a running loop: an
async caller, or Playwright's synchronous API in the same thread (the browser tests)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def outside_event_loop(function, /, *args, **kwargs):
    """`function(*args, **kwargs)`, in a thread of its own when this thread runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
