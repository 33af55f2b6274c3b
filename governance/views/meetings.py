"""Meetings, decisions, minutes, written reports and the yearly compilation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance import permissions, services
from governance.forms import (
    CompilationForm,
    DecisionForm,
    MeetingForm,
    ReportForm,
)
from governance.models import Meeting

from .common import _apply, _deny_unless, _form_page, _group, _partnership


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    group = _group(request, pk)
    _deny_unless(permissions.can_record_meeting(request.user, group))
    form = MeetingForm(request.POST or None, request.FILES or None, group=group)
    if request.method == "POST" and form.is_valid():
        meeting = _apply(
            form,
            lambda: services.meeting_record(group=group, user=request.user, **form.cleaned_data),
        )
        if meeting:
            messages.success(request, _("The meeting was recorded."))
            return redirect(meeting)
    return _form_page(
        request,
        title=_("Record a meeting of the %(group)s") % {"group": group.get_kind_display().lower()},
        form=form,
        back_url=group.get_absolute_url(),
        submit_label=_("Record meeting"),
        context={"group": group, "partnership": group.partnership, "multipart": True},
        status=400 if form.errors else 200,
    )


def _meeting(request, pk) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related(
            "group__partnership", "chair__result", "recorded_by"
        ),
        pk=pk,
    )


def _render_meeting(request, meeting, decision_form=None, status=200):
    group = meeting.group
    can_record = permissions.can_record_meeting(request.user, group)
    if decision_form is None and can_record:
        decision_form = DecisionForm(group=group, initial={"proposed_on": meeting.date})
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "group": group,
            "partnership": group.partnership,
            "attendees": meeting.attendees.select_related("organisation").order_by(
                "organisation__name", "name"
            ),
            "decisions": meeting.decisions.select_related(
                "organisation", "party", "proposed_by_group"
            ),
            "decision_form": decision_form,
            "can_record": can_record,
            "termination_url": _termination_url(group.partnership),
        },
        status=status,
    )


def _termination_url(partnership) -> str | None:
    """The finance app's termination flow (preview first), when it is installed."""
    try:
        return reverse("finance:terminate", args=[partnership.pk])
    except NoReverseMatch:
        return None


@login_required
def meeting_detail(request, pk):
    return _render_meeting(request, _meeting(request, pk))


@login_required
@require_POST
def decision_create(request, pk):
    meeting = _meeting(request, pk)
    _deny_unless(permissions.can_record_meeting(request.user, meeting.group))
    form = DecisionForm(request.POST, group=meeting.group)
    if form.is_valid():
        decision = _apply(
            form,
            lambda: services.decision_record(
                meeting=meeting, user=request.user, **form.cleaned_data
            ),
        )
        if decision:
            messages.success(request, _("The decision was recorded."))
            if getattr(decision, "amendment_opened", False):
                messages.info(
                    request,
                    _(
                        "The agreement was signed, so an amendment was started: prepare it "
                        "and have every party sign it."
                    ),
                )
            return redirect(f"{meeting.get_absolute_url()}#decisions")
    return _render_meeting(request, meeting, decision_form=form, status=400)


@login_required
def minutes_download(request, pk):
    """The minutes file, only through this permission-checked view (never a public URL)."""
    meeting = _meeting(request, pk)
    if not meeting.minutes_file:
        raise Http404
    response = FileResponse(
        meeting.minutes_file.open("rb"),
        as_attachment=True,
        filename=meeting.minutes_file_name or meeting.minutes_file.name.rsplit("/", 1)[-1],
        content_type=meeting.minutes_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, pk):
    group = _group(request, pk)
    _deny_unless(permissions.can_submit_report(request.user, group))
    form = ReportForm(
        request.POST or None,
        group=group,
        initial={"kind": request.GET.get("kind"), "year": request.GET.get("year")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = _apply(
            form,
            lambda: services.report_submit(
                group=group,
                kind=data["kind"],
                year_number=data["year"],
                text=data["text"],
                user=request.user,
            ),
        )
        if report:
            messages.success(request, _("The report was submitted."))
            return redirect(f"{group.get_absolute_url()}#reports")
    return _form_page(
        request,
        title=_("Written report to the steering group"),
        form=form,
        back_url=group.get_absolute_url(),
        submit_label=_("Submit report"),
        context={"group": group, "partnership": group.partnership},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def compilation_create(request, pk):
    partnership = _partnership(request, pk)
    _deny_unless(permissions.can_record_compilation(request.user, partnership))
    form = CompilationForm(
        request.POST or None, partnership=partnership, initial={"year": request.GET.get("year")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        compilation = _apply(
            form,
            lambda: services.compilation_record(
                partnership=partnership,
                year_number=data["year"],
                text=data["text"],
                user=request.user,
            ),
        )
        if compilation:
            messages.success(request, _("The compilation was recorded."))
            return redirect("governance:partnership_groups", pk=partnership.pk)
    return _form_page(
        request,
        title=_("Yearly compilation of the reports"),
        form=form,
        back_url=reverse("governance:partnership_groups", args=[partnership.pk]),
        submit_label=_("Record compilation"),
        context={"partnership": partnership},
        status=400 if form.errors else 200,
    )
