from celery import shared_task


@shared_task(name="jobs.run_job", acks_late=True, ignore_result=True)
def run_job(job_id: str) -> None:
    from django.db import close_old_connections

    from .services import job_execute

    close_old_connections()
    job_execute(job_id=job_id)
