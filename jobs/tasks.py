from celery import shared_task
from django.db import close_old_connections

from .services import job_execute


@shared_task(name="jobs.run_job", acks_late=True, ignore_result=True)
def run_job(job_id: str) -> None:
    close_old_connections()
    job_execute(job_id=job_id)
