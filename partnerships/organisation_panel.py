"""The organisation page's section of the partnerships it is party to (registered on
organisations.panels in ready(): the register sits below partnerships)."""

from common.pagination import paginate
from common.panels import Panel

from .models import Partnership

# Sortable columns, each backed by an index (the primary key breaks ties).
SORTS = {"start": ("start_date", "title", "pk"), "title": ("title", "pk")}


def organisation_partnerships_panel(*, user, request, organisation) -> Panel:
    """The partnerships the user may see that the organisation is party to, paged."""
    partnerships = (
        Partnership.objects.visible_to(user)
        .filter(pk__in=organisation.parties.values("partnership_id"))
        .select_related("public_body")
    )
    listing = paginate(request, partnerships, sorts=SORTS, default="-start")
    return Panel("partnerships/includes/organisation_partnerships.html", {"partnerships": listing})
