"""Send reminder e-mails N days before accounts and activity reports are due.

Run daily by a scheduler (cron, a systemd timer or the platform's scheduled jobs), e.g.
    15 6 * * *  cd /srv/iop && .venv/bin/python manage.py send_reminders --days 14
Idempotent per item, recipient and day: a second run on the same day sends nothing again.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.services import reminders_send


class Command(BaseCommand):
    help = "E-mail representatives about accounts and reports due in N days (idempotent per day)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Days before the due date.")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Run as if today were this date (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--base-url", default="", help="Site address for links, e.g. https://iop.example.se"
        )

    def handle(self, *args, days, today, base_url, **options):
        result = reminders_send(days=days, today=today or timezone.localdate(), base_url=base_url)
        self.stdout.write(f"Reminders sent: {result.sent}, already sent today: {result.skipped}")
