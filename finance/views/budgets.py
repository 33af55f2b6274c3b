"""Finance terms, budget periods, budgets, co-financing and other income."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from finance import forms, services
from finance.models import Budget, BudgetPeriod, CoFinancing
from partnerships.models import Appendix, Party

from .common import _back, _partnership


@login_required
def terms_update(request, pk):
    partnership = _partnership(request, pk, manage=True)
    terms = services.terms_for(partnership=partnership)
    form = forms.TermsForm(
        request.POST or None, instance=terms, version=services.TERMS_VERSION.version(terms)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.terms_update(
                partnership=partnership,
                version=form.version,
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
    form = forms.BudgetForm(
        data,
        initial={"total": budget.total if budget else None},
        version=services.BUDGET_VERSION.version(budget),
    )
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
                    version=form.version,
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
    form = forms.CoFinancingForm(
        request.POST or None,
        initial=initial,
        version=services.COFINANCING_VERSION.version(current),
    )
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
