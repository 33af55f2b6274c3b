"""The register's background work: importing organisations from a spreadsheet."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jobs import registry

from .imports import import_organisations, read_rows

IMPORT = "organisations.import"


def _preview_url(job):
    return reverse("organisations:import_result", args=[job.pk])


@registry.register(IMPORT, title=_("Import of organisations"), next_url=_preview_url)
def import_register(job, progress):
    dry_run = bool(job.params.get("dry_run", True))
    with job.input_file.open("rb") as upload:
        rows = read_rows(upload.read(), job.params.get("format", "csv"))
    progress(0, len(rows))
    report = import_organisations(rows, dry_run=dry_run, progress=progress, user=job.owner)
    if not dry_run and report.error_rows:
        # The register changed since the dry run: nothing is saved (the job's transaction).
        raise ValidationError(
            gettext("%(count)s rows are in error now; nothing was imported. Check the file again.")
            % {"count": report.error_rows}
        )
    return report.as_result(dry_run=dry_run)
