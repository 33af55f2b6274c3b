"""Reads for the documents: what the agreement prints, what is missing, what is public.

`agreement_snapshot()` is the single source of every value a PDF of the agreement prints. A
version stores it as JSON; the PDF is always rendered from a snapshot, never from live rows, so
a frozen version prints the same text every time.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.db.models import Prefetch, Q, Value, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from bodies.selectors import body_settings, body_words
from organisations.models import AuthorisedSignatory, Relation
from partnerships.constants import AppendixStatus
from partnerships.models import Appendix, Partnership, Party

from .clauses import DEFAULT_TEXTS, ClauseKey, default_entry
from .constants import ArchivalForm
from .models import ClauseText, PartnershipClause, SignedCopy

SNAPSHOT_SCHEMA = 1


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _money(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _parties_prefetch(body_id: int) -> Prefetch:
    """The current parties with their appendices and the signatories each organisation gave
    the partnership's body (its relation): another body's signatories never print here."""
    return Prefetch(
        "parties",
        queryset=Party.objects.current()
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "organisation__relations",
                queryset=Relation.objects.filter(body_id=body_id).prefetch_related(
                    Prefetch("signatories", queryset=AuthorisedSignatory.objects.order_by("name"))
                ),
                to_attr="body_relations",
            ),
            Prefetch(
                "appendices",
                queryset=Appendix.objects.filter(status=AppendixStatus.CURRENT).prefetch_related(
                    "resources"
                ),
            ),
        )
        .order_by("-is_public", "joined_on", "pk"),
        to_attr="current_parties",
    )


def partnership_for_documents(queryset, pk: int) -> Partnership:
    """The partnership with everything the agreement prints, in a handful of queries."""
    partnership = get_object_or_404(
        queryset.select_related("public_body__body_settings", "finance_terms"), pk=pk
    )
    # The body's settings (the letterhead and its words) and the finance terms came in the
    # same query; the snapshot reads them from here (as `current_parties`), fresh.
    partnership.loaded_body_settings = getattr(partnership.public_body, "body_settings", None)
    partnership.loaded_finance_terms = getattr(partnership, "finance_terms", None)
    prefetch_related_objects([partnership], _parties_prefetch(partnership.public_body_id))
    return partnership


def _current_parties(partnership: Partnership):
    parties = getattr(partnership, "current_parties", None)
    if parties is None:
        prefetch_related_objects([partnership], _parties_prefetch(partnership.public_body_id))
        parties = partnership.current_parties
    return parties


def _signatories(organisation) -> list[dict]:
    return [
        {"name": s.name, "title": s.title}
        for relation in organisation.body_relations
        for s in relation.signatories.all()
    ]


def _appendix_snapshot(party: Party) -> dict | None:
    appendix = next(iter(party.appendices.all()), None)
    if appendix is None:
        return None
    return {
        "id": appendix.pk,
        "number": appendix.number,
        "version": appendix.version,
        "title": appendix.title,
        "commitments": appendix.commitments,
        "valid_from": _iso(appendix.valid_from),
        "resources": [
            {"kind": r.kind, "description": r.description, "amount": _money(r.amount)}
            for r in appendix.resources.all()
        ],
    }


def agreement_snapshot(partnership: Partnership) -> dict:
    """Every value the agreement PDF prints, as JSON-ready data."""
    parties = []
    for party in _current_parties(partnership):
        organisation = party.organisation
        parties.append(
            {
                "party_id": party.pk,
                "organisation_id": organisation.pk,
                "name": organisation.name,
                "org_number": organisation.org_number_display if organisation.org_number else "",
                "city": organisation.city,
                "is_public": party.is_public,
                "joined_on": _iso(party.joined_on),
                "signatories": _signatories(organisation),
                "appendix": _appendix_snapshot(party),
            }
        )
    body = partnership.public_body
    own = (
        body_settings(body, own=partnership.loaded_body_settings)
        if hasattr(partnership, "loaded_body_settings")
        else body_settings(body)
    )
    return {
        "schema": SNAPSHOT_SCHEMA,
        "partnership_id": partnership.pk,
        "title": partnership.title,
        "registry_number": partnership.registry_number,
        "public_body": {
            "id": body.pk,
            "name": body.name,
            "org_number": body.org_number_display if body.org_number else "",
            # The body's own words (its settings), frozen with the version like the rest.
            **body_words(own),
        },
        "background": partnership.background,
        "purpose": partnership.purpose,
        "goal": partnership.goal,
        "target_group": partnership.target_group,
        "shared_values": partnership.shared_values,
        "activities": partnership.activity_list,
        "start_date": _iso(partnership.start_date),
        "end_date": _iso(partnership.end_date),
        "latest_end_date": _iso(partnership.latest_end_date),
        "decided_on": _iso(partnership.decided_on),
        "decision_paragraph": partnership.decision_paragraph,
        "parties": parties,
        "finance": finance_for(partnership),
        "governance": governance_for(partnership, parties=parties),
        # The reporting duties the follow-up clause prints.
        "duties": {"account_due_days": own.account_due_days},
        # The clause texts this agreement prints (the partnership's, its body's or the
        # installation's), frozen with the version: a later edit changes no signed text.
        "clauses": clause_texts(partnership),
    }


def governance_for(partnership: Partnership, *, parties: list[dict]) -> list[dict]:
    """The partnership's groups as the agreement prints them (empty without governance)."""
    if not apps.is_installed("governance"):
        return []
    from . import governance_adapter

    # Idea-based organisations first, the public party last, as the seeds list members.
    order = [p["organisation_id"] for p in parties if not p["is_public"]] + [
        p["organisation_id"] for p in parties if p["is_public"]
    ]
    return governance_adapter.groups_for(partnership, party_order=order)


