"""What the API answers with. Money is a string of kronor with two decimals ("711833.00"),
never a float; dates are ISO 8601; statuses are the register's stable codes."""

import datetime
from decimal import Decimal

from ninja import Schema


def money(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


class OrganisationRef(Schema):
    id: int
    name: str
    org_number: str | None


class PartyOut(Schema):
    id: int
    organisation: OrganisationRef
    is_public: bool
    joined_on: datetime.date
    left_on: datetime.date | None


class PartnershipOut(Schema):
    id: int
    title: str
    registry_number: str
    status: str
    public_body: OrganisationRef
    start_date: datetime.date
    end_date: datetime.date
    latest_end_date: datetime.date | None
    decided_on: datetime.date | None
    decision_paragraph: str
    parties: list[PartyOut]

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())


class OrganisationDetails(Schema):
    street_address: str
    postal_code: str
    city: str
    contact_name: str
    contact_email: str
    contact_phone: str
    bankgiro: str
    plusgiro: str


class OrganisationOut(Schema):
    """Identity fields for every organisation of the register; `details` only for an
    organisation the token's body partners with (else null)."""

    id: int
    name: str
    org_number: str | None
    sector: str
    legal_form: str
    registered_idea_based: bool
    details: OrganisationDetails | None = None


class PeriodOut(Schema):
    id: int
    label: str
    start: datetime.date
    end: datetime.date


class BudgetLineOut(Schema):
    category: str
    amount: str

    @staticmethod
    def resolve_amount(obj):
        return money(obj.amount)


class BudgetOut(Schema):
    id: int
    period: PeriodOut
    organisation: OrganisationRef
    appendix_number: str
    total: str
    lines: list[BudgetLineOut]

    @staticmethod
    def resolve_organisation(obj):
        return obj.appendix.party.organisation

    @staticmethod
    def resolve_appendix_number(obj):
        return obj.appendix.number

    @staticmethod
    def resolve_total(obj):
        return money(obj.total)

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())


class PaymentOut(Schema):
    id: int
    partnership_id: int
    recipient: OrganisationRef
    period: PeriodOut
    due_date: datetime.date
    covers_from: datetime.date
    covers_to: datetime.date
    amount: str
    status: str
    paid_on: datetime.date | None
    bankgiro: str
    plusgiro: str

    @staticmethod
    def resolve_recipient(obj):
        return obj.party.organisation

    @staticmethod
    def resolve_amount(obj):
        return money(obj.amount)


class PaidIn(Schema):
    """What the finance system reports back: the payment went out on `paid_on`."""

    paid_on: datetime.date


class EmbeddedSignatureOut(Schema):
    signer_name: str
    issuer_name: str
    status: str
    signing_time: datetime.datetime | None


class SignedCopyOut(Schema):
    id: int
    original_name: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime
    verification: str
    signatures: list[EmbeddedSignatureOut]

    @staticmethod
    def resolve_signatures(obj):
        return list(obj.embedded_signatures.all())


class VersionOut(Schema):
    number: int
    kind: str
    state: str
    prepared_at: datetime.datetime | None
    frozen_at: datetime.datetime | None
    pdf_sha256: str
    signed_copies: list[SignedCopyOut]

    @staticmethod
    def resolve_signed_copies(obj):
        return list(obj.signed_copies.all())


class MemoOut(Schema):
    title: str
    registry_number: str
    memo_date: datetime.date
    frozen_at: datetime.datetime | None


class DocumentsOut(Schema):
    partnership_id: int
    memo: MemoOut | None
    versions: list[VersionOut]


class Error(Schema):
    detail: str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


class PageInfo(Schema):
    count: int
    page: int
    pages: int


class PartnershipPage(PageInfo):
    items: list[PartnershipOut]


class OrganisationPage(PageInfo):
    items: list[OrganisationOut]


class PaymentPage(PageInfo):
    items: list[PaymentOut]
