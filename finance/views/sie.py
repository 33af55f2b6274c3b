"""SIE batches of a public body: the list (and making the next batch), and each batch's file
as it was handed out. Another body's batches are a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.pagination import paginate
from finance import services
from finance.models import SieBatch
from finance.permissions import can_create_sie_batch, can_see_sie_batches
from organisations.models import Organisation

BATCHES_PER_PAGE = 25


def _body(request, body_pk) -> Organisation:
    body = get_object_or_404(Organisation.objects.public_bodies(), pk=body_pk)
    if not can_see_sie_batches(request.user, body):
        raise Http404
    return body


@login_required
def sie_batches(request, body_pk):
    """GET lists the body's batches; POST exports the payments not yet in one as the next."""
    body = _body(request, body_pk)
    can_create = can_create_sie_batch(request.user, body)
    errors = []
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        try:
            batch = services.sie_batch_create(body=body, user=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("SIE batch %(number)s was made with %(count)s payments.")
                % {"number": batch.number, "count": batch.entries.count()},
            )
            return redirect("finance:sie_batches", body_pk=body.pk)
    listing = paginate(
        request, SieBatch.objects.for_body(body).for_list(), per_page=BATCHES_PER_PAGE
    )
    return render(
        request,
        "finance/sie_batches.html",
        {"body": body, "listing": listing, "can_create": can_create, "errors": errors},
    )


@login_required
@require_safe
def sie_batch_download(request, body_pk, number):
    """The batch's file, byte for byte as it was first handed out."""
    body = _body(request, body_pk)
    batch = get_object_or_404(SieBatch.objects.for_body(body), number=number)
    response = HttpResponse(bytes(batch.content), content_type="text/plain; charset=cp437")
    response["Content-Disposition"] = f'attachment; filename="{batch.filename}"'
    return response
