from celery import shared_task
from django.conf import settings
from django.utils import timezone

from portal.services import reminders_send


@shared_task(name="portal.send_daily_reminders", ignore_result=True)
def send_daily_reminders() -> str:
    """The scheduler's daily run of `send_reminders` (idempotent per item, user and day)."""
    result = reminders_send(
        days=settings.IOP_REMINDER_DAYS,
        today=timezone.localdate(),
        base_url=settings.IOP_BASE_URL,
    )
    return f"sent {result.sent}, skipped {result.skipped}"
