"""Calendar feeds: a user's secret address with the deadlines and meetings of exactly what
they see, a partnership's for its body's staff; stable UIDs, a link back, Swedish summaries,
a window around today, a constant number of queries; a renewed address stops the old one."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from feeds.models import CalendarFeed
from feeds.services import feed_renew
from finance.models import BudgetPeriod, Payment
from governance.models import Group, Meeting
from organisations.models import Membership
from partnerships.constants import Status
from tests.factories import OrganisationFactory, PartnershipFactory
from tests.test_query_budgets import Register

pytestmark = pytest.mark.django_db


def _period(partnership, start):
    return BudgetPeriod.objects.create(
        partnership=partnership,
        start=start,
        end=start + datetime.timedelta(days=364),
        label=str(start.year),
    )


def _payment(partnership, organisation, period, due):
    return Payment.objects.create(
        partnership=partnership,
        party=partnership.parties.get(organisation=organisation),
        period=period,
        due_date=due,
        covers_from=due,
        covers_to=due + datetime.timedelta(days=90),
        amount=Decimal(1000),
    )


class Setting:
    """Stockholm's partnership with Bris and Rädda Barnen (a payment to each, a steering group
    that met), and Uppsala's with Bris (a payment, a meeting)."""

    def __init__(self, public_body, other_body, organisation):
        today = timezone.localdate()
        self.today = today
        start = today - datetime.timedelta(days=100)
        self.radda = OrganisationFactory(name="Rädda Barnen")
        self.partnership = PartnershipFactory(
            public_body=public_body,
            title="Stödgrupper",
            organisations=[organisation, self.radda],
            status=Status.ACTIVE,
            start_date=start,
            end_date=start + datetime.timedelta(days=729),
        )
        period = _period(self.partnership, start)
        self.bris_payment = _payment(
            self.partnership, organisation, period, today + datetime.timedelta(days=10)
        )
        self.radda_payment = _payment(
            self.partnership, self.radda, period, today + datetime.timedelta(days=20)
        )
        # Outside the window: an open payment long overdue.
        self.old_payment = _payment(
            self.partnership, organisation, period, today - datetime.timedelta(days=200)
        )
        group = Group.objects.create(
            partnership=self.partnership, kind="steering", meeting_interval_days=91
        )
        self.meeting = Meeting.objects.create(
            group=group, date=today - datetime.timedelta(days=5), agenda="Budgeten"
        )
        self.other = PartnershipFactory(
            public_body=other_body,
            title="Uppsalas partnerskap",
            organisations=[organisation],
            status=Status.ACTIVE,
            start_date=start,
            end_date=start + datetime.timedelta(days=729),
        )
        other_period = _period(self.other, start)
        self.other_payment = _payment(
            self.other, organisation, other_period, today + datetime.timedelta(days=10)
        )
        other_group = Group.objects.create(
            partnership=self.other, kind="steering", meeting_interval_days=91
        )
        self.other_meeting = Meeting.objects.create(
            group=other_group, date=today - datetime.timedelta(days=5)
        )


@pytest.fixture
def setting(public_body, other_body, organisation):
    return Setting(public_body, other_body, organisation)


def _secret_from(response) -> str:
    assert response.status_code == 200
    found = re.search(r"/calendar/([A-Za-z0-9_-]+)\.ics", response.content.decode())
    assert found, "the new address is shown"
    return found.group(1)


def _get_feed(secret):
    return Client().get(reverse("feeds:feed", args=[secret]))


