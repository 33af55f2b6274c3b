import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import STAFF_ROLES, GiroChangeStatus, LegalForm, Role, Sector
from .roles import roles_for
from .validators import (
    format_bankgiro,
    format_org_number,
    format_plusgiro,
    normalise_giro,
    normalise_org_number,
    validate_bankgiro,
    validate_org_number,
    validate_plusgiro,
)


class OrganisationQuerySet(models.QuerySet):
    def public_bodies(self):
        return self.filter(sector=Sector.PUBLIC)

    def idea_based(self):
        return self.filter(sector=Sector.IDEA_BASED)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        condition = Q(name__icontains=term)
        digits = term.replace("-", "").replace(" ", "")
        if digits.isdigit():
            condition |= Q(org_number__startswith=digits[-10:] if len(digits) == 12 else digits)
            # A partial number is still a fine search term: only add the exact match if valid.
            with contextlib.suppress(ValidationError):
                condition |= Q(org_number=normalise_org_number(term))
        return self.filter(condition)

    def visible_to(self, user):
        """Staff of a public body see the whole register; a representative sees their own."""
        roles = roles_for(user)
        if roles.is_staff_member:
            return self
        return self.filter(pk__in=roles.representative_of)


class Organisation(models.Model):
    """A party to partnerships: the public body or an idea-based organisation.

    The register is shared by every public body in an installation: an organisation is one
    legal person, identified by its organisation number, whichever body it works with.
    """

    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Ten digits, shown as NNNNNN-NNNN."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    registered_idea_based = models.BooleanField(
        _("registered as idea-based organisation (SFS 2022:900)"), default=False
    )
    registered_idea_based_since = models.DateField(
        _("registered as idea-based since"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["name", "id"], name="organisation_name_idx")]
        permissions = [
            (
                "register_public_body",
                "Can register public bodies and appoint their first administrator",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(registered_idea_based=True)
                | Q(registered_idea_based_since__isnull=True),
                name="organisation_registration_date_needs_registration",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.pk])

    @property
    def org_number_display(self) -> str:
        return format_org_number(self.org_number)

    @property
    def is_public_body(self) -> bool:
        return self.sector == Sector.PUBLIC

    def clean_fields(self, exclude=None):
        """Normalise the number to its canonical digits before the field checks (length)
        run, so "802003-1954" and "16802003-1954" validate like "8020031954"."""
        errors = {}
        exclude = set(exclude or ())
        if self.org_number and "org_number" not in exclude:
            try:
                self.org_number = normalise_org_number(self.org_number)
            except ValidationError as exc:
                errors["org_number"] = exc.messages
                exclude.add("org_number")
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        errors = {}
        if self.registered_idea_based_since and not self.registered_idea_based:
            errors["registered_idea_based_since"] = _(
                "A registration date needs the organisation to be registered."
            )
        if self.sector == Sector.PUBLIC and self.legal_form not in (
            LegalForm.MUNICIPALITY,
            LegalForm.REGION,
            LegalForm.OTHER,
        ):
            errors["legal_form"] = _("A public body is a municipality, a region or other.")
        if errors:
            raise ValidationError(errors)


class RelationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Relations of the bodies the user works for, and those of the bodies that invited
        the user as the organisation's representative."""
        return self.filter(
            roles_for(user).reach_q(body_field="body_id", organisation_field="organisation_id")
        )


