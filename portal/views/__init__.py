"""Portal pages, by meaning: the start page, annual accounts, their review, invitations and
activity reports. Every lookup starts from what the user may see (`visible_to`): another
organisation's account or report is a 404. Changes are POST-only and checked again in the
services; a visible object the user may only read answers 403."""

from .accounts import (
    account_detail,
    account_edit,
    account_new,
    attachment_delete,
    attachment_download,
)
from .home import home
from .invitations import SetPasswordView, invitation_accept, invite, set_password
from .reports import report_detail, report_edit, report_new, report_submit, reports, reports_csv
from .review import account_review, overview, settlement_decide

__all__ = [
    "SetPasswordView",
    "account_detail",
    "account_edit",
    "account_new",
    "account_review",
    "attachment_delete",
    "attachment_download",
    "home",
    "invitation_accept",
    "invite",
    "overview",
    "report_detail",
    "report_edit",
    "report_new",
    "report_submit",
    "reports",
    "reports_csv",
    "set_password",
    "settlement_decide",
]
