"""The three seeded partnerships (seeds 000/001, 002, 004) built with factories, with their
budgets in the finance app."""

import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from bodies.models import BodySettings
from partnerships.constants import Status
from tests.factories import (
    AppendixFactory,
    OrganisationFactory,
    PartnershipFactory,
    ResourceFactory,
    SignatoryFactory,
)

EU_ORGANISATIONS = [
    ("Convictus", "8020121581"),
    ("Filadelfiaförsamlingen", "8020008713"),
    ("Frälsningsarmén", "8020061688"),
    ("Ny Gemenskap", "8020061019"),
    ("Stockholms stadsmission", "8020031954"),
]
MINORS_ORGANISATIONS = [
    ("Barnrättsbyrån", "8024906771"),
    ("Rädda Barnen", "8020028638"),
    ("Röda korset", "8020028711"),
    ("Stockholms stadsmission", "8020031954"),
]
BRIS_LINES = [
    ("Personal", Decimal("678833")),
    ("Material", Decimal("8000")),
    ("Mat och dryck", Decimal("15000")),
    ("Resekostnader", Decimal("10000")),
]


def pdf_text(content: bytes) -> str:
    """All text of a PDF, with every run of whitespace (line breaks, non-breaking spaces)
    made one ordinary space."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def add_budget(partnership, appendix, periods_and_lines, *, frequency="quarterly", notice=3):
    from finance.models import Budget, BudgetLine, BudgetPeriod, FinanceTerms

    FinanceTerms.objects.get_or_create(
        partnership=partnership,
        defaults={"payment_frequency": frequency, "notice_months": notice},
    )
    for (start, end), lines in periods_and_lines:
        period, _ = BudgetPeriod.objects.get_or_create(
            partnership=partnership, start=start, defaults={"end": end, "label": f"{start:%Y}"}
        )
        budget = Budget.objects.create(
            appendix=appendix, period=period, total=sum(amount for _l, amount in lines)
        )
        for label, amount in lines:
            BudgetLine.objects.create(budget=budget, category=label, amount=amount)


def _organisation(name, number):
    """Stockholms stadsmission is party to both seed 002 and seed 004: one organisation."""
    from organisations.models import Organisation

    return Organisation.objects.filter(org_number=number).first() or OrganisationFactory(
        name=name, org_number=number
    )


def _appendices(partnership):
    result = {}
    for index, party in enumerate(partnership.parties.order_by("-is_public", "pk"), start=1):
        result[party.organisation.name] = AppendixFactory(
            party=party,
            number=f"2.{index}",
            commitments=f"{party.organisation.name} åtar sig att bidra till partnerskapet.",
        )
    return result


@pytest.fixture
def bris_org(db):
    # Bris's organisation number is not in the seeds: left empty, as the demo data does.
    return OrganisationFactory(name="Bris (Barnens rätt i samhället)", org_number=None)


@pytest.fixture
def bris(public_body, bris_org):
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[bris_org],
        title="Stödgrupper för barn placerade i familjehem",
        registry_number="3.1-123/2016",
        start_date=datetime.date(2017, 1, 1),
        end_date=datetime.date(2018, 12, 31),
        status=Status.DECIDED,
        decided_on=datetime.date(2016, 12, 15),
        decision_paragraph="§ 12",
    )
    appendices = _appendices(partnership)
    ResourceFactory(appendix=appendices[bris_org.name], kind="premises", description="Lokal")
    add_budget(
        partnership,
        appendices[bris_org.name],
        [
            ((datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)), BRIS_LINES),
            ((datetime.date(2018, 1, 1), datetime.date(2018, 12, 31)), BRIS_LINES),
        ],
    )
    return partnership


@pytest.fixture
def public_body(public_body):
    """Stockholm's social services, whose board is Socialnämnden (its own settings)."""
    BodySettings.objects.create(body=public_body, deciding_body="Socialnämnden")
    return public_body


@pytest.fixture
def eu(public_body):
    organisations = [_organisation(n, o) for n, o in EU_ORGANISATIONS]
    SignatoryFactory(
        relation__body=public_body,
        relation__organisation=public_body,
        name="Gillis Hammar",
        title="Förvaltningschef",
    )
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=organisations,
        title="Humanitärt stöd för utsatta EU-medborgare",
        registry_number="156-139/2015",
        start_date=datetime.date(2017, 5, 1),
        end_date=datetime.date(2019, 4, 30),
        status=Status.DECIDED,
        decided_on=datetime.date(2017, 4, 20),
        decision_paragraph="§ 7",
    )
    appendices = _appendices(partnership)
    for index, organisation in enumerate(organisations):
        add_budget(
            partnership,
            appendices[organisation.name],
            [
                (
                    (datetime.date(2017, 5, 1), datetime.date(2018, 4, 30)),
                    [("Personal", Decimal(500000 + 10000 * index)), ("Lokal", Decimal(50000))],
                )
            ],
        )
    return partnership


@pytest.fixture
def minors(public_body):
    organisations = [_organisation(n, o) for n, o in MINORS_ORGANISATIONS]
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=organisations,
        title="Verksamhet för ensamkommande barn och unga",
        registry_number="3.1-456/2017",
        start_date=datetime.date(2017, 9, 1),
        end_date=datetime.date(2019, 8, 31),
        latest_end_date=datetime.date(2021, 8, 31),
        status=Status.DECIDED,
        decided_on=datetime.date(2017, 8, 24),
    )
    appendices = _appendices(partnership)
    first = (datetime.date(2017, 9, 1), datetime.date(2017, 12, 31))
    yearly = (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
    for organisation in organisations:
        add_budget(
            partnership,
            appendices[organisation.name],
            [
                (first, [("Ersättning", Decimal("385160"))]),
                (yearly, [("Ersättning", Decimal("1472230"))]),
            ],
        )
    return partnership


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def sign_all(version, user, *, on=datetime.date(2017, 5, 2)):
    from reporting.services.agreements import signature_record

    for party_id in version.party_ids:
        from partnerships.models import Party

        party = Party.objects.get(pk=party_id)
        signature_record(
            version=version,
            party=party,
            signed_by=f"Firmatecknare {party.organisation.name}",
            capacity="Ordförande",
            signed_on=on,
            user=user,
        )
    version.refresh_from_db()
    return version


def login(client, user):
    """Log a factory-made user in. UserFactory sets the password without saving it
    (skip_postgeneration_save), so the in-memory session hash would not match the database:
    re-read the user first."""
    user.refresh_from_db()
    client.force_login(user)
    return user
