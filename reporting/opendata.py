"""Open data: a public body's active and ended partnerships, shaped after the 360Giving data
standard (https://standard.threesixtygiving.org/). Only public records: no contact persons,
no e-mail addresses, no attachments, no bank details."""

import io
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Prefetch, Q

from common.exports import csv_writer
from organisations.models import Organisation
from partnerships.constants import Status
from partnerships.models import Partnership, Party

ZERO = Decimal("0")
PUBLISHED_STATUSES = (Status.SIGNED, Status.ACTIVE, Status.ENDED, Status.TERMINATED)

CSV_COLUMNS = (
    ("id", "Identifier"),
    ("title", "Title"),
    ("description", "Description"),
    ("currency", "Currency"),
    ("amountAwarded", "Amount Awarded"),
    ("amountDisbursed", "Amount Disbursed"),
    ("awardDate", "Award Date"),
    ("startDate", "Planned Dates:Start Date"),
    ("endDate", "Planned Dates:End Date"),
    ("recipientIds", "Recipient Org:Identifier"),
    ("recipientNames", "Recipient Org:Name"),
    ("fundingId", "Funding Org:Identifier"),
    ("fundingName", "Funding Org:Name"),
    ("status", "Status"),
)


def org_identifier(org_number: str | None) -> str | None:
    return f"SE-ON-{org_number}" if org_number else None


def publishing_bodies():
    """The public bodies with at least one published partnership, for the public index: only
    name and organisation number are read (no address, contact person or giro)."""
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
        .only("pk", "name", "org_number")
        .order_by("name")
    )


def published_partnerships(body: Organisation):
    """The body's published partnerships, built for the open-data pages: parties, sums and
    payments come with the queryset, so the number of queries does not grow with the rows."""
    queryset = (
        Partnership.objects.filter(public_body=body, status__in=PUBLISHED_STATUSES)
        .select_related("public_body")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.filter(is_public=False)
                .select_related("organisation")
                .order_by("organisation__name"),
                to_attr="organisation_parties",
            )
        )
        .order_by("-start_date", "title")
    )
    if apps.is_installed("finance"):
        from . import finance_adapter

        queryset = finance_adapter.with_open_data(queryset)
    return queryset


def _number(value: Decimal):
    """A JSON number for the standard (output only; the sums above are Decimal)."""
    return int(value) if value == value.to_integral() else float(value)


def _money(value) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def grant(partnership: Partnership) -> dict:
    """One 360Giving grant from a partnership of `published_partnerships()` (no queries)."""
    body = partnership.public_body
    periods = getattr(partnership, "open_data_periods", [])
    payments = getattr(partnership, "paid_payments", [])
    return {
        "id": f"SE-IOP-{body.org_number or body.pk}-{partnership.pk}",
        "title": partnership.title,
        "description": partnership.purpose,
        "currency": "SEK",
        "amountAwarded": _number(getattr(partnership, "amount_awarded", ZERO)),
        "amountDisbursed": _number(getattr(partnership, "amount_disbursed", ZERO)),
        "awardDate": partnership.decided_on.isoformat() if partnership.decided_on else None,
        "plannedDates": [
            {
                "startDate": partnership.start_date.isoformat(),
                "endDate": partnership.end_date.isoformat(),
                **(
                    {"latestEndDate": partnership.latest_end_date.isoformat()}
                    if partnership.latest_end_date
                    else {}
                ),
            }
        ],
        "status": partnership.status,
        "recipientOrganization": [
            {
                "id": org_identifier(party.organisation.org_number)
                or f"SE-IOP-ORG-{party.organisation.pk}",
                "name": party.organisation.name,
                "organisationNumber": party.organisation.org_number_display
                if party.organisation.org_number
                else None,
                **({"leftOn": party.left_on.isoformat()} if party.left_on else {}),
            }
            for party in partnership.organisation_parties
        ],
        "fundingOrganization": [
            {"id": org_identifier(body.org_number) or f"SE-IOP-ORG-{body.pk}", "name": body.name}
        ],
        "amountsPerPeriod": [
            {
                "startDate": period.start.isoformat(),
                "endDate": period.end.isoformat(),
                "amount": _money(period.budget_total),
            }
            for period in periods
        ],
        "disbursements": [
            {
                "date": payment.paid_on.isoformat() if payment.paid_on else None,
                "amount": _money(payment.amount),
                "recipientOrganizationId": org_identifier(payment.party.organisation.org_number),
                "recipientOrganizationName": payment.party.organisation.name,
            }
            for payment in payments
        ],
    }


def grants_for(body: Organisation) -> list[dict]:
    return [grant(partnership) for partnership in published_partnerships(body)]


def package(body: Organisation) -> dict:
    return {
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "publisher": {"name": body.name, "identifier": org_identifier(body.org_number)},
        "grants": grants_for(body),
    }


def grants_csv(grants: list[dict]) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([title for _key, title in CSV_COLUMNS])
    for g in grants:
        flat = {
            **g,
            "startDate": g["plannedDates"][0]["startDate"],
            "endDate": g["plannedDates"][0]["endDate"],
            "recipientIds": "; ".join(r["id"] for r in g["recipientOrganization"]),
            "recipientNames": "; ".join(r["name"] for r in g["recipientOrganization"]),
            "fundingId": g["fundingOrganization"][0]["id"],
            "fundingName": g["fundingOrganization"][0]["name"],
        }
        writer.writerow(["" if flat.get(key) is None else flat.get(key) for key, _t in CSV_COLUMNS])
    return out.getvalue()
