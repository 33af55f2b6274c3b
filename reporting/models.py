import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models import Partnership, Party

from .clauses import ClauseKey
from .constants import (
    ArchivalError,
    ArchivalForm,
    CopyVerification,
    EmbeddedSignatureStatus,
    VersionKind,
    VersionState,
)


def agreement_pdf_path(instance, filename):
    return f"reporting/agreements/{uuid.uuid4().hex}.pdf"


def signed_copy_path(instance, filename):
    return f"reporting/signed/{uuid.uuid4().hex}.pdf"


class DecisionMemo(models.Model):
    """The administration's decision memo (tjänsteutlåtande) to the board, one per partnership."""

    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        related_name="decision_memo",
        verbose_name=_("partnership"),
    )
    case_officer_name = models.CharField(_("case officer"), max_length=200)
    case_officer_phone = models.CharField(_("case officer's phone"), max_length=40, blank=True)
    board = models.CharField(
        _("to (board)"), max_length=200, help_text=_("For example Socialnämnden.")
    )
    memo_date = models.DateField(_("date"))
    registry_number = models.CharField(_("registry number (dnr)"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    proposed_decision = models.TextField(
        _("proposed decision"), help_text=_("One numbered point per line.")
    )
    # Seed 004's optional points, printed after the written ones.
    admits_new_organisations = models.BooleanField(
        _("the head of administration may admit new organisations"),
        default=False,
        help_text=_(
            "Adds the point that the head of administration may approve new organisations "
            "joining the partnership within its budget."
        ),
    )
    adjust_immediately = models.BooleanField(
        _("the paragraph is adjusted immediately"),
        default=False,
        help_text=_("Adds the last point “Paragrafen justeras omedelbart.”"),
    )
    official_1_name = models.CharField(_("first signing official"), max_length=200)
    official_1_title = models.CharField(_("first official's title"), max_length=200)
    official_2_name = models.CharField(_("second signing official"), max_length=200, blank=True)
    official_2_title = models.CharField(_("second official's title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    background = models.TextField(_("background"), blank=True)
    preparation = models.TextField(_("preparation of the matter"), blank=True)
    matter = models.TextField(_("the matter"), blank=True)
    gender_analysis = models.TextField(_("gender-equality analysis"), blank=True)
    administration_view = models.TextField(
        _("the administration's views"),
        blank=True,
        help_text=_("The proposal itself is printed after it, from the proposed decision."),
    )
    appendices = models.TextField(
        _("further appendices"),
        blank=True,
        help_text=_(
            "One per line. The agreement and the parties' appendices are listed from the "
            "register, in their numbers' order."
        ),
    )
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    # What the register said when the memo went to the board: a frozen memo prints from it.
    facts = models.JSONField(_("facts when frozen"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision memo")
        verbose_name_plural = _("decision memos")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reporting:memo", args=[self.partnership_id])

    @property
    def decision_points(self) -> list[str]:
        return _lines(self.proposed_decision)

    @property
    def appendix_list(self) -> list[str]:
        return _lines(self.appendices)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class AgreementVersionQuerySet(models.QuerySet):
    def frozen(self):
        return self.filter(frozen_at__isnull=False)

    def for_history(self):
        return self.select_related("created_by").prefetch_related(
            models.Prefetch(
                "signatures", queryset=Signature.objects.select_related("party__organisation")
            ),
            "signed_copies__embedded_signatures",
        )


class AgreementVersion(models.Model):
    """One signed (or to be signed) text of the agreement: the original or an amendment.

    `snapshot` holds every value the PDF printed; the PDF is rendered from it, so the same
    version always gives the same text.
    """

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="agreement_versions",
        verbose_name=_("partnership"),
    )
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=20, choices=VersionKind.choices)
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)
    changes = models.JSONField(_("changes"), default=list, blank=True, editable=False)
    pdf = models.FileField(_("PDF"), upload_to=agreement_pdf_path, blank=True, editable=False)
    pdf_sha256 = models.CharField(
        _("SHA-256 of the PDF"), max_length=64, blank=True, editable=False
    )
    # reporting.diff.snapshot_fingerprint of `snapshot`: the version is signable only while
    # the register still gives the same (issue 12: a prepared version goes stale).
    snapshot_sha256 = models.CharField(
        _("SHA-256 of what the version prints"), max_length=64, blank=True, editable=False
    )
    prepared_at = models.DateTimeField(
        _("prepared for signing"), null=True, blank=True, editable=False
    )
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    # A version that went stale after some parties signed is superseded by a new one prepared
    # from the current data; its partial signatures stay recorded against it.
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True, editable=False)
    # Which amendment this is (0 for the original), kept when a version is superseded so the
    # numbering of amendments does not count the superseded ones.
    amendment_no = models.PositiveIntegerField(_("amendment number"), default=0, editable=False)
    # Signed on paper before the partnership was registered here: the signed scan is the
    # agreement, the snapshot is what the register said when the paper was recorded.
    signed_on_paper = models.BooleanField(_("signed on paper"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = AgreementVersionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "number"]
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="agreement_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(frozen_at__isnull=True) | Q(prepared_at__isnull=False),
                name="agreement_version_frozen_after_prepared",
            ),
            models.CheckConstraint(
                condition=Q(frozen_at__isnull=True) | Q(superseded_at__isnull=True),
                name="agreement_version_frozen_or_superseded",
            ),
        ]

    def __str__(self):
        if self.kind == VersionKind.AMENDMENT:
            return _("Amendment no. %(n)s") % {"n": self.amendment_number}
        return str(_("Original agreement"))

    def get_absolute_url(self):
        return reverse("reporting:version", args=[self.partnership_id, self.number])

    @property
    def amendment_number(self) -> int:
        return self.amendment_no

    @property
    def state(self) -> str:
        if self.frozen_at:
            return VersionState.FROZEN
        if self.superseded_at:
            return VersionState.SUPERSEDED
        if self.prepared_at:
            return VersionState.SIGNING
        return VersionState.DRAFT

    def get_state_display(self):
        return VersionState(self.state).label

    @property
    def party_ids(self) -> list[int]:
        return [party["party_id"] for party in self.snapshot.get("parties", [])]


class Signature(models.Model):
    """A party's signature on a version, as recorded by an official."""

    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("version"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    signed_by = models.CharField(_("signed by"), max_length=200)
    capacity = models.CharField(_("capacity or title"), max_length=200)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="signature_once_per_party"),
        ]

    def __str__(self):
        return f"{self.signed_by} ({self.party})"


