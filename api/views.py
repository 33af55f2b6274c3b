"""The administrator's page of the body's API tokens: create (shown once), see last use,
revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from common.forms import add_service_errors
from organisations.permissions import administered_bodies

from . import services
from .forms import TokenForm
from .models import ApiToken


def _bodies(user):
    return list(administered_bodies(user))


@never_cache
@login_required
def token_list(request):
    bodies = _bodies(request.user)
    if not bodies:
        raise PermissionDenied
    form = TokenForm(request.POST or None, bodies=bodies)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            body = next(b for b in bodies if b.pk == form.cleaned_data["body"])
            try:
                token, raw = services.token_create(
                    body=body,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    user=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
            else:
                created = {"token": token, "raw": raw}
                form = TokenForm(bodies=bodies)
        else:
            status = 400
    tokens = ApiToken.objects.for_list().filter(body__in=bodies)
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "created": created, "bodies": bodies},
        status=status,
    )


@login_required
def token_revoke(request, pk):
    """A confirmation page; the POST revokes (for good: a revoked token never works again)."""
    token = get_object_or_404(ApiToken.objects.filter(body__in=_bodies(request.user)), pk=pk)
    if request.method != "POST":
        return render(request, "api/token_revoke.html", {"token": token})
    try:
        services.token_revoke(token=token, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The token has been revoked: it no longer works."))
    return redirect("api_tokens:list")
