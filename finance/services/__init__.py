"""Every write to finance records goes through these functions."""

from .budgets import (
    BUDGET_VERSION,
    COFINANCING_VERSION,
    budget_period_create,
    budget_periods_generate,
    budget_save,
    cofinancing_save,
    other_income_record,
)
from .bulk import BulkRefused, payments_bulk
from .payments import (
    payment_adjust,
    payment_allow,
    payment_approve,
    payment_pay,
    payment_reduce,
    payment_refusal,
    payment_stop,
)
from .schedule import SchedulePlan, schedule_generate, schedule_preview
from .sie_batches import sie_batch_create
from .termination import (
    TerminationPlan,
    extension_end,
    partnership_extend,
    termination_apply,
    termination_preview,
)
from .terms import TERMS_VERSION, terms_for, terms_update

__all__ = [
    "BUDGET_VERSION",
    "COFINANCING_VERSION",
    "TERMS_VERSION",
    "BulkRefused",
    "payments_bulk",
    "SchedulePlan",
    "TerminationPlan",
    "budget_period_create",
    "budget_periods_generate",
    "budget_save",
    "cofinancing_save",
    "extension_end",
    "other_income_record",
    "partnership_extend",
    "payment_adjust",
    "payment_allow",
    "payment_approve",
    "payment_pay",
    "payment_reduce",
    "payment_refusal",
    "payment_stop",
    "schedule_generate",
    "sie_batch_create",
    "schedule_preview",
    "termination_apply",
    "termination_preview",
    "terms_for",
    "terms_update",
]
