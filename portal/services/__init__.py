"""Every write in the portal goes through these functions."""

from .accounts import (
    ACCOUNT_VERSION,
    account_approve,
    account_create,
    account_return,
    account_save,
    account_submit,
    settlement_decide,
    submission_errors,
)
from .attachments import attachment_add, attachment_remove
from .invitations import invitation_accept, invitation_send
from .reminders import reminders_send
from .reports import REPORT_VERSION, report_create, report_submit, report_update

__all__ = [
    "ACCOUNT_VERSION",
    "REPORT_VERSION",
    "account_approve",
    "account_create",
    "account_return",
    "account_save",
    "account_submit",
    "attachment_add",
    "attachment_remove",
    "invitation_accept",
    "invitation_send",
    "reminders_send",
    "report_create",
    "report_submit",
    "report_update",
    "settlement_decide",
    "submission_errors",
]
