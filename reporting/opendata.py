"""Open data: a public body's signed, active and ended partnerships after the 360Giving data
standard (https://standard.threesixtygiving.org/), described for the national data portal in
DCAT-AP-SE. Only public records: no contact persons, no e-mail addresses, no attachments, no
bank details.

A 360Giving grant has one recipient, so a partnership of six organisations is six grants:
each organisation's own share, which is what the register awarded it (its budgets for the
periods it takes part in). Identifiers (see the README):

- a grant: ``360G-iop-<body's org. number>-<partnership>-<party>``, its partnership
  ``360G-iop-<body's org. number>-<partnership>`` (``relatedActivity`` and the page);
- an organisation: ``SE-BLV-<organisation number>`` (org-id.guide's list for Swedish
  organisation numbers), or ``360G-iop-<body's org. number>-org-<id>`` without one.

The data is built once per change (reporting.services.opendata.open_data_rebuild) and stored in
OpenDataSet / OpenDataGrant; a request reads the body, its set and the version of the sources
in one query (`public_body`), and streams the stored rows (`csv_chunks`, `json_chunks`).
"""

import io
import json
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from common.exports import csv_writer
from organisations.constants import Sector
from organisations.models import Organisation
from partnerships.constants import Status
from partnerships.models import Partnership, Party

from .models import OpenDataGrant, OpenDataSet

ZERO = Decimal("0")
PUBLISHED_STATUSES = (Status.SIGNED, Status.ACTIVE, Status.ENDED, Status.TERMINATED)
# Raised whenever the shape of the stored rows changes: every set is then rebuilt once.
FORMAT = "360g-2"
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
STANDARD = "https://standard.threesixtygiving.org/"
# How many partnerships a rebuild reads at a time (its memory does not grow with the body).
CHUNK = 200
# Stored rows streamed per database round trip.
STREAM_CHUNK = 500

# The 360Giving standard's column titles, in its order.
CSV_COLUMNS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Amount Disbursed",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Last Modified",
    "Data Source",
)


# --- Identifiers -------------------------------------------------------------------------


def body_prefix(body: Organisation) -> str:
    return f"360G-iop-{body.org_number}"


def partnership_identifier(body: Organisation, partnership_pk: int) -> str:
    return f"{body_prefix(body)}-{partnership_pk}"


def org_identifier(body: Organisation, organisation: Organisation) -> str:
    if organisation.org_number:
        return f"SE-BLV-{organisation.org_number}"
    return f"{body_prefix(body)}-org-{organisation.pk}"


# --- The version of the sources ----------------------------------------------------------


def _source_models() -> dict:
    """The tables a published figure comes from. Every write to them leaves a history row
    (simple-history on save and delete; common.transitions.record_history after an UPDATE),
    so the newest history row of each says whether anything may have changed."""
    sources = {"partnership": Partnership, "party": Party, "organisation": Organisation}
    if apps.is_installed("finance"):
        from . import finance_adapter

        sources.update(finance_adapter.open_data_sources())
    return sources


def _newest_history(model) -> Subquery:
    history = model.history.model
    return Subquery(history.objects.order_by("-history_id").values("history_id")[:1])


def with_source_version(queryset):
    """`queryset` with `source_<table>` annotations: the newest history id of each source
    table, read from the primary key's index (the same cost however large the register)."""
    return queryset.annotate(
        **{f"source_{name}": _newest_history(model) for name, model in _source_models().items()}
    )


def source_version(body: Organisation, base_url: str) -> str:
    """The version a set built now would carry (of a body from `public_body`)."""
    ids = ".".join(str(getattr(body, f"source_{name}") or 0) for name in _source_models())
    return f"{FORMAT}|{base_url}|{ids}"


# --- Reads for the public pages ----------------------------------------------------------


def publishing_bodies():
    """The public bodies with at least one published partnership, for the public index: only
    name and organisation number are read (no address, contact person or giro), with the
    stored set's dates where it has been built."""
    return (
        Organisation.objects.public_bodies()
        .exclude(org_number__isnull=True)
        .exclude(org_number="")
        .annotate(
            published=Count(
                "owned_partnerships",
                filter=Q(owned_partnerships__status__in=PUBLISHED_STATUSES),
            )
        )
        .filter(published__gt=0)
        .select_related("open_data_set")
        .only(
            "pk",
            "name",
            "org_number",
            "legal_form",
            "open_data_set__created_at",
            "open_data_set__changed_at",
            "open_data_set__partnerships",
        )
        .order_by("name")
    )


