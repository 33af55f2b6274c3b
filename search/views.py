from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from common.pagination import paginate

from .selectors import search_register

PER_SECTION = 10


@login_required
def search(request):
    term = request.GET.get("q", "").strip()[:200]
    sections = search_register(user=request.user, term=term)
    listings = {}
    if sections is not None:
        for name in ("organisations", "partnerships", "meetings", "memos"):
            listings[name] = paginate(
                request, getattr(sections, name), per_page=PER_SECTION, page_param=f"{name}_page"
            )
    return render(
        request,
        "search/results.html",
        {"term": term, "listings": listings, "searched": sections is not None},
    )
