"""Seed 002 (humanitarian support to vulnerable EU citizens) as an agreement snapshot, for the
benchmark and for looking at the layout without a database. The budget amounts are
illustrative: seed 002 sets them per appendix without printing them."""

from demo import seed_data
from partnerships.models import Partnership
from reporting.models import DecisionMemo
from reporting.services.memos import memo_create, memo_prefill

PUBLIC_BODY = "Socialförvaltningen, Stockholms stad"
ORGANISATIONS = [
    ("Convictus", "802012-1581"),
    ("Filadelfiaförsamlingen", "802000-8713"),
    ("Frälsningsarmén", "802006-1688"),
    ("Ny Gemenskap", "802006-1019"),
    ("Stockholms stadsmission", "802003-1954"),
]


def seed_002_snapshot() -> dict:
    parties = [
        {
            "party_id": 1,
            "organisation_id": 1,
            "name": PUBLIC_BODY,
            "org_number": "",
            "city": "Stockholm",
            "is_public": True,
            "joined_on": "2017-05-01",
            "signatories": [{"name": "Gillis Hammar", "title": "Förvaltningschef"}],
            "appendix": None,
        }
    ]
    years = {
        "start": "2017-05-01",
        "end": "2018-04-30",
        "label": "2017/2018",
        "organisations": [],
        "total": "0.00",
    }
    total = 0
    for index, (name, number) in enumerate(ORGANISATIONS, start=2):
        amount = 1_000_000 + 100_000 * index
        total += amount
        parties.append(
            {
                "party_id": index,
                "organisation_id": index,
                "name": name,
                "org_number": number,
                "city": "Stockholm",
                "is_public": False,
                "joined_on": "2017-05-01",
                "signatories": [],
                "appendix": {
                    "id": index,
                    "number": f"2.{index - 1}",
                    "version": 1,
                    "title": "",
                    "commitments": f"{name} tillhandahåller basbehov och rådgivning för "
                    "målgruppen enligt partnerskapets syfte.",
                    "valid_from": "2017-05-01",
                    "resources": [
                        {"kind": "volunteers", "description": "Volontärinsatser", "amount": None}
                    ],
                },
            }
        )
        years["organisations"].append(
            {
                "organisation_id": index,
                "name": name,
                "appendix_number": f"2.{index - 1}",
                "lines": [{"label": "Ersättning", "amount": f"{amount}.00"}],
                "total": f"{amount}.00",
            }
        )
    years["total"] = f"{total}.00"
    return {
        "schema": 1,
        "partnership_id": 0,
        "title": "Humanitärt stöd för utsatta EU-medborgare",
        "registry_number": "156-139/2015",
        "public_body": {"id": 1, "name": PUBLIC_BODY, "org_number": ""},
        "background": (
            "Stockholms stad har tillsammans med den idéburna sektorn ingått en "
            "överenskommelse med det gemensamma målet att verka för en stad som präglas av "
            "respekt för mänskliga rättigheter och demokratiska principer.\n\n"
            "Vid kommunstyrelsens sammanträde den 28 januari 2015 beslutades ett flertal "
            "åtgärder med syfte att utveckla stödet till utsatta EU-medborgare."
        ),
        "purpose": "Att tillsammans verka för att utsatta EU-medborgare ges ett humanitärt stöd.",
        "goal": "Basbehov, viss rådgivning samt utvecklad samverkan och kunskapsinhämtning.",
        "target_group": (
            "EU-medborgare utan försörjning eller bostad i Sverige, som är socialt och "
            "ekonomiskt utsatta och som vistas tillfälligt i Stockholms stad."
        ),
        "shared_values": "",
        "activities": ["Basbehov", "Rådgivning", "Natthärbärge"],
        "start_date": "2017-05-01",
        "end_date": "2019-04-30",
        "latest_end_date": None,
        "decided_on": "2017-04-20",
        "decision_paragraph": "",
        "parties": parties,
        "finance": {
            "years": [years],
            "total": years["total"],
            "payment_frequency": "quarterly",
            "in_advance": True,
            "notice_months": 3,
            "cofinancing": [],
            "payments": [],
        },
    }


# Officials who signed the seed memos (000 and 004).
MEMO_OFFICIALS = {
    "DEMO-1/2016": ("Gillis Hammar", "Förvaltningschef", "Peter Svensson", "Administrativ chef"),
    "DEMO-2/2017": (
        "Veronica Wolgast Karlberg",
        "Tf förvaltningschef",
        "Peter Svensson",
        "Administrativ chef",
    ),
}


# What seed 004's memo says beyond the register: its gender-equality analysis and its optional
# points (the head of administration admits new organisations; the paragraph is adjusted at
# once). Seed 000 has neither.
MEMO_TEXTS = {
    "DEMO-2/2017": {
        "gender_analysis": "Andelen ensamkommande asylsökande flickor har ökat i Sverige, 2012 "
        "utgjorde flickor 16 procent och hittills 2017 är cirka 25 procent flickor. Bland barn "
        "under 13 år är 33 procent flickor.\n\n"
        "Den idéburna sektorns tidigare erfarenheter visar att det är svårare att nå flickor än "
        "pojkar. Drygt tio procent av de barn och ungdomar som nåtts av parternas verksamheter "
        "har hittills varit flickor. Parterna kommer inom partnerskapet att rikta information "
        "till flickorna på olika sätt, bland annat via sociala medier och genom olika nätverk.",
        "admits_new_organisations": True,
        "adjust_immediately": True,
    },
}


def load(*, stdout=None) -> None:
    """Demo data for load_demo_data: a prefilled decision memo for the seed partnerships that
    had one (000 for Bris, 004 for the unaccompanied minors). Idempotent."""
    body_name = seed_data.PUBLIC_BODY.get("name")
    created = 0
    for registry_number, officials in MEMO_OFFICIALS.items():
        partnership = Partnership.objects.filter(
            registry_number=registry_number, public_body__name=body_name
        ).first()
        if partnership is None or DecisionMemo.objects.filter(partnership=partnership).exists():
            continue
        fields = memo_prefill(partnership=partnership)
        fields.update(
            case_officer_name="Christina Grönberg",
            case_officer_phone="08-508 25 904",
            official_1_name=officials[0],
            official_1_title=officials[1],
            official_2_name=officials[2],
            official_2_title=officials[3],
            **MEMO_TEXTS.get(registry_number, {}),
        )
        memo_create(partnership=partnership, **fields)
        created += 1
    if stdout is not None:
        stdout.write(f"Reporting: {created} decision memo(s) prefilled from the partnerships.")
