"""The partnership list with its search and filters."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from common.pagination import paginate
from organisations import lookup
from partnerships import lookup as partnership_lookup
from partnerships.filters import PartnershipFilter
from partnerships.models import Partnership
from partnerships.permissions import can_create

# Sortable columns, each backed by an index (the primary key breaks ties).
SORTS = {
    "start": ("start_date", "title", "pk"),
    "title": ("title", "pk"),
    "registry_number": ("registry_number", "pk"),
    "status": ("status", "-start_date", "pk"),
}


@login_required
def partnership_list(request):
    visible = Partnership.objects.visible_to(request.user)
    filterset = PartnershipFilter(request.GET or None, queryset=visible, request=request)
    partnerships = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    if filterset.is_bound and not filterset.is_valid():
        partnerships = visible.none()
    listing = paginate(request, partnerships.for_list(), sorts=SORTS, default="-start")
    typed = request.GET.get("organisation", "")
    options = lookup.suggestions(typed, visible.party_organisations()) if typed else []
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "filter": filterset,
            "listing": listing,
            "page": listing.page,
            "organisation_options": options,
            "can_create": can_create(request.user),
        },
    )


@login_required
def party_organisation_suggest(request):
    """Suggestions for the organisation filter of a list of partnerships (or their payments),
    as JSON: the parties to the partnerships the user sees."""
    among = Partnership.objects.visible_to(request.user).party_organisations()
    return JsonResponse(lookup.suggestions(request.GET.get("q", ""), among), safe=False)


@login_required
def partnership_suggest(request):
    """Suggestions for a partnership filter, as JSON, from the partnerships the user sees."""
    among = Partnership.objects.visible_to(request.user)
    return JsonResponse(partnership_lookup.suggestions(request.GET.get("q", ""), among), safe=False)
