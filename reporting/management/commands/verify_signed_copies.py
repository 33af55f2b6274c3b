"""Check the electronic signatures of stored signed copies again, e.g. after the
installation's trusted roots (IOP_SIGNATURE_TRUST_ROOTS) changed."""

from django.core.management.base import BaseCommand

from reporting.constants import CopyVerification
from reporting.models import SignedCopy
from reporting.services.esignatures import signed_copy_verify


class Command(BaseCommand):
    help = "Check the PAdES signatures of signed copies again and store the verdicts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Also copies that had no electronic signature or were valid.",
        )

    def handle(self, *args, **options):
        copies = SignedCopy.objects.order_by("pk")
        if not options["all"]:
            copies = copies.exclude(
                verification__in=[CopyVerification.NO_SIGNATURES, CopyVerification.VALID]
            )
        counts: dict[str, int] = {}
        for pk in copies.values_list("pk", flat=True).iterator(chunk_size=500):
            copy = signed_copy_verify(copy=SignedCopy(pk=pk))
            counts[copy.verification] = counts.get(copy.verification, 0) + 1
        for verdict, count in sorted(counts.items()):
            self.stdout.write(f"{verdict}: {count}")
