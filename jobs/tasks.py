from celery import shared_task


@shared_task(name="jobs.run_job", acks_late=True, ignore_result=True)
def run_job(job_id: str) -> None:
    from .services import job_execute

    job_execute(job_id=job_id)
