"""Portal pages. Every lookup starts from what the user may see (`visible_to`): another
organisation's account or report is a 404. Changes are POST-only and checked again in the
services; a visible object the user may only read answers 403."""

import csv

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finance.models import BudgetPeriod
from governance.models import GroupReport
from iop.forms import add_service_errors
from organisations.models import Organisation
from organisations.roles import roles_for
from partnerships.models import Partnership, Party

from . import forms, permissions, selectors, services
from .constants import AccountStatus, Dimension, ReportStatus
from .models import (
    AccountAttachment,
    AccountLine,
    ActivityReport,
    AnnualAccount,
    Settlement,
    deviation_threshold,
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


# Start page --------------------------------------------------------------------------------


@login_required
def home(request):
    roles = roles_for(request.user)
    if not roles.representative_of:
        if roles.is_staff_member:
            return redirect("portal:overview")
        raise PermissionDenied
    return render(request, "portal/home.html", selectors.representative_home(request.user))


# Accounts ----------------------------------------------------------------------------------


@login_required
def account_new(request, party_pk, period_pk):
    party = get_object_or_404(
        Party.objects.filter(
            partnership__in=Partnership.objects.visible_to(request.user).values("pk"),
            organisation_id__in=roles_for(request.user).representative_of,
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
        "can_edit": permissions.can_edit_account(user, account),
        "can_review": permissions.can_review_account(user, account)
        and account.status == AccountStatus.SUBMITTED,
        "review_form": forms.ReviewForm(),
        "settlement": Settlement.objects.filter(account=account).first(),
        "settlement_form": forms.SettlementForm(),
        "can_decide": permissions.can_review_account(user, account),
        "due": selectors.account_due(account.period),
    }
    return render(request, "portal/account_detail.html", context)


def _store_uploads(form, account, user) -> None:
    for kind, upload in form.uploads():
        if upload:
            services.attachment_add(account=account, user=user, kind=kind, upload=upload)


@login_required
def account_edit(request, pk):
    account = _account(request, pk)
    if account.party.organisation_id not in roles_for(request.user).representative_of:
        raise PermissionDenied
    if not account.is_editable:
        messages.info(
            request,
            _("The account has been submitted and can no longer be changed by the organisation."),
        )
        return redirect(account)
    form = forms.AccountForm(request.POST or None, request.FILES or None, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.account_save(
                    account=account,
                    user=request.user,
                    lines=form.line_values(),
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
                form = forms.AccountForm(request.POST, account=account)
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
            "threshold": deviation_threshold(),
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
            "can_review": account.status == AccountStatus.SUBMITTED,
            "review_form": form,
            "due": selectors.account_due(account.period),
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
            "due": selectors.account_due(account.period),
        },
        status=400,
    )


# Review overview ---------------------------------------------------------------------------


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
            "rows": rows,
            "counts": selectors.overview_counts(rows),
            "deadlines": selectors.deadlines_for(request.user, today=today),
        },
    )


# Invitations -------------------------------------------------------------------------------


