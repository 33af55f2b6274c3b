"""`body_settings(body)`: a public body's effective settings, its own values where it set
them and the installation's (the environment) elsewhere. Every document, rule and deadline
that differs between bodies asks this one function.

Within a request the answer is kept per body (`BodySettingsCacheMiddleware`), so a list of a
hundred payments asks the database once per body, not once per row; the update service
forgets the kept answer.
"""

import base64
from contextlib import ContextDecorator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import default_storage

from organisations.models import Organisation

from .models import BodySettings

_cache: ContextVar[dict | None] = ContextVar("iop_body_settings", default=None)

LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def definite_form(title: str) -> str:
    """ "Förvaltningschef" → "förvaltningschefen", "Stadsdirektör" → "stadsdirektören": the
    title in running text, for "… ger förvaltningschefen i uppdrag"."""
    title = title.strip()
    if not title:
        return title
    lower = title[0].lower() + title[1:]
    if " " in lower:
        return lower  # several words ("chef för …"): left as written
    if lower.endswith("e"):
        return lower + "n"
    return lower + "en"


@dataclass(frozen=True)
class EffectiveSettings:
    body_id: int
    letterhead_name: str
    logo_name: str  # the body's uploaded logo in the default storage, "" for the installation's
    deciding_body: str
    head_title: str
    signing_place: str
    two_person_approval: bool
    deviation_threshold_percent: Decimal
    sie_expense_account: tuple[str, str]
    sie_payable_account: tuple[str, str]
    account_due_days: int

    @property
    def head_title_definite(self) -> str:
        return definite_form(self.head_title)

    def logo_data_uri(self) -> str:
        """The body's own logo as a data: URI for the PDF ("" without one): read from the
        storage, so it works the same on local disk and object storage."""
        if not self.logo_name:
            return ""
        try:
            with default_storage.open(self.logo_name, "rb") as handle:
                data = handle.read()
        except OSError:
            return ""
        kind = next((t for magic, t in LOGO_TYPES.items() if data.startswith(magic)), None)
        if kind is None:
            return ""
        return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def installation_defaults() -> dict:
    """The environment's values, shown on the settings page next to each empty field."""
    return {
        "deciding_body": settings.IOP_DECIDING_BODY,
        "head_title": settings.IOP_HEAD_OF_ADMINISTRATION_TITLE,
        "two_person_approval": settings.IOP_PAYMENTS_REQUIRE_TWO_PEOPLE,
        "deviation_threshold_percent": settings.IOP_DEVIATION_THRESHOLD_PERCENT,
        "sie_expense_account": tuple(settings.IOP_SIE_EXPENSE_ACCOUNT),
        "sie_payable_account": tuple(settings.IOP_SIE_PAYABLE_ACCOUNT),
        "account_due_days": settings.IOP_ACCOUNT_DUE_DAYS_BEFORE_NEW_YEAR,
    }


def _pk(body) -> int:
    return body if isinstance(body, int) else body.pk


def _effective(body: Organisation, own: BodySettings | None) -> EffectiveSettings:
    default = installation_defaults()
    own = own or BodySettings(body=body)

    def account(number: str, name: str, fallback: tuple[str, str]) -> tuple[str, str]:
        if not number:
            return fallback
        return (number, name or fallback[1])

    return EffectiveSettings(
        body_id=body.pk,
        letterhead_name=own.letterhead_name or body.name,
        logo_name=own.logo.name if own.logo else "",
        deciding_body=own.deciding_body or default["deciding_body"],
        head_title=own.head_title or default["head_title"],
        signing_place=own.signing_place or body.city,
        two_person_approval=(
            default["two_person_approval"]
            if own.two_person_approval is None
            else own.two_person_approval
        ),
        deviation_threshold_percent=Decimal(
            str(
                default["deviation_threshold_percent"]
                if own.deviation_threshold_percent is None
                else own.deviation_threshold_percent
            )
        ),
        sie_expense_account=account(
            own.sie_expense_account, own.sie_expense_account_name, default["sie_expense_account"]
        ),
        sie_payable_account=account(
            own.sie_payable_account, own.sie_payable_account_name, default["sie_payable_account"]
        ),
        account_due_days=(
            default["account_due_days"] if own.account_due_days is None else own.account_due_days
        ),
    )


_NOT_LOADED = object()


def body_settings(body: Organisation | int, *, own=_NOT_LOADED) -> EffectiveSettings:
    """The effective settings of `body` (a public body, as object or primary key). `own`:
    the body's BodySettings row (or None: it has none) when the caller loaded it already in
    its own query (reporting.selectors.partnership_for_documents)."""
    pk = _pk(body)
    cache = _cache.get()
    if cache is not None and pk in cache:
        return cache[pk]
    if own is not _NOT_LOADED and isinstance(body, Organisation):
        result = _effective(body, own)
    elif isinstance(body, Organisation):
        own = BodySettings.objects.filter(body_id=pk).first()
        result = _effective(body, own)
    else:
        organisation = Organisation.objects.select_related("body_settings").get(pk=pk)
        try:
            own = organisation.body_settings
        except BodySettings.DoesNotExist:
            own = None
        result = _effective(organisation, own)
    if cache is not None:
        cache[pk] = result
    return result


def remember_body_settings(body: Organisation) -> EffectiveSettings:
    """`body` read with `select_related("body_settings")`: its settings kept for the rest of
    the request (or job) without asking again."""
    try:
        own = body.body_settings
    except BodySettings.DoesNotExist:
        own = None
    return body_settings(body, own=own)


def forget_body_settings(body) -> None:
    cache = _cache.get()
    if cache is not None:
        cache.pop(_pk(body), None)


class body_settings_scope(ContextDecorator):  # noqa: N801 - used like contextlib's helpers
    """Keeps each body's answer for the work inside (a request, a job)."""

    def __enter__(self):
        self._token = _cache.set({}) if _cache.get() is None else None
        return self

    def __exit__(self, *exc_info):
        if self._token is not None:
            _cache.reset(self._token)
        return False


def body_words(effective: EffectiveSettings) -> dict:
    """What the documents print of the body's settings, as JSON-ready data (an agreement
    version freezes it with the rest of its snapshot)."""
    return {
        "letterhead_name": effective.letterhead_name,
        "deciding_body": effective.deciding_body,
        "head_title": effective.head_title,
        "head_title_definite": effective.head_title_definite,
        "signing_place": effective.signing_place,
    }
