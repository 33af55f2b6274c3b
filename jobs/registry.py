"""Kinds of background work. Each app registers its own in `ready()` (or at import of its
`jobs.py`): a function `run(job, progress)` that does the work inside one transaction and
returns what to keep (a dict for the page, optionally a file through `progress.keep_file`)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JobKind:
    code: str
    title: str  # a lazy translation, shown on the progress page
    run: Callable
    # Where the page links when the work is done (a callable of the job), if anywhere.
    next_url: Callable | None = None


_kinds: dict[str, JobKind] = {}


def register(code: str, *, title, next_url=None):
    def decorator(run):
        _kinds[code] = JobKind(code=code, title=title, run=run, next_url=next_url)
        return run

    return decorator


def get(code: str) -> JobKind:
    return _kinds[code]
