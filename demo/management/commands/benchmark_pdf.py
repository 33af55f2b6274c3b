"""Print how long the seed 002 agreement takes to render (min/median/max over several runs)."""

import statistics
import time

from django.core.management.base import BaseCommand

from demo.reporting import seed_002_snapshot
from partnerships.models import Partnership
from reporting.selectors import agreement_snapshot, partnership_for_documents
from reporting.services.documents import agreement_document


class Command(BaseCommand):
    help = "Render the seed 002 agreement (six parties) several times and print the timings."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument(
            "--partnership", type=int, help="Render this partnership's agreement instead."
        )

    def handle(self, *args, runs, partnership, **options):
        if partnership:
            snapshot = agreement_snapshot(
                partnership_for_documents(Partnership.objects.all(), partnership)
            )
        else:
            snapshot = seed_002_snapshot()
        agreement_document(snapshot)  # warm up fonts and templates
        timings, size = [], 0
        for _run in range(max(runs, 1)):
            start = time.perf_counter()
            size = len(agreement_document(snapshot))
            timings.append(time.perf_counter() - start)
        self.stdout.write(
            f"{snapshot['title']}: {len(timings)} runs, {size} bytes; "
            f"min {min(timings):.3f} s, median {statistics.median(timings):.3f} s, "
            f"max {max(timings):.3f} s"
        )
