"""Everything due soon or overdue for the user's bodies."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from common.pagination import paginate
from governance import selectors


@login_required
def dashboard(request):
    items = selectors.dashboard_deadlines(user=request.user)
    return render(
        request,
        "governance/dashboard.html",
        {
            # Overdue: the longest overdue first; coming up: the nearest first.
            "overdue": paginate(
                request, [item for item in items if item.overdue], page_param="overdue_page"
            ),
            "upcoming": paginate(request, [item for item in items if not item.overdue]),
            "horizon_days": selectors.DASHBOARD_HORIZON_DAYS,
        },
    )
