"""Importing organisations from a spreadsheet: upload, a dry run in the background, the
preview of its counts and errors, and the confirmed import (organisations.imports)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jobs.constants import JobState
from jobs.models import Job
from jobs.services import job_start

from .forms import ImportForm
from .imports import MAX_ERRORS_SHOWN
from .jobs import IMPORT
from .permissions import can_import_register


def _require_importer(request) -> None:
    if not can_import_register(request.user):
        raise PermissionDenied


@login_required
def import_start(request):
    _require_importer(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = job_start(
            kind=IMPORT,
            user=request.user,
            params={"dry_run": True, "format": form.cleaned_data["format"]},
            upload=form.cleaned_data["file"],
        )
        return redirect(job)
    return render(request, "organisations/import_form.html", {"form": form})


def _import_job(request, pk) -> Job:
    _require_importer(request)
    # Another person's job is a 404, like everything that is not the user's.
    return get_object_or_404(Job, pk=pk, owner=request.user, kind=IMPORT, state=JobState.DONE)


@login_required
def import_result(request, pk):
    job = _import_job(request, pk)
    result = job.result
    return render(
        request,
        "organisations/import_result.html",
        {
            "job": job,
            "result": result,
            "more_errors": result.get("error_rows", 0) - len(result.get("errors", [])),
            "max_errors_shown": MAX_ERRORS_SHOWN,
            "can_confirm": result.get("dry_run") and not result.get("error_rows"),
        },
    )


@login_required
@require_POST
def import_confirm(request, pk):
    """The same file for real. Checked again row by row: the register may have changed."""
    preview = _import_job(request, pk)
    if not preview.result.get("dry_run") or preview.result.get("error_rows"):
        return redirect("organisations:import_result", pk=preview.pk)
    job = job_start(
        kind=IMPORT,
        user=request.user,
        params={**preview.params, "dry_run": False},
        input_of=preview,
    )
    return redirect(job)
