"""Fill the database with a realistic, seeded, reproducible register (see demo/generator.py).

    manage.py generate_data --scale national     # 300 bodies, 20 000 organisations, ...
    manage.py generate_data --scale small --seed 7

Run it on an empty database (after `migrate`): it refuses one that already holds its data.
Users: bench-admin (administrator of the largest body), bench-official, bench-rep
(representative of the busiest organisation) and bench-root (superuser), password
"iop-bench-2017".
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from demo.generator import SCALES, Generator


class Command(BaseCommand):
    help = "Generate a realistic, seeded register: --scale tiny|small|national."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=datetime.date(2026, 6, 1),
            help="The date the register is generated as of (YYYY-MM-DD); fixed by default "
            "so the same seed gives the same data whenever it runs.",
        )

    def handle(self, *args, scale, seed, today, **options):
        started = time.perf_counter()
        generator = Generator(scale=SCALES[scale], seed=seed, today=today, out=self.stdout)
        try:
            counts = generator.run()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        for name, count in counts.items():
            self.stdout.write(f"{name:>16}: {count:>9,}".replace(",", " "))
        self.stdout.write(f"generated in {elapsed:.1f} s (scale {scale}, seed {seed})")