def clause_texts(partnership: Partnership) -> dict[str, dict]:
    """{key: {"text", "source", "version"}} for every clause: the partnership's own text if
    it has one, else its body's, else the installation's default (source "partnership",
    "body" or "installation")."""
    texts = {key: default_entry(key) for key in ClauseKey.values}
    # One query: the body's texts and the partnership's own, the latter applied last.
    rows = (
        ClauseText.objects.filter(body_id=partnership.public_body_id)
        .order_by()
        .values("key", "text", "number")
        .annotate(source=Value("body"))
        .union(
            PartnershipClause.objects.filter(partnership=partnership)
            .exclude(text="")
            .order_by()
            .values("key", "text", "number")
            .annotate(source=Value("partnership")),
            all=True,
        )
    )
    for row in sorted(rows, key=lambda row: row["source"] == "partnership"):
        if row["key"] in texts:
            texts[row["key"]] = {
                "text": row["text"],
                "source": row["source"],
                "version": row["number"],
            }
    return texts


def issued_appendix_numbers(partnership: Partnership) -> dict[int, str]:
    """{party id: appendix number} as printed in the agreement versions prepared for signing
    (partnerships.guards asks, to keep those numbers when parties are added)."""
    issued: dict[int, str] = {}
    versions = partnership.agreement_versions.filter(prepared_at__isnull=False).order_by("number")
    for snapshot in versions.values_list("snapshot", flat=True):
        for party in snapshot.get("parties", []):
            if party.get("appendix"):
                issued[party["party_id"]] = party["appendix"]["number"]
    return issued


# --- Finance -------------------------------------------------------------------------------
# The agreement's budget table, payment terms and co-financing come from the finance app.
# Everything the documents need from it passes through `finance_for()`.


def finance_for(partnership: Partnership, *, with_payments: bool = False) -> dict:
    """{"years": [...], "total", "payment_frequency", "in_advance", "notice_months",
    "cofinancing": [...], "payments": [...]}; years empty when there is no budget. Payments
    only when asked for: the agreement does not print them."""
    empty = {
        "years": [],
        "total": None,
        "payment_frequency": "quarterly",
        "in_advance": True,
        "notice_months": 3,
        "refund_on_termination": False,
        "dispute_ends_partnership": False,
        "other_municipality_fee": None,
        "cofinancing": [],
        "payments": [],
        "terminations": [],
    }
    if not apps.is_installed("finance"):
        return empty
    from . import finance_adapter

    return finance_adapter.finance_for(partnership, empty=empty, with_payments=with_payments)