@login_required
def invite(request):
    if not permissions.can_invite(request.user):
        raise PermissionDenied
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                organisation=form.cleaned_data["organisation"],
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("portal:invite")
    return render(request, "portal/invite.html", {"form": form})


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invitation link: choose a password, then log in."""

    template_name = "portal/set_password.html"
    success_url = reverse_lazy("login")
    reset_url_token = "set-password"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been set. Log in to continue."))
        return response


set_password = SetPasswordView.as_view()


# Activity reports --------------------------------------------------------------------------


def _report(request, pk) -> ActivityReport:
    return get_object_or_404(
        ActivityReport.objects.visible_to(request.user).for_list().prefetch_related("figures"),
        pk=pk,
    )


def _group_reports(partnership):
    return GroupReport.objects.filter(group__partnership=partnership).order_by("period_start")


@login_required
def reports(request):
    partnerships = Partnership.objects.visible_to(request.user).order_by("title")
    chosen = None
    if request.GET.get("partnership", "").isdigit():
        chosen = get_object_or_404(partnerships, pk=request.GET["partnership"])
    items = ActivityReport.objects.visible_to(request.user).for_list()
    if chosen:
        items = items.filter(partnership=chosen)
    return render(
        request,
        "portal/reports.html",
        {"partnerships": partnerships, "chosen": chosen, "reports": items},
    )


@login_required
def report_new(request, partnership_pk):
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_pk)
    organisations = permissions.reporting_organisations(request.user, partnership)
    if not organisations:
        raise PermissionDenied
    form = forms.ReportForm(
        request.POST or None,
        periods=BudgetPeriod.objects.filter(partnership=partnership),
        organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
        group_reports=_group_reports(partnership),
        initial={"organisation": organisations[0].pk if len(organisations) == 1 else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                report = services.report_create(
                    partnership=partnership,
                    period=form.cleaned_data["period"],
                    kind=form.cleaned_data["kind"],
                    organisation=form.cleaned_data["organisation"],
                    user=request.user,
                    figures=form.figures(),
                    **form.report_values(),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The report has been saved as a draft."))
            return redirect(report)
    return render(request, "portal/report_form.html", {"form": form, "partnership": partnership})


@login_required
def report_edit(request, pk):
    report = _report(request, pk)
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied
    form = forms.ReportForm(
        request.POST or None,
        periods=BudgetPeriod.objects.none(),
        organisations=Organisation.objects.none(),
        group_reports=_group_reports(report.partnership),
        fixed=True,
        initial=forms.ReportForm.initial_for(report),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.report_update(
                    report=report, user=request.user, figures=form.figures(), **form.report_values()
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The report has been saved."))
            return redirect(report)
    return render(
        request,
        "portal/report_form.html",
        {"form": form, "partnership": report.partnership, "report": report},
    )


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    owner = permissions.owns_report(request.user, report)
    figures = selectors.report_figures(report, viewer_is_owner=owner)
    groups = [
        (label, [row for row in figures if row.dimension == code])
        for code, label in Dimension.choices
    ]
    return render(
        request,
        "portal/report_detail.html",
        {
            "report": report,
            "groups": groups,
            "feedback_count": selectors.mask_small(report.feedback_count, owner),
            "complaints_count": selectors.mask_small(report.complaints_count, owner),
            "can_edit": permissions.can_edit_report(request.user, report),
            "is_owner": owner,
        },
    )


@login_required
@require_POST
def report_submit(request, pk):
    report = _report(request, pk)
    if not permissions.can_edit_report(request.user, report):
        if report.status == ReportStatus.SUBMITTED:
            messages.error(request, _("The report has already been submitted."))
            return redirect(report)
        raise PermissionDenied
    try:
        services.report_submit(report=report, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report has been submitted."))
    return redirect(report)


CSV_HEADER = (
    "partnership",
    "contract_year",
    "report",
    "entered_by",
    "dimension",
    "category",
    "count",
)


@login_required
def reports_csv(request):
    """Aggregated figures of the reports the user may see; small figures masked as "<5"
    outside the organisation that entered them."""
    items = ActivityReport.objects.visible_to(request.user).for_list().prefetch_related("figures")
    if request.GET.get("partnership", "").isdigit():
        items = items.filter(partnership_id=request.GET["partnership"])
    if request.GET.get("report", "").isdigit():
        items = items.filter(pk=request.GET["report"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="activity-figures.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    for report in items:
        owner = permissions.owns_report(request.user, report)
        base = (
            report.partnership.title,
            report.period.label,
            report.kind,
            report.organisation.name,
        )
        for figure in report.figures.all():
            shown = selectors.mask_small(figure.count, owner)
            writer.writerow((*base, figure.dimension, figure.category, shown))
        writer.writerow((*base, "feedback", "", selectors.mask_small(report.feedback_count, owner)))
        writer.writerow(
            (*base, "complaints", "", selectors.mask_small(report.complaints_count, owner))
        )
    return response