class SignedCopy(models.Model):
    """The scanned, signed agreement. Stored under an unguessable name and served only
    through a view that checks permissions."""

    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.CASCADE,
        related_name="signed_copies",
        verbose_name=_("version"),
    )
    file = models.FileField(_("file"), upload_to=signed_copy_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    verification = models.CharField(
        _("electronic signatures"),
        max_length=20,
        choices=CopyVerification.choices,
        default=CopyVerification.NOT_CHECKED,
        editable=False,
    )
    verified_at = models.DateTimeField(
        _("electronic signatures checked"), null=True, blank=True, editable=False
    )
    # The archive's PDF/A of the copy: the upload itself when it is PDF/A, else a rendition
    # made once (Ghostscript writes the time into it, so it is kept, not made per package).
    archival_form = models.CharField(
        _("archival form"),
        max_length=20,
        choices=ArchivalForm.choices,
        default=ArchivalForm.PENDING,
        editable=False,
    )
    archival_conformance = models.CharField(
        _("PDF/A conformance"), max_length=20, blank=True, editable=False
    )
    archival_file = models.FileField(
        _("PDF/A rendition"), upload_to=signed_copy_path, blank=True, editable=False
    )
    archival_size = models.PositiveBigIntegerField(
        _("size of the rendition (bytes)"), null=True, blank=True, editable=False
    )
    archival_sha256 = models.CharField(
        _("SHA-256 of the rendition"), max_length=64, blank=True, editable=False
    )
    archival_tool = models.CharField(
        _("converted with"), max_length=100, blank=True, editable=False
    )
    archival_error = models.CharField(
        _("why no rendition"),
        max_length=30,
        choices=ArchivalError.choices,
        blank=True,
        editable=False,
    )
    archival_detail = models.TextField(_("conversion detail"), blank=True, editable=False)
    archival_made_at = models.DateTimeField(
        _("archival form decided"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "uploaded_at"]
        verbose_name = _("signed copy")
        verbose_name_plural = _("signed copies")

    def __str__(self):
        return self.original_name


class EmbeddedSignature(models.Model):
    """One electronic (PAdES) signature found in a signed copy, as pyHanko judged it when the
    copy was checked. Who signed is the certificate's subject name; the subject's serial
    number (a personal identity number) is not kept."""

    copy = models.ForeignKey(
        SignedCopy,
        on_delete=models.CASCADE,
        related_name="embedded_signatures",
        verbose_name=_("signed copy"),
    )
    field_name = models.CharField(_("signature field"), max_length=200, blank=True)
    status = models.CharField(_("verdict"), max_length=20, choices=EmbeddedSignatureStatus.choices)
    signer_name = models.CharField(_("signed by (certificate)"), max_length=300, blank=True)
    signer_organisation = models.CharField(
        _("organisation (certificate)"), max_length=300, blank=True
    )
    signer_email = models.CharField(_("e-mail (certificate)"), max_length=300, blank=True)
    issuer_name = models.CharField(_("issued by"), max_length=300, blank=True)
    certificate_serial = models.CharField(_("certificate serial number"), max_length=100)
    certificate_sha256 = models.CharField(_("certificate SHA-256"), max_length=64)
    signing_time = models.DateTimeField(_("signing time (stated)"), null=True, blank=True)
    timestamp_time = models.DateTimeField(_("time stamp"), null=True, blank=True)
    intact = models.BooleanField(_("intact"))
    cryptographically_valid = models.BooleanField(_("signature matches"))
    trusted = models.BooleanField(_("certificate trusted"))
    coverage = models.CharField(_("coverage"), max_length=40, blank=True)
    modification_level = models.CharField(_("changes after signing"), max_length=40, blank=True)
    detail = models.TextField(_("technical detail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["copy", "pk"]
        verbose_name = _("electronic signature")
        verbose_name_plural = _("electronic signatures")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="valid")
                | Q(intact=True, cryptographically_valid=True, trusted=True),
                name="embedded_signature_valid_only_when_checked",
            ),
        ]

    def __str__(self):
        return f"{self.signer_name} ({self.get_status_display()})"

    @property
    def is_valid(self) -> bool:
        return self.status == EmbeddedSignatureStatus.VALID


class OpenDataSet(models.Model):
    """A public body's open data, built once per change and then only read: the rows below are
    streamed as they are (reporting.services.opendata builds them; reporting.opendata reads).
    Derived data, not a record of its own: no history, rebuilt whenever its sources move."""

    body = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="open_data_set",
        verbose_name=_("public body"),
    )
    # What the rows were built from (reporting.opendata.source_version): another value means
    # a published figure may have changed since.
    source_version = models.CharField(_("source version"), max_length=500)
    # SHA-256 of the content: the ETag, unchanged when a rebuild gives the same data.
    digest = models.CharField(_("digest"), max_length=64)
    partnerships = models.PositiveIntegerField(_("partnerships"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("first published"), auto_now_add=True)
    built_at = models.DateTimeField(_("built"))
    changed_at = models.DateTimeField(_("content changed"))

    class Meta:
        verbose_name = _("open data set")
        verbose_name_plural = _("open data sets")

    def __str__(self):
        return str(self.body_id)


class OpenDataGrant(models.Model):
    """One published partnership of an open data set, ready to stream: its 360Giving grants
    (one per recipient organisation) as JSON objects and as CSV rows, and what the HTML page
    shows of it."""

    dataset = models.ForeignKey(
        OpenDataSet, on_delete=models.CASCADE, related_name="grants", verbose_name=_("data set")
    )
    position = models.PositiveIntegerField(_("position"))
    # The grants' JSON objects, comma-separated (a slice of the "grants" array).
    json = models.TextField("JSON")
    # The grants' CSV rows, with their line endings.
    csv = models.TextField("CSV")
    page = models.JSONField(_("page"))

    class Meta:
        ordering = ["dataset", "position"]
        verbose_name = _("open data grant")
        verbose_name_plural = _("open data grants")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "position"], name="open_data_grant_position_unique"
            )
        ]

    def __str__(self):
        return f"{self.dataset_id}:{self.position}"