class Relation(models.Model):
    """What one public body knows and relies on about an organisation, as in its own
    supplier register: contact person, payment details, the signatories it was given, notes.

    The organisation's identity is shared by every body; the relation is the body's own.
    Another body's change to its relation never reaches this body's payments or documents.
    A public body's own contact details and signatories are its relation with itself.
    """

    body = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="relations_held",
        limit_choices_to={"sector": Sector.PUBLIC},
        verbose_name=_("public body"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="relations",
        verbose_name=_("organisation"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    bankgiro = models.CharField(
        _("bankgiro"), max_length=8, blank=True, validators=[validate_bankgiro]
    )
    plusgiro = models.CharField(
        _("plusgiro"), max_length=8, blank=True, validators=[validate_plusgiro]
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = RelationQuerySet.as_manager()

    class Meta:
        ordering = ["body__name", "pk"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organisation"], name="relation_unique_body_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.body} – {self.organisation}"

    @property
    def bankgiro_display(self) -> str:
        return format_bankgiro(self.bankgiro)

    @property
    def plusgiro_display(self) -> str:
        return format_plusgiro(self.plusgiro)

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    def clean_fields(self, exclude=None):
        """Giro numbers are stored as digits; "5050-1055" validates like "50501055"."""
        errors = {}
        exclude = set(exclude or ())
        for field in ("bankgiro", "plusgiro"):
            value = getattr(self, field)
            if value and field not in exclude:
                try:
                    setattr(self, field, normalise_giro(value, kind=field))
                except ValidationError as exc:
                    errors[field] = exc.messages
                    exclude.add(field)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        if self.body_id and self.body.sector != Sector.PUBLIC:
            raise ValidationError({"body": _("Choose a public body.")})


def relation_for(body, organisation) -> Relation:
    """The body's relation with the organisation, unsaved and empty if it has none yet."""
    body_id = getattr(body, "pk", body)
    organisation_id = getattr(organisation, "pk", organisation)
    found = Relation.objects.filter(body_id=body_id, organisation_id=organisation_id).first()
    return found or Relation(body_id=body_id, organisation_id=organisation_id)


class AuthorisedSignatory(models.Model):
    """A person who may sign agreements for the organisation (behörig firmatecknare), as the
    organisation has given them to one body (its relation)."""

    relation = models.ForeignKey(
        Relation,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("relation"),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("authorised signatory")
        verbose_name_plural = _("authorised signatories")

    def __str__(self):
        return f"{self.name}, {self.title}" if self.title else self.name


class MembershipQuerySet(models.QuerySet):
    def staff(self):
        return self.filter(role__in=STAFF_ROLES)

    def representatives(self):
        return self.filter(role=Role.REPRESENTATIVE)


class Membership(models.Model):
    """What a user may do, and for which organisation.

    Administrators and officials belong to a public body (`organisation`). Representatives
    belong to an idea-based organisation and speak for it towards one public body (`body`),
    the body that invited them: a representative of Bris invited by Stockholm sees Bris's
    partnerships with Stockholm, not Bris's partnerships with Uppsala. A person may
    represent several organisations, and one organisation towards several bodies.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    body = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="representative_memberships",
        limit_choices_to={"sector": Sector.PUBLIC},
        verbose_name=_("towards public body"),
        help_text=_("For a representative: the public body that invited them."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(body__isnull=True),
                name="membership_unique_user_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "body"],
                condition=Q(body__isnull=False),
                name="membership_unique_user_organisation_body",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.REPRESENTATIVE, body__isnull=False)
                | (~Q(role=Role.REPRESENTATIVE) & Q(body__isnull=True)),
                name="membership_representative_has_body",
            ),
        ]

    def __str__(self):
        if self.body_id:
            return f"{self.user} – {self.organisation} ({self.get_role_display()}, {self.body})"
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def clean(self):
        if not self.organisation_id:
            return
        public = self.organisation.sector == Sector.PUBLIC
        if self.role in STAFF_ROLES and not public:
            raise ValidationError(
                {"role": _("Administrators and officials belong to a public body.")}
            )
        if self.role == Role.REPRESENTATIVE and public:
            raise ValidationError(
                {"role": _("A representative belongs to an idea-based organisation.")}
            )
        if self.role == Role.REPRESENTATIVE:
            if not self.body_id:
                raise ValidationError(
                    {"body": _("A representative speaks for the organisation to a public body.")}
                )
            if self.body.sector != Sector.PUBLIC:
                raise ValidationError({"body": _("Choose a public body.")})
        elif self.body_id:
            raise ValidationError(
                {"body": _("Only a representative is invited by another public body.")}
            )


class GiroChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=GiroChangeStatus.PENDING)

    def visible_to(self, user):
        """Changes of the relations of the bodies the user works for."""
        return self.filter(roles_for(user).staff_q("relation__body_id"))


class GiroChange(models.Model):
    """A proposed change of a relation's bankgiro/plusgiro. It takes effect only when a
    second administrator of the same body confirms it: until then the relation, and so every
    payment planned from it, keeps the old number."""

    relation = models.ForeignKey(
        Relation, on_delete=models.CASCADE, related_name="giro_changes", verbose_name=_("relation")
    )
    bankgiro = models.CharField(
        _("bankgiro"), max_length=8, blank=True, validators=[validate_bankgiro]
    )
    plusgiro = models.CharField(
        _("plusgiro"), max_length=8, blank=True, validators=[validate_plusgiro]
    )
    # What the relation had when the change was proposed, to show "old → new".
    old_bankgiro = models.CharField(_("previous bankgiro"), max_length=8, blank=True)
    old_plusgiro = models.CharField(_("previous plusgiro"), max_length=8, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=GiroChangeStatus.choices,
        default=GiroChangeStatus.PENDING,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()
    objects = GiroChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("giro change")
        verbose_name_plural = _("giro changes")
        constraints = [
            models.UniqueConstraint(
                fields=["relation"],
                condition=Q(status="pending"),
                name="giro_change_one_pending_per_relation",
            ),
        ]

    def __str__(self):
        return f"{self.relation}: {self.new_display}"

    @staticmethod
    def _display(bankgiro, plusgiro) -> str:
        if bankgiro:
            return f"BG {format_bankgiro(bankgiro)}"
        if plusgiro:
            return f"PG {format_plusgiro(plusgiro)}"
        return "–"

    @property
    def new_display(self) -> str:
        return self._display(self.bankgiro, self.plusgiro)

    @property
    def old_display(self) -> str:
        return self._display(self.old_bankgiro, self.old_plusgiro)

    @property
    def is_pending(self) -> bool:
        return self.status == GiroChangeStatus.PENDING
