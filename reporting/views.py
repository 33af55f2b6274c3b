"""Document pages: the decision memo, the agreement and its versions, signing, history,
the yearly summary. Every lookup starts from `Partnership.objects.visible_to(user)`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from partnerships.models import Partnership

from . import opendata, permissions
from .diff import readable_diff
from .forms import MemoForm, SignatureForm, SignedCopyForm
from .models import AgreementVersion, DecisionMemo, SignedCopy
from .selectors import agreement_problems, agreement_snapshot, partnership_for_documents
from .selectors import yearly_summary as build_summary
from .services import agreements as agreement_services
from .services import memos as memo_services
from .services.documents import (
    agreement_document,
    appendix_document,
    memo_document,
    summary_document,
)


def _partnership(request, pk) -> Partnership:
    return partnership_for_documents(Partnership.objects.visible_to(request.user), pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _filename(partnership: Partnership, kind: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in partnership.registry_number)
    return f"{kind}-{safe}.pdf"


@login_required
def overview(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    snapshot = agreement_snapshot(partnership)
    versions = list(partnership.agreement_versions.for_history())
    latest = versions[-1] if versions else None
    return render(
        request,
        "reporting/overview.html",
        {
            "partnership": partnership,
            "snapshot": snapshot,
            "problems": agreement_problems(partnership, snapshot),
            "memo": DecisionMemo.objects.filter(partnership=partnership).first(),
            "versions": versions,
            "latest": latest,
            "in_force": next((v for v in reversed(versions) if v.frozen_at), None),
            "can_sign": permissions.can_manage_signing(request.user, partnership),
            "can_memo": permissions.can_write_memo(request.user, partnership),
        },
    )


@login_required
def agreement_pdf(request, pk):
    """The agreement as the partnership reads now; a page of what is missing otherwise."""
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    snapshot = agreement_snapshot(partnership)
    problems = agreement_problems(partnership, snapshot)
    if problems:
        return render(
            request,
            "reporting/missing.html",
            {"partnership": partnership, "problems": problems},
            status=409,
        )
    return _pdf_response(agreement_document(snapshot), _filename(partnership, "avtal"))


@login_required
def agreement_html(request, pk):
    """Debug only: the same template as HTML, to work on the print stylesheet."""
    if not settings.DEBUG:
        raise Http404
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    return HttpResponse(agreement_document(agreement_snapshot(partnership), kind="html"))


@login_required
def appendix_pdf(request, pk, party_pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    snapshot = agreement_snapshot(partnership)
    party = next((p for p in snapshot["parties"] if p["party_id"] == party_pk), None)
    if party is None or party["appendix"] is None:
        raise Http404
    return _pdf_response(
        appendix_document(snapshot, party_id=party_pk),
        _filename(partnership, f"bilaga-{party['appendix']['number']}"),
    )


# --- Decision memo ---------------------------------------------------------------------------


@login_required
def memo_edit(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_write_memo(request.user, partnership))
    memo = DecisionMemo.objects.filter(partnership=partnership).first()
    snapshot = agreement_snapshot(partnership)
    if request.method == "POST" and (memo is None or not memo.is_frozen):
        form = MemoForm(request.POST, instance=memo)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in MemoForm.Meta.fields}
            try:
                if memo is None:
                    memo = memo_services.memo_create(partnership=partnership, **fields)
                else:
                    memo = memo_services.memo_update(memo=memo, **fields)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The decision memo has been saved."))
                return redirect("reporting:memo", pk=partnership.pk)
    elif memo is None:
        form = MemoForm(
            initial=memo_services.memo_prefill(
                partnership=partnership, user=request.user, snapshot=snapshot
            )
        )
    else:
        form = MemoForm(instance=memo)
    return render(
        request,
        "reporting/memo_form.html",
        {"partnership": partnership, "form": form, "memo": memo, "snapshot": snapshot},
    )


@login_required
def memo_pdf(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export_memo(request.user, partnership))
    memo = get_object_or_404(DecisionMemo, partnership=partnership)
    kind = "html" if request.GET.get("format") == "html" and settings.DEBUG else "pdf"
    document = memo_document(memo, facts=agreement_snapshot(partnership), kind=kind)
    if kind == "html":
        return HttpResponse(document)
    return _pdf_response(document, _filename(partnership, "tjansteutlatande"))


@require_POST
@login_required
def memo_freeze(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_write_memo(request.user, partnership))
    memo = get_object_or_404(DecisionMemo, partnership=partnership)
    try:
        memo_services.memo_freeze(memo=memo)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The decision memo is frozen."))
    return redirect("reporting:memo", pk=partnership.pk)


# --- Versions and signing --------------------------------------------------------------------


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
        if version.kind == "amendment":
            agreement_services.amendment_prepare(version=version, user=request.user)
        else:
            agreement_services.version_refresh(version=version, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The version is ready for signing."))
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
    return render(
        request,
        "reporting/version.html",
        {
            "partnership": partnership,
            "version": version,
            "unsigned": unsigned,
            "can_sign": can_sign,
            "sign_form": sign_form or SignatureForm(parties=unsigned),
            "upload_form": upload_form or SignedCopyForm(),
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
            agreement_services.signed_copy_upload(
                version=version, uploaded_file=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
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


# --- History and summary ---------------------------------------------------------------------


@login_required
def history(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    versions = [v for v in partnership.agreement_versions.for_history() if v.prepared_at]
    in_force = next((v for v in reversed(versions) if v.frozen_at), None)
    by_number = {v.number: v for v in versions}
    diff, a, b = None, None, None
    if len(versions) >= 2:
        try:
            a = by_number.get(int(request.GET.get("a", versions[-2].number)))
            b = by_number.get(int(request.GET.get("b", versions[-1].number)))
        except ValueError:
            a = b = None
        if a and b:
            diff = readable_diff(a.snapshot, b.snapshot)
    return render(
        request,
        "reporting/history.html",
        {
            "partnership": partnership,
            "versions": versions,
            "in_force": in_force,
            "a": a,
            "b": b,
            "diff": diff,
        },
    )


@login_required
def summary_pdf(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export_memo(request.user, partnership))
    summary = build_summary(partnership, year_start=request.GET.get("year") or None)
    return _pdf_response(summary_document(summary), _filename(partnership, "arssammanstallning"))


# --- Open data (public, no login) ----------------------------------------------------------


def _public_body(org_number: str):
    from organisations.constants import Sector
    from organisations.models import Organisation

    return get_object_or_404(
        Organisation, org_number=org_number.replace("-", ""), sector=Sector.PUBLIC
    )


def open_data_index(request):
    """Public: every public body that publishes partnerships, with links to its open data."""
    return render(
        request, "reporting/open_data_index.html", {"bodies": opendata.publishing_bodies()}
    )


def open_data_page(request, org_number):
    body = _public_body(org_number)
    return render(
        request,
        "reporting/open_data.html",
        {"body": body, "grants": opendata.grants_for(body)},
    )


def open_data_json(request, org_number):
    body = _public_body(org_number)
    response = JsonResponse(opendata.package(body), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def open_data_csv(request, org_number):
    body = _public_body(org_number)
    response = HttpResponse(
        opendata.grants_csv(opendata.grants_for(body)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="iop-{body.org_number}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
