"""The payment schedule, payments and their exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from common.pagination import paginate
from common.redirects import redirect_to_next
from finance import forms, services
from finance.constants import PaymentStatus
from finance.jobs import EXPORT_ALL
from finance.models import Payment
from finance.permissions import can_export_payments, can_manage_finance
from finance.resources import PaymentResource
from finance.selectors import sie_bodies
from jobs.services import job_start
from organisations import lookup as organisation_lookup
from partnerships import lookup as partnership_lookup
from partnerships.models import Partnership

from .common import _back, _partnership, _with_actions


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


# Sortable columns, each backed by an index (finance.Payment's Meta.indexes).
PAYMENT_SORTS = {"due": ("due_date", "pk"), "status": ("status", "due_date", "pk")}
PAYMENTS_PER_PAGE = 50


@login_required
def payment_list(request):
    visible = Payment.objects.visible_to(request.user)
    payments = visible.for_list()
    status = request.GET.get("status", "")
    if status in PaymentStatus.values:
        payments = payments.filter(status=status)
    organisation = request.GET.get("organisation", "").strip()
    partnership = request.GET.get("partnership", "").strip()
    visible_partnerships = Partnership.objects.visible_to(request.user)
    if organisation:
        payments = payments.filter(
            party__organisation__in=organisation_lookup.resolve(organisation).values("pk")
        )
    if partnership:
        payments = payments.filter(
            partnership__in=partnership_lookup.resolve(partnership, visible_partnerships).values(
                "pk"
            )
        )
    listing = paginate(
        request, payments, sorts=PAYMENT_SORTS, default="due", per_page=PAYMENTS_PER_PAGE
    )
    listing.page.object_list = _with_actions(request, listing.page.object_list)
    return render(
        request,
        "finance/payment_list.html",
        {
            "listing": listing,
            "payments": listing.page.object_list,
            "status": status,
            "statuses": PaymentStatus.choices,
            "organisation": organisation,
            "partnership": partnership,
            "organisation_options": organisation_lookup.suggestions(
                organisation, visible_partnerships.party_organisations()
            )
            if organisation
            else [],
            "partnership_options": partnership_lookup.suggestions(partnership, visible_partnerships)
            if partnership
            else [],
            "can_export": can_export_payments(request.user),
            "sie_bodies": sie_bodies(user=request.user),
        },
    )


def _payment(request, pk) -> Payment:
    return get_object_or_404(Payment.objects.visible_to(request.user).for_list(), pk=pk)


@login_required
def payment_detail(request, pk, pay_form=None, stop_form=None, allow_form=None, errors=()):
    payment = _payment(request, pk)
    refusal = (
        services.payment_refusal(payment)
        if payment.status in (PaymentStatus.PLANNED, PaymentStatus.APPROVED)
        else None
    )
    return render(
        request,
        "finance/payment_detail.html",
        {
            "payment": payment,
            "events": payment.events.select_related("user"),
            "can_manage": can_manage_finance(request.user, payment.partnership),
            "pay_form": pay_form or forms.PayForm(initial={"paid_on": timezone.localdate()}),
            "stop_form": stop_form or forms.StopForm(),
            "refusal": refusal,
            "allow_form": allow_form or forms.AllowanceForm(),
            "errors": errors,
        },
        status=400 if errors or (pay_form or stop_form or allow_form) else 200,
    )


def _payment_action(request, pk):
    payment = _payment(request, pk)
    if not can_manage_finance(request.user, payment.partnership):
        raise PermissionDenied
    return payment


def _after_action(request, payment):
    return redirect_to_next(request, payment_url(payment))


def payment_url(payment):
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


@login_required
@require_POST
def payment_allow(request, pk):
    payment = _payment_action(request, pk)
    form = forms.AllowanceForm(request.POST)
    if form.is_valid():
        try:
            services.payment_allow(payment=payment, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision was recorded: the payment may be made."))
            return _after_action(request, payment)
    return payment_detail(request, pk, allow_form=form)


@login_required
@require_POST
def payments_export_all(request):
    """Every payment the user may see, as CSV, made in the background."""
    if not can_export_payments(request.user):
        raise PermissionDenied
    return redirect(job_start(kind=EXPORT_ALL, user=request.user))


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
