"""Pages for a partnership's groups. Every lookup starts from what the user may see (404
otherwise); every change checks the permission functions (403) and goes through a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.forms import add_service_errors
from partnerships.models import Partnership

from . import permissions, selectors, services
from .forms import (
    CompilationForm,
    DecisionForm,
    DrawForm,
    GroupForm,
    GroupSettingsForm,
    MeetingForm,
    MemberForm,
    MemberLeaveForm,
    RedrawForm,
    ReportForm,
)
from .models import ChairDraw, Compilation, Group, Meeting
from .services.draws import next_term_start


def _partnership(request, pk) -> Partnership:
    return get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("public_body"), pk=pk
    )


def _group(request, pk) -> Group:
    return get_object_or_404(
        Group.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _apply(form, call):
    """Run a service; its ValidationError lands next to the fields it names. None when refused."""
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _form_page(request, *, title, form, back_url, submit_label, context=None, status=200):
    return render(
        request,
        "governance/form.html",
        {
            "title": title,
            "form": form,
            "back_url": back_url,
            "submit_label": submit_label,
            **(context or {}),
        },
        status=status,
    )


# --- dashboard ---------------------------------------------------------------------------


@login_required
def dashboard(request):
    items = selectors.dashboard_deadlines(user=request.user)
    return render(
        request,
        "governance/dashboard.html",
        {
            "overdue": [item for item in items if item.overdue],
            "upcoming": [item for item in items if not item.overdue],
            "horizon_days": selectors.DASHBOARD_HORIZON_DAYS,
        },
    )


# --- groups ------------------------------------------------------------------------------


def _render_partnership_groups(request, partnership, group_form=None, status=200):
    can_manage = permissions.can_manage_groups(request.user, partnership)
    if group_form is None and can_manage:
        group_form = GroupForm()
    return render(
        request,
        "governance/partnership_groups.html",
        {
            "partnership": partnership,
            "groups": selectors.groups_for_partnership(partnership=partnership),
            "compilations": Compilation.objects.filter(partnership=partnership),
            "group_form": group_form,
            "can_manage": can_manage,
            "can_compile": permissions.can_record_compilation(request.user, partnership),
        },
        status=status,
    )


@login_required
def partnership_groups(request, pk):
    return _render_partnership_groups(request, _partnership(request, pk))


@login_required
@require_POST
def group_create(request, pk):
    partnership = _partnership(request, pk)
    _deny_unless(permissions.can_manage_groups(request.user, partnership))
    form = GroupForm(request.POST)
    if form.is_valid():
        group = _apply(
            form,
            lambda: services.group_create(partnership=partnership, **form.cleaned_data),
        )
        if group:
            messages.success(request, _("The group was created."))
            return redirect(group)
    return _render_partnership_groups(request, partnership, group_form=form, status=400)


def _render_group(request, group_id, *, draw_form=None, status=200):
    group = selectors.group_page(group_id=group_id, user=request.user)
    can_draw = permissions.can_draw_chair(request.user, group)
    if draw_form is None and can_draw:
        draw_form = DrawForm(initial={"term_start": next_term_start(group=group)})
    draws = list(group.draws.all())
    replaced_by = {draw.supersedes_id: draw for draw in draws if draw.supersedes_id}
    for draw in draws:
        draw.replaced_by = replaced_by.get(draw.pk)
    in_force = [draw for draw in draws if draw.replaced_by is None]
    return render(
        request,
        "governance/group_detail.html",
        {
            "group": group,
            "partnership": group.partnership,
            "members": list(group.members.all()),
            "meetings": list(group.meetings.all()),
            "draws": draws,
            "chair": selectors.chair_for(in_force, timezone.localdate()),
            "reports": list(group.reports.all()),
            "draw_form": draw_form,
            "can_manage": permissions.can_manage_groups(request.user, group.partnership),
            "can_draw": can_draw,
            "can_record": permissions.can_record_meeting(request.user, group),
            "can_report": permissions.can_submit_report(request.user, group),
        },
        status=status,
    )


@login_required
def group_detail(request, pk):
    try:
        return _render_group(request, pk)
    except Group.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET", "POST"])
def group_settings(request, pk):
    group = _group(request, pk)
    _deny_unless(permissions.can_manage_groups(request.user, group.partnership))
    form = GroupSettingsForm(
        request.POST or None,
        initial={
            "meeting_interval_days": group.meeting_interval_days,
            "chair_term_months": group.chair_term_months,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.group_update(group=group, **form.cleaned_data))
    ):
        messages.success(request, _("The group's settings were saved."))
        return redirect(group)
    return _form_page(
        request,
        title=_("Settings for %(group)s") % {"group": group.get_kind_display().lower()},
        form=form,
        back_url=group.get_absolute_url(),
        submit_label=_("Save"),
        context={"group": group, "partnership": group.partnership},
        status=400 if form.errors else 200,
    )


# --- members -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk):
    group = _group(request, pk)
    _deny_unless(permissions.can_manage_groups(request.user, group.partnership))
    form = MemberForm(request.POST or None, group=group)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.member_add(group=group, **form.cleaned_data))
    ):
        messages.success(request, _("The member was added."))
        return redirect(group)
    return _form_page(
        request,
        title=_("Add a member to the %(group)s") % {"group": group.get_kind_display().lower()},
        form=form,
        back_url=group.get_absolute_url(),
        submit_label=_("Add member"),
        context={"group": group, "partnership": group.partnership},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, pk, member_pk):
    group = _group(request, pk)
    member = get_object_or_404(group.members.select_related("organisation"), pk=member_pk)
    _deny_unless(permissions.can_manage_groups(request.user, group.partnership))
    form = MemberLeaveForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.member_leave(member=member, **form.cleaned_data))
    ):
        messages.success(request, _("%(name)s has left the group.") % {"name": member.name})
        return redirect(group)
    return _form_page(
        request,
        title=_("%(name)s leaves the group") % {"name": member.name},
        form=form,
        back_url=group.get_absolute_url(),
        submit_label=_("Record leaving"),
        context={
            "group": group,
            "partnership": group.partnership,
            "intro": _("The member stays in the group's history."),
        },
        status=400 if form.errors else 200,
    )


# --- chair draws -------------------------------------------------------------------------


@login_required
@require_POST
def chair_draw(request, pk):
    group = _group(request, pk)
    _deny_unless(permissions.can_draw_chair(request.user, group))
    form = DrawForm(request.POST)
    if form.is_valid():
        draw = _apply(
            form,
            lambda: services.chair_draw(
                group=group, user=request.user, term_start=form.cleaned_data["term_start"]
            ),
        )
        if draw:
            messages.success(
                request,
                _("%(organisation)s was drawn as chair for %(start)s–%(end)s.")
                % {"organisation": draw.result, "start": draw.term_start, "end": draw.term_end},
            )
            return redirect(f"{group.get_absolute_url()}#draws")
    return _render_group(request, group.pk, draw_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def chair_redraw(request, pk):
    draw = get_object_or_404(
        ChairDraw.objects.filter(group__in=Group.objects.visible_to(request.user)).select_related(
            "group__partnership", "result"
        ),
        pk=pk,
    )
    group = draw.group
    _deny_unless(permissions.can_draw_chair(request.user, group))
    form = RedrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = _apply(
            form,
            lambda: services.chair_redraw(
                draw=draw, user=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if new:
            messages.success(
                request,
                _("Drawn again: %(organisation)s is chair for %(start)s–%(end)s.")
                % {"organisation": new.result, "start": new.term_start, "end": new.term_end},
            )
            return redirect(f"{group.get_absolute_url()}#draws")
    return _form_page(
        request,
        title=_("Draw the chair again"),
        form=form,
        back_url=group.get_absolute_url(),
        submit_label=_("Draw again"),
        context={
            "group": group,
            "partnership": group.partnership,
            "intro": _(
                "%(organisation)s was drawn for %(start)s–%(end)s. A new draw is recorded "
                "next to this one, which stays visible as replaced."
            )
            % {"organisation": draw.result, "start": draw.term_start, "end": draw.term_end},
        },
        status=400 if form.errors else 200,
    )


# --- meetings and decisions --------------------------------------------------------------


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


# --- reports and compilations ------------------------------------------------------------


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
