"""Starting, running and retrying background jobs: the one way long work is done.

`job_start` records the job and hands it to the runner chosen by settings.IOP_JOBS_RUN:
"celery" (a worker through the broker), "thread" (no broker configured: a thread of the web
process runs the same code) or "eager" (tests: at once). The work itself runs in `job_execute`,
inside one transaction, so a job that fails keeps nothing half-done.
"""

import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from . import registry
from .constants import JobError, JobState
from .models import Job

logger = logging.getLogger(__name__)
PROGRESS_KEY = "iop-job-progress:{}"


class Progress:
    """Handed to a job's work: `progress(done, total)` reports how far it has come (kept in
    the cache, so the page sees it while the work's transaction is still open);
    `keep_file(name, content, content_type)` stores the result for download."""

    def __init__(self, job: Job):
        self.job = job
        self.file: tuple[str, bytes, str] | None = None

    def __call__(self, done: int, total: int) -> None:
        cache.set(PROGRESS_KEY.format(self.job.pk), (done, total), timeout=24 * 3600)

    def keep_file(self, name: str, content: bytes, content_type: str) -> None:
        self.file = (name, content, content_type)


def progress_of(job: Job) -> tuple[int, int]:
    if job.is_finished:
        return job.done, job.total
    return cache.get(PROGRESS_KEY.format(job.pk)) or (job.done, job.total)


def job_start(
    *, kind: str, user, params: dict | None = None, upload=None, input_of: Job | None = None
) -> Job:
    """Record a job and run it. Its input is an uploaded file, or the input of an earlier job
    (`input_of`: a dry run's file imported for real), shared, not copied."""
    registry.get(kind)  # an unknown kind is a programming error, raised here
    job = Job(kind=kind, owner=user, params=params or {})
    if upload is not None:
        job.input_name = upload.name[:255]
        job.input_file.save("input", upload, save=False)
    elif input_of is not None:
        job.input_file, job.input_name = input_of.input_file.name, input_of.input_name
    job.save()
    _dispatch(job)
    return job


def job_retry(*, job: Job, user) -> Job:
    """A new job with the same kind, parameters and input; the failed one stays as it was."""
    if not job.can_retry:
        raise ValidationError("Only a failed or refused job can be retried.", code="not_retryable")
    retry = Job.objects.create(
        kind=job.kind,
        owner=user,
        params=job.params,
        input_file=job.input_file.name,
        input_name=job.input_name,
        retry_of=job,
    )
    _dispatch(retry)
    return retry


def _dispatch(job: Job) -> None:
    mode = getattr(settings, "IOP_JOBS_RUN", "thread")
    if mode == "eager":
        job_execute(job_id=job.pk)
        job.refresh_from_db()
    elif mode == "thread":
        transaction.on_commit(lambda: _start_thread(job.pk))
    else:
        transaction.on_commit(lambda: _send_to_broker(job.pk))


def _start_thread(job_id) -> None:
    def run():
        try:
            close_old_connections()
            job_execute(job_id=job_id)
        finally:
            connection.close()

    threading.Thread(target=run, name=f"job-{job_id}", daemon=True).start()


def _send_to_broker(job_id) -> None:
    # Here, not at the top: the task module imports this one (job_execute).
    from .tasks import run_job

    try:
        with run_job.app.connection_for_write(settings.CELERY_BROKER_URL) as broker:
            run_job.apply_async(
                args=[str(job_id)],
                connection=broker,
                queue=settings.CELERY_TASK_DEFAULT_QUEUE,
                retry=False,
            )
    except Exception:  # kombu's OperationalError, redis' ConnectionError, a refused socket
        logger.warning("The broker refused job %s", job_id, exc_info=True)
        Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.REFUSED, error=JobError.BROKER_DOWN, finished_at=timezone.now()
        )


def job_execute(*, job_id) -> None:
    """Run one job, once: a second delivery of the same job finds it no longer queued.

    Connections are the caller's business (the thread, the worker): run inline, inside a request
    or a test's transaction, closing "old" connections here would close the caller's own."""
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    progress = Progress(job)
    try:
        with transaction.atomic():
            result = registry.get(job.kind).run(job, progress) or {}
            if progress.file:
                name, content, content_type = progress.file
                job.result_file.save("result", ContentFile(content), save=False)
                job.result_name, job.result_content_type = name, content_type
            done, total = cache.get(PROGRESS_KEY.format(job.pk)) or (1, 1)
            job.state, job.result, job.done, job.total = JobState.DONE, result, total, total
            job.finished_at = timezone.now()
            job.save()
    except ValidationError as exc:
        _fail(job, JobError.INVALID, {"messages": exc.messages})
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(job, JobError.UNEXPECTED, {})
    finally:
        cache.delete(PROGRESS_KEY.format(job.pk))


def _fail(job: Job, error: str, details: dict) -> None:
    Job.objects.filter(pk=job.pk).update(
        state=JobState.FAILED, error=error, details=details, finished_at=timezone.now()
    )
