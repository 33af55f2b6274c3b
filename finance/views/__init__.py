"""Finance pages. Every lookup starts from what the user may see (another body's or
organisation's object is a 404); changes need `can_manage_finance` (403 otherwise)."""

from .budgets import (
    budget_edit,
    cofinancing_edit,
    other_income_create,
    period_create,
    periods_generate,
    terms_update,
)
from .overview import overview, partnership_detail
from .payments import (
    payment_allow,
    payment_approve,
    payment_detail,
    payment_list,
    payment_pay,
    payment_stop,
    payment_url,
    payments_export,
    payments_export_all,
    schedule,
)
from .queue import payments_bulk
from .sie import sie_batch_download, sie_batches
from .termination import extend, terminate

__all__ = [
    "overview",
    "partnership_detail",
    "terms_update",
    "periods_generate",
    "period_create",
    "budget_edit",
    "cofinancing_edit",
    "other_income_create",
    "schedule",
    "payment_list",
    "payment_detail",
    "payment_allow",
    "payment_url",
    "payment_approve",
    "payment_pay",
    "payment_stop",
    "payments_export",
    "payments_export_all",
    "sie_batches",
    "sie_batch_download",
    "payments_bulk",
    "terminate",
    "extend",
]
