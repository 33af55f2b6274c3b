from django.core.exceptions import ValidationError
from django.db import transaction

from common.versions import Versioned, check_version
from finance.models import FinanceTerms
from partnerships.guards import ensure_changes_allowed
from partnerships.models import Partnership

TERMS_FIELDS = (
    "payment_frequency",
    "days_in_advance",
    "notice_months",
    "refund_on_termination",
    "dispute_ends_partnership",
    "other_municipality_fee",
    "rounding",
)
# What the terms form covers (common.versions).
TERMS_VERSION = Versioned(FinanceTerms, TERMS_FIELDS)


def terms_for(*, partnership: Partnership) -> FinanceTerms:
    """The partnership's finance terms, or the defaults (unsaved) while none are recorded:
    reading a page never writes, so the terms row is created when they are first saved."""
    terms = FinanceTerms.objects.filter(partnership=partnership).first()
    return terms if terms is not None else FinanceTerms(partnership=partnership)


@transaction.atomic
def terms_update(*, partnership: Partnership, version: str | None = None, **fields) -> FinanceTerms:
    """`version` (TERMS_VERSION), when given, is what the form showed: a save over a newer
    one is refused (common.versions)."""
    # The partnership's row first, so two first saves of the terms queue up too.
    list(Partnership.objects.select_for_update().filter(pk=partnership.pk).values("pk"))
    check_version(
        version,
        FinanceTerms.objects.select_for_update().filter(partnership=partnership).first(),
        model=FinanceTerms,
    )
    ensure_changes_allowed(partnership)
    terms, _created = FinanceTerms.objects.select_for_update().get_or_create(
        partnership=partnership
    )
    for name, value in fields.items():
        if name not in TERMS_FIELDS:
            raise ValueError(f"{name} is not a finance terms field")
        setattr(terms, name, value)
    try:
        terms.full_clean(exclude=["partnership"])
    except ValidationError:
        raise
    terms.save()
    return terms
