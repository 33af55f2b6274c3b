"""Time the register's import against django-import-export's row-by-row import, same file.

    manage.py benchmark_import [--rows 10000]

The file holds `--rows` organisations, a tenth of them already in the register (updates), the
rest new. Each import runs in a transaction that is rolled back, so the database is left as it
was. Prints the seconds of each (dry run, and the real import) and the ratio."""

import time

import tablib
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.generator import _org_number
from organisations.imports import import_organisations, read_rows
from organisations.models import Organisation
from organisations.resources import OrganisationResource

HEADERS = ["name", "org_number", "sector", "legal_form", "city", "postal_code"]


class Rollback(Exception):
    pass


def _timed(work) -> float:
    started = time.perf_counter()
    try:
        with transaction.atomic():
            work()
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - started


class Command(BaseCommand):
    help = "Compare the register's import with django-import-export's on the same file."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args, rows, **options):
        existing = rows // 10
        with transaction.atomic():
            sid = transaction.savepoint()
            Organisation.objects.bulk_create(
                Organisation(name=f"Befintlig {n}", org_number=_org_number("899", n))
                for n in range(existing)
            )
            dataset = tablib.Dataset(headers=HEADERS)
            for n in range(rows):
                dataset.append(
                    [f"Förening {n}", _org_number("899", n), "idea_based",
                     "non_profit_association", "Stockholm", "11122"]
                )  # fmt: skip
            content = dataset.export("csv").encode("utf-8")
            figures = {}
            figures["ours, dry run"] = _timed(
                lambda: import_organisations(read_rows(content, "csv"), dry_run=True)
            )
            figures["ours, import"] = _timed(
                lambda: import_organisations(read_rows(content, "csv"), dry_run=False)
            )
            figures["django-import-export, dry run"] = _timed(
                lambda: OrganisationResource().import_data(
                    tablib.Dataset().load(content.decode(), format="csv"), dry_run=True
                )
            )
            figures["django-import-export, import"] = _timed(
                lambda: OrganisationResource().import_data(
                    tablib.Dataset().load(content.decode(), format="csv"), dry_run=False
                )
            )
            transaction.savepoint_rollback(sid)
        self.stdout.write(f"{rows} rows ({existing} updates, {rows - existing} new):")
        for name, seconds in figures.items():
            self.stdout.write(f"  {name:<32} {seconds:7.2f} s")
        for step in ("dry run", "import"):
            ratio = figures[f"django-import-export, {step}"] / figures[f"ours, {step}"]
            verdict = "met" if ratio >= 3 else "MISSED"
            self.stdout.write(f"  {step}: {ratio:.1f}× faster (target ≥ 3×: {verdict})")
