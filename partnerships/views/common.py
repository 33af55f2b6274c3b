"""Lookups shared by the partnership views: what a user may not see is a 404."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.models import Partnership
from partnerships.permissions import can_edit

PAGE_SIZE = 25


def _partnership(request, pk, *, edit=False, queryset=None) -> Partnership:
    queryset = queryset if queryset is not None else Partnership.objects.all()
    partnership = get_object_or_404(
        queryset.visible_to(request.user).select_related("public_body"), pk=pk
    )
    if edit and not can_edit(request.user, partnership):
        raise PermissionDenied
    return partnership
