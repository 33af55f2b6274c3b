"""A partnership's documents: agreement, appendices, decision memo and yearly summary."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from jobs.services import job_start
from reporting import permissions
from reporting.diff import readable_diff
from reporting.forms import MemoForm
from reporting.jobs import AGREEMENT_PDF, ARCHIVE_PACKAGE, agreement_in_background
from reporting.models import DecisionMemo
from reporting.selectors import (
    agreement_problems,
    agreement_snapshot,
    memo_problems,
    signed_copies_without_archival_form,
)
from reporting.selectors import yearly_summary as build_summary
from reporting.services import memos as memo_services
from reporting.services.documents import (
    agreement_document,
    appendix_document,
    memo_document,
    summary_document,
)

from .common import _filename, _partnership, _pdf_response, _require


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
            "can_archive": permissions.can_build_archive(request.user, partnership),
            "archival_gaps": signed_copies_without_archival_form(partnership),
        },
    )


@require_POST
@login_required
def archive(request, pk):
    """Starts building the archive package in the background; its progress page keeps the
    zip for download. For the body's staff: anyone else gets a 404."""
    partnership = _partnership(request, pk)
    if not permissions.can_build_archive(request.user, partnership):
        raise Http404
    job = job_start(
        kind=ARCHIVE_PACKAGE,
        user=request.user,
        params={"partnership_id": partnership.pk, "host": request.get_host()},
    )
    return redirect(job)


@login_required
def agreement_pdf(request, pk):
    """The agreement as the partnership reads now: a draft marked UTKAST, with the list of
    what is missing, until it is complete."""
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    snapshot = agreement_snapshot(partnership)
    if agreement_in_background(snapshot):
        job = job_start(
            kind=AGREEMENT_PDF, user=request.user, params={"partnership_id": partnership.pk}
        )
        return redirect(job)
    problems = agreement_problems(partnership, snapshot)
    return _pdf_response(
        agreement_document(snapshot, problems=problems),
        _filename(partnership, "avtal-utkast" if problems else "avtal"),
    )


@login_required
def agreement_html(request, pk):
    """Debug only: the same template as HTML, to work on the print stylesheet."""
    if not settings.DEBUG:
        raise Http404
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    snapshot = agreement_snapshot(partnership)
    problems = agreement_problems(partnership, snapshot)
    return HttpResponse(agreement_document(snapshot, kind="html", problems=problems))


@login_required
def appendix_pdf(request, pk, party_pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export(request.user, partnership))
    snapshot = agreement_snapshot(partnership)
    party = next((p for p in snapshot["parties"] if p["party_id"] == party_pk), None)
    if party is None or party["appendix"] is None:
        raise Http404
    problems = agreement_problems(partnership, snapshot)
    name = f"bilaga-{party['appendix']['number']}" + ("-utkast" if problems else "")
    return _pdf_response(
        appendix_document(snapshot, party_id=party_pk, problems=problems),
        _filename(partnership, name),
    )


@login_required
def memo_edit(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_write_memo(request.user, partnership))
    memo = DecisionMemo.objects.filter(partnership=partnership).first()
    snapshot = agreement_snapshot(partnership)
    # Taken before the form binds: a model form writes what was typed into its instance.
    version = memo_services.MEMO_VERSION.version(memo)
    if request.method == "POST" and (memo is None or not memo.is_frozen):
        form = MemoForm(request.POST, instance=memo, version=version)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in MemoForm.Meta.fields}
            try:
                if memo is None:
                    memo = memo_services.memo_create(partnership=partnership, **fields)
                else:
                    memo = memo_services.memo_update(memo=memo, version=form.version, **fields)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The decision memo has been saved."))
                return redirect("reporting:memo", pk=partnership.pk)
    elif memo is None:
        form = MemoForm(
            initial=memo_services.memo_prefill(
                partnership=partnership, user=request.user, snapshot=snapshot
            ),
            version=version,
        )
    else:
        form = MemoForm(instance=memo, version=version)
    return render(
        request,
        "reporting/memo_form.html",
        {
            "partnership": partnership,
            "form": form,
            "memo": memo,
            "snapshot": snapshot,
            "board": snapshot["public_body"]["deciding_body"],
            "problems": memo_problems(memo, partnership, snapshot)
            if memo is not None and not memo.is_frozen
            else [],
        },
    )


@login_required
def memo_pdf(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_export_memo(request.user, partnership))
    memo = get_object_or_404(DecisionMemo, partnership=partnership)
    kind = "html" if request.GET.get("format") == "html" and settings.DEBUG else "pdf"
    if memo.is_frozen:
        facts, problems = memo.facts or agreement_snapshot(partnership), []
    else:
        facts = agreement_snapshot(partnership)
        problems = memo_problems(memo, partnership, facts)
    document = memo_document(memo, facts=facts, kind=kind, problems=problems)
    if kind == "html":
        return HttpResponse(document)
    name = "tjansteutlatande-utkast" if problems else "tjansteutlatande"
    return _pdf_response(document, _filename(partnership, name))


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
