"""Pages for a partnership's groups. Every lookup starts from what the user may see (404
otherwise); every change checks the permission functions (403) and goes through a service."""

from .dashboard import dashboard
from .draws import chair_draw, chair_redraw
from .groups import (
    group_create,
    group_detail,
    group_settings,
    member_create,
    member_leave,
    partnership_groups,
)
from .meetings import (
    compilation_create,
    decision_create,
    meeting_create,
    meeting_detail,
    minutes_download,
    report_create,
)

__all__ = [
    "dashboard",
    "partnership_groups",
    "group_create",
    "group_detail",
    "group_settings",
    "member_create",
    "member_leave",
    "chair_draw",
    "chair_redraw",
    "meeting_create",
    "meeting_detail",
    "decision_create",
    "minutes_download",
    "report_create",
    "compilation_create",
]
