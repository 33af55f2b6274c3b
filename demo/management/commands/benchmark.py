"""Request every main page against generated data (`generate_data --scale national`) and print,
for each: SQL queries, p50 and p95, response size, and the ratio to the Django admin's
changelist of the same model and to a trivial view, measured interleaved in one run; then
requests per second of the dashboard, the partnership list and a trivial view under gunicorn.

    DJANGO_DEBUG=false DJANGO_SECRET_KEY=... DATABASE_URL=postgres://.../iop_national \\
        manage.py benchmark --runs 10
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo import benchmark


class Command(BaseCommand):
    help = "Time every main page on generated data and check the targets of issue 11."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=10, help="Requests per page.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--seconds", type=float, default=10, help="Load per page.")
        parser.add_argument("--concurrency", type=int, default=4, help="Parallel users.")
        parser.add_argument("--skip-load", action="store_true", help="Only the page timings.")

    def handle(self, *args, runs, workers, seconds, concurrency, skip_load, **options):
        if not get_user_model().objects.filter(username="bench-admin").exists():
            raise CommandError("No generated data here: run manage.py generate_data first.")
        out = self.stdout
        if not settings.DEBUG:
            # The shipped settings serve hashed static files: their manifest must exist.
            call_command("collectstatic", interactive=False, verbosity=0)
        out.write(
            f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
            f"DEBUG {settings.DEBUG}, {runs} requests per page, interleaved\n"
            "SQL: queries per request, the transaction's BEGIN/COMMIT/SAVEPOINT not counted; "
            "KB: bytes sent to a client accepting gzip\n"
        )
        pages = benchmark.pages()
        benchmark.measure(pages, runs=runs, out=out)
        checks = benchmark.report(pages, out)
        slow = benchmark.slow_pages(pages)
        if slow:
            out.write("\nwhere the time goes on the pages that miss their time target\n")
            for page in slow:
                benchmark.profile(page, out=out)
        if not skip_load:
            out.write(
                f"\nthroughput under gunicorn ({workers} workers, {concurrency} users, "
                f"{seconds:.0f} s each)\n"
            )
            rates = benchmark.throughput(
                workers=workers, seconds=seconds, concurrency=concurrency, out=out
            )
            share = rates["governance dashboard"] / rates["trivial view"]
            checks.append(
                (
                    "governance dashboard",
                    f"throughput ≥ 30 % of trivial ({share:.0%})",
                    share >= 0.3,
                )
            )
        out.write("\ntargets\n")
        for page, target, met in checks:
            out.write(f"  {'met   ' if met else 'MISSED'} {page}: {target}\n")
        missed = sum(1 for *_rest, met in checks if not met)
        out.write(f"\n{len(checks) - missed} of {len(checks)} targets met\n")