# --- Missing parts ---------------------------------------------------------------------------


def agreement_problems(partnership: Partnership, snapshot: dict) -> list[dict]:
    """What keeps the agreement from being exported: each with where it is fixed."""
    problems = []
    parties = snapshot["parties"]
    detail = reverse("partnerships:detail", args=[partnership.pk])
    if not any(p["is_public"] for p in parties):
        problems.append(
            {
                "message": _("The partnership has no public party."),
                "url": detail,
                "link": _("Add the public party"),
            }
        )
    if not any(not p["is_public"] for p in parties):
        problems.append(
            {
                "message": _("The partnership has no idea-based organisation as party."),
                "url": detail,
                "link": _("Add a party"),
            }
        )
    # What the agreement says the partnership is for: never printed as an empty field.
    for field, message in (
        ("purpose", _("The partnership's purpose is not written.")),
        ("goal", _("The partnership's goal is not written.")),
        ("target_group", _("The partnership's target group is not written.")),
    ):
        if not (snapshot.get(field) or "").strip():
            problems.append(
                {
                    "message": message,
                    "url": reverse("partnerships:update", args=[partnership.pk]),
                    "link": _("Write it"),
                }
            )
    for party in parties:
        if not party["org_number"]:
            problems.append(
                {
                    "message": _("%(name)s has no organisation number.") % {"name": party["name"]},
                    "url": reverse("organisations:update", args=[party["organisation_id"]]),
                    "link": _("Enter the organisation number"),
                }
            )
    if not snapshot["finance"]["years"]:
        problems.append(
            {
                "message": _("The partnership has no budget."),
                "url": finance_url(partnership),
                "link": _("Enter the budget"),
            }
        )
    return problems


# The written sections every decision memo has (seeds 000, 003, 004), with the heading it
# prints. "Förvaltningens synpunkter och förslag" always holds the proposal, printed from the
# decision points, so its own text may stay empty.
MEMO_SECTIONS = (
    ("summary", "Sammanfattning"),
    ("background", "Bakgrund"),
    ("preparation", "Ärendets beredning"),
    ("matter", "Ärendet"),
    ("gender_analysis", "Jämställdhetsanalys"),
)


def memo_problems(memo, partnership: Partnership, snapshot: dict) -> list[dict]:
    """What keeps the memo from going to the board: empty sections, and what the agreement
    lacks (the memo prints the parties, their numbers and the money from the register)."""
    url = reverse("reporting:memo", args=[partnership.pk])
    problems = [
        {
            "message": _("The section “%(section)s” of the decision memo is empty.")
            % {"section": heading},
            "url": url,
            "link": _("Write it"),
        }
        for field, heading in MEMO_SECTIONS
        if not (getattr(memo, field) or "").strip()
    ]
    return problems + agreement_problems(partnership, snapshot)


def finance_url(partnership: Partnership) -> str:
    for name in ("finance:budget", "finance:partnership", "finance:overview"):
        try:
            return reverse(name, args=[partnership.pk])
        except NoReverseMatch:
            continue
    return reverse("partnerships:detail", args=[partnership.pk])


# --- Dates -------------------------------------------------------------------------------


def parse_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


