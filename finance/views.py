"""Finance pages. Every lookup starts from what the user may see (another body's or
organisation's object is a 404); changes need `can_manage_finance` (403 otherwise)."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from partnerships.constants import AppendixStatus
from partnerships.models import Appendix, Partnership, Party

from . import forms, services
from .constants import PaymentStatus
from .models import Budget, BudgetPeriod, CoFinancing, OtherIncome, Payment, Termination
from .permissions import can_export_payments, can_manage_finance, organisation_filter
from .selectors import body_overview, partnership_summary, payments_due


def _partnership(request, pk, *, manage=False) -> Partnership:
    partnership = get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("public_body"), pk=pk
    )
    if manage and not can_manage_finance(request.user, partnership):
        raise PermissionDenied
    return partnership


def _back(partnership):
    return redirect("finance:partnership", pk=partnership.pk)


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


@login_required
def terms_update(request, pk):
    partnership = _partnership(request, pk, manage=True)
    terms = services.terms_for(partnership=partnership)
    form = forms.TermsForm(request.POST or None, instance=terms)
    if request.method == "POST" and form.is_valid():
        try:
            services.terms_update(
                partnership=partnership,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The payment terms were saved."))
            return _back(partnership)
    return render(
        request,
        "finance/form.html",
        {"partnership": partnership, "form": form, "heading": _("Payment terms")},
    )


@login_required
@require_POST
def periods_generate(request, pk):
    partnership = _partnership(request, pk, manage=True)
    form = forms.PeriodsGenerateForm(request.POST)
    if form.is_valid():
        try:
            services.budget_periods_generate(
                partnership=partnership, basis=form.cleaned_data["basis"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The budget periods were generated."))
    return _back(partnership)


@login_required
def period_create(request, pk):
    partnership = _partnership(request, pk, manage=True)
    form = forms.BudgetPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_period_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The budget period was added."))
            return _back(partnership)
    return render(
        request,
        "finance/form.html",
        {"partnership": partnership, "form": form, "heading": _("Add a budget period")},
    )


@login_required
def budget_edit(request, pk, appendix_pk, period_pk):
    partnership = _partnership(request, pk, manage=True)
    appendix = get_object_or_404(
        Appendix.objects.select_related("party__organisation"),
        pk=appendix_pk,
        party__partnership=partnership,
    )
    period = get_object_or_404(BudgetPeriod, pk=period_pk, partnership=partnership)
    budget = Budget.objects.filter(appendix=appendix, period=period).first()
    initial_lines = (
        [{"category": line.category, "amount": line.amount} for line in budget.lines.all()]
        if budget
        else []
    )
    data = request.POST if request.method == "POST" else None
    form = forms.BudgetForm(data, initial={"total": budget.total if budget else None})
    lines = forms.BudgetLineFormSet(data, initial=initial_lines, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        entered = [
            (line["category"], line["amount"])
            for line in lines.cleaned_data
            if line.get("category") and line.get("amount") is not None
        ]
        try:
            with transaction.atomic():
                services.budget_save(
                    appendix=appendix,
                    period=period,
                    lines=entered,
                    total=form.cleaned_data["total"],
                    user=request.user,
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The budget was saved."))
            return _back(partnership)
    return render(
        request,
        "finance/budget_form.html",
        {
            "partnership": partnership,
            "appendix": appendix,
            "period": period,
            "form": form,
            "lines": lines,
        },
    )


@login_required
def cofinancing_edit(request, pk, party_pk, period_pk):
    partnership = _partnership(request, pk, manage=True)
    party = get_object_or_404(
        Party.objects.select_related("organisation"), pk=party_pk, partnership=partnership
    )
    period = get_object_or_404(BudgetPeriod, pk=period_pk, partnership=partnership)
    current = CoFinancing.objects.filter(party=party, period=period).first()
    initial = (
        {"amount": current.amount, "in_kind": current.in_kind, "valuation": current.valuation}
        if current
        else {}
    )
    form = forms.CoFinancingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cofinancing_save(party=party, period=period, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The co-financing was saved."))
            return _back(partnership)
    heading = _("Co-financing: %(organisation)s, %(period)s") % {
        "organisation": party.organisation.name,
        "period": period.label,
    }
    return render(
        request, "finance/form.html", {"partnership": partnership, "form": form, "heading": heading}
    )


@login_required
def other_income_create(request, pk):
    partnership = _partnership(request, pk, manage=True)
    form = forms.OtherIncomeForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.other_income_record(partnership=partnership, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The income was recorded."))
            return _back(partnership)
    return render(
        request,
        "finance/form.html",
        {"partnership": partnership, "form": form, "heading": _("Record other income")},
    )


@login_required
def schedule(request, pk):
    """GET shows what generating would change; POST applies it."""
    partnership = _partnership(request, pk, manage=True)
    try:
        if request.method == "POST":
            plan = services.schedule_generate(partnership=partnership, user=request.user)
            for problem in plan.problems:
                messages.warning(request, problem)
            messages.success(
                request,
                _("The payment schedule was updated: %(created)s created, %(removed)s removed.")
                % {"created": len(plan.create), "removed": len(plan.remove)},
            )
            return _back(partnership)
        plan = services.schedule_preview(partnership=partnership)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _back(partnership)
    return render(request, "finance/schedule.html", {"partnership": partnership, "plan": plan})


def _with_actions(request, payments) -> list[Payment]:
    from organisations.roles import roles_for

    roles = roles_for(request.user)
    payments = list(payments)
    for payment in payments:
        payment.can_manage = (
            roles.is_superuser or payment.partnership.public_body_id in roles.administrator_of
        )
    return payments


@login_required
def payment_list(request):
    payments = Payment.objects.visible_to(request.user).for_list()
    status = request.GET.get("status", "")
    if status in PaymentStatus.values:
        payments = payments.filter(status=status)
    payments = _with_actions(request, payments)
    return render(
        request,
        "finance/payment_list.html",
        {
            "payments": payments,
            "status": status,
            "statuses": PaymentStatus.choices,
            "can_export": can_export_payments(request.user),
        },
    )


def _payment(request, pk) -> Payment:
    return get_object_or_404(Payment.objects.visible_to(request.user).for_list(), pk=pk)


@login_required
def payment_detail(request, pk, pay_form=None, stop_form=None, errors=()):
    payment = _payment(request, pk)
    return render(
        request,
        "finance/payment_detail.html",
        {
            "payment": payment,
            "events": payment.events.select_related("user"),
            "can_manage": can_manage_finance(request.user, payment.partnership),
            "pay_form": pay_form or forms.PayForm(initial={"paid_on": timezone.localdate()}),
            "stop_form": stop_form or forms.StopForm(),
            "errors": errors,
        },
        status=400 if errors or (pay_form or stop_form) else 200,
    )


def _payment_action(request, pk):
    payment = _payment(request, pk)
    if not can_manage_finance(request.user, payment.partnership):
        raise PermissionDenied
    return payment


def _after_action(request, payment):
    return redirect(request.POST.get("next") or payment_url(payment))


def payment_url(payment):
    from django.urls import reverse

    return reverse("finance:payment", args=[payment.pk])


@login_required
@require_POST
def payment_approve(request, pk):
    payment = _payment_action(request, pk)
    try:
        services.payment_approve(payment=payment, user=request.user)
    except ValidationError as exc:
        return payment_detail(request, pk, errors=exc.messages)
    messages.success(request, _("The payment was approved."))
    return _after_action(request, payment)


@login_required
@require_POST
def payment_pay(request, pk):
    payment = _payment_action(request, pk)
    form = forms.PayForm(request.POST)
    if form.is_valid():
        try:
            services.payment_pay(
                payment=payment, user=request.user, paid_on=form.cleaned_data["paid_on"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The payment was marked as paid."))
            return _after_action(request, payment)
    return payment_detail(request, pk, pay_form=form)


@login_required
@require_POST
def payment_stop(request, pk):
    payment = _payment_action(request, pk)
    form = forms.StopForm(request.POST)
    if form.is_valid():
        try:
            services.payment_stop(
                payment=payment, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The payment was stopped."))
            return _after_action(request, payment)
    return payment_detail(request, pk, stop_form=form)


def _approved_payments(request):
    if not can_export_payments(request.user):
        raise PermissionDenied
    return (
        Payment.objects.visible_to(request.user)
        .filter(status=PaymentStatus.APPROVED)
        .for_list()
        .order_by("due_date", "pk")
    )


@login_required
def payments_export(request, fmt):
    """Approved payments for the finance system, as CSV or Excel."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    from .resources import PaymentResource

    dataset = PaymentResource().export(queryset=_approved_payments(request))
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(dataset.export("csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="utbetalningar-{stamp}.{fmt}"'
    return response


@login_required
def payments_sie(request):
    from .sie import sie_vouchers

    content = sie_vouchers(payments=_approved_payments(request), user=request.user)
    response = HttpResponse(content, content_type="text/plain; charset=cp437")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="utbetalningar-{stamp}.si"'
    return response


@login_required
def terminate(request, pk):
    """Step one (preview): shows what would be kept, stopped and paid back. Step two
    (`confirm` in the POST): applies it."""
    partnership = _partnership(request, pk, manage=True)
    form = forms.TerminationForm(request.POST or None, partnership=partnership)
    plan = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "confirm" in request.POST:
                services.termination_apply(
                    partnership=partnership,
                    party=data["party"],
                    date=data["date"],
                    reason=data["reason"],
                    user=request.user,
                )
                messages.success(request, _("The termination was recorded."))
                return _back(partnership)
            plan = services.termination_preview(
                partnership=partnership, party=data["party"], date=data["date"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(
        request,
        "finance/terminate.html",
        {"partnership": partnership, "form": form, "plan": plan},
        status=400 if form.errors else 200,
    )


@login_required
def extend(request, pk):
    partnership = _partnership(request, pk, manage=True)
    error = new_end = None
    try:
        new_end = services.extension_end(partnership=partnership)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.method == "POST" and not error:
        try:
            services.partnership_extend(partnership=partnership, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The partnership was extended by a year."))
            return _back(partnership)
    return render(
        request,
        "finance/extend.html",
        {"partnership": partnership, "new_end": new_end, "error": error},
        status=400 if error and request.method == "POST" else 200,
    )