def public_body(org_number: str) -> Organisation | None:
    """The public body by its organisation number, with its stored set (or none yet) and the
    version of the sources, in one query."""
    queryset = (
        Organisation.objects.filter(org_number=org_number.replace("-", ""), sector=Sector.PUBLIC)
        .exclude(org_number="")
        .select_related("open_data_set")
    )
    return with_source_version(queryset).first()


def stored_set(body: Organisation) -> OpenDataSet | None:
    try:
        return body.open_data_set
    except OpenDataSet.DoesNotExist:
        return None


def _stored(dataset: OpenDataSet, field: str) -> Iterator[str]:
    return (
        dataset.grants.order_by("position")
        .values_list(field, flat=True)
        .iterator(chunk_size=STREAM_CHUNK)
    )


def _buffered(parts: Iterator[str], size: int = 64 * 1024) -> Iterator[bytes]:
    buffer, length = [], 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


def csv_header() -> str:
    out = io.StringIO()
    csv_writer(out).writerow(CSV_COLUMNS)
    return out.getvalue()


def csv_chunks(dataset: OpenDataSet) -> Iterator[bytes]:
    """The CSV, streamed from the stored rows (one row per recipient organisation)."""

    def parts():
        yield csv_header()
        yield from _stored(dataset, "csv")

    return _buffered(parts())


def json_chunks(dataset: OpenDataSet) -> Iterator[bytes]:
    """The 360Giving JSON (`{"grants": [...]}`), streamed from the stored rows."""

    def parts():
        yield '{"grants": ['
        first = True
        for grants in _stored(dataset, "json"):
            if not grants:
                continue
            yield grants if first else "," + grants
            first = False
        yield "]}"

    return _buffered(parts())


def page_rows(dataset: OpenDataSet | None):
    """The stored partnerships for the paginated HTML page (one query per page)."""
    if dataset is None:
        return OpenDataGrant.objects.none()
    return dataset.grants.order_by("position").only("dataset_id", "position", "page")


# --- Building the rows (no queries: the service reads a chunk, these shape it) -----------


def _number(value: Decimal):
    """A JSON number for the standard (output only; the sums are Decimal)."""
    return int(value) if value == value.to_integral() else float(value)


def _money(value) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _plain(value: Decimal) -> str:
    """An amount as a CSV cell: 200000 or 1250.50."""
    return str(int(value)) if value == value.to_integral() else _money(value)


