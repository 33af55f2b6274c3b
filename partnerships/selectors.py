"""Reads for the partnership pages, each built for the page that shows it."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from organisations.constants import STAFF_ROLES

from .constants import AppendixStatus
from .models import Appendix, Partnership, Party, StatusChange


def detail_queryset():
    """A partnership with its parties (and their appendices), criteria and status steps."""
    parties = Party.objects.select_related("organisation").prefetch_related(
        Prefetch("appendices", queryset=Appendix.objects.order_by("-version"))
    )
    return Partnership.objects.select_related("case_officer").prefetch_related(
        Prefetch("parties", queryset=parties.order_by("-is_public", "joined_on", "pk")),
        "criteria",
        Prefetch(
            "status_changes",
            queryset=StatusChange.objects.select_related("changed_by").order_by("changed_at", "pk"),
        ),
    )


def case_officer_choices(public_body_id: int):
    """Who may answer for a partnership of the body: its active administrators and officials."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=public_body_id,
            memberships__role__in=STAFF_ROLES,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def prefetched_parties(partnership: Partnership, *, with_appendices: bool = False) -> list[Party]:
    """Every party of the partnership, former ones included, with its organisation: the
    page's prefetch (detail_queryset, appendices included) when the partnership came with one,
    so that the page's sections do not each ask again; else a query (and one for the
    appendices `with_appendices`)."""
    if "parties" in getattr(partnership, "_prefetched_objects_cache", {}):
        return list(partnership.parties.all())
    parties = partnership.parties.select_related("organisation")
    return list(parties.prefetch_related("appendices") if with_appendices else parties)


def current_parties(partnership: Partnership, *, with_appendices: bool = False) -> list[Party]:
    """The parties that have not left (PartyQuerySet.current), as prefetched_parties."""
    return [
        party
        for party in prefetched_parties(partnership, with_appendices=with_appendices)
        if party.left_on is None
    ]


def parties_with_older_appendices(partnership: Partnership) -> list[Party]:
    """The prefetched parties, each with `older_appendices`: the versions no longer in force."""
    parties = list(partnership.parties.all())
    for party in parties:
        party.older_appendices = [
            a for a in party.appendices.all() if a.status != AppendixStatus.CURRENT
        ]
    return parties


def partnerships_by_id(ids, known: dict[int, Partnership]) -> dict[int, Partnership]:
    """The partnerships of `ids`, one object each: those in `known`, the rest read in one
    query (and added to `known`), so thousands of deadlines share a few hundred objects."""
    missing = set(ids) - known.keys()
    if missing:
        known.update(Partnership.objects.select_related("public_body").in_bulk(missing))
    return known
