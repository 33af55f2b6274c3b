"""Reminder e-mails N days before an account or activity report is due. Each item, recipient
and day is recorded (ReminderSent), so running the command twice a day sends nothing twice."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from organisations.models import Membership
from portal.constants import DeadlineKind
from portal.models import ReminderSent
from portal.selectors import open_deadlines


@dataclass
class ReminderResult:
    sent: int = 0
    skipped: int = 0


def _recipients(item, by_organisation: dict[tuple[int, int], list]) -> list:
    """The representatives the partnership's body invited for the organisation(s) concerned."""
    body = item.partnership.public_body_id
    if item.kind == DeadlineKind.ACCOUNT:
        return by_organisation.get((item.party.organisation_id, body), [])
    users = []
    for party in item.partnership.parties.all():
        users.extend(by_organisation.get((party.organisation_id, body), []))
    return list({user.pk: user for user in users}.values())


def reminders_send(*, days: int, today: datetime.date, base_url: str = "") -> ReminderResult:
    """Remind the organisations' representatives of every item due exactly `days` days from
    `today` that is not yet handed in."""
    result = ReminderResult()
    due = today + datetime.timedelta(days=days)
    items = [item for item in open_deadlines(due_by=due) if item.due == due]
    if not items:
        return result
    representatives = (
        Membership.objects.representatives()
        .filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "user__email", "organisation_id", "body_id")
    )
    by_organisation: dict[tuple[int, int], list] = {}
    for pk, email, organisation_id, body_id in representatives:
        by_organisation.setdefault((organisation_id, body_id), []).append(_Recipient(pk, email))
    for item in items:
        for user in _recipients(item, by_organisation):
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        item=item.key, due_on=item.due, user_id=user.pk, sent_on=today
                    )
                    context = {"item": item, "days": days, "base_url": base_url}
                    send_mail(
                        subject=render_to_string(
                            "portal/email/reminder_subject.txt", context
                        ).strip(),
                        message=render_to_string("portal/email/reminder.txt", context),
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        recipient_list=[user.email],
                    )
            except IntegrityError:
                result.skipped += 1
                continue
            result.sent += 1
    return result


@dataclass(frozen=True)
class _Recipient:
    pk: int
    email: str
