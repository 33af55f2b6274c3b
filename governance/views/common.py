"""Lookups and form helpers shared by the governance views: what a user may not see is a 404."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from common.forms import add_service_errors
from common.pagination import paginate
from governance import permissions, selectors
from governance.forms import (
    DrawForm,
)
from governance.models import Group
from governance.services.draws import next_term_start
from partnerships.models import Partnership


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


def _render_group(request, group_id, *, draw_form=None, status=200):
    group = selectors.group_page(group_id=group_id, user=request.user)
    can_draw = permissions.can_draw_chair(request.user, group)
    if draw_form is None and can_draw:
        draw_form = DrawForm(initial={"term_start": next_term_start(group=group)})
    draws, chair = selectors.draws_with_chair(group=group, day=timezone.localdate())
    return render(
        request,
        "governance/group_detail.html",
        {
            "group": group,
            "partnership": group.partnership,
            "members": list(group.members.all()),
            "meetings": paginate(
                request, selectors.group_meetings(group=group), page_param="meetings_page"
            ),
            "draws": draws,
            "chair": chair,
            "reports": list(group.reports.all()),
            "draw_form": draw_form,
            "can_manage": permissions.can_manage_groups(request.user, group.partnership),
            "can_draw": can_draw,
            "can_record": permissions.can_record_meeting(request.user, group),
            "can_report": permissions.can_submit_report(request.user, group),
        },
        status=status,
    )
