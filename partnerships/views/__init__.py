"""Partnership pages. Every lookup starts from what the user may see (another body's or an
unrelated organisation's partnership is a 404); changes need `can_edit` (403 otherwise).
Business rules live in services.py; views only translate between forms and services."""

from .detail import partnership_detail
from .edit import (
    case_officer_update,
    criteria_update,
    partnership_create,
    partnership_transition,
    partnership_update,
)
from .history import partnership_history_page
from .lists import partnership_list, partnership_suggest, party_organisation_suggest
from .parties import (
    appendix_create,
    appendix_detail,
    appendix_drop,
    appendix_replace,
    party_create,
    party_leave,
)

__all__ = [
    "partnership_list",
    "partnership_suggest",
    "party_organisation_suggest",
    "partnership_detail",
    "partnership_history_page",
    "partnership_create",
    "partnership_update",
    "criteria_update",
    "case_officer_update",
    "partnership_transition",
    "party_create",
    "party_leave",
    "appendix_create",
    "appendix_detail",
    "appendix_replace",
    "appendix_drop",
]
