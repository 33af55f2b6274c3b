"""Everything due soon or overdue for the user's bodies."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from governance import selectors


@login_required
def dashboard(request):
    items = selectors.dashboard_deadlines(user=request.user)
    return render(
        request,
        "governance/dashboard.html",
        {
            "overdue": [item for item in items if item.overdue],
            "upcoming": [item for item in items if not item.overdue],
            "horizon_days": selectors.DASHBOARD_HORIZON_DAYS,
        },
    )
