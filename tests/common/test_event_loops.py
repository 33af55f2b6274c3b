"""pyHanko's synchronous API runs its own loop: from inside a running loop (as under
Playwright's synchronous API in the browser tests) it must still work."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from common.event_loops import outside_event_loop


def _runs_its_own_loop(value):
    async def double():
        return value * 2

    return asyncio.run(double())


def test_without_a_running_loop_the_call_is_direct():
    assert outside_event_loop(_runs_its_own_loop, 21) == 42


def test_inside_a_running_loop_the_call_still_returns():
    async def caller():
        return outside_event_loop(_runs_its_own_loop, value=4)

    # In a thread of its own: this test's thread may already run Playwright's loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, caller()).result() == 8
