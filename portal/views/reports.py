"""Activity reports: aggregated figures only, and every figure below 5 masked outside the
organisation that entered it, on the page and in the CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.exports import csv_writer
from common.forms import add_service_errors
from common.pagination import paginate
from finance.models import BudgetPeriod
from governance.models import GroupReport
from organisations.models import Organisation
from partnerships import lookup as partnership_lookup
from partnerships.models import Partnership
from portal import forms, permissions, selectors, services
from portal.charts import people_reached_chart
from portal.constants import Dimension, ReportStatus
from portal.models import ActivityReport


def _report(request, pk) -> ActivityReport:
    return get_object_or_404(
        ActivityReport.objects.visible_to(request.user).for_list().prefetch_related("figures"),
        pk=pk,
    )


def _group_reports(partnership):
    return GroupReport.objects.filter(group__partnership=partnership).order_by("period_start")


@login_required
def reports(request):
    """Activity reports, filtered by a partnership: `partnership` is its id (links from other
    pages) or what the user typed in the search field (title or registry number)."""
    partnerships = Partnership.objects.visible_to(request.user)
    typed = request.GET.get("partnership", "").strip()
    chosen, matches = None, partnerships.none()
    if typed.isdigit():
        chosen = get_object_or_404(partnerships, pk=typed)
    elif typed:
        matches = partnership_lookup.resolve(typed, partnerships)
        found = list(matches[:2])
        if len(found) == 1:
            chosen = found[0]
    items = ActivityReport.objects.visible_to(request.user).for_list()
    if chosen:
        items = items.filter(partnership=chosen)
    elif typed:
        items = items.filter(partnership__in=matches.values("pk"))
    listing = paginate(request, items.order_by("-period__start", "kind", "pk"))
    return render(
        request,
        "portal/reports.html",
        {
            "chosen": chosen,
            "typed": partnership_lookup.partnership_label(chosen) if chosen else typed,
            "options": partnership_lookup.suggestions(typed, partnerships) if typed else [],
            "reports": listing,
            "chart": people_reached_chart(user=request.user, reports=items),
        },
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
        version=services.REPORT_VERSION.version(report),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.report_update(
                    report=report,
                    user=request.user,
                    figures=form.figures(),
                    version=form.version,
                    **form.report_values(),
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
    writer = csv_writer(response, delimiter=";")
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