def _local(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _award_date(partnership: Partnership) -> str:
    # The standard requires an award date: the decision, else the start of the partnership.
    return (partnership.decided_on or partnership.start_date).isoformat()


def partnership_rows(
    *,
    body: Organisation,
    partnership: Partnership,
    parties: list[Party],
    budgets: list[tuple],
    payments: list[tuple],
    json_url: str,
) -> tuple[str, str, dict]:
    """One partnership's stored row: its grants (one per organisation party) as JSON objects
    and CSV rows, and what the HTML page shows. `budgets` are `(party, start, end, amount)`,
    `payments` `(party, paid on, amount)`, both of this partnership only."""
    periods_of = defaultdict(list)
    for party_pk, start, end, amount in budgets:
        periods_of[party_pk].append((start, end, amount))
    paid_of = defaultdict(list)
    for party_pk, paid_on, amount in payments:
        paid_of[party_pk].append((paid_on, amount))
    related = partnership_identifier(body, partnership.pk)
    planned = {
        "startDate": partnership.start_date.isoformat(),
        "endDate": partnership.end_date.isoformat(),
        **(
            {"latestEndDate": partnership.latest_end_date.isoformat()}
            if partnership.latest_end_date
            else {}
        ),
    }
    funder = {"id": org_identifier(body, body), "name": body.name}
    last_modified = _local(partnership.updated_at)
    grants, recipients = [], []
    csv_out = io.StringIO()
    writer = csv_writer(csv_out)
    for party in parties:
        organisation = party.organisation
        periods = periods_of[party.pk]
        paid = paid_of[party.pk]
        awarded = sum((amount for _s, _e, amount in periods), ZERO)
        disbursed = sum((amount for _d, amount in paid), ZERO)
        recipient = {
            "id": org_identifier(body, organisation),
            "name": organisation.name,
            **(
                {"organisationNumber": organisation.org_number_display}
                if organisation.org_number
                else {}
            ),
            **({"leftOn": party.left_on.isoformat()} if party.left_on else {}),
        }
        grant = {
            "id": f"{related}-{party.pk}",
            "title": partnership.title,
            "description": partnership.purpose,
            "currency": "SEK",
            "amountAwarded": _number(awarded),
            "amountDisbursed": _number(disbursed),
            "awardDate": _award_date(partnership),
            "plannedDates": [planned],
            "recipientOrganization": [recipient],
            "fundingOrganization": [funder],
            "lastModified": last_modified,
            "dataSource": json_url,
            "relatedActivity": [related],
            "status": partnership.status,
            "amountsPerPeriod": [
                {"startDate": start.isoformat(), "endDate": end.isoformat(), "amount": _money(a)}
                for start, end, a in periods
            ],
            "disbursements": [
                {
                    "date": paid_on.isoformat() if paid_on else None,
                    "amount": _money(amount),
                    "recipientOrganizationId": recipient["id"],
                    "recipientOrganizationName": organisation.name,
                }
                for paid_on, amount in paid
            ],
        }
        grants.append(json.dumps(grant, ensure_ascii=False))
        writer.writerow(
            [
                grant["id"],
                partnership.title,
                partnership.purpose,
                "SEK",
                _plain(awarded),
                _plain(disbursed),
                grant["awardDate"],
                planned["startDate"],
                planned["endDate"],
                recipient["id"],
                organisation.name,
                funder["id"],
                funder["name"],
                last_modified,
                json_url,
            ]
        )
        recipients.append(
            {
                "id": recipient["id"],
                "grant": grant["id"],
                "name": organisation.name,
                "organisationNumber": recipient.get("organisationNumber", ""),
                "leftOn": recipient.get("leftOn", ""),
                "amountAwarded": _money(awarded),
                "amountDisbursed": _money(disbursed),
            }
        )
    page = {
        "id": related,
        "title": partnership.title,
        "description": partnership.purpose,
        "startDate": planned["startDate"],
        "endDate": planned["endDate"],
        "amountAwarded": _money(sum((Decimal(r["amountAwarded"]) for r in recipients), ZERO)),
        "amountDisbursed": _money(sum((Decimal(r["amountDisbursed"]) for r in recipients), ZERO)),
        "recipients": recipients,
    }
    return ",".join(grants), csv_out.getvalue(), page


def published_partnership_ids(body: Organisation) -> list[int]:
    """The body's published partnerships, newest first (the order of every format)."""
    return list(
        Partnership.objects.filter(public_body=body, status__in=PUBLISHED_STATUSES)
        .order_by("-start_date", "title", "pk")
        .values_list("pk", flat=True)
    )


def read_chunk(ids: list[int]) -> Iterator[tuple[Partnership, list, list, list]]:
    """A chunk of partnerships with their organisation parties, budgets and payments made:
    four queries however many partnerships are in it."""
    partnerships = Partnership.objects.in_bulk(ids)
    parties = defaultdict(list)
    for party in (
        Party.objects.filter(partnership_id__in=ids, is_public=False)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    ):
        parties[party.partnership_id].append(party)
    budgets, payments = defaultdict(list), defaultdict(list)
    if apps.is_installed("finance"):
        from . import finance_adapter

        party_to_partnership = {
            party.pk: pk for pk, members in parties.items() for party in members
        }
        for row in finance_adapter.open_data_budgets(ids):
            budgets[party_to_partnership.get(row[0])].append(row)
        for row in finance_adapter.open_data_payments(ids):
            payments[party_to_partnership.get(row[0])].append(row)
    for pk in ids:
        if pk in partnerships:
            yield partnerships[pk], parties[pk], budgets[pk], payments[pk]


def json_url(body: Organisation, base_url: str) -> str:
    return base_url + reverse("reporting:open_data_json", args=[body.org_number])
