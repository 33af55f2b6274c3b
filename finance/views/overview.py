"""The body's finance overview and a partnership's finance page."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from common.pagination import paginate
from finance import forms, services
from finance.charts import payments_over_time, payments_per_year
from finance.models import BudgetPeriod, OtherIncome, Payment, Termination
from finance.panels import finance_page_panels
from finance.permissions import can_manage_finance, organisation_filter
from finance.queue import payment_groups, with_movable_now
from finance.selectors import body_overview, budget_grid, partnership_summary, payments_due
from partnerships.models import Partnership

from .common import _partnership, _with_actions
from .queue import queue_context


@login_required
def overview(request, queue: dict | None = None):
    """The body's finances: the approval queue (`queue` when a bulk action comes back with
    refusals), what is due, the years' totals and the payments over time."""
    partnerships = Partnership.objects.visible_to(request.user)
    # One grouped query for the queue's totals, the years' payments and the chart.
    groups = payment_groups(user=request.user)
    due = paginate(
        request, with_movable_now(payments_due(user=request.user).order_by("due_date", "pk"))
    )
    due.page.object_list = _with_actions(request, due.page.object_list)
    with_budgets = partnerships.filter(
        pk__in=BudgetPeriod.objects.filter(partnership__in=partnerships.values("pk")).values(
            "partnership_id"
        )
    ).order_by("title", "pk")
    return render(
        request,
        "finance/overview.html",
        {
            "years": body_overview(user=request.user, payments=groups),
            "due": due,
            "partnerships": paginate(request, with_budgets, page_param="partnerships_page"),
            "payments_chart": payments_per_year(groups=groups, slug="payments-per-year"),
            **(queue or queue_context(request, groups=groups)),
        },
    )


@login_required
def partnership_detail(request, pk):
    partnership = _partnership(request, pk)
    only = organisation_filter(request.user, partnership)
    can_manage = can_manage_finance(request.user, partnership)
    payments = _with_actions(
        request, Payment.objects.visible_to(request.user).filter(partnership=partnership).for_list()
    )
    return render(
        request,
        "finance/partnership.html",
        {
            "partnership": partnership,
            "terms": services.terms_for(partnership=partnership),
            "finance_summary": partnership_summary(partnership=partnership, organisation_ids=only),
            "grid": budget_grid(partnership=partnership, organisation_ids=only),
            "payments": payments,
            "payments_total": sum((p.amount for p in payments), Decimal("0")),
            "payments_chart": payments_over_time(
                payments=Payment.objects.visible_to(request.user).filter(partnership=partnership),
                slug="payments-per-quarter",
                by_quarter=True,
            ),
            "other_income": OtherIncome.objects.filter(partnership=partnership).select_related(
                "period"
            )
            if only is None
            else [],
            "terminations": Termination.objects.filter(partnership=partnership).select_related(
                "party__organisation"
            ),
            "can_manage": can_manage,
            "generate_form": forms.PeriodsGenerateForm(),
            "panels": finance_page_panels.render(request=request, partnership=partnership),
        },
    )
