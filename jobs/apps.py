from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Long work in the background: a job row per request, run by a Celery worker (or, with
    no broker configured, in a thread of the web process), with a progress page."""

    name = "jobs"
    verbose_name = "Jobs"
