"""Agreement versions: preparing for signing, recording signatures, freezing, amendments."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.selectors import body_settings
from common.uploads import store_file, stored_files_scope
from partnerships.constants import Status
from partnerships.models import Partnership, Party
from partnerships.services import partnership_transition
from reporting.constants import VersionKind
from reporting.diff import snapshot_changes, snapshot_fingerprint, stale_changes
from reporting.models import AgreementVersion, Signature, SignedCopy
from reporting.selectors import agreement_problems, agreement_snapshot, partnership_for_documents

from .documents import agreement_document
from .esignatures import signed_copy_verify

PDF_MAGIC = b"%PDF-"


def latest_version(partnership: Partnership) -> AgreementVersion | None:
    return partnership.agreement_versions.order_by("-number").first()


def version_in_force(partnership: Partnership) -> AgreementVersion | None:
    return partnership.agreement_versions.frozen().order_by("-number").first()


def ensure_not_frozen(partnership: Partnership) -> None:
    """Hook for every service that changes what the agreement prints (partnership fields,
    parties, appendices, budgets, payment terms): refuses while the agreement is signed and
    no amendment is open, or while signatures are being collected."""
    latest = latest_version(partnership)
    if latest is None:
        return
    if latest.frozen_at is not None:
        raise ValidationError(
            _(
                "The agreement has been signed by every party and is frozen. "
                "Start an amendment to change it."
            )
        )
    if latest.signatures.exists():
        raise ValidationError(
            _("Signatures are being recorded for this agreement: it cannot change now.")
        )


def amendment_in_progress(partnership: Partnership) -> bool:
    """An amendment is open (started, not yet signed by every party)."""
    latest = latest_version(partnership)
    return latest is not None and latest.kind == VersionKind.AMENDMENT and not latest.frozen_at


def _documents_partnership(partnership: Partnership) -> Partnership:
    return partnership_for_documents(Partnership.objects.all(), partnership.pk)


def _prepare(version: AgreementVersion) -> AgreementVersion:
    """Take the snapshot, compute the changes (amendments), render and store the PDF."""
    partnership = _documents_partnership(version.partnership)
    snapshot = agreement_snapshot(partnership)
    problems = agreement_problems(partnership, snapshot)
    if problems:
        raise ValidationError([problem["message"] for problem in problems])
    if version.kind == VersionKind.AMENDMENT:
        previous = version_in_force(partnership)
        changes = snapshot_changes(previous.snapshot, snapshot)
        if not changes:
            raise ValidationError(
                _("Nothing that the agreement prints has changed since version %(n)s.")
                % {"n": previous.number}
            )
        version.changes = changes
    version.snapshot = snapshot
    version.snapshot_sha256 = snapshot_fingerprint(snapshot)
    version.prepared_at = timezone.now().replace(microsecond=0)
    pdf = agreement_document(snapshot, version=version)
    if version.pdf:
        # The earlier rendering goes only once the new one is committed: should this
        # transaction roll back, the row still points to it.
        old_name, storage = version.pdf.name, version.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    store_file(version.pdf, f"version-{version.number}.pdf", ContentFile(pdf))
    version.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    version.save()
    return version


@stored_files_scope()
@transaction.atomic
def agreement_version_create(*, partnership: Partnership, user) -> AgreementVersion:
    """The original agreement, prepared for signing from the partnership as it is now."""
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if locked.agreement_versions.exists():
        raise ValidationError(_("The agreement has already been prepared for signing."))
    version = AgreementVersion(
        partnership=locked, number=1, kind=VersionKind.ORIGINAL, created_by=user
    )
    return _prepare(version)


@stored_files_scope()
@transaction.atomic
def version_refresh(*, version: AgreementVersion, user) -> AgreementVersion:
    """Prepare again from the current data, as long as nobody has signed."""
    locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if locked.frozen_at or locked.signatures.exists():
        raise ValidationError(_("A version that has been signed cannot be prepared again."))
    return _prepare(locked)


@transaction.atomic
def amendment_start(*, partnership: Partnership, user) -> AgreementVersion:
    """Open an amendment (ändring och tillägg) to the frozen agreement: the partnership can
    be changed again until the amendment is prepared and signed."""
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    latest = latest_version(partnership)
    if latest is None or latest.frozen_at is None:
        raise ValidationError(
            _(
                "An amendment can only be started when the agreement in force is signed "
                "by every party."
            )
        )
    return AgreementVersion.objects.create(
        partnership=partnership,
        number=latest.number + 1,
        kind=VersionKind.AMENDMENT,
        amendment_no=latest.amendment_no + 1,
        created_by=user,
    )


@transaction.atomic
def amendment_open_if_needed(*, partnership: Partnership, user) -> bool:
    """For a decision that changes a signed agreement (an organisation admitted or leaving):
    open the amendment it needs. True if one was opened; nothing to do while the agreement is
    still a draft or an amendment is already open; refused while signatures are collected."""
    latest = latest_version(partnership)
    if latest is None:
        return False
    if latest.frozen_at is not None:
        amendment_start(partnership=partnership, user=user)
        return True
    if latest.signatures.exists():
        raise ValidationError(
            _(
                "Signatures are being recorded for a version of the agreement: record them "
                "all before the steering group's decision changes it."
            )
        )
    return False


@stored_files_scope()
@transaction.atomic
def amendment_prepare(*, version: AgreementVersion, user) -> AgreementVersion:
    locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if locked.kind != VersionKind.AMENDMENT:
        raise ValidationError(_("Only an amendment can be prepared this way."))
    if locked.frozen_at or locked.signatures.exists():
        raise ValidationError(_("A version that has been signed cannot be prepared again."))
    return _prepare(locked)


@stored_files_scope()
@transaction.atomic
def version_prepare_again(*, version: AgreementVersion, user) -> AgreementVersion:
    """Prepare the version again from the current data. Before anyone signed, the version
    itself is prepared again; once some parties signed and it went stale, it is superseded
    by a new version (the next number, the same kind) prepared from the current data, and
    the signatures already recorded stay against the superseded one. Returns the version
    that is ready for signing."""
    Partnership.objects.select_for_update().get(pk=version.partnership_id)
    locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if locked.frozen_at:
        raise ValidationError(_("A version that has been signed cannot be prepared again."))
    if locked.superseded_at:
        raise ValidationError(_("This version has been superseded by a newer version."))
    if not locked.signatures.exists():
        if locked.kind == VersionKind.AMENDMENT:
            return amendment_prepare(version=locked, user=user)
        return version_refresh(version=locked, user=user)
    if not version_staleness(locked):
        raise ValidationError(
            _(
                "Parties have signed this version and it still matches the register: record "
                "the remaining signatures."
            )
        )
    locked.superseded_at = timezone.now()
    locked.save(update_fields=["superseded_at"])
    successor = AgreementVersion(
        partnership=locked.partnership,
        number=latest_version(locked.partnership).number + 1,
        kind=locked.kind,
        amendment_no=locked.amendment_no,
        created_by=user,
    )
    return _prepare(successor)


def version_staleness(version: AgreementVersion) -> list[dict] | None:
    """For a version prepared for signing and not yet frozen: what the register changed in
    what it prints since it was prepared (None while it still matches)."""
    if version.prepared_at is None or version.frozen_at is not None or version.superseded_at:
        return None
    current = agreement_snapshot(_documents_partnership(version.partnership))
    stored = version.snapshot_sha256 or snapshot_fingerprint(version.snapshot)
    if snapshot_fingerprint(current) == stored:
        return None
    return stale_changes(version.snapshot, current)


@transaction.atomic
def signature_record(
    *,
    version: AgreementVersion,
    party: Party,
    signed_by: str,
    capacity: str,
    signed_on: datetime.date,
    place: str = "",
    user,
) -> Signature:
    """Record that a party signed; when the last party signs, the version is frozen."""
    locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if locked.prepared_at is None:
        raise ValidationError(_("Prepare the version for signing first."))
    if locked.frozen_at is not None:
        raise ValidationError(_("Every party has already signed this version."))
    if locked.superseded_at is not None:
        successor = latest_version(locked.partnership)
        raise ValidationError(
            _(
                "This version has been superseded by version %(n)s, prepared from the current "
                "data: record the signatures on it."
            )
            % {"n": successor.number}
        )
    errors = {}
    stale = version_staleness(locked)
    if stale:
        errors[NON_FIELD_ERRORS] = _(
            "This version no longer matches the register (changed: %(what)s). Prepare it "
            "again from the current data before it is signed."
        ) % {"what": ", ".join(section["section"] for section in stale)}
    if party.pk not in locked.party_ids:
        errors["party"] = _("The organisation is not a party to this version of the agreement.")
    elif locked.signatures.filter(party=party).exists():
        errors["party"] = _("This party's signature has already been recorded.")
    if not signed_by.strip():
        errors["signed_by"] = _("Enter who signed.")
    if not capacity.strip():
        errors["capacity"] = _("Enter in what capacity they signed.")
    decided_on = locked.partnership.decided_on
    # The body's own deciding body (its settings), not a fixed word.
    board = body_settings(locked.partnership.public_body_id).deciding_body
    if signed_on:
        if decided_on is None:
            errors["signed_on"] = _(
                "%(board)s has not decided on the partnership yet: it cannot be signed."
            ) % {"board": board}
        elif signed_on < decided_on:
            errors["signed_on"] = _(
                "The agreement cannot be signed before the decision of %(board)s on %(date)s."
            ) % {"board": board, "date": decided_on.isoformat()}
        elif signed_on > timezone.localdate():
            errors["signed_on"] = _("The signing date cannot be in the future.")
    else:
        errors["signed_on"] = _("Enter the date of signing.")
    if errors:
        raise ValidationError(errors)
    signature = Signature(
        version=locked,
        party=party,
        signed_by=signed_by.strip(),
        capacity=capacity.strip(),
        place=place.strip(),
        signed_on=signed_on,
        recorded_by=user,
    )
    signature.full_clean(validate_unique=False, validate_constraints=False)
    signature.save()
    signed = set(locked.signatures.values_list("party_id", flat=True))
    if signed >= set(locked.party_ids):
        _freeze(locked, user=user)
    return signature


def _freeze(version: AgreementVersion, *, user) -> None:
    version.frozen_at = timezone.now()
    version.save(update_fields=["frozen_at"])
    partnership = version.partnership
    if version.kind == VersionKind.ORIGINAL and partnership.status == Status.DECIDED:
        partnership_transition(
            partnership=partnership,
            to_status=Status.SIGNED,
            user=user,
            by_signature=True,
            # The version that was signed is data on the version; no translated note is stored.
        )


def _check_pdf(uploaded_file, *, field: str = "file") -> None:
    limit = getattr(settings, "IOP_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
    if uploaded_file is None:
        raise ValidationError({field: _("Choose the signed copy to upload.")})
    if uploaded_file.size > limit:
        raise ValidationError(
            {field: _("The file is too large (at most %(mb)s MB).") % {"mb": limit // 2**20}}
        )
    uploaded_file.seek(0)
    if uploaded_file.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise ValidationError({field: _("The file is not a PDF. Upload the scanned copy as PDF.")})
    uploaded_file.seek(0)


@stored_files_scope()
@transaction.atomic
def signed_copy_upload(*, version: AgreementVersion, uploaded_file, user) -> SignedCopy:
    """Keep the scanned signed copy: a PDF by its content, with its SHA-256."""
    # Locked so a version superseded meanwhile is seen as such.
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if version.prepared_at is None:
        raise ValidationError({"file": _("Prepare the version for signing first.")})
    if version.superseded_at is not None:
        # Its signatures stay recorded, but the agreement that binds is the newer version: a
        # copy filed here would be taken for the signed agreement.
        raise ValidationError(
            {
                "file": _(
                    "This version has been superseded by version %(n)s: upload the signed copy "
                    "of that version."
                )
                % {"n": latest_version(version.partnership).number}
            }
        )
    _check_pdf(uploaded_file)
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    copy = SignedCopy(
        version=version,
        original_name=(uploaded_file.name or "signed.pdf")[-255:],
        size=uploaded_file.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    store_file(copy.file, "signed.pdf", uploaded_file)
    copy.save()
    # The PAdES signatures are checked at once; whatever they say, the copy is kept.
    return signed_copy_verify(copy=copy)


def paper_parties(partnership: Partnership) -> list[Party]:
    """The parties who signed the paper agreement: every current party."""
    return list(
        partnership.parties.filter(left_on__isnull=True)
        .select_related("organisation")
        .order_by("-is_public", "joined_on", "pk")
    )


@stored_files_scope()
@transaction.atomic
def paper_agreement_record(
    *, partnership: Partnership, scan, signatures: dict[int, dict], user
) -> AgreementVersion:
    """An agreement signed on paper before the partnership was registered here: the signed
    scan and, per party (`signatures[party_id]` = signed_by, capacity, signed_on), who signed
    and when. It is kept as version 1, frozen, and makes the partnership "signed".

    Refusals are keyed `file` and `<field>_<party id>`, so each is shown next to its field."""
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if locked.status != Status.DECIDED:
        raise ValidationError(
            _(
                "Only a partnership the board has decided can be recorded as signed on paper; "
                "this one is “%(status)s”."
            )
            % {"status": locked.get_status_display()}
        )
    if locked.agreement_versions.exists():
        raise ValidationError(
            _(
                "The agreement has already been prepared for signing here: record the "
                "signatures on that version."
            )
        )
    errors: dict[str, str] = {}
    try:
        _check_pdf(scan)
    except ValidationError as exc:
        errors.update({field: messages[0] for field, messages in exc.message_dict.items()})
    parties = paper_parties(locked)
    decided_on = locked.decided_on
    board = body_settings(locked.public_body_id).deciding_body
    today = timezone.localdate()
    rows = []
    for party in parties:
        given = signatures.get(party.pk) or {}
        signed_by = (given.get("signed_by") or "").strip()
        capacity = (given.get("capacity") or "").strip()
        signed_on = given.get("signed_on")
        if not signed_by:
            errors[f"signed_by_{party.pk}"] = _("Enter who signed.")
        if not capacity:
            errors[f"capacity_{party.pk}"] = _("Enter in what capacity they signed.")
        if not signed_on:
            errors[f"signed_on_{party.pk}"] = _("Enter the date of signing.")
        elif decided_on and signed_on < decided_on:
            errors[f"signed_on_{party.pk}"] = _(
                "The agreement cannot be signed before the decision of %(board)s on %(date)s."
            ) % {"board": board, "date": decided_on.isoformat()}
        elif signed_on > today:
            errors[f"signed_on_{party.pk}"] = _("The signing date cannot be in the future.")
        rows.append((party, signed_by, capacity, signed_on))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    version = AgreementVersion.objects.create(
        partnership=locked,
        number=1,
        kind=VersionKind.ORIGINAL,
        snapshot=(snapshot := agreement_snapshot(_documents_partnership(locked))),
        snapshot_sha256=snapshot_fingerprint(snapshot),
        prepared_at=now,
        signed_on_paper=True,
        created_by=user,
    )
    for party, signed_by, capacity, signed_on in rows:
        signature = Signature(
            version=version,
            party=party,
            signed_by=signed_by,
            capacity=capacity,
            signed_on=signed_on,
            recorded_by=user,
        )
        signature.full_clean(validate_unique=False, validate_constraints=False)
        signature.save()
    signed_copy_upload(version=version, uploaded_file=scan, user=user)
    _freeze(version, user=user)
    return version
