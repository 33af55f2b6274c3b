"""Drawing the chair of a group by lot."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance import permissions, services
from governance.forms import (
    DrawForm,
    RedrawForm,
)
from governance.models import ChairDraw, Group

from .common import _apply, _deny_unless, _form_page, _group, _render_group


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