def _events(secret) -> dict:
    response = _get_feed(secret)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_staff_feed_holds_the_bodys_deadlines_and_meetings_only(client, official, setting):
    client.force_login(official)
    secret = _secret_from(client.post(reverse("feeds:renew_mine")))
    events = _events(secret)
    uids = set(events)
    assert f"payment-{setting.bris_payment.pk}@testserver" in uids
    assert f"payment-{setting.radda_payment.pk}@testserver" in uids
    assert f"meeting-{setting.meeting.pk}@testserver" in uids
    assert f"period-end-{setting.partnership.pk}@testserver" in uids
    # The other body's payment and meeting are not this official's.
    assert f"payment-{setting.other_payment.pk}@testserver" not in uids
    assert f"meeting-{setting.other_meeting.pk}@testserver" not in uids
    assert not any(str(setting.other.pk) in uid and "period-end" in uid for uid in uids)
    # The window: a payment overdue for 200 days is behind it.
    assert f"payment-{setting.old_payment.pk}@testserver" not in uids

    payment = events[f"payment-{setting.bris_payment.pk}@testserver"]
    assert payment.decoded("DTSTART") == setting.bris_payment.due_date  # an all-day event
    assert payment.decoded("DTEND") == setting.bris_payment.due_date + datetime.timedelta(days=1)
    assert str(payment["SUMMARY"]).startswith("Utbetalning: Bris, 1\xa0000\xa0kr")
    assert str(payment["URL"]) == "http://testserver" + reverse(
        "finance:payment", args=[setting.bris_payment.pk]
    )
    assert "DTSTAMP" in payment
    meeting = events[f"meeting-{setting.meeting.pk}@testserver"]
    assert str(meeting["SUMMARY"]) == "Styrgrupp sammanträder: Stödgrupper"
    assert str(meeting["URL"]).endswith(reverse("governance:meeting", args=[setting.meeting.pk]))


def test_the_feed_is_swedish_whatever_the_request_language(official, setting):
    _feed, secret = feed_renew(user=official)
    with translation.override("en"):
        events = _events(secret)
    period_end = events[f"period-end-{setting.partnership.pk}@testserver"]
    assert str(period_end["SUMMARY"]).startswith("Perioden slutar: ")


def test_uids_are_stable_across_requests(official, setting):
    _feed, secret = feed_renew(user=official)
    first = _events(secret)
    second = _events(secret)
    assert set(first) == set(second)
    assert len(first) >= 4


def test_representative_sees_their_own_organisations_part(representative, setting):
    _feed, secret = feed_renew(user=representative)
    uids = set(_events(secret))
    assert f"payment-{setting.bris_payment.pk}@testserver" in uids
    assert f"meeting-{setting.meeting.pk}@testserver" in uids
    # Rädda Barnen's payment in the same partnership is not Bris's; Uppsala did not invite
    # this representative, so nothing of Uppsala's partnership.
    assert f"payment-{setting.radda_payment.pk}@testserver" not in uids
    assert f"payment-{setting.other_payment.pk}@testserver" not in uids
    assert f"meeting-{setting.other_meeting.pk}@testserver" not in uids
    # The administration's own work is not the organisation's.
    assert not any(uid.startswith(("extension-decision-", "compilation-")) for uid in uids)


def test_other_bodys_official_sees_their_own_body_only(other_official, setting):
    _feed, secret = feed_renew(user=other_official)
    uids = set(_events(secret))
    assert f"payment-{setting.other_payment.pk}@testserver" in uids
    assert f"meeting-{setting.other_meeting.pk}@testserver" in uids
    assert f"payment-{setting.bris_payment.pk}@testserver" not in uids
    assert f"meeting-{setting.meeting.pk}@testserver" not in uids


def test_a_renewed_address_stops_the_old_one(client, official, setting):
    client.force_login(official)
    old = _secret_from(client.post(reverse("feeds:renew_mine")))
    assert _get_feed(old).status_code == 200
    new = _secret_from(client.post(reverse("feeds:renew_mine")))
    assert new != old
    assert _get_feed(old).status_code == 404
    assert _get_feed(new).status_code == 200
    assert CalendarFeed.objects.count() == 1
    # The page shows the address in force, and only that one.
    page = client.get(reverse("accounts:me")).content.decode()
    assert new in page and old not in page


def test_the_database_alone_does_not_give_the_address(official, setting):
    feed, secret = feed_renew(user=official)
    feed.refresh_from_db()
    stored = " ".join(str(value) for value in CalendarFeed.objects.values_list().get())
    assert secret not in stored
    # The stored nonce is not an address, nor is a nonce with a made-up HMAC.
    assert _get_feed(feed.nonce).status_code == 404
    assert _get_feed(feed.nonce + "0" * 64).status_code == 404
    assert _get_feed(secret).status_code == 200


