"""The search page's reads: one queryset per section, each from the section's own
`visible_to`, so a result never names what the user may not open."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from governance.models import Meeting
from organisations.models import Organisation
from organisations.roles import roles_for
from partnerships.models import Appendix, Partnership
from reporting.models import DecisionMemo

from .text import matching, words


@dataclass
class SearchSections:
    organisations: object
    partnerships: object
    meetings: object
    memos: object


def search_register(*, user, term: str) -> SearchSections | None:
    """What `term` finds for `user`, or None when it holds no word to search for."""
    if not words(term):
        return None
    roles = roles_for(user)
    partnerships = Partnership.objects.visible_to(user)
    # Memos are the body's own preparation: only its staff search them (as they read them).
    memos = DecisionMemo.objects.filter(
        partnership__in=partnerships.filter(roles.staff_q("public_body")).values("pk")
    )
    found_memos = matching(memos, term)
    in_appendix = matching(Appendix.objects.filter(party__partnership=OuterRef("pk")), term)
    in_memo = found_memos.filter(partnership=OuterRef("pk"))
    found_partnerships = (
        partnerships.annotate(in_appendix=Exists(in_appendix), in_memo=Exists(in_memo))
        .filter(
            Q(pk__in=matching(Partnership.objects.all(), term).values("pk"))
            | Q(pk__in=partnerships.search(term).values("pk"))
            | Q(in_appendix=True)
            | Q(in_memo=True)
        )
        .select_related("public_body")
        .order_by("-start_date", "pk")
    )
    return SearchSections(
        organisations=Organisation.objects.visible_to(user).search(term).order_by("name", "pk"),
        partnerships=found_partnerships,
        meetings=matching(Meeting.objects.visible_to(user), term)
        .select_related("group__partnership")
        .order_by("-date", "pk"),
        memos=found_memos.select_related("partnership").order_by("-memo_date", "pk"),
    )
