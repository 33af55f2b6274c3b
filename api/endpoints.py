"""The API's operations. Every read starts from a `visible_to` queryset with the token's
principal (`request.user`), so another body's record is a 404; the one write goes through the
payment service, like the payment page's button."""

import math

from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router

from finance.constants import PaymentStatus
from finance.models import Budget, BudgetLine, Payment
from finance.services.payments import payment_pay
from organisations.models import Organisation, Relation
from partnerships.constants import Status
from partnerships.models import Partnership, Party
from reporting.models import AgreementVersion, EmbeddedSignature, SignedCopy

from . import permissions
from .schemas import (
    BudgetOut,
    DocumentsOut,
    Error,
    FieldErrors,
    OrganisationOut,
    OrganisationPage,
    PaidIn,
    PartnershipOut,
    PartnershipPage,
    PaymentOut,
    PaymentPage,
)
from .services import api_write_record

router = Router()

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
NOT_FOUND = {404: Error}


def _page(queryset, page: int, page_size: int) -> dict:
    count = queryset.count()
    return {
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / page_size)),
        "items": list(queryset[(page - 1) * page_size : page * page_size]),
    }


def _partnerships(request):
    return (
        Partnership.objects.visible_to(request.user)
        .select_related("public_body")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("organisation").order_by(
                    "-is_public", "joined_on", "pk"
                ),
            )
        )
    )


def _partnership(request, pk: int) -> Partnership:
    return get_object_or_404(Partnership.objects.visible_to(request.user), pk=pk)


# --- partnerships ----------------------------------------------------------------------------


@router.get("/partnerships", response=PartnershipPage, tags=["partnerships"])
def partnership_list(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    status: Status | None = None,
    registry_number: str | None = Query(None, max_length=60),
):
    """The body's partnerships, with their parties, newest period first."""
    queryset = _partnerships(request).order_by("-start_date", "pk")
    if status:
        queryset = queryset.filter(status=status)
    if registry_number:
        queryset = queryset.filter(registry_number=registry_number)
    return _page(queryset, page, page_size)


@router.get(
    "/partnerships/{int:pk}", response={200: PartnershipOut, **NOT_FOUND}, tags=["partnerships"]
)
def partnership_detail(request, pk: int):
    return get_object_or_404(_partnerships(request), pk=pk)


# --- organisations -------------------------------------------------------------------------


def _organisation_out(
    organisation: Organisation, partners: set[int], relations: dict[int, Relation]
) -> dict:
    data = {
        "id": organisation.pk,
        "name": organisation.name,
        "org_number": organisation.org_number,
        "sector": organisation.sector,
        "legal_form": organisation.legal_form,
        "registered_idea_based": organisation.registered_idea_based,
        "details": None,
    }
    if organisation.pk in partners:
        # Contact and giro are what the token's body recorded (its relation), never another
        # body's.
        relation = relations.get(organisation.pk) or Relation()
        data["details"] = {
            **{
                field: getattr(organisation, field)
                for field in ("street_address", "postal_code", "city")
            },
            **{
                field: getattr(relation, field)
                for field in (
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "bankgiro",
                    "plusgiro",
                )
            },
        }
    return data


def _relations(token, organisation_ids) -> dict[int, Relation]:
    return {
        relation.organisation_id: relation
        for relation in Relation.objects.filter(
            body_id=token.body_id, organisation_id__in=organisation_ids
        )
    }


@router.get("/organisations", response=OrganisationPage, tags=["organisations"])
def organisation_list(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    search: str | None = Query(None, max_length=100),
):
    """The shared register: identity fields for every organisation; contact, address and
    giro only for those the token's body partners with."""
    queryset = Organisation.objects.visible_to(request.user).order_by("name", "pk")
    if search:
        queryset = queryset.search(search)
    result = _page(queryset, page, page_size)
    ids = [o.pk for o in result["items"]]
    partners = permissions.partner_ids(request.auth, ids)
    relations = _relations(request.auth, partners)
    result["items"] = [_organisation_out(o, partners, relations) for o in result["items"]]
    return result


@router.get(
    "/organisations/{int:pk}",
    response={200: OrganisationOut, **NOT_FOUND},
    tags=["organisations"],
)
def organisation_detail(request, pk: int):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    partners = permissions.partner_ids(request.auth, [pk])
    return _organisation_out(organisation, partners, _relations(request.auth, partners))


# --- budgets and payments --------------------------------------------------------------------


