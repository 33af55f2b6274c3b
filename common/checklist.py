"""A checklist that several apps fill: each registers a provider that returns its steps.

The partnership page's "Next step" is one: partnerships knows its parties and criteria,
finance its budgets and payments, reporting its memo and signatures, the portal its accounts.
A provider is called as `provider(user=..., obj=...)` and returns a list of `Step`s.
"""

from collections.abc import Callable
from dataclasses import dataclass

# The stages of the work, in order. A step belongs to the stage in which it must be done.
PREPARE = "prepare"  # before the partnership goes to the board
DECIDE = "decide"  # the board's decision
SIGN = "sign"  # the agreement signed by every party
RUN = "run"  # payments, accounts and reports while it runs
STAGES = (PREPARE, DECIDE, SIGN, RUN)


@dataclass(frozen=True)
class Step:
    key: str
    stage: str
    label: str
    done: bool
    url: str
    detail: str = ""  # what is missing, in words
    order: int = 0


StepProvider = Callable[..., list[Step]]


class Checklist:
    def __init__(self) -> None:
        self._providers: list[StepProvider] = []

    def register(self, provider: StepProvider) -> StepProvider:
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def steps(self, *, user, obj) -> list[Step]:
        found = [step for provider in self._providers for step in provider(user=user, obj=obj)]
        return sorted(found, key=lambda step: (STAGES.index(step.stage), step.order))
