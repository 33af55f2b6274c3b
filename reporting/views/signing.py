"""Agreement versions, amendments, signatures and signed copies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from jobs.services import job_start
from reporting import permissions
from reporting.constants import CopyVerification
from reporting.esignatures import version_esignatures
from reporting.forms import PaperAgreementForm, SignatureForm, SignedCopyForm
from reporting.jobs import SIGNED_COPY_ARCHIVAL_FORM
from reporting.models import AgreementVersion, SignedCopy
from reporting.services import agreements as agreement_services
from reporting.services.esignatures import signed_copy_verify

from .common import _filename, _partnership, _require


def _archival_form_in_background(request, copy: SignedCopy) -> None:
    # PDF/A check and rendition take seconds for a large scan: not in the upload's request.
    job_start(
        kind=SIGNED_COPY_ARCHIVAL_FORM,
        user=request.user,
        params={"partnership_id": copy.version.partnership_id, "copy_id": copy.pk},
    )


def _version(partnership, number) -> AgreementVersion:
    return get_object_or_404(partnership.agreement_versions.for_history(), number=number)


@require_POST
@login_required
def version_create(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_manage_signing(request.user, partnership))
    try:
        version = agreement_services.agreement_version_create(
            partnership=partnership, user=request.user
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("reporting:overview", pk=partnership.pk)
    messages.success(request, _("The agreement is ready for signing."))
    return redirect(version)


@login_required
def paper_agreement(request, pk):
    """Record an agreement signed on paper before it was registered here: it becomes version
    1, signed by every party, and the partnership "signed"."""
    partnership = _partnership(request, pk)
    _require(permissions.can_manage_signing(request.user, partnership))
    form = PaperAgreementForm(
        request.POST or None,
        request.FILES or None,
        parties=agreement_services.paper_parties(partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = agreement_services.paper_agreement_record(
                partnership=partnership,
                scan=form.cleaned_data.get("scan"),
                signatures=form.signatures(),
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            for copy in version.signed_copies.all():
                _archival_form_in_background(request, copy)
            messages.success(
                request, _("The agreement signed on paper was recorded: the partnership is signed.")
            )
            return redirect(version)
    return render(
        request,
        "reporting/paper_agreement.html",
        {"partnership": partnership, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def amendment_start(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_manage_signing(request.user, partnership))
    try:
        version = agreement_services.amendment_start(partnership=partnership, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("reporting:overview", pk=partnership.pk)
    messages.success(
        request, _("Amendment started: change the partnership, then prepare the amendment.")
    )
    return redirect(version)


@require_POST
@login_required
def version_prepare(request, pk, number):
    partnership = _partnership(request, pk)
    _require(permissions.can_manage_signing(request.user, partnership))
    version = _version(partnership, number)
    try:
        ready = agreement_services.version_prepare_again(version=version, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if ready.pk != version.pk:
            messages.success(
                request,
                _(
                    "Version %(old)s is superseded (its signatures stay recorded on it): "
                    "version %(new)s is ready for signing."
                )
                % {"old": version.number, "new": ready.number},
            )
        else:
            messages.success(request, _("The version is ready for signing."))
        return redirect(ready)
    return redirect(version)


@login_required
def version_detail(request, pk, number):
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    version = _version(partnership, number)
    return _version_page(request, partnership, version)


def _version_page(request, partnership, version, *, sign_form=None, upload_form=None, status=200):
    signed_ids = {s.party_id for s in version.signatures.all()}
    unsigned = [p for p in version.snapshot.get("parties", []) if p["party_id"] not in signed_ids]
    can_sign = permissions.can_manage_signing(request.user, partnership)
    esignatures, strangers = version_esignatures(version)
    stale = agreement_services.version_staleness(version)
    successor = agreement_services.latest_version(partnership) if version.superseded_at else None
    return render(
        request,
        "reporting/version.html",
        {
            "partnership": partnership,
            "version": version,
            "unsigned": unsigned,
            "can_sign": can_sign,
            "stale": stale,
            "successor": successor,
            "sign_form": sign_form or SignatureForm(parties=unsigned),
            "upload_form": upload_form or SignedCopyForm(),
            "esignatures": esignatures,
            "esignature_strangers": strangers,
            "esignatures_checked": any(
                copy.verification
                not in (CopyVerification.NOT_CHECKED, CopyVerification.NO_SIGNATURES)
                for copy in version.signed_copies.all()
            ),
        },
        status=status,
    )


@login_required
def version_pdf(request, pk, number):
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    version = _version(partnership, number)
    if not version.pdf:
        raise Http404
    return FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        filename=_filename(partnership, f"avtal-version-{version.number}"),
    )


@require_POST
@login_required
def signature_create(request, pk, number):
    partnership = _partnership(request, pk)
    _require(permissions.can_manage_signing(request.user, partnership))
    version = _version(partnership, number)
    signed_ids = {s.party_id for s in version.signatures.all()}
    unsigned = [p for p in version.snapshot.get("parties", []) if p["party_id"] not in signed_ids]
    form = SignatureForm(request.POST, parties=unsigned)
    if form.is_valid():
        party = partnership.parties.filter(pk=form.cleaned_data["party"]).first()
        try:
            if party is None:
                raise ValidationError({"party": _("Choose a party.")})
            agreement_services.signature_record(
                version=version,
                party=party,
                signed_by=form.cleaned_data["signed_by"],
                capacity=form.cleaned_data["capacity"],
                place=form.cleaned_data["place"],
                signed_on=form.cleaned_data["signed_on"],
                user=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            version.refresh_from_db()
            if version.frozen_at:
                messages.success(
                    request, _("Every party has signed: the agreement version is frozen.")
                )
            else:
                messages.success(request, _("The signature has been recorded."))
            return redirect(version)
    return _version_page(request, partnership, version, sign_form=form, status=400)


@require_POST
@login_required
def signed_copy_create(request, pk, number):
    partnership = _partnership(request, pk)
    _require(permissions.can_manage_signing(request.user, partnership))
    version = _version(partnership, number)
    form = SignedCopyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            copy = agreement_services.signed_copy_upload(
                version=version, uploaded_file=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _archival_form_in_background(request, copy)
            messages.success(request, _("The signed copy has been saved."))
            return redirect(version)
    return _version_page(request, partnership, version, upload_form=form, status=400)


@login_required
def signed_copy_download(request, pk, copy_pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    copy = get_object_or_404(SignedCopy, pk=copy_pk, version__partnership=partnership)
    handle = copy.file.open("rb")
    response = FileResponse(
        handle, content_type="application/pdf", filename=f"undertecknat-{copy.version.number}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def signed_copy_reverify(request, pk, copy_pk):
    """Check a copy's electronic signatures again, e.g. after the trusted roots changed."""
    partnership = _partnership(request, pk)
    _require(permissions.can_manage_signing(request.user, partnership))
    copy = get_object_or_404(SignedCopy, pk=copy_pk, version__partnership=partnership)
    signed_copy_verify(copy=copy)
    messages.success(request, _("The electronic signatures have been checked again."))
    return redirect(copy.version)
