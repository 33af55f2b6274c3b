"""The public body's side of annual accounts: review, the settlement of unspent money and the
overview per year. A visible account the user may only read answers 403 on changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from common.pagination import paginate
from portal import forms, permissions, selectors, services
from portal.constants import AccountStatus
from portal.models import Settlement
from portal.views.accounts import _account


@login_required
@require_POST
def account_review(request, pk):
    account = _account(request, pk)
    if not permissions.can_review_account(request.user, account):
        raise PermissionDenied
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.account_approve(
                    account=account, user=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("The account has been approved."))
            else:
                services.account_return(
                    account=account, user=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("The account has been returned to the organisation."))
            return redirect(account)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(
        request,
        "portal/account_detail.html",
        {
            "account": account,
            "lines": account.lines.all(),
            "can_review": AccountStatus.APPROVED in account.allowed_transitions,
            "review_form": form,
            "due": selectors.account_due(
                account.period, body=account.party.partnership.public_body_id
            ),
        },
        status=400,
    )


@login_required
@require_POST
def settlement_decide(request, pk):
    account = _account(request, pk)
    settlement = Settlement.objects.filter(account=account).first()
    if settlement is None:
        raise Http404
    if not permissions.can_review_account(request.user, account):
        raise PermissionDenied
    form = forms.SettlementForm(request.POST)
    if form.is_valid():
        try:
            services.settlement_decide(
                settlement=settlement,
                user=request.user,
                accept=form.cleaned_data["accept"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(account)
    return render(
        request,
        "portal/account_detail.html",
        {
            "account": account,
            "lines": account.lines.all(),
            "settlement": settlement,
            "settlement_form": form,
            "can_decide": True,
            "due": selectors.account_due(
                account.period, body=account.party.partnership.public_body_id
            ),
        },
        status=400,
    )


@login_required
def overview(request):
    if not permissions.can_review_any(request.user):
        raise PermissionDenied
    years = selectors.review_years(request.user)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    if year not in years:
        past = [y for y in years if y < today.year]
        year = past[-1] if past else (years[-1] if years else today.year)
    rows = selectors.review_overview(request.user, year=year, today=today)
    return render(
        request,
        "portal/overview.html",
        {
            "years": years,
            "year": year,
            "rows": paginate(request, rows),
            "counts": selectors.overview_counts(rows),
            "deadlines": paginate(
                request,
                selectors.deadlines_for(request.user, today=today),
                page_param="deadlines_page",
            ),
        },
    )