@router.get(
    "/partnerships/{int:pk}/budgets",
    response={200: list[BudgetOut], **NOT_FOUND},
    tags=["finance"],
)
def budget_list(request, pk: int):
    """Every budget of the partnership: per period and organisation (appendix), with lines."""
    partnership = _partnership(request, pk)
    return list(
        Budget.objects.visible_to(request.user)
        .filter(period__partnership=partnership)
        .select_related("period", "appendix__party__organisation")
        .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
        .order_by("period__start", "appendix__number", "pk")
    )


def _payments(request):
    return Payment.objects.visible_to(request.user).select_related("party__organisation", "period")


@router.get("/payments", response=PaymentPage, tags=["finance"])
def payment_list(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    status: PaymentStatus | None = None,
    partnership: int | None = Query(None, ge=1, le=2**62),
):
    """The body's payments by due date; the finance system asks for `status=approved`."""
    queryset = _payments(request).order_by("due_date", "pk")
    if status:
        queryset = queryset.filter(status=status)
    if partnership:
        queryset = queryset.filter(partnership_id=partnership)
    return _page(queryset, page, page_size)


@router.get("/payments/{int:pk}", response={200: PaymentOut, **NOT_FOUND}, tags=["finance"])
def payment_detail(request, pk: int):
    return get_object_or_404(_payments(request), pk=pk)


@router.post(
    "/payments/{int:pk}/paid",
    response={200: PaymentOut, 400: FieldErrors, 403: Error, **NOT_FOUND},
    tags=["finance"],
)
def payment_paid(request, pk: int, payload: PaidIn):
    """The finance system reports that an approved payment went out on `paid_on`. Needs a
    token with the finance scope. Refusals are 400 with the field's message; nothing changes."""
    token = request.auth
    payment = get_object_or_404(_payments(request), pk=pk)
    if not permissions.can_write_finance(token):
        return 403, {"detail": _("This token may only read.")}
    with transaction.atomic():
        payment_pay(
            payment=payment,
            user=request.user,
            paid_on=payload.paid_on,
            note=f"API: {token.name} ({token.prefix})",
        )
        api_write_record(
            token=token,
            action="payment_paid",
            obj=payment,
            data={"paid_on": payload.paid_on.isoformat()},
        )
    return get_object_or_404(_payments(request), pk=pk)


# --- documents -------------------------------------------------------------------------------


@router.get(
    "/partnerships/{int:pk}/documents",
    response={200: DocumentsOut, **NOT_FOUND},
    tags=["documents"],
)
def document_list(request, pk: int):
    """The decision memo and every agreement version (the original and each amendment) with
    its signed copies and their electronic signatures' verdicts."""
    partnership = _partnership(request, pk)
    memo = getattr(partnership, "decision_memo", None)
    versions = (
        AgreementVersion.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch(
                "signed_copies",
                queryset=SignedCopy.objects.order_by("uploaded_at", "pk").prefetch_related(
                    Prefetch(
                        "embedded_signatures", queryset=EmbeddedSignature.objects.order_by("pk")
                    )
                ),
            )
        )
        .order_by("number")
    )
    return {"partnership_id": partnership.pk, "memo": memo, "versions": list(versions)}


@router.get(
    "/partnerships/{int:pk}/versions/{int:number}/pdf",
    response={200: None, **NOT_FOUND},
    tags=["documents"],
    openapi_extra={
        "responses": {200: {"description": "The PDF", "content": {"application/pdf": {}}}}
    },
)
def version_pdf(request, pk: int, number: int):
    partnership = _partnership(request, pk)
    version = get_object_or_404(partnership.agreement_versions, number=number)
    if not version.pdf:
        raise Http404
    return FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"avtal-{partnership.pk}-version-{version.number}.pdf",
    )


@router.get(
    "/partnerships/{int:pk}/signed-copies/{int:copy_pk}/pdf",
    response={200: None, **NOT_FOUND},
    tags=["documents"],
    openapi_extra={
        "responses": {200: {"description": "The PDF", "content": {"application/pdf": {}}}}
    },
)
def signed_copy_pdf(request, pk: int, copy_pk: int):
    partnership = _partnership(request, pk)
    copy = get_object_or_404(SignedCopy, pk=copy_pk, version__partnership=partnership)
    return FileResponse(
        copy.file.open("rb"),
        content_type="application/pdf",
        filename=f"undertecknat-{partnership.pk}-{copy.pk}.pdf",
    )
