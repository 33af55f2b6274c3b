"""Writes to the organisation register. Views, forms, the admin and imports call these."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.transitions import Lifecycle, transition
from common.versions import Rows, Versioned, check_version

from .constants import GIRO_CHANGE_TRANSITIONS, GiroChangeStatus, Role
from .models import AuthorisedSignatory, GiroChange, Membership, Organisation, Relation
from .roles import roles_for
from .validators import normalise_org_number

DUPLICATE_ORG_NUMBER = _("An organisation with this organisation number already exists.")

# The identity a user may set, shared by every body; created_at/updated_at are kept by the
# model.
ORGANISATION_FIELDS = (
    "name",
    "org_number",
    "sector",
    "legal_form",
    "street_address",
    "postal_code",
    "city",
    "registered_idea_based",
    "registered_idea_based_since",
)
# What one body records about the organisation (its relation).
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
GIRO_FIELDS = ("bankgiro", "plusgiro")
RELATION_FIELDS = (*CONTACT_FIELDS, *GIRO_FIELDS, "notes")

# What each edit form covers (common.versions): the identity; a body's relation with its
# signatories (its administrators' form); the contact details alone (its representatives').
ORGANISATION_VERSION = Versioned(Organisation, ORGANISATION_FIELDS)
RELATION_VERSION = Versioned(
    Relation, RELATION_FIELDS, rows=(Rows("signatories", ("name", "title")),)
)
RELATION_CONTACT_VERSION = Versioned(Relation, CONTACT_FIELDS)


def _friendly_errors(exc: ValidationError) -> ValidationError:
    """Swedish duplicate message, and each message once per field.

    Model.full_clean runs the field validators and Model.clean, which both check the
    organisation number, so a bad number would otherwise be reported twice.
    """
    errors: dict[str, list] = {}
    for field, field_errors in exc.update_error_dict({}).items():
        seen = set()
        for error in (single for e in field_errors for single in e.error_list):
            if field == "org_number" and error.code == "unique":
                error = ValidationError(DUPLICATE_ORG_NUMBER, code="duplicate")
            key = tuple(error.messages)
            if key not in seen:
                seen.add(key)
                errors.setdefault(field, []).append(error)
    return ValidationError(errors)


def _normalise_numbers(instance: Organisation) -> dict[str, list]:
    """Bring the numbers to their stored form before the field checks run.

    Model.full_clean checks max_length before Organisation.clean() normalises, so
    802003-1954 (eleven characters) would be refused although it is valid.
    """
    errors: dict[str, list] = {}
    for field, normalise in (("org_number", normalise_org_number),):
        value = getattr(instance, field)
        if value:
            try:
                setattr(instance, field, normalise(value))
            except ValidationError as exc:
                errors[field] = list(exc.error_list)
    return errors


def organisation_full_clean(
    instance: Organisation,
    *,
    exclude=(),
    validate_unique: bool = True,
    validate_constraints: bool = True,
) -> None:
    """full_clean() with the register's messages (used by the services and the import).

    The bulk import checks uniqueness itself and skips the constraint queries: its one check
    constraint is Organisation.clean()'s rule too, and the database enforces both anyway."""
    errors = _normalise_numbers(instance)
    try:
        instance.full_clean(
            exclude=[*exclude, *errors],
            validate_unique=validate_unique,
            validate_constraints=validate_constraints,
        )
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise _friendly_errors(ValidationError(errors))


def _check_fields(fields: Mapping) -> None:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {', '.join(sorted(unknown))}")


def _save(organisation: Organisation) -> None:
    organisation_full_clean(organisation)
    try:
        # A savepoint, so a lost race on the unique number leaves the transaction usable.
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        raise ValidationError({"org_number": DUPLICATE_ORG_NUMBER}) from None


