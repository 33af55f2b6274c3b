"""Annual accounts as the organisation writes them, and their attachments. Every lookup starts
from what the user may see (`visible_to`): another organisation's account is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors, keep_input_with_version
from finance.models import BudgetPeriod
from partnerships.models import Partnership, Party
from portal import forms, permissions, selectors, services
from portal.charts import account_chart
from portal.constants import AccountStatus
from portal.models import (
    AccountAttachment,
    AccountLine,
    AnnualAccount,
    Settlement,
)


def _account(request, pk) -> AnnualAccount:
    return get_object_or_404(
        AnnualAccount.objects.visible_to(request.user)
        .for_list()
        .select_related("party__partnership__public_body", "submitted_by")
        .prefetch_related(
            Prefetch("lines", queryset=AccountLine.objects.order_by("pk")),
            "attachments",
            "reviews__reviewer",
        ),
        pk=pk,
    )


@login_required
def account_new(request, party_pk, period_pk):
    party = get_object_or_404(
        permissions.represented_parties(
            request.user,
            Party.objects.filter(
                partnership__in=Partnership.objects.visible_to(request.user).values("pk")
            ),
        ).select_related("organisation", "partnership"),
        pk=party_pk,
    )
    period = get_object_or_404(BudgetPeriod, pk=period_pk, partnership_id=party.partnership_id)
    existing = AnnualAccount.objects.filter(party=party, period=period).first()
    if existing:
        return redirect("portal:account_edit", pk=existing.pk)
    error = None
    if request.method == "POST":
        try:
            with transaction.atomic():
                account = services.account_create(party=party, period=period, user=request.user)
        except ValidationError as exc:
            error = exc.messages
        else:
            return redirect("portal:account_edit", pk=account.pk)
    return render(
        request,
        "portal/account_new.html",
        {"party": party, "period": period, "errors": error, "due": selectors.account_due(period)},
    )


@login_required
def account_detail(request, pk):
    account = _account(request, pk)
    user = request.user
    context = {
        "account": account,
        "lines": account.lines.all(),
        "chart": account_chart(account),
        "can_edit": permissions.can_edit_account(user, account),
        "can_review": permissions.can_review_account(user, account)
        and AccountStatus.APPROVED in account.allowed_transitions,
        "review_form": forms.ReviewForm(),
        "settlement": Settlement.objects.filter(account=account).first(),
        "settlement_form": forms.SettlementForm(),
        "can_decide": permissions.can_review_account(user, account),
        "due": selectors.account_due(account.period, body=account.party.partnership.public_body_id),
    }
    return render(request, "portal/account_detail.html", context)


def _store_uploads(form, account, user) -> None:
    for kind, upload in form.uploads():
        if upload:
            services.attachment_add(account=account, user=user, kind=kind, upload=upload)


@login_required
def account_edit(request, pk):
    account = _account(request, pk)
    if not permissions.can_fill_account(request.user, account):
        raise PermissionDenied
    if not account.is_editable:
        messages.info(
            request,
            _("The account has been submitted and can no longer be changed by the organisation."),
        )
        return redirect(account)
    form = forms.AccountForm(
        request.POST or None,
        request.FILES or None,
        account=account,
        version=services.ACCOUNT_VERSION.version(account),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.account_save(
                    account=account,
                    user=request.user,
                    lines=form.line_values(),
                    version=form.version,
                    **form.account_values(),
                )
                _store_uploads(form, account, request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.POST.get("action") != "submit":
                messages.success(request, _("The draft has been saved."))
                return redirect("portal:account_edit", pk=account.pk)
            try:
                services.account_submit(account=account, user=request.user)
            except ValidationError as exc:
                # The draft is saved; only the submission was refused.
                account = _account(request, pk)
                current = services.ACCOUNT_VERSION.version(account)
                form = forms.AccountForm(request.POST, account=account, version=current)
                # The draft just saved is the version the form now stands on.
                keep_input_with_version(form, current)
                form.is_valid()
                add_service_errors(form, exc)
                form.draft_saved = True
            else:
                messages.success(request, _("The account has been submitted."))
                return redirect(account)
    account = _account(request, pk)
    return render(
        request,
        "portal/account_form.html",
        {
            "account": account,
            "form": form,
            "rows": _rows_with_flags(form, account),
            "last_review": (list(account.reviews.all()) or [None])[-1],
            "threshold": account.deviation_threshold,
        },
    )


def _rows_with_flags(form, account):
    lines = {line.pk: line for line in account.lines.all()}
    rows = form.line_rows()
    for row in rows:
        row["line"] = lines.get(row["line"].pk, row["line"])
    return rows


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(
        AccountAttachment.objects.filter(
            account__in=AnnualAccount.objects.visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = get_object_or_404(
        AccountAttachment.objects.filter(
            account__in=AnnualAccount.objects.visible_to(request.user).values("pk")
        ).select_related("account__party"),
        pk=pk,
    )
    account = attachment.account
    if not permissions.can_edit_account(request.user, account):
        raise PermissionDenied
    services.attachment_remove(attachment=attachment, user=request.user)
    messages.success(request, _("The document has been removed."))
    return redirect("portal:account_edit", pk=account.pk)
