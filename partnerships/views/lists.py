"""The partnership list with its search and filters."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from partnerships.filters import PartnershipFilter
from partnerships.models import Partnership
from partnerships.permissions import can_create

from .common import PAGE_SIZE


@login_required
def partnership_list(request):
    visible = Partnership.objects.visible_to(request.user)
    filterset = PartnershipFilter(request.GET or None, queryset=visible, request=request)
    partnerships = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    if filterset.is_bound and not filterset.is_valid():
        partnerships = visible.none()
    partnerships = partnerships.for_list().order_by("-start_date", "title", "pk")
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_create": can_create(request.user),
        },
    )
