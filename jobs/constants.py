from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    REFUSED = "refused", _("Not accepted by the queue")


FINISHED_STATES = (JobState.DONE, JobState.FAILED, JobState.REFUSED)
RETRYABLE_STATES = (JobState.FAILED, JobState.REFUSED)


class JobError(models.TextChoices):
    """Why a job did not finish: a stable code, shown translated on the progress page."""

    UNEXPECTED = (
        "unexpected",
        _("Something went wrong while the work was done. Nothing was saved; try again."),
    )
    INVALID = "invalid", _("The data was refused. Nothing was saved; see the details below.")
    BROKER_DOWN = (
        "broker_down",
        _(
            "The queue for background work does not answer, so the work was not started. "
            "Try again in a while."
        ),
    )
    LOST = "lost", _("The work was interrupted. Nothing was saved; try again.")
