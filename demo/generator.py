"""Realistic, seeded, reproducible data at the scale of a country, for the benchmark.

Rows are built in Python from one random generator and written with bulk inserts, in the order
of their foreign keys; the same seed and scale give the same register. The services are not
used: they check and record every step one row at a time, which is what a generator at this
scale must not do. What the generator writes obeys the same rules (one public party, one
appendix in force per party, payments summing to the budget, statuses that follow the dates).
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from stdnum import luhn

from finance.constants import PaymentStatus
from finance.models import Budget, BudgetLine, BudgetPeriod, FinanceTerms, Payment
from governance.models import Group, Meeting
from organisations.constants import LegalForm, Role, Sector
from organisations.models import Membership, Organisation
from partnerships.constants import AppendixStatus, Status
from partnerships.models import Appendix, Partnership, Party
from portal.constants import AccountStatus, ReportKind, ReportStatus
from portal.models import ActivityReport, AnnualAccount
from portal.selectors import REPORTING_STATUSES

BATCH = 5000
PASSWORD = "iop-bench-2017"


@dataclass(frozen=True)
class Scale:
    bodies: int
    organisations: int
    partnerships: int
    # The largest body's share of the partnerships (the "one body holding 1 054").
    big_body_partnerships: int
    # How many partnerships the busiest organisation is party to.
    busiest_organisation: int


SCALES = {
    "tiny": Scale(
        bodies=3,
        organisations=40,
        partnerships=30,
        big_body_partnerships=12,
        busiest_organisation=8,
    ),
    "small": Scale(
        bodies=20,
        organisations=1000,
        partnerships=500,
        big_body_partnerships=100,
        busiest_organisation=20,
    ),
    "national": Scale(
        bodies=300,
        organisations=20000,
        partnerships=10000,
        big_body_partnerships=1054,
        busiest_organisation=80,
    ),
}

MUNICIPALITIES = [
    "Stockholm",
    "Göteborg",
    "Malmö",
    "Uppsala",
    "Linköping",
    "Örebro",
    "Västerås",
    "Helsingborg",
    "Norrköping",
    "Jönköping",
    "Umeå",
    "Lund",
    "Borås",
    "Huddinge",
    "Eskilstuna",
    "Nacka",
    "Gävle",
    "Halmstad",
    "Södertälje",
    "Sundsvall",
    "Karlstad",
    "Växjö",
    "Botkyrka",
    "Kristianstad",
    "Kungsbacka",
    "Luleå",
    "Solna",
    "Järfälla",
    "Haninge",
    "Skellefteå",
    "Kalmar",
    "Varberg",
    "Östersund",
    "Trollhättan",
    "Norrtälje",
    "Uddevalla",
    "Falun",
    "Täby",
    "Borlänge",
    "Lidingö",
]
ACTIVITIES = (
    "Stödgrupper för barn",
    "Läxhjälp",
    "Härbärge",
    "Nattvandring",
    "Mötesplats för äldre",
    "Stöd till våldsutsatta",
    "Språkcafé",
    "Jobbcoachning",
    "Fritidsgård",
    "Matutdelning",
    "Stöd till ensamkommande",
    "Anhörigstöd",
    "Brottsofferstöd",
    "Kvinnojour",
    "Tjejjour",
    "Stöd vid psykisk ohälsa",
    "Idrott för alla",
    "Sommarkollo",
    "Mentorskap",
    "Boendestöd",
)
TARGETS = (
    "barn 7–12 år",
    "unga 13–25 år",
    "äldre",
    "utsatta EU-medborgare",
    "nyanlända",
    "familjer",
    "kvinnor",
    "personer i hemlöshet",
)
ORG_KINDS = (
    ("Föreningen", LegalForm.NON_PROFIT_ASSOCIATION),
    ("Stiftelsen", LegalForm.FOUNDATION),
    ("Församlingen", LegalForm.RELIGIOUS_COMMUNITY),
    ("Kooperativet", LegalForm.ECONOMIC_ASSOCIATION),
)
ORG_WORDS = [
    "Gemenskap",
    "Framtid",
    "Trygghet",
    "Hopp",
    "Vänskap",
    "Bryggan",
    "Kompassen",
    "Ankaret",
    "Fyren",
    "Solrosen",
    "Eken",
    "Linden",
    "Stegen",
    "Nätverket",
    "Hemmet",
    "Källan",
    "Vägen",
    "Ljuset",
    "Bron",
    "Hamnen",
    "Ekot",
    "Spåret",
    "Navet",
    "Gläntan",
]
BUDGET_LINES = ("Personal", "Lokaler", "Material", "Resekostnader")


def _org_number(prefix: str, n: int) -> str:
    body = f"{prefix}{n:07d}"[-9:]
    return body + luhn.calc_check_digit(body)


def _bulk(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _quarters(start: datetime.date, end: datetime.date):
    """(from, to) for each quarter of the period, the last one cut at its end."""
    current = start
    while current <= end:
        month = current.month + 3
        following = datetime.date(current.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        following = min(following, end + datetime.timedelta(days=1))
        yield current, following - datetime.timedelta(days=1)
        current = following


def _years(start: datetime.date, end: datetime.date):
    current = start
    while current <= end:
        try:
            following = current.replace(year=current.year + 1)
        except ValueError:  # 29 February
            following = current.replace(year=current.year + 1, day=28)
        yield current, min(following - datetime.timedelta(days=1), end)
        current = following


class Generator:
    def __init__(self, *, scale: Scale, seed: int, today: datetime.date, out=None):
        self.scale = scale
        self.random = random.Random(seed)
        self.today = today
        self.out = out
        self.counts: dict[str, int] = {}

    def say(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text)

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            self.users()
            self.organisations()
            self.partnerships()
            self.parties_and_appendices()
            self.money()
            self.governance()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return self.counts

    # --- people and organisations --------------------------------------------------------

    def users(self) -> None:
        User = get_user_model()
        if User.objects.filter(username="bench-admin").exists():
            raise ValueError("The database already holds generated data (user bench-admin).")
        template = User(username="x")
        template.set_password(PASSWORD)
        names = ("bench-admin", "bench-official", "bench-rep", "bench-root")
        self.user_objects = _bulk(
            User,
            [
                User(
                    username=name,
                    password=template.password,
                    first_name="Bench",
                    last_name=name.split("-")[1].capitalize(),
                    email=f"{name}@example.org",
                    is_superuser=name == "bench-root",
                    is_staff=name == "bench-root",
                )
                for name in names
            ],
        )
        self.users_by_name = {
            user.username: user for user in User.objects.filter(username__in=names)
        }
        self.counts["users"] = len(names)

    def organisations(self) -> None:
        rng, scale = self.random, self.scale
        municipalities = [f"{MUNICIPALITIES[i % len(MUNICIPALITIES)]}" for i in range(scale.bodies)]
        bodies = [
            Organisation(
                name=f"Socialförvaltningen, {name} kommun"
                + (f" {i // len(MUNICIPALITIES) + 1}" if i >= len(MUNICIPALITIES) else ""),
                org_number=_org_number("212", i + 1),
                sector=Sector.PUBLIC,
                legal_form=LegalForm.MUNICIPALITY,
                city=name,
            )
            for i, name in enumerate(municipalities)
        ]
        organisations = []
        for i in range(scale.organisations):
            prefix, form = rng.choice(ORG_KINDS)
            city = rng.choice(MUNICIPALITIES)
            organisations.append(
                Organisation(
                    name=f"{prefix} {rng.choice(ORG_WORDS)} {city} {i + 1}",
                    org_number=_org_number("80", i + 1),
                    sector=Sector.IDEA_BASED,
                    legal_form=form,
                    city=city,
                    postal_code=f"{rng.randint(100, 999)} {rng.randint(10, 99)}",
                    street_address=f"{rng.choice(ORG_WORDS)}gatan {rng.randint(1, 80)}",
                )
            )
        self.bodies = _bulk(Organisation, bodies)
        self.idea_based = _bulk(Organisation, organisations)
        users = self.users_by_name
        _bulk(
            Membership,
            [
                Membership(
                    user=users["bench-admin"], organisation=self.bodies[0], role=Role.ADMINISTRATOR
                ),
                Membership(
                    user=users["bench-official"], organisation=self.bodies[0], role=Role.OFFICIAL
                ),
                Membership(
                    user=users["bench-rep"],
                    organisation=self.idea_based[0],
                    role=Role.REPRESENTATIVE,
                    body=self.bodies[0],
                ),
            ],
        )
        self.counts["public bodies"] = len(bodies)
        self.counts["organisations"] = len(bodies) + len(organisations)
        self.say(f"organisations: {self.counts['organisations']}\n")

    # --- partnerships --------------------------------------------------------------------

    def partnerships(self) -> None:
        rng, scale = self.random, self.scale
        others = scale.partnerships - scale.big_body_partnerships
        owners = [self.bodies[0]] * scale.big_body_partnerships + [
            self.bodies[1 + i % (len(self.bodies) - 1)] for i in range(others)
        ]
        first_year = self.today.year - 10
        rows = []
        for i, body in enumerate(owners):
            start = datetime.date(
                rng.randint(first_year, self.today.year), rng.choice((1, 5, 9)), 1
            )
            years = rng.randint(3, 10)
            end = datetime.date(start.year + years, start.month, 1) - datetime.timedelta(days=1)
            if end < self.today:
                status = rng.choice((Status.ENDED,) * 9 + (Status.TERMINATED,))
            elif start <= self.today:
                status = Status.ACTIVE
            else:
                status = rng.choice((Status.DRAFT, Status.PROPOSED, Status.DECIDED, Status.SIGNED))
            decided = status not in (Status.DRAFT, Status.PROPOSED)
            activity, target = rng.choice(ACTIVITIES), rng.choice(TARGETS)
            rows.append(
                Partnership(
                    public_body=body,
                    title=f"{activity} för {target} {i + 1}",
                    registry_number=f"{rng.randint(1, 9)}.{rng.randint(1, 9)}-{i + 1}/"
                    f"{start.year - 1}",
                    purpose=f"Att tillsammans erbjuda {activity.lower()} för {target}.",
                    goal="Att fler i målgruppen får stöd i tid.",
                    target_group=target.capitalize() + ".",
                    start_date=start,
                    end_date=end,
                    latest_end_date=end.replace(year=end.year + 2) if rng.random() < 0.2 else None,
                    status=status,
                    decided_on=start - datetime.timedelta(days=45) if decided else None,
                    decision_paragraph=f"§ {rng.randint(1, 40)}" if decided else "",
                )
            )
        self.partnership_objects = _bulk(Partnership, rows)
        _bulk(FinanceTerms, [FinanceTerms(partnership=p) for p in self.partnership_objects])
        self.counts["partnerships"] = len(rows)
        self.say(f"partnerships: {len(rows)}\n")

    def parties_and_appendices(self) -> None:
        rng, scale = self.random, self.scale
        busiest = self.idea_based[0]
        # The busiest organisation is party to this many of the big body's partnerships.
        busy = set(range(scale.busiest_organisation))
        six_party = scale.big_body_partnerships - 1  # the big body's last: 6 parties
        parties, appendices = [], []
        pool = self.idea_based[1:]
        for index, partnership in enumerate(self.partnership_objects):
            parties.append(
                Party(
                    partnership=partnership,
                    organisation=partnership.public_body,
                    is_public=True,
                    joined_on=partnership.start_date,
                )
            )
            count = 5 if index == six_party else rng.choice((1, 2, 2, 2, 3))
            chosen = rng.sample(pool, count)
            if index in busy:
                chosen[0] = busiest
            for organisation in chosen:
                parties.append(
                    Party(
                        partnership=partnership,
                        organisation=organisation,
                        joined_on=partnership.start_date,
                    )
                )
        self.party_objects = _bulk(Party, parties)
        number_in_partnership: dict[int, int] = {}
        for party in self.party_objects:
            n = number_in_partnership.get(party.partnership_id, 0) + 1
            number_in_partnership[party.partnership_id] = n
            appendices.append(
                Appendix(
                    party=party,
                    number=f"2.{n}",
                    title=f"Åtaganden för {party.organisation.name}",
                    commitments="Genomföra verksamheten enligt överenskommelsen och "
                    "redovisa den årligen.",
                    valid_from=party.joined_on,
                    status=AppendixStatus.CURRENT,
                )
            )
        self.appendix_objects = _bulk(Appendix, appendices)
        self.counts["parties"] = len(parties)
        self.counts["appendices"] = len(appendices)
        self.say(f"parties: {len(parties)}, appendices: {len(appendices)}\n")

    # --- money ---------------------------------------------------------------------------

    def money(self) -> None:
        rng = self.random
        partnerships = {p.pk: p for p in self.partnership_objects}
        periods = []
        for partnership in self.partnership_objects:
            for start, end in _years(partnership.start_date, partnership.end_date):
                periods.append(
                    BudgetPeriod(
                        partnership=partnership,
                        start=start,
                        end=end,
                        label=f"{start:%Y-%m-%d} – {end:%Y-%m-%d}",
                    )
                )
        period_objects = _bulk(BudgetPeriod, periods)
        periods_of: dict[int, list] = {}
        for period in period_objects:
            periods_of.setdefault(period.partnership_id, []).append(period)
        party_of_appendix = {party.pk: party for party in self.party_objects}
        budgets, lines, payments, accounts = [], [], [], []
        totals = dict.fromkeys(("budgets", "budget lines", "payments"), 0)

        def flush(final=False):
            # In chunks, so memory does not grow with the number of payments.
            if len(payments) >= 50_000 or final:
                _bulk(Payment, payments)
                totals["payments"] += len(payments)
                payments.clear()
            if len(budgets) >= 20_000 or final:
                _bulk(Budget, budgets)
                _bulk(BudgetLine, [BudgetLine(budget=b, category=c, amount=a) for b, c, a in lines])
                totals["budgets"] += len(budgets)
                totals["budget lines"] += len(lines)
                budgets.clear()
                lines.clear()

        approver = self.users_by_name["bench-admin"]
        for appendix in self.appendix_objects:
            party = party_of_appendix[appendix.party_id]
            if party.is_public:
                continue
            partnership = partnerships[party.partnership_id]
            yearly = Decimal(rng.randrange(200_000, 3_000_000, 1000))
            for period in periods_of[partnership.pk]:
                total = (yearly * period.days / 365).quantize(Decimal("1"))
                budget = Budget(appendix=appendix, period=period, total=total)
                budgets.append(budget)
                first = (total * Decimal("0.8")).quantize(Decimal("1"))
                second = (total * Decimal("0.1")).quantize(Decimal("1"))
                lines.append((budget, BUDGET_LINES[0], first))
                lines.append((budget, BUDGET_LINES[1], second))
                lines.append((budget, BUDGET_LINES[2], total - first - second))
                quarters = list(_quarters(period.start, period.end))
                each = (total / len(quarters)).quantize(Decimal("0.01"))
                for n, (covers_from, covers_to) in enumerate(quarters):
                    amount = each if n < len(quarters) - 1 else total - each * (len(quarters) - 1)
                    due = covers_from
                    if partnership.status in (Status.DRAFT, Status.PROPOSED, Status.DECIDED):
                        status, paid_on = PaymentStatus.PLANNED, None
                    elif due < self.today - datetime.timedelta(days=10):
                        status, paid_on = PaymentStatus.PAID, due
                    elif due < self.today + datetime.timedelta(days=20):
                        status, paid_on = PaymentStatus.APPROVED, None
                    else:
                        status, paid_on = PaymentStatus.PLANNED, None
                    if partnership.status == Status.TERMINATED and status != PaymentStatus.PAID:
                        status = PaymentStatus.STOPPED
                    payments.append(
                        Payment(
                            partnership=partnership,
                            party=party,
                            period=period,
                            due_date=due,
                            covers_from=covers_from,
                            covers_to=covers_to,
                            amount=amount,
                            status=status,
                            paid_on=paid_on,
                            approved_by=approver if status in ("approved", "paid") else None,
                        )
                    )
                if period.end < self.today and rng.random() < 0.9:
                    accounts.append(
                        AnnualAccount(
                            party=party,
                            period=period,
                            status=rng.choice(
                                (AccountStatus.APPROVED,) * 6
                                + (AccountStatus.SUBMITTED, AccountStatus.DRAFT)
                            ),
                            own_money=Decimal(rng.randrange(0, 200_000, 1000)),
                            narrative="Verksamheten genomfördes enligt plan.",
                        )
                    )
            flush()
        flush(final=True)
        _bulk(AnnualAccount, accounts)
        reports = self.activity_reports(partnerships, periods_of)
        self.counts.update(
            {
                "budget periods": len(periods),
                **totals,
                "annual accounts": len(accounts),
                "activity reports": reports,
            }
        )
        self.say(f"payments: {totals['payments']}, annual accounts: {len(accounts)}\n")

    def activity_reports(self, partnerships, periods_of) -> int:
        """Most half-year and yearly reports of past contract years handed in, as in a
        register that is used: what is left is the work queue of the dashboard."""
        rng = self.random
        reporter = self.users_by_name["bench-rep"]
        first_party = {}
        for party in self.party_objects:
            if not party.is_public:
                first_party.setdefault(party.partnership_id, party)
        reports = []
        for partnership_id, party in first_party.items():
            partnership = partnerships[partnership_id]
            if partnership.status not in REPORTING_STATUSES:
                continue
            for period in periods_of[partnership_id]:
                half_way = period.start + (period.end - period.start) / 2
                for kind, due in ((ReportKind.HALF_YEAR, half_way), (ReportKind.YEAR, period.end)):
                    if due >= self.today or rng.random() >= 0.9:
                        continue
                    reports.append(
                        ActivityReport(
                            partnership=partnership,
                            period=period,
                            kind=kind,
                            organisation_id=party.organisation_id,
                            status=ReportStatus.SUBMITTED,
                            submitted_at=timezone.make_aware(
                                datetime.datetime.combine(due, datetime.time(12))
                            ),
                            submitted_by=reporter,
                            created_by=reporter,
                        )
                    )
        _bulk(ActivityReport, reports)
        return len(reports)

    # --- governance ----------------------------------------------------------------------

    def governance(self) -> None:
        rng = self.random
        groups = []
        for partnership in self.partnership_objects:
            groups.append(Group(partnership=partnership, kind="steering", meeting_interval_days=91))
            if rng.random() < 0.3:
                groups.append(
                    Group(partnership=partnership, kind="cooperation", meeting_interval_days=30)
                )
        group_objects = _bulk(Group, groups)
        partnerships = {p.pk: p for p in self.partnership_objects}
        meetings = []
        for group in group_objects:
            partnership = partnerships[group.partnership_id]
            last = min(partnership.end_date, self.today)
            day = partnership.start_date
            step = datetime.timedelta(days=group.meeting_interval_days)
            held = 0
            # Two years of meetings at most, from the start: about 60 000 in the country.
            while day <= last and held < (4 if group.kind == "steering" else 10):
                meetings.append(Meeting(group=group, date=day, minutes="Protokoll fört."))
                day += step
                held += 1
        _bulk(Meeting, meetings)
        self.counts["groups"] = len(groups)
        self.counts["meetings"] = len(meetings)
        self.say(f"groups: {len(groups)}, meetings: {len(meetings)}\n")
