"""A job's progress page, its status as JSON for the script, the result and a retry."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import registry, services
from .models import Job


def _job(request, pk) -> Job:
    # Another user's job is a 404, like every object that is not the user's.
    return get_object_or_404(Job, pk=pk, owner=request.user)


def _status(job: Job) -> dict:
    done, total = services.progress_of(job)
    percent = 100 if job.state == "done" else (min(100, done * 100 // total) if total else 0)
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": done,
        "total": total,
        "percent": percent,
        "finished": job.is_finished,
    }


@login_required
def job_detail(request, pk):
    job = _job(request, pk)
    kind = registry.get(job.kind)
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            "title": kind.title,
            "status": _status(job),
            "next_url": kind.next_url(job) if kind.next_url and job.state == "done" else "",
        },
    )


@login_required
def job_status(request, pk):
    return JsonResponse(_status(_job(request, pk)))


@login_required
def job_download(request, pk):
    job = _job(request, pk)
    if job.state != "done" or not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_content_type,
    )


@login_required
@require_POST
def job_retry(request, pk):
    job = _job(request, pk)
    if not job.can_retry:
        return redirect(job)
    return redirect(services.job_retry(job=job, user=request.user))
