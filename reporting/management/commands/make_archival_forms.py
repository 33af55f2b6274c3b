"""Decide the archival form (PDF/A) of stored signed copies that have none yet, e.g. those
uploaded before Ghostscript was installed (the archive package's job does the same for its own
partnership before it packs)."""

from django.core.management.base import BaseCommand

from reporting.constants import ArchivalForm
from reporting.models import SignedCopy
from reporting.services.renditions import signed_copy_archival_form_make


class Command(BaseCommand):
    help = "Make the PDF/A rendition of every signed copy that has no archival form yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Also try again the copies whose rendition failed (a new rendition changes "
            "their partnership's next archive package).",
        )

    def handle(self, *args, **options):
        forms = [ArchivalForm.PENDING]
        if options["retry_failed"]:
            forms.append(ArchivalForm.FAILED)
        copies = SignedCopy.objects.filter(archival_form__in=forms).order_by("pk")
        counts: dict[str, int] = {}
        for pk in copies.values_list("pk", flat=True).iterator(chunk_size=500):
            copy = signed_copy_archival_form_make(
                copy=SignedCopy(pk=pk), retry=options["retry_failed"]
            )
            key = copy.archival_form + (f" ({copy.archival_error})" if copy.archival_error else "")
            counts[key] = counts.get(key, 0) + 1
        for outcome, count in sorted(counts.items()):
            self.stdout.write(f"{outcome}: {count}")