# --- Yearly summary --------------------------------------------------------------------------


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def yearly_summary(partnership: Partnership, *, year_start: str | None = None) -> dict | None:
    """The board's yearly summary for one contract year (the first by default): money per
    organisation, paid, co-financing, meetings held, the state of each annual account and the
    year's aggregated activity figures (masked below 5); parts whose app is not installed are
    None ("ej tillgängligt")."""
    snapshot = agreement_snapshot(partnership)
    finance = finance_for(partnership, with_payments=True)
    years = finance["years"]
    if year_start:
        year = next((y for y in years if y["start"] == year_start), None)
    else:
        year = years[0] if years else None
    if year is None:
        year = {
            "start": snapshot["start_date"],
            "end": snapshot["end_date"],
            "label": "",
            "organisations": [],
        }
    zero = Decimal("0")
    rows: dict[int, dict] = {}
    for party in snapshot["parties"]:
        if not party["is_public"]:
            rows[party["organisation_id"]] = {
                "name": party["name"],
                "budget": zero,
                "paid": zero,
                "cofinancing": zero,
            }
    for org in year["organisations"]:
        row = rows.setdefault(
            org["organisation_id"],
            {"name": org["name"], "budget": zero, "paid": zero, "cofinancing": zero},
        )
        row["budget"] += Decimal(org["total"])
    for payment in finance["payments"]:
        if payment["period_start"] == year["start"] and payment["organisation_id"] in rows:
            rows[payment["organisation_id"]]["paid"] += Decimal(payment["amount"])
    for co in finance["cofinancing"]:
        if co["period_start"] == year["start"] and co["organisation_id"] in rows and co["amount"]:
            rows[co["organisation_id"]]["cofinancing"] += Decimal(co["amount"])
    totals = {
        key: sum((row[key] for row in rows.values()), zero)
        for key in ("budget", "paid", "cofinancing")
    }
    meetings = None
    meeting_model = _model("governance.Meeting")
    if meeting_model is not None:
        start, end = parse_date(year["start"]), parse_date(year["end"])
        meetings = [
            f"{m.date.isoformat()} {m.group.get_kind_display()}"
            for m in meeting_model.objects.filter(
                group__partnership=partnership, date__gte=start, date__lte=end
            )
            .select_related("group")
            .order_by("date")
        ]
    accounts = activity = None
    if apps.is_installed("portal"):
        from . import portal_adapter

        # Only a contract year the finance app knows has accounts and reports.
        period_start = parse_date(year["start"]) if year in years else None
        accounts = portal_adapter.accounts_for(
            partnership,
            period_start=period_start,
            organisations={org_id: row["name"] for org_id, row in rows.items()},
        )
        activity = portal_adapter.activity_for(partnership, period_start=period_start)
    return {
        "snapshot": snapshot,
        "year": year,
        "years": years,
        "year_label": f"{year['start'][:4]}/{year['end'][:4]}"
        if year["start"][:4] != year["end"][:4]
        else year["start"][:4],
        "board": snapshot["public_body"]["deciding_body"],
        "rows": list(rows.values()),
        "totals": totals,
        "accounts": accounts,
        "terminations": finance.get("terminations", []),
        "meetings": meetings,
        "activity": activity,
    }


def signed_copies_without_archival_form(partnership: Partnership) -> list:
    """The partnership's signed copies whose package holds no PDF/A of them (yet): failed, or
    waiting (for the next package, or for Ghostscript) after an attempt said why."""
    return list(
        SignedCopy.objects.filter(version__partnership=partnership)
        .filter(
            Q(archival_form=ArchivalForm.FAILED)
            | (Q(archival_form=ArchivalForm.PENDING) & ~Q(archival_error=""))
        )
        .select_related("version")
        .order_by("version__number", "uploaded_at", "pk")
    )


# --- The clause library ----------------------------------------------------------------------


def body_clauses(body) -> list[dict]:
    """Every clause with the text the body's agreements print: its own (with its version) or
    the installation's default."""
    own = {row.key: row for row in ClauseText.objects.filter(body=body)}
    return [
        {
            "key": key,
            "label": label,
            "text": own[key].text if key in own else DEFAULT_TEXTS[key],
            "own": own.get(key),
        }
        for key, label in ClauseKey.choices
    ]


def partnership_clauses(partnership: Partnership) -> list[dict]:
    """Every clause with the text the partnership's agreement prints and whose it is."""
    texts = clause_texts(partnership)
    return [{"key": key, "label": label, **texts[key]} for key, label in ClauseKey.choices]