class ClauseVersion(models.Model):
    """What the body's and the partnership's wording of a clause share: the clause, and who
    saved which version when (every save is a new one)."""

    key = models.CharField(_("clause"), max_length=40, choices=ClauseKey.choices)
    number = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        abstract = True


class ClauseText(ClauseVersion):
    """A public body's own wording of one standard clause of its agreements. One row per body
    and clause; every save is a new version (`number` counts them) and the history keeps each
    earlier text. A clause the body has not written follows the installation's default."""

    body = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="clause_texts",
        verbose_name=_("public body"),
    )
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "key"]
        verbose_name = _("clause text")
        verbose_name_plural = _("clause texts")
        constraints = [
            models.UniqueConstraint(fields=["body", "key"], name="clause_text_once_per_body"),
        ]

    def __str__(self):
        return f"{self.get_key_display()} – {self.body}"


class PartnershipClause(ClauseVersion):
    """One partnership's own wording of a clause, in place of its body's. An empty text
    follows the body's text again; every save is a new version, the history keeps the rest."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="clause_overrides",
        verbose_name=_("partnership"),
    )
    text = models.TextField(_("text"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "key"]
        verbose_name = _("partnership's clause")
        verbose_name_plural = _("partnership's clauses")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="partnership_clause_once"),
        ]

    def __str__(self):
        return f"{self.get_key_display()} – {self.partnership}"
