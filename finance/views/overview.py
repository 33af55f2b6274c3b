"""The body's finance overview and a partnership's finance page."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from finance import forms, services
from finance.models import Budget, BudgetPeriod, CoFinancing, OtherIncome, Payment, Termination
from finance.permissions import can_manage_finance, organisation_filter
from finance.selectors import body_overview, partnership_summary, payments_due
from partnerships.constants import AppendixStatus
from partnerships.models import Appendix, Partnership

from .common import _partnership, _with_actions


@login_required
def overview(request):
    partnerships = Partnership.objects.visible_to(request.user)
    from organisations.roles import roles_for

    roles = roles_for(request.user)
    only = None if roles.is_staff_member else roles.representative_of
    return render(
        request,
        "finance/overview.html",
        {
            "years": body_overview(partnerships=partnerships, organisation_ids=only),
            "due": _with_actions(request, payments_due(user=request.user)),
            "partnerships": partnerships.filter(budget_periods__isnull=False)
            .distinct()
            .order_by("title"),
        },
    )


@login_required
def partnership_detail(request, pk):
    partnership = _partnership(request, pk)
    only = organisation_filter(request.user, partnership)
    parties = partnership.parties.select_related("organisation").prefetch_related(
        Prefetch("appendices", queryset=Appendix.objects.filter(status=AppendixStatus.CURRENT))
    )
    if only is not None:
        parties = parties.filter(organisation_id__in=only)
    budgets = (
        Budget.objects.filter(period__partnership=partnership)
        .select_related("appendix__party", "period")
        .prefetch_related("lines")
    )
    co_financing = CoFinancing.objects.filter(period__partnership=partnership)
    payments = Payment.objects.visible_to(request.user).filter(partnership=partnership).for_list()
    if only is not None:
        budgets = budgets.filter(appendix__party__organisation_id__in=only)
        co_financing = co_financing.filter(party__organisation_id__in=only)
    budget_by_key = {(b.appendix.party_id, b.period_id): b for b in budgets}
    co_by_key = {(c.party_id, c.period_id): c for c in co_financing}
    periods = list(BudgetPeriod.objects.filter(partnership=partnership))
    parties = list(parties)
    can_manage = can_manage_finance(request.user, partnership)
    payments = list(payments)
    for payment in payments:
        payment.can_manage = can_manage
    grid = [
        {
            "period": period,
            "cells": [
                {
                    "party": party,
                    "appendix": next(iter(party.appendices.all()), None),
                    "budget": budget_by_key.get((party.pk, period.pk)),
                    "co_financing": co_by_key.get((party.pk, period.pk)),
                }
                for party in parties
            ],
        }
        for period in periods
    ]
    return render(
        request,
        "finance/partnership.html",
        {
            "partnership": partnership,
            "terms": services.terms_for(partnership=partnership),
            "finance_summary": partnership_summary(partnership=partnership, organisation_ids=only),
            "grid": grid,
            "payments": payments,
            "payments_total": sum((p.amount for p in payments), Decimal("0")),
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
        },
    )