def test_unknown_address_and_inactive_user_are_404(official, setting):
    assert _get_feed("nothing-like-a-secret").status_code == 404
    _feed, secret = feed_renew(user=official)
    official.is_active = False
    official.save(update_fields=["is_active"])
    assert _get_feed(secret).status_code == 404


def test_my_account_shows_the_calendar_and_the_dashboard_links_it(client, official):
    client.force_login(official)
    page = client.get(reverse("accounts:me")).content.decode()
    assert 'id="calendar"' in page
    assert reverse("feeds:renew_mine") in page
    assert "Du har ingen kalenderadress ännu." in page
    feed_renew(user=official)
    page = client.get(reverse("accounts:me")).content.decode()
    assert "Skapa en ny kalenderadress" in page
    dashboard = client.get(reverse("governance:dashboard")).content.decode()
    assert reverse("accounts:me") + "#calendar" in dashboard


def test_partnership_feed_by_the_bodys_administrator(client, administrator, setting):
    client.force_login(administrator)
    page = client.get(reverse("partnerships:detail", args=[setting.partnership.pk]))
    renew = reverse("feeds:renew_partnership", args=[setting.partnership.pk])
    assert renew in page.content.decode()
    secret = _secret_from(
        client.post(reverse("feeds:renew_partnership", args=[setting.partnership.pk]))
    )
    uids = set(_events(secret))
    # The body's staff's view of this partnership: every organisation's payment.
    assert f"payment-{setting.bris_payment.pk}@testserver" in uids
    assert f"payment-{setting.radda_payment.pk}@testserver" in uids
    assert f"meeting-{setting.meeting.pk}@testserver" in uids
    assert f"extension-decision-{setting.partnership.pk}@testserver" not in uids  # not extendable
    assert f"payment-{setting.other_payment.pk}@testserver" not in uids
    assert f"meeting-{setting.other_meeting.pk}@testserver" not in uids
    # Renewed: the old address is a 404.
    client.post(reverse("feeds:renew_partnership", args=[setting.partnership.pk]))
    assert _get_feed(secret).status_code == 404


def test_partnership_feed_only_for_its_bodys_staff(
    client, official, other_administrator, representative, setting
):
    url = reverse("feeds:renew_partnership", args=[setting.partnership.pk])
    client.force_login(official)
    page = client.get(reverse("partnerships:detail", args=[setting.partnership.pk]))
    assert 'id="calendar"' in page.content.decode()  # the official sees the section
    assert url not in page.content.decode()  # but only an administrator renews
    assert client.post(url).status_code == 403
    client.force_login(other_administrator)
    assert client.post(url).status_code == 404
    client.force_login(representative)
    page = client.get(reverse("partnerships:detail", args=[setting.partnership.pk]))
    assert 'id="calendar"' not in page.content.decode()
    assert client.post(url).status_code == 404
    assert not CalendarFeed.objects.exists()


def _feed_queries(secret) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("feeds:feed", args=[secret]))
    assert response.status_code == 200
    return len(captured), len(Calendar.from_ical(response.content).walk("VEVENT"))


@pytest.mark.parametrize("whose", ["official", "representative", "partnership"])
def test_a_feed_costs_the_same_queries_with_3_and_30_partnerships(
    whose, public_body, administrator, official, representative, organisation
):
    register = Register(public_body, organisation, administrator)
    register.add(3)
    if whose == "official":
        _feed, secret = feed_renew(user=official)
    elif whose == "representative":
        Membership.objects.filter(user=representative).update(organisation=organisation)
        _feed, secret = feed_renew(user=representative)
    else:
        _feed, secret = feed_renew(user=administrator, partnership=register.partnership)
    few, few_events = _feed_queries(secret)
    register.add(27)
    many, many_events = _feed_queries(secret)
    assert few == many
    if whose != "partnership":
        assert many_events > few_events