@transaction.atomic
def organisation_create(**fields) -> Organisation:
    """Register an organisation's identity. What a body records about it (contact, giro,
    signatories) is that body's relation: `relation_update`."""
    _check_fields(fields)
    if not fields.get("org_number"):
        fields["org_number"] = None
    organisation = Organisation(**fields)
    _save(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, body=None, version: str | None = None, **fields
) -> Organisation:
    """Change an organisation's identity, shared by every body that partners with it.

    `body` is the body whose administrator makes the change: the history names it, so every
    partnering body sees who changed what. `version` (ORGANISATION_VERSION), when given, is
    what the form showed: a save over a newer one is refused (common.versions)."""
    _check_fields(fields)
    if "org_number" in fields and not fields["org_number"]:
        fields["org_number"] = None
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    ORGANISATION_VERSION.check(version, locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    if body is not None:
        # Stored as the body's name (not translated text): the history says who changed it.
        locked._change_reason = str(body)
    _save(locked)
    if organisation is not locked:
        for name in fields:
            setattr(organisation, name, getattr(locked, name))
        organisation.updated_at = locked.updated_at
    return locked


def _check_relation_fields(fields: Mapping, allowed=RELATION_FIELDS) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown relation fields: {', '.join(sorted(unknown))}")


@transaction.atomic
def relation_update(
    *,
    body: Organisation,
    organisation: Organisation,
    signatories: Iterable[Mapping] | None = None,
    user=None,
    version: str | None = None,
    **fields,
) -> Relation:
    """Change what `body` records about `organisation` (made on first use).

    Only this body's relation changes: another body's payments and documents read their own.
    `signatories`, when given, replaces the signatories the organisation gave this body.

    A new bankgiro/plusgiro is not trusted on one word: it becomes a pending GiroChange
    (proposed by `user`) and the relation keeps the old number until a second administrator
    of the body confirms it (`giro_change_confirm`).

    `version` (RELATION_VERSION or RELATION_CONTACT_VERSION), when given, is what the form
    showed: a save over a newer one is refused (common.versions)."""
    _check_relation_fields(fields)
    if not body.is_public_body:
        raise ValidationError({"body": _("Choose a public body.")})
    # The organisation's row is locked first, so two first saves of a relation queue up too.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values("pk"))
    relation = (
        Relation.objects.select_for_update().filter(body=body, organisation=organisation).first()
    )
    check_version(version, relation, model=Relation)
    if relation is None:
        relation, _created = Relation.objects.get_or_create(body=body, organisation=organisation)
    in_use = (relation.bankgiro, relation.plusgiro)
    for name, value in fields.items():
        setattr(relation, name, value)
    relation.full_clean()  # checks and normalises the proposed numbers too
    proposed = (relation.bankgiro, relation.plusgiro)
    relation.bankgiro, relation.plusgiro = in_use
    if user is not None:
        relation._history_user = user
    relation.save()
    if any(name in fields for name in GIRO_FIELDS):
        _giro_propose(relation=relation, bankgiro=proposed[0], plusgiro=proposed[1], user=user)
    if signatories is not None:
        signatories_set(relation=relation, signatories=signatories)
    return relation


@transaction.atomic
def signatories_set(
    *, relation: Relation, signatories: Iterable[Mapping]
) -> list[AuthorisedSignatory]:
    """Make the signatories the organisation gave the relation's body exactly `signatories`.

    Each item is a mapping with `name`, `title` and optionally `id` of an existing
    signatory of this relation (which is then updated). Signatories not listed are removed.
    """
    existing = {s.pk: s for s in relation.signatories.all()}
    kept: list[AuthorisedSignatory] = []
    for item in signatories:
        signatory_id = item.get("id")
        if signatory_id is not None and signatory_id not in existing:
            raise ValidationError(
                {NON_FIELD_ERRORS: _("The signatory does not belong to this organisation.")}
            )
        signatory = existing.pop(signatory_id, None) or AuthorisedSignatory(relation=relation)
        signatory.name = (item.get("name") or "").strip()
        signatory.title = (item.get("title") or "").strip()
        signatory.full_clean()
        signatory.save()
        kept.append(signatory)
    for signatory in existing.values():
        signatory.delete()
    return kept


# --- giro changes: not trusted on one word ------------------------------------------------

GIRO_LIFECYCLE = Lifecycle(
    model=GiroChange,
    transitions=GIRO_CHANGE_TRANSITIONS,
    statuses=GiroChangeStatus,
    refusal=_("A giro change that is “%(from)s” cannot become “%(to)s”."),
    concurrent_change=_(
        "Someone else handled the giro change at the same moment. Reload the page."
    ),
)
OWN_PROPOSAL = _(
    "You proposed this change: another administrator of the public body must confirm it."
)


def _giro_propose(*, relation: Relation, bankgiro: str, plusgiro: str, user) -> None:
    """A new bankgiro/plusgiro waits for a second administrator; the relation keeps the old."""
    pending = relation.giro_changes.pending().first()
    if pending is not None:
        if (pending.bankgiro, pending.plusgiro) == (bankgiro, plusgiro):
            return  # the same proposal again
        giro_change_withdraw(change=pending, user=user)
    if (bankgiro, plusgiro) == (relation.bankgiro, relation.plusgiro):
        return  # back to the number in use: nothing to confirm
    change = GiroChange(
        relation=relation,
        bankgiro=bankgiro,
        plusgiro=plusgiro,
        old_bankgiro=relation.bankgiro,
        old_plusgiro=relation.plusgiro,
        proposed_by=user,
    )
    change.full_clean()
    change.save()


@transaction.atomic
def giro_change_confirm(*, change: GiroChange, user) -> GiroChange:
    """A second administrator of the same body confirms: the relation takes the new number,
    and payments planned from then on carry it. The proposer cannot confirm."""

    def check(locked: GiroChange):
        if locked.proposed_by_id is not None and locked.proposed_by_id == user.pk:
            raise ValidationError({NON_FIELD_ERRORS: OWN_PROPOSAL})
        if not roles_for(user).administers(locked.relation.body_id):
            raise ValidationError(
                {NON_FIELD_ERRORS: _("Only an administrator of the public body confirms.")}
            )
        return {"decided_by": user, "decided_at": timezone.now()}

    locked = transition(
        lifecycle=GIRO_LIFECYCLE,
        obj=change,
        to_status=GiroChangeStatus.CONFIRMED,
        user=user,
        check=check,
        select_related=("relation",),
    )
    relation = Relation.objects.select_for_update().get(pk=locked.relation_id)
    relation.bankgiro, relation.plusgiro = locked.bankgiro, locked.plusgiro
    relation._history_user = user
    relation.save(update_fields=["bankgiro", "plusgiro", "updated_at"])
    return locked


@transaction.atomic
def giro_change_withdraw(*, change: GiroChange, user) -> GiroChange:
    """The proposer or another administrator of the body drops the proposal."""

    def check(locked: GiroChange):
        if user is not None and not roles_for(user).administers(locked.relation.body_id):
            raise ValidationError(
                {NON_FIELD_ERRORS: _("Only an administrator of the public body withdraws.")}
            )
        return {"decided_by": user, "decided_at": timezone.now()}

    return transition(
        lifecycle=GIRO_LIFECYCLE,
        obj=change,
        to_status=GiroChangeStatus.WITHDRAWN,
        user=user,
        check=check,
        select_related=("relation",),
    )


# --- representatives ------------------------------------------------------------------------


@transaction.atomic
def representative_revoke(*, membership: Membership, user) -> None:
    """An administrator of the body that invited a representative ends their membership
    towards that body: they no longer see its partnerships with the organisation."""
    locked = (
        Membership.objects.select_for_update()
        .filter(pk=membership.pk, role=Role.REPRESENTATIVE)
        .first()
    )
    if locked is None:
        raise ValidationError({NON_FIELD_ERRORS: _("The representative was already removed.")})
    if not roles_for(user).administers(locked.body_id):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Only an administrator of the body that invited the representative revokes."
                )
            }
        )
    locked._history_user = user
    locked.delete()
