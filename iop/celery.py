"""The Celery application: the broker is Redis (CELERY_BROKER_URL); the worker runs the jobs
of every app and the scheduler (celery beat) the daily reminders.

    celery -A iop worker -l info
    celery -A iop beat -l info
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")

app = Celery("iop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    "daily-reminders": {
        "task": "portal.send_daily_reminders",
        # 06:15 in Europe/Stockholm (CELERY_TIMEZONE).
        "schedule": crontab(hour=6, minute=15),
    },
}
