"""Every write to groups, members, draws, meetings, decisions and reports goes through here."""

from .draws import chair_draw, chair_redraw, eligible_organisations, next_term_start
from .groups import (
    GROUP_SETTINGS_VERSION,
    group_create,
    group_update,
    member_add,
    member_leave,
)
from .meetings import decision_record, meeting_record
from .reports import compilation_record, report_submit

__all__ = [
    "GROUP_SETTINGS_VERSION",
    "chair_draw",
    "chair_redraw",
    "compilation_record",
    "decision_record",
    "eligible_organisations",
    "group_create",
    "group_update",
    "meeting_record",
    "next_term_start",
    "member_add",
    "member_leave",
    "report_submit",
]
