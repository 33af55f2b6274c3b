"""Steering and cooperation groups and their members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance import permissions, selectors, services
from governance.forms import (
    GroupForm,
    GroupSettingsForm,
    MemberForm,
    MemberLeaveForm,
)
from governance.models import Compilation, Group

from .common import _apply, _deny_unless, _form_page, _group, _partnership, _render_group


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
            "chair_by_lot": group.chair_by_lot,
            "writes_reports": group.writes_reports,
        },
        version=services.GROUP_SETTINGS_VERSION.version(group),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        # The cleaned data carries the version the form showed.
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
